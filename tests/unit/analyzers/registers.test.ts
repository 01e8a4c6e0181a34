import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../src/analyzers/normalize';
import { registersAnalyzer } from '../../../src/analyzers/commands/registers';
import { blocksOf, runText } from '../../../src/analyzers/run';
import type { BlockContext } from '../../../src/analyzers/types';
import X64_TRAP from '../../fixtures/registers/x64-trap.txt?raw';
import X64_ZEROED from '../../fixtures/registers/x64-zeroed-processor.txt?raw';
import X64_CXR from '../../fixtures/registers/x64-cxr-indented.txt?raw';

// Written in cdb's format: x86 registers, a symbol label, then the instruction.
const X86_R = `0:000> r
eax=00000000 ebx=00000000 ecx=0013f9a8 edx=7c90e4f4 esi=00251f48 edi=00251eb4
eip=7c90120e esp=0013fb20 ebp=0013fc94 iopl=0         nv up ei pl nz na po nc
cs=001b  ss=0023  ds=0023  es=0023  fs=003b  gs=0000             efl=00000202
ntdll!DbgBreakPoint:
7c90120e cc              int     3`;

// Inside !analyze -v, the register block follows the TRAP_FRAME line.
const IN_ANALYZE = `TRAP_FRAME:  fffff88002fdde30 -- (.trap 0xfffff88002fdde30)
NOTE: The trap frame does not contain all registers.
Some register values may be zeroed or incorrect.
rax=00000000000bac2c rbx=0000000000000000 rcx=0000000000000001
rdx=fffff880009ab0b8 rsi=0000000000000000 rdi=0000000000000000
rip=fffff80002e69f2c rsp=fffff880009ab000 rbp=fffff880009ab080
 r8=ffffffffffffffff  r9=fffffa80035eb5b8 r10=00000000ffffffff
r11=0000000000000000 r12=0000000000000000 r13=0000000000000000
r14=0000000000000000 r15=0000000000000000
iopl=0         nv up ei pl zr na po nc
nt!MiExpandNonPagedPool+0x14:
fffff800\`02e69f2c 4156            push    r14`;

function regs(text: string) {
  return blocksOf(runText(text), 'registers');
}

function analyzeAt(text: string, start: number, command = '') {
  const lines = normalizeText(text).lines;
  const ctx: BlockContext = {
    source: { lines },
    segment: { command, prompt: null, line: 1, endLine: lines.length, bodyStart: 0, bodyEnd: lines.length },
    limit: lines.length,
    startsOther: () => false,
  };
  return registersAnalyzer.analyze(start, ctx);
}

const crlf = (t: string): string => t.replace(/\r?\n/g, '\r\n');
const forum = (t: string): string => `Here\u2019s the \u201ctrap frame\u201d:\n${t.split('\n').join('\n\n')}`;

describe('register displays', () => {
  it('reads a .trap frame with its note, registers, flags and instruction', () => {
    const [block] = regs(X64_TRAP);
    expect(block?.line).toBe(2);
    expect(block?.endLine).toBe(11);
    const d = block?.data;
    expect(d?.command).toBe('trap');
    expect(d?.registers.rip).toBe('fffff80002e69f2c');
    expect(d?.registers.r8).toBe('ffffffffffffffff');
    expect(d?.registers.r15).toBe('0000000000000000');
    expect(d?.registers.flags).toBe('nv up ei pl zr na po nc');
    expect(d?.instruction).toBe('push r14');
    expect(d?.ip).toBeUndefined();
    expect(d?.allZero).toBe(false);
  });

  it('marks and reports a processor whose registers are all zero', () => {
    const [block] = regs(X64_ZEROED);
    expect(block?.line).toBe(9);
    expect(block?.endLine).toBe(25);
    expect(block?.data.command).toBe('r');
    expect(block?.data.allZero).toBe(true);
    expect(block?.data.registers.efl).toBe('00000000');
    expect(block?.data.instruction).toBe('???');
    const f = runText(X64_ZEROED).findings.find((x) => x.id === 'registers.zeroed');
    expect(f?.severity).toBe('warning');
    expect(f?.title).toBe('All registers are zero on processor 2');
    expect(f?.lines).toEqual([9]);
  });

  it('reads an indented .cxr context and the faulting instruction without the comment', () => {
    const d = regs(X64_CXR)[0]?.data;
    expect(d?.command).toBe('cxr');
    expect(d?.registers.rdi).toBe('ffffc00003dba120');
    expect(d?.registers.cs).toBe('0010');
    expect(d?.instruction).toBe('mov eax,dword ptr [r9+4] ds:002b:00000000`00000005=????????');
  });

  it('reads x86 registers and the symbol label before the instruction', () => {
    const d = regs(X86_R)[0]?.data;
    expect(d?.registers.eip).toBe('7c90120e');
    expect(d?.registers.ebp).toBe('0013fc94');
    expect(d?.ip).toBe('ntdll!DbgBreakPoint');
    expect(d?.instruction).toBe('int 3');
    expect(d?.allZero).toBe(false);
  });

  it('takes the command from the TRAP_FRAME line when the block sits inside !analyze -v', () => {
    const res = analyzeAt(IN_ANALYZE, 1, '!analyze -v');
    expect(res.ok).toBe(true);
    if (res.ok) {
      expect(res.data.command).toBe('trap');
      expect(res.data.ip).toBe('nt!MiExpandNonPagedPool+0x14');
      expect(res.end).toBe(12);
    }
  });

  it('reads a single register asked for by name', () => {
    expect(regs('3: kd> r rdi\nrdi=ffffc00003dba120\n')[0]?.data.registers).toEqual({ rdi: 'ffffc00003dba120' });
  });

  it('gives the same result for a CRLF copy', () => {
    expect(regs(crlf(X64_TRAP))[0]?.data).toEqual(regs(X64_TRAP)[0]?.data);
  });

  it('reads a forum copy with doubled lines and curly quotes', () => {
    const [block] = regs(forum(X64_TRAP));
    expect(block?.data.instruction).toBe('push r14');
    expect(block?.endLine).toBe(22);
  });

  it('keeps what a truncated paste shows', () => {
    const cut = X64_TRAP.split('\n').slice(0, 5).join('\n');
    const d = regs(cut)[0]?.data;
    expect(Object.keys(d?.registers ?? {})).toEqual(['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi']);
    expect(d?.allZero).toBe(false);
    expect(d?.instruction).toBeUndefined();
  });

  it('recognises registers pasted without a prompt', () => {
    const text = `The registers were:\n${X86_R.split('\n').slice(1).join('\n')}`;
    expect(regs(text)[0]?.data.command).toBe('unknown');
    expect(regs(text)[0]?.data.registers.eax).toBe('00000000');
  });

  it('rejects text that is not a register display', () => {
    expect(analyzeAt('rax holds the return value.\nNothing else.', 0).ok).toBe(false);
    expect(regs('The rax=register trick is not output.')).toHaveLength(0);
  });
});
