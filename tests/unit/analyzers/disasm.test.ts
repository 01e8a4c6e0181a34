import { describe, expect, it } from 'vitest';
import { disasmAnalyzer, instructionTargets, parseDisasmLine } from '../../../src/analyzers/commands/disasm';
import { normalizeText } from '../../../src/analyzers/normalize';
import { blocksOf, runText } from '../../../src/analyzers/run';
import type { BlockContext } from '../../../src/analyzers/types';
import X64_SYMBOL from '../../fixtures/disasm/x64-u-symbol.txt?raw';
import X64_RIP from '../../fixtures/disasm/x64-u-rip-double-spaced.txt?raw';
import X64_HOOK from '../../fixtures/disasm/x64-pool-hook.txt?raw';
import X64_UNREADABLE from '../../fixtures/disasm/x64-memory-access-error.txt?raw';

// Written in the debugger's format: `uf` with symbol labels before basic blocks, x86 addresses.
const X86_UF = `kd> uf nt!KeBugCheck
nt!KeBugCheck:
8082e3a0 8bff            mov     edi,edi
8082e3a2 55              push    ebp
8082e3a3 8bec            mov     ebp,esp
8082e3a5 6a00            push    0
8082e3a7 ff7508          push    dword ptr [ebp+8]
8082e3aa e8f1feffff      call    nt!KeBugCheckEx (8082e2a0)
nt!KeBugCheck+0xf:
8082e3af 5d              pop     ebp
8082e3b0 c20400          ret     4`;

function code(text: string) {
  return blocksOf(runText(text), 'disasm');
}

function analyzeAlone(text: string) {
  const lines = normalizeText(text).lines;
  const ctx: BlockContext = {
    source: { lines },
    segment: { command: 'u', prompt: null, line: 1, endLine: lines.length, bodyStart: 0, bodyEnd: lines.length },
    limit: lines.length,
    startsOther: () => false,
  };
  return disasmAnalyzer.analyze(0, ctx);
}

