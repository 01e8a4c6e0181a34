/**
 * Register displays: `r`, `.trap addr`, `.cxr addr`, `.ecxr`, `.frame /r N`,
 * and the same block printed inside `!analyze -v` after `TRAP_FRAME: … (.trap …)`.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/r--registers-
 * and https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-trap--display-trap-frame-
 *
 * Sample (x64; x86 prints eax… on two lines):
 *   NOTE: The trap frame does not contain all registers.
 *   Some register values may be zeroed or incorrect.
 *   rax=0000000000000001 rbx=0000000000000000 rcx=0000000000000202
 *   rdx=00000000000c00e1 rsi=0000000000000000 rdi=0000000000000000
 *   rip=fffff80003aab937 rsp=fffff88006e53680 rbp=0000000000000000
 *    r8=00000000000000e1  r9=0000000000000001 r10=0000000000000000
 *   r11=fffff880031d7180 r12=0000000000000000 r13=0000000000000000
 *   r14=0000000000000000 r15=0000000000000000
 *   iopl=0         nv up ei pl nz na pe nc
 *   cs=0010  ss=0018  ds=002b  es=002b  fs=0053  gs=002b             efl=00010282
 *   nt!KeFlushProcessWriteBuffers+0x63:
 *   fffff800`03aab937 f390            pause
 *
 * A processor whose registers are all zero (as `r` shows for the hung
 * processor of a 0x101 CLOCK_WATCHDOG_TIMEOUT) never saved its context.
 */
import { parseDisasmLabel, parseDisasmLine } from './disasm';
import { moduleFromSymbolError } from './symerr';
import type { Analyzer, Finding, RegistersData } from '../types';

/**
 * Blank lines in a row that still continue a block: forum copies double-space
 * output, sometimes twice over, and trim it with gaps.
 */
const MAX_BLANKS = 8;

