/**
 * The verdict's principles, on small sessions written in the debuggers' real
 * formats: who may be blamed, what blames no one, and how evidence adds up.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzers/index';

const X64 = (sp: string, site: string, args = '00000000`00000000 00000000`00000000 00000000`00000000 00000000`00000000') =>
  `fffff880\`${sp} fffff800\`02ec7169 : ${args} : ${site}`;

const D1_ACME = [
  'BugCheck D1, {0, 2, 0, fffff88004a1ea55}',
  '0: kd> kv',
  'Child-SP          RetAddr           : Args to Child                                                           : Call Site',
  X64('02fddce8', 'nt!KeBugCheckEx', '00000000`000000d1 00000000`00000000 00000000`00000002 00000000`00000000'),
  X64('02fddcf0', 'nt!KiBugCheckDispatch+0x69'),
  X64('02fdde30', 'nt!KiPageFault+0x260'),
  X64('02fddfc0', 'acmefilt+0x1a55'),
  X64('02fde000', 'ndis!ndisMIndicateNetBufferListsToOpen+0x141'),
  X64('02fde100', 'tcpip!TcpTcbReceive+0x2ab'),
].join('\n');

describe('the verdict', () => {
  it('blames the first third-party frame under Microsoft frames, with its line', () => {
    const r = analyze(D1_ACME);
    expect(r.bugcheck?.code).toBe('0x000000D1');
    expect(r.suspects[0]?.module).toBe('acmefilt');
    expect(r.suspects[0]?.reasons[0]?.line).toBe(7);
    expect(r.category).toBe('driver');
  });

  it('never blames Microsoft framework modules on a stack of their own', () => {
    const r = analyze(D1_ACME.replace('acmefilt+0x1a55', 'ndis!ndisMIndicateNetBufferLists+0x55').replace('tcpip!TcpTcbReceive+0x2ab', 'ndis!ndisDoPeriodicReceivesIndication+0x2ab'));
    expect(r.suspects.filter((s) => s.confidence >= 0.5)).toEqual([]);
    // 0xD1 is raised for drivers' mistakes: a driver fault whose driver is not named here.
    expect(r.category).toBe('driver');
    expect(r.headline).toMatch(/names the driver|leading suspect, but the evidence is not strong enough/i);
  });

  it('calls a bug check raised only for drivers a driver fault even when nothing names the driver, and blames nobody', () => {
    const r = analyze('BugCheck C9, {21f, fffff800e247b174, ffffcf8147d54dc0, 0}');
    expect(r.category).toBe('driver');
    expect(r.suspects).toEqual([]);
    expect(r.headline).toBe('DRIVER_VERIFIER_IOMANAGER_VIOLATION (0xC9): a driver fault by the kind of bug check, but nothing in this input names the driver — run the next steps.');
  });

  it("takes a bug check's usual cause from its reference page when nothing names a driver, and says so without blaming anyone", () => {
    const acpi = analyze('BugCheck A5, {11, 8, 0, 0}');
    expect(acpi.category).toBe('hardware');
    expect(acpi.suspects).toEqual([]);
    expect(acpi.headline).toContain("nothing here names a driver, and this bug check usually means the firmware's ACPI tables");
    expect(acpi.findings.some((f) => f.id === 'verdict.usual-cause' && f.rule === 'category')).toBe(true);
    expect(analyze('BugCheck EF, {ffffe0017c8e5080, 0, 0, 0}').category).toBe('os-corruption');
    expect(analyze('BugCheck 5C, {0, 0, 0, 0}').category).toBe('hardware');
    expect(analyze('BugCheck F4, {3, ffffe0017c8e5080, ffffe0017c8e52c0, fffff8017a3d1f50}').category).toBe('disk-io');
    expect(analyze('BugCheck 14F, {4, 2, ffffe0017c8e5080, fffff8017a3d1f50}').category).toBe('hang-deadlock');
    // The usual cause never overrides a driver the session names.
    expect(analyze(D1_ACME.replace('BugCheck D1, {0, 2, 0, fffff88004a1ea55}', 'BugCheck 109, {a3a01f5891e4a1b2, 0, 0, 1}')).category).toBe('driver');
    // The driver-only codes added with it: a stack buffer overrun, a read past a special-pool block, the 0x1000007F form.
    expect(analyze('BugCheck F7, {fffff880009a8ba8, f88009a6d40, 7ffff652bf, 0}').category).toBe('driver');
    expect(analyze('BugCheck 1000007F, {8, 80050031, 6f8, 0}').category).toBe('driver');
  });

  it("asks for the exception context when a program's crash is only told in words", () => {
    const r = analyze('The app crashes at exit:\n0:000> k\n # Child-SP          RetAddr               Call Site\n00 000000d6`ebcff8a8 00007ffa`4c2e7034     combase!CoUninitialize+0xb6\n01 000000d6`ebcff8b0 00007ffa`4c2e7034     ntdll!LdrShutdownThread+0x32\n02 000000d6`ebcff900 00007ffa`4c2e7034     kernel32!BaseThreadInitThunk+0x14');
    expect(r.category).toBe('user-app');
    expect(r.suspects).toEqual([]);
    expect(r.nextSteps.map((n) => n.command)).toEqual(expect.arrayContaining(['!analyze -v', '.ecxr; kb']));
  });

  it("speaks of a module, not a driver, when a program's hang names nobody", () => {
    const r = analyze('The app deadlocked at exit:\n0:000> k\n # Child-SP          RetAddr               Call Site\n00 000000d6`ebcff8a8 00007ffa`4c2e7034     ntdll!NtWaitForSingleObject+0x14\n01 000000d6`ebcff8b0 00007ffa`4c2e7034     KERNELBASE!WaitForSingleObjectEx+0x8e\n02 000000d6`ebcff900 00007ffa`4c2e7034     kernel32!BaseThreadInitThunk+0x14');
    expect(r.category).toBe('hang-deadlock');
    expect(r.headline).toContain('not enough evidence to blame a module');
  });

  it('calls a lock left held at thread exit a deadlock, and a Verifier deadlock report too', () => {
    expect(analyze('BugCheck 39, {ffffb40ba7fa5080, 0, 0, 0}').category).toBe('hang-deadlock');
    expect(analyze('BugCheck C4, {1001, ffffb40ba7fa5080, ffffb40ba7fa5180, ffffb40ba7fa5280}').category).toBe('hang-deadlock');
    expect(analyze('BugCheck C4, {10, 0, 0, 0}').category).toBe('driver');
  });

  it('names a Microsoft driver whose own code path failed, when nothing third-party is in sight, without blaming it on a partial stack', () => {
    const r = analyze(D1_ACME.replace('acmefilt+0x1a55', 'tcpip!TcpReceive+0x55'));
    expect(r.suspects[0]?.module).toBe('tcpip');
    expect(r.suspects[0]?.confidence).toBeLessThan(0.5);
    expect(r.suspects[0]?.reasons[0]?.rule).toBe('microsoft-code-path');
  });

  it('blames no driver for a WHEA hardware error even when a driver is on the stack', () => {
    const r = analyze(D1_ACME.replace('BugCheck D1, {0, 2, 0, fffff88004a1ea55}', 'BugCheck 124, {0, fffffa80031f8028, b6472000, 1a000135}').replace('00000000`000000d1', '00000000`00000124'));
    expect(r.category).toBe('hardware');
    expect(r.suspects).toEqual([]);
    expect(r.findings.some((f) => f.id === 'verdict.not-blamed' && f.title.includes('acmefilt'))).toBe(true);
  });

  it('blames no driver for a crash forced with NotMyFault', () => {
    const r = analyze(`${D1_ACME.replace('acmefilt+0x1a55', 'myfault+0x1a55')}\nMODULE_NAME: myfault\nIMAGE_NAME:  myfault.sys`);
    expect(r.category).toBe('manual');
    expect(r.suspects).toEqual([]);
  });

  it('reads the debugger\'s own hardware and memory-corruption buckets', () => {
    const mem = analyze('BugCheck 1A, {41201, fffff6800001a2b8, 8000000012345867, fffffa8003e6c9d0}\nMODULE_NAME: memory_corruption\nIMAGE_NAME:  memory_corruption\nFAILURE_BUCKET_ID:  X64_0x1a_41201_nt!MiGetPageProtection+fffffffffffffe');
    expect(mem.category).toBe('memory-corruption');
    const disk = analyze('BugCheck 7A, {fffff6fc40009da0, ffffffffc000009c, 16d6c0860, fffff88001b3406c}\nFAILURE_BUCKET_ID:  X64_0x7a_c000009c_DISK_HARDWARE_ERROR');
    expect(disk.category).toBe('disk-io');
    expect(disk.suspects).toEqual([]);
    const bit = analyze('BugCheck 3B, {c0000005, fffff80002e9d24b, fffff8800a8f4e90, 0}\nIMAGE_NAME:  hardware_ram\nFAILURE_BUCKET_ID:  X64_MEMORY_CORRUPTION_ONE_BIT');
    expect(bit.category).toBe('hardware');
  });

  it('calls a driver that special pool caught corrupting its own block a driver fault, not memory corruption', () => {
    const r = analyze(
      [
        'BugCheck C1, {fffff980a3a1cff0, fffff980a3a1c5f2, 90010, 24}',
        '0: kd> kv',
        'Child-SP          RetAddr           : Args to Child                                                           : Call Site',
        X64('02fddce8', 'nt!KeBugCheckEx', '00000000`000000c1 fffff980`a3a1cff0 fffff980`a3a1c5f2 00000000`00090010'),
        X64('02fddcf0', 'nt!MiCheckSpecialPoolSlop+0x9a'),
        X64('02fdde30', 'nt!MmFreeSpecialPool+0x1d3'),
        X64('02fddfc0', 'nt!ExFreePoolWithTag+0x5c'),
        X64('02fde000', 'acmefont!ParseName+0x2a1'),
        X64('02fde100', 'win32k!bLoadFont+0x1cc'),
      ].join('\n'),
    );
    expect(r.suspects[0]?.module).toBe('acmefont');
    expect(r.category).toBe('driver');
  });

  it('adds evidence up without reaching certainty', () => {
    const r = analyze(`${D1_ACME}\nMODULE_NAME: acmefilt\nIMAGE_NAME:  acmefilt.sys\n*** ERROR: Module load completed but symbols could not be loaded for acmefilt.sys`);
    const top = r.suspects[0];
    expect(top?.module).toBe('acmefilt');
    expect(top?.confidence).toBeGreaterThan(0.5);
    expect(top?.confidence).toBeLessThan(1);
    expect(top?.reasons.length).toBeGreaterThanOrEqual(2);
  });

  it('compares several crashes: the same module named again weighs more', () => {
    const one = (a: string[]) =>
      [`BugCheck D1, {${a.join(', ')}}`, '0: kd> !analyze -v', 'DRIVER_IRQL_NOT_LESS_OR_EQUAL (d1)', 'Arguments:', ...a.map((v, i) => `Arg${i + 1}: ${v.padStart(16, '0')}`), 'MODULE_NAME: acmefilt', 'IMAGE_NAME:  acmefilt.sys'].join('\n');
    const r = analyze(`${one(['0', '2', '0', 'fffff88004a1ea55'])}\n${one(['8', '2', '1', 'fffff88004a1eb00'])}`);
    expect(r.findings.some((f) => f.id === 'crashes.several' && f.title.includes('2 different crashes'))).toBe(true);
    expect(r.suspects[0]?.reasons.some((x) => x.text.includes('2 of the 2 crashes'))).toBe(true);
  });

  it('treats a user-mode heap corruption as an application fault and says how to catch it', () => {
    const r = analyze(['0:000> .exr -1', 'ExceptionAddress: 00007ffa4c6f4cb0 (ntdll!RtlReportCriticalFailure+0x56)', '   ExceptionCode: c0000374', '0:000> k', ' # Child-SP          RetAddr               Call Site', '00 000000d6`ebbff9d0 00007ffa`1060dc2e     ntdll!RtlReportCriticalFailure+0x56', '01 000000d6`ebbffa40 00007ffa`104ed30a     ntdll!RtlpHeapHandleError+0x12', '02 000000d6`ebbffa70 00007ffa`104ecec2     contoso!Widget::Release+0x42', '03 000000d6`ebbffae0 00007ffa`104ec785     contoso!main+0x1a'].join('\n'));
    expect(r.kind).toBe('user');
    expect(r.category).toBe('user-app');
    expect(r.suspects[0]?.module).toBe('contoso');
    expect(r.findings.some((f) => /heap corruption/i.test(f.title))).toBe(true);
    expect(r.nextSteps.some((s) => s.command.startsWith('gflags /p /enable'))).toBe(true);
  });

  it("suggests a hung process's own commands (~*k, !cs -l, !runaway), not the kernel's !stacks", () => {
    const r = analyze(
      [
        'The service hangs after a few minutes.',
        '0:000> k',
        ' # Child-SP          RetAddr               Call Site',
        '00 000000d6`ebbff9d0 00007ffa`1060dc2e     ntdll!NtWaitForSingleObject+0x14',
        '01 000000d6`ebbffa40 00007ffa`104ed30a     ntdll!RtlpWaitOnCriticalSection+0xe1',
        '02 000000d6`ebbffa70 00007ffa`104ecec2     ntdll!RtlEnterCriticalSection+0x4b',
        '03 000000d6`ebbffae0 00007ffa`104ec785     contoso!Cache::Flush+0x34',
      ].join('\n'),
    );
    expect(r.category).toBe('hang-deadlock');
    const commands = r.nextSteps.map((s) => s.command);
    expect(commands).toEqual(expect.arrayContaining(['~*k', '!cs -l', '!runaway']));
    expect(commands.some((c) => c.startsWith('!stacks'))).toBe(false);
  });

  it('finds no problem, and blames no one, in a session without a crash', () => {
    const r = analyze(['0: kd> kv', X64('02fddce8', 'acmefilt+0x1a55'), X64('02fddcf0', 'nt!KiSystemServiceCopyEnd+0x13')].join('\n'));
    expect(r.bugcheck).toBeNull();
    expect(r.category).toBe('none');
    expect(r.suspects).toEqual([]);
  });

  it('never reads a stop code from prose alone (without a stack beside it)', () => {
    const r = analyze('A bugcheck initiated this way will have a STOP code of 0xE2 (MANUALLY_INITIATED_CRASH).\nThis bugcheck 0x9F is common.');
    expect(r.bugcheck).toBeNull();
  });
});

describe('driver age', () => {
  it('converts link timestamps to dates without a clock', async () => {
    const { formatEpochDate } = await import('../../../src/analyzers/dates');
    expect(formatEpochDate(0x48f2e192)).toBe('2008-10-13');
    expect(formatEpochDate(0)).toBe('1970-01-01');
    expect(formatEpochDate(951782400)).toBe('2000-02-29');
  });

  it('flags a third-party driver years older than the other third-party modules, ignoring build-hash dates', () => {
    const row = (start: string, name: string, date: string, hex: string) => `fffff880\`${start} fffff880\`${start.slice(0, 4)}f000   ${name.padEnd(8)} ${name}.sys   ${date} (${hex})`;
    const lm = [
      '0: kd> lm t n',
      'start             end                 module name',
      'fffff800`02e0b000 fffff800`033f3000   nt       ntkrnlmp.exe Tue Mar 20 09:19:12 2065 (B94E1C40)',
      row('00c00000', 'acmenic', 'Sat Nov 20 09:22:50 2010', '4CE795F2'),
      row('01000000', 'acmefs', 'Sat Nov 20 09:23:41 2010', '4CE79625'),
      row('02000000', 'acmeusb', 'Sun Nov 21 09:23:41 2010', '4CE8E7A5'),
      row('03000000', 'acmegpu', 'Mon Nov 22 09:23:41 2010', '4CEA3925'),
      row('04000000', 'acmeav', 'Tue Nov 23 09:23:41 2010', '4CEB8AA5'),
      row('0ae8e000', 'oldnic', 'Mon Oct 13 06:50:10 2003', '3F8A3A52'),
    ].join('\n');
    const r = analyze(lm);
    const old = r.findings.filter((f) => f.id === 'lm.old-driver');
    expect(old.map((f) => f.title)).toEqual(['oldnic is dated 2003-10-13, 7 years older than most third-party modules loaded: look for an update']);
  });

  it('says drivers were being loaded only when the faulting stack is in the loader', () => {
    const loading = D1_ACME.replace('tcpip!TcpTcbReceive+0x2ab', 'nt!IopLoadDriver+0x4c2');
    expect(analyze(loading).findings.map((f) => f.id)).toContain('stack.driver-load');
    // The same frame on another thread's stack says nothing about this crash.
    const other = [D1_ACME, '0: kd> ~1 kv', 'Child-SP          RetAddr           : Args to Child                                                           : Call Site', X64('0aaa0000', 'nt!IopLoadDriver+0x4c2')].join('\n');
    expect(analyze(other).findings.map((f) => f.id)).not.toContain('stack.driver-load');
  });
});

describe('the trap context', () => {
  it('names the function a .trap stopped in from the frame whose return address is its rip, read from the input line', () => {
    const session = [
      '0: kd> kv',
      'Child-SP          RetAddr           : Args to Child                                                           : Call Site',
      'fffff880`009aaf00 fffff800`02e69f2c : 00000000`00000000 00000000`00000000 00000000`00000000 00000000`00000000 : nt!KiSwapContext+0x7a',
      'fffff880`009ab000 fffff800`02e6a100 : 00000000`00000000 00000000`00000000 00000000`00000000 00000000`00000000 : acmefilt!AcRead+0x1c',
      '',
      '0: kd> .trap fffff880`02fdde30',
      'rax=00000000000bac2c rbx=0000000000000000 rcx=0000000000000001',
      'rip=fffff80002e69f2c rsp=fffff880009ab000 rbp=fffff880009ab080',
      'iopl=0         nv up ei pl zr na po nc',
      'fffff800`02e69f2c 4156            push    r14',
    ].join('\n');
    const ip = analyze(session).findings.find((f) => f.id === 'context.ip');
    expect(ip?.title).toContain('rip=fffff80002e69f2c (acmefilt!AcRead+0x1c)');
    // A return address that matches no frame names no function.
    const other = analyze(session.replace('fffff800`02e69f2c :', 'fffff800`02e69f2d :')).findings.find((f) => f.id === 'context.ip');
    expect(other?.title).not.toContain('acmefilt');
  });
});

describe("a program's exception seen from a kernel debugger", () => {
  const session = (cs: string) =>
    [
      '3: kd> .lastevent',
      'Last event: Access violation - code c0000005 (first chance)',
      '3: kd> r',
      'eax=00000010 ebx=1156c968 ecx=41414141 edx=115730f8 esi=68bd9100 edi=41414141',
      'eip=68b1f5f2 esp=0208e12c ebp=0208e134 iopl=0         nv up ei ng nz ac po cy',
      `cs=${cs}  ss=0023  ds=0023  es=0023  fs=003b  gs=0000             efl=00010293`,
      'acmeeng!Parse+0x822:',
      `${cs}:68b1f5f2 8b07            mov     eax,dword ptr [edi] ds:0023:41414141=????????`,
    ].join('\n');

  it('is an application fault when the registers hold a user-mode code segment', () => {
    expect(analyze(session('001b')).category).toBe('user-app');
  });

  it('is not called one when the code segment is the kernel\'s', () => {
    expect(analyze(session('0008')).category).not.toBe('user-app');
  });
});

describe('a stack pasted alone', () => {
  it('is taken as the crashing thread when it runs third-party code (issue trackers paste just that)', () => {
    const r = analyze(['Call stack:', 'ucrtbase!strcmp+0x43', 'acmegame+0x2a6f7', 'acmegame+0x2b299', 'acmegame+0x56b8e'].join('\n'));
    expect(r.suspects[0]?.module).toBe('acmegame');
    expect(r.category).toBe('user-app');
  });

  it('is not a crash when the thread waits, or when the session has many commands (a how-to)', () => {
    expect(analyze(['ntdll!NtWaitForWorkViaWorkerFactory+0x14', 'ntdll!TppWorkerThread+0x2df', 'kernel32!BaseThreadInitThunk+0x14'].join('\n')).category).toBe('none');
  });
});