const crlf = (t: string): string => t.replace(/\r?\n/g, '\r\n');
const forum = (t: string): string => t.split('\n').join('\n\n').replace(/'/g, '\u2019');

describe('disassembly', () => {
  it('reads instructions and the symbols they name', () => {
    const [block] = code(X64_SYMBOL);
    expect(block?.line).toBe(2);
    expect(block?.endLine).toBe(9);
    const d = block?.data;
    expect(d?.lines).toHaveLength(8);
    expect(d?.lines[0]).toEqual({ address: 'fffff80002e69f2c', instruction: 'push r14', line: 2 });
    expect(d?.lines[6]?.instruction).toBe("jb nt! ?? ::FNODOBFM::`string'+0x1e009 (fffff800`02e55f1d)");
    expect(d?.targets).toEqual([
      { site: "nt! ?? ::FNODOBFM::`string'+0x1e009", module: 'nt', line: 8 },
      { site: 'nt!MiSystemVaTypeCount+0x28', module: 'nt', line: 9 },
    ]);
  });

  it('finds the driver a hook in pool memory jumps to', () => {
    const blocks = code(X64_HOOK);
    expect(blocks).toHaveLength(2);
    expect(blocks[0]?.data.lines[3]?.instruction).toBe('mov rcx,0FFFFE001A17D4000h');
    expect(blocks[0]?.data.targets).toEqual([{ site: 'vicm+0x6973c', module: 'vicm', line: 11 }]);
    expect(blocks[1]?.data.lines[0]?.address).toBe('fffff8000c91573c');
  });

  it('reads double-spaced output, a lost closing parenthesis and commentary after instructions', () => {
    const blocks = code(X64_RIP);
    expect(blocks.map((b) => [b.line, b.endLine])).toEqual([
      [4, 18],
      [23, 27],
    ]);
    expect(blocks[0]?.data.targets).toEqual([{ site: 'nt!KeFlushProcessWriteBuffers+0x63', module: 'nt', line: 10 }]);
    expect(blocks[1]?.data.lines[0]?.instruction).toBe('pause');
    expect(blocks[1]?.data.lines[3]?.instruction).toBe('jne nt!KeFlushProcessWriteBuffers+0x63 (fffff800`03aab937)');
  });

  it('reads instructions printed without their code bytes (.asm no_code_bytes), only with a known mnemonic', () => {
    expect(parseDisasmLine('00007fff`924acd1e mov     r11,qword ptr [r11+r10*8] ds:04007df5`0159db48=????????????????', false)).toMatchObject({
      address: '7fff924acd1e',
      instruction: expect.stringMatching(/^mov r11,qword ptr \[r11\+r10\*8\]/),
    });
    expect(parseDisasmLine('00007fff`924acd1a shr     r10,9', false)?.instruction).toBe('shr r10,9');
    // A dps row and an lm row are not code.
    expect(parseDisasmLine('fffff800`12345678  nt!KiSwapContext+0x76', false)).toBeNull();
    expect(parseDisasmLine('00000001`80000000 00000001`80043000   acme', false)).toBeNull();
    expect(parseDisasmLine('00007fff`924acd1e contoso', false)).toBeNull();
  });

  it('attaches a symbol label to the instruction after it', () => {
    const d = code(X86_UF)[0]?.data;
    expect(d?.lines[0]).toEqual({ address: '8082e3a0', symbol: 'nt!KeBugCheck', instruction: 'mov edi,edi', line: 3 });
    expect(d?.lines[6]).toEqual({ address: '8082e3af', symbol: 'nt!KeBugCheck+0xf', instruction: 'pop ebp', line: 10 });
    expect(d?.targets).toEqual([{ site: 'nt!KeBugCheckEx', module: 'nt', line: 8 }]);
  });

  it('notes code that could not be read', () => {
    const [block] = code(X64_UNREADABLE);
    expect(block?.endLine).toBe(6);
    expect(block?.data.lines).toEqual([{ address: 'fffff9600011ad9f', instruction: '???', line: 4 }]);
    const f = runText(X64_UNREADABLE).findings.find((x) => x.id === 'disasm.unreadable');
    expect(f?.title).toBe('Code at fffff9600011ad9f could not be read');
    expect(f?.lines).toEqual([4, 6]);
  });

  it('does not take memory-dump rows for code', () => {
    expect(parseDisasmLine('b8f0b938  8096c8cc nt!SeQueryInformationToken', false)).toBeNull();
    expect(parseDisasmLine('ca0b4fe0 cb55f91c cb55f91c b5e70c50 00000000 ..U...U.P.......', false)).toBeNull();
    expect(parseDisasmLine('fffff880`0318a988  fffff880`042ca86d cfosspeed6+0x8986d', true)).toBeNull();
    expect(instructionTargets('call    qword ptr [rsi+18h]')).toEqual([]);
  });

  it('gives the same result for a CRLF copy', () => {
    expect(code(crlf(X64_SYMBOL))[0]?.data).toEqual(code(X64_SYMBOL)[0]?.data);
  });

  it('reads a forum copy with doubled lines and curly quotes', () => {
    const d = code(forum(X64_SYMBOL))[0]?.data;
    expect(d?.lines).toHaveLength(8);
    expect(d?.targets[0]?.site).toBe("nt! ?? ::FNODOBFM::`string'+0x1e009");
    expect(d?.targets[0]?.line).toBe(15);
  });

  it('keeps the instructions of a truncated paste', () => {
    const cut = `${X64_SYMBOL.split('\n').slice(0, 4).join('\n')}\nfffff800\`02e69f37 488d`;
    const d = code(cut)[0]?.data;
    expect(d?.lines.map((l) => l.instruction)).toEqual(['push r14', 'push r15', 'sub rsp,0D0h']);
  });

  it('recognises code pasted without its prompt', () => {
    const text = `After the break-in the debugger shows:\n816cc514 cc              int     3`;
    expect(code(text)[0]?.data.lines).toEqual([{ address: '816cc514', instruction: 'int 3', line: 2 }]);
  });

  it('rejects text that is not disassembly', () => {
    expect(analyzeAlone('push the button and pop the lid').ok).toBe(false);
    expect(code('80800000 80a5d000   Nt  The kernel, as listed by lm.')).toHaveLength(0);
  });
});