// `name=value` pairs on a register line. group 1 name, group 2 value.
const PAIR = /\b([a-z][a-z0-9]{1,4})=([0-9a-f`]+)(?=\s|$)/gi;
// A line made only of register pairs (and the flag mnemonics after `iopl=`).
const REGISTER_LINE = /^\s*[a-z][a-z0-9]{1,4}=[0-9a-f`]+(?:\s|$)/i;
// The first line of a full register display (x64 or x86).
const FIRST = /^\s*(?:rax|eax)=[0-9a-f]{8,16}(?:\s|$)/i;
const NOTE = /^\s*(?:NOTE: The trap frame does not contain all registers|Some register values may be zeroed or incorrect|Last set context:)/i;
const GPR64 = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rsp', 'rbp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15', 'rip'];
const GPR32 = ['eax', 'ebx', 'ecx', 'edx', 'esi', 'edi', 'esp', 'ebp', 'eip'];

/** `.trap` → 'trap'; `.cxr`/`.ecxr` → 'cxr'; `r`/`.frame /r` → 'r'. */
function commandKind(word: string): RegistersData['command'] {
  switch (word) {
    case '.trap':
      return 'trap';
    case '.cxr':
    case '.ecxr':
      return 'cxr';
    case 'r':
    case '.frame':
      return 'r';
    default:
      return 'unknown';
  }
}

/** Inside `!analyze -v`, the block follows `TRAP_FRAME: … -- (.trap 0x…)` or `CONTEXT: … -- (.cxr 0x…;r)`. */
function kindFromContext(lines: readonly string[], start: number, floor: number): RegistersData['command'] {
  let seen = 0;
  for (let j = start - 1; j >= floor && seen < 4; j--) {
    const t = lines[j] as string;
    if (t.trim() === '') {
      continue;
    }
    seen++;
    if (/\(\.trap\s/i.test(t)) {
      return 'trap';
    }
    if (/\(\.(?:e)?cxr\b/i.test(t)) {
      return 'cxr';
    }
  }
  return 'unknown';
}

/** Is every general register and the instruction pointer zero? */
function allZero(regs: Record<string, string>): boolean {
  const set = regs.rip !== undefined ? GPR64 : regs.eip !== undefined ? GPR32 : null;
  if (set === null) {
    return false;
  }
  const present = set.filter((r) => regs[r] !== undefined);
  return present.length >= 8 && present.every((r) => /^[0`]+$/.test(regs[r] as string));
}

const COMMANDS: readonly (string | RegExp)[] = ['.trap', '.cxr', 'r', '.frame', '.ecxr'];

/** Register displays → RegistersData; finding `registers.zeroed`. */
export const registersAnalyzer: Analyzer<'registers'> = {
  id: 'registers',
  commands: COMMANDS,
  startsAt(source, i, owned) {
    const text = source.lines[i] as string;
    if (FIRST.test(text) || /^\s*NOTE: The trap frame does not contain all registers/i.test(text)) {
      return true;
    }
    return owned && (REGISTER_LINE.test(text) || NOTE.test(text));
  },
  analyze(start, ctx) {
    const lines = ctx.source.lines;
    const word = (/^\s*(\S+)/.exec(ctx.segment.command)?.[1] ?? '').toLowerCase();
    let command = commandKind(word);
    if (command === 'unknown') {
      command = kindFromContext(lines, start, ctx.segment.bodyStart);
    }
    const registers: Record<string, string> = {};
    const findings: Finding[] = [];
    const data: RegistersData = { command, registers, allZero: false, line: start + 1 };
    let end = start;
    let blanks = 0;
    for (let i = start; i < ctx.limit; i++) {
      const text = lines[i] as string;
      if (text.trim() === '') {
        if (++blanks > MAX_BLANKS) {
          break;
        }
        continue;
      }
      blanks = 0;
      if (text.length > 400) {
        break;
      }
      if (NOTE.test(text)) {
        end = i + 1;
        continue;
      }
      if (REGISTER_LINE.test(text)) {
        for (const m of text.matchAll(PAIR)) {
          registers[(m[1] as string).toLowerCase()] = (m[2] as string).toLowerCase();
        }
        const flags = /\biopl=\S+\s+((?:[a-z]{2}\s*){4,9})$/i.exec(text);
        if (flags) {
          registers.flags = (flags[1] as string).trim().replace(/\s+/g, ' ');
        }
        end = i + 1;
        continue;
      }
      if (Object.keys(registers).length === 0) {
        break;
      }
      // The instruction at the program counter may be preceded by a symbol
      // label and by a symbol-loading complaint for its module.
      const missing = /^\s*\*\*\* /.test(text) ? moduleFromSymbolError(text) : null;
      if (missing !== null) {
        findings.push({
          id: 'symbols.missing',
          severity: 'info',
          title: `Symbols missing or unverified for ${missing}`,
          detail: 'The debugger could not load symbols for the module holding this instruction.',
          lines: [i + 1],
        });
        end = i + 1;
        continue;
      }
      const label = parseDisasmLabel(text);
      if (label !== null) {
        data.ip = label;
        end = i + 1;
        continue;
      }
      const code = parseDisasmLine(text, true);
      if (code !== null) {
        data.instruction = code.instruction;
        end = i + 1;
      }
      break;
    }
    if (Object.keys(registers).length === 0) {
      return { ok: false, reason: 'no register values recognised', end: Math.max(end, start + 1) };
    }
    data.allZero = allZero(registers);
    if (data.allZero) {
      const where = ctx.segment.prompt?.processor !== undefined ? ` on processor ${ctx.segment.prompt.processor}` : '';
      findings.push({
        id: 'registers.zeroed',
        severity: 'warning',
        title: `All registers are zero${where}`,
        detail:
          'The context holds no values at all: the processor did not save its state, typically because it was hung (for example with interrupts disabled) when the system stopped.',
        lines: [start + 1],
      });
    }
    return { ok: true, data, findings, end };
  },
};
