import { describe, expect, it } from 'vitest';
import { foreignFrame, parseSite } from '../../../src/analyzers/commands/site';
import { parseFrameLine } from '../../../src/analyzers/commands/stack';
import { allStacks, runText } from '../../../src/analyzers/run';
import { analyze } from '../../../src/analyzers';

describe('LLDB and GDB frame lines', () => {
  it("reads LLDB's `bt` frames in WinDbg's spelling, the byte offset in hex", () => {
    expect(parseFrameLine('    frame #0: 0x00007fffe1f01ad4 ntdll.dll`NtWaitForSingleObject + 20', 4)).toMatchObject({
      index: 0,
      module: 'ntdll',
      symbol: 'NtWaitForSingleObject',
      offset: '0x14',
      site: 'ntdll!NtWaitForSingleObject+0x14',
      line: 4,
    });
    // The selected frame's star, a demangled return type and argument list, a frame without a symbol.
    expect(foreignFrame('  * frame #2: 0x00007fff359ac6c9 jvm.dll`long topLevelExceptionFilter(struct _EXCEPTION_POINTERS *) + 1502329')?.parts).toMatchObject({
      module: 'jvm',
      symbol: 'topLevelExceptionFilter',
      offset: '0x16ec79',
    });
    expect(foreignFrame('    frame #3: 0x00007fff3525ef7a jvm.dll')?.parts).toMatchObject({ module: 'jvm', symbol: null, site: 'jvm' });
    // A backtrace indented twice over (a code block inside a quoted comment).
    expect(foreignFrame('            frame #3: 0x00007fff3525ef7a jvm.dll')?.parts.module).toBe('jvm');
    // Cargo's hash after a test binary's name is not part of the module's name.
    expect(foreignFrame('    frame #10: 0x00007ff646faa413 jni_api-743509d72af9119f.exe`jni_api::main + 3')?.parts.module).toBe('jni_api');
  });

  it("reads GDB's `bt` frames: the module from the library's path, else the function alone", () => {
    expect(foreignFrame('#1  0x00007ffd2e3b1b2e in WaitForSingleObjectEx () from C:\\Windows\\System32\\KernelBase.dll')?.parts).toMatchObject({
      module: 'KernelBase',
      symbol: 'WaitForSingleObjectEx',
    });
    expect(foreignFrame('#0  0x00007ffd30a0d0c4 in ntdll!ZwWaitForSingleObject () from C:\\Windows\\SYSTEM32\\ntdll.dll')?.parts).toMatchObject({
      module: 'ntdll',
      symbol: 'ZwWaitForSingleObject',
    });
    expect(foreignFrame('#2  0x0000000000401634 in worker (arg=0x0) at main.c:12')?.parts).toMatchObject({ module: null, symbol: 'worker' });
  });

  it('takes no heading, list item or prose that starts with "#" for a frame', () => {
    for (const line of ['# Deadlock in the worker', '#1 is the best', '#12 (comment) something', '## frame #2 was wrong', 'see frame #2: it is odd']) {
      expect(parseFrameLine(line, 1), line).toBeNull();
    }
  });

  it('reads a pasted LLDB backtrace as one stack, and a thread waiting there as a hang', () => {
    const text = [
      "  thread #1, name = 'worker'",
      '    frame #0: 0x00007fffe1f01ad4 ntdll.dll`NtWaitForSingleObject + 20',
      '    frame #1: 0x00007fffdf60bc5f KernelBase.dll`WaitForSingleObjectEx + 175',
      '    frame #2: 0x00007ff646faa413 contoso_sync.exe`contoso_sync::Pool::join + 67',
      '    frame #3: 0x00007ff646fa1000 contoso_sync.exe`main + 20',
    ].join('\n');
    const stacks = allStacks(runText(text));
    expect(stacks).toHaveLength(1);
    expect(stacks[0]?.frames.map((f) => f.module)).toEqual(['ntdll', 'KernelBase', 'contoso_sync', 'contoso_sync']);
    const r = analyze(text);
    expect(r.category).toBe('hang-deadlock');
    expect(r.suspects[0]?.module).toBe('contoso_sync');
  });
});

describe('x86 frames wrapped over two lines (old Knowledge Base articles)', () => {
  it('joins the columns with the call site on the next line, and keeps the call site’s line', () => {
    const text = [
      'The stack of the stop appears to be similar to the following stack:',
      '',
      '\tChildEBP RetAddr  Args to Child',
      '\tf5cc6cf8 ebc51a19 00000000 826fe2c8 f5cc6d44 ',
      '\tntkrnlmp!KiTrap0E+0x284 (FPO: [0,0] TrapFrame @ f5cc6cf8)',
      '\tf5cc6dac 80112947 80ee2bf0 826fe2c8 00000103 ',
      '\tAcmeFs!CancelWaiter+0x71 (FPO: [Non-Fpo])',
      '\tf5cc6dd0 80171e47 826fe2c8 826fe2c8 8016df01 ',
      '\tntkrnlmp!IoCancelIrp+0x6b (FPO: [Non-Fpo])',
    ].join('\n');
    const [s] = allStacks(runText(text));
    expect(s?.frames.map((f) => [f.site, f.line])).toEqual([
      ['ntkrnlmp!KiTrap0E+0x284', 5],
      ['AcmeFs!CancelWaiter+0x71', 7],
      ['ntkrnlmp!IoCancelIrp+0x6b', 9],
    ]);
    expect(analyze(text).suspects[0]?.module).toBe('AcmeFs');
  });

  it('leaves a memory dump of 32-bit values alone when no call site follows', () => {
    const stacks = allStacks(runText('0: kd> dd f5cc6cf8 L8\nf5cc6cf8  ebc51a19 00000000 826fe2c8 f5cc6d44\nf5cc6d08  80112947 80ee2bf0 826fe2c8 00000103'));
    expect(stacks).toEqual([]);
  });
});

describe('LLDB and GDB frame lines that are not frames', () => {
  it('are read in time linear in their length (long runs of spaces once made the patterns backtrack)', () => {
    const lines: string[] = [];
    for (let k = 0; k < 400; k++) {
      lines.push(`frame #1: 0x1 x${' '.repeat(3900)}y`, `frame #1: 0x1 x\`f${' '.repeat(3900)}y`, `#1  0x1 in aaa${' '.repeat(3900)}b`, `#1  0x1 in f (${' '.repeat(3900)} from x`);
    }
    const started = performance.now();
    runText(lines.join('\n'));
    // Linear: well under a second even on a busy machine; the quadratic patterns took minutes.
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(foreignFrame(`frame #1: 0x1 x${' '.repeat(10)}y`)).toBeNull();
  });
});

describe('a call site followed by another column', () => {
  it('ends at its offset: what follows a space is the next column', () => {
    expect(parseSite('nt!ExAcquireResourceExclusiveLite+0x1fe Thread: ffffdf8217a30040')).toMatchObject({ site: 'nt!ExAcquireResourceExclusiveLite+0x1fe', symbol: 'ExAcquireResourceExclusiveLite', offset: '0x1fe' });
    // A template's spaces are not a column.
    expect(parseSite('d3d9!Worker<enum ProxyWindowCommands>::PostCommand+0x49').symbol).toBe('Worker<enum ProxyWindowCommands>::PostCommand');
  });
});

describe('decorated x86 symbols', () => {
  it('drops the calling convention decoration of CamelCase names, keeps the C runtime’s own underscores', () => {
    expect(parseSite('NT!_KiTrap0E+0x252')).toMatchObject({ module: 'NT', symbol: 'KiTrap0E', offset: '0x252' });
    expect(parseSite('nt!_KeBugCheckEx@20+0x1b').symbol).toBe('KeBugCheckEx');
    expect(parseSite('hal!@KfAcquireSpinLock@4+0x12').symbol).toBe('KfAcquireSpinLock');
    expect(parseSite('msvcrt!_purecall+0x8').symbol).toBe('_purecall');
    expect(parseSite('acme!__security_check_cookie+0x3').symbol).toBe('__security_check_cookie');
  });
});
