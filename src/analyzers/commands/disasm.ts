/**
 * Disassembly: `u`, `ub`, `uf`, `u @rip`, and the single instruction line the
 * debugger prints after a register display.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/u--unassemble-
 *
 * Samples (shortened):
 *   nt!MiExpandNonPagedPool+0x14:
 *   fffff800`02e69f2c 4156            push    r14
 *   fffff800`0042eef2 e8b970fdff      call    FLTMGR!FltAllocateCallbackData (fffff800`00405fb0)
 *   ffffe001`a17d4553 48b83c57910c00f8ffff mov rax,offset vicm+0x6973c (fffff800`0c91573c)
 *   fffff800`03aab941 75f4            jne     nt!KeFlushProcessWriteBuffers+0x63 (fffff800`03aab937)
 *   816cc514 cc              int     3
 *   fffff960`0011ad9f ??              ???
 *               ^ Memory access error in 'u @rip'
 *
 * What matters for a verdict are the symbols the code names (`targets`): a
 * jump from pool memory into a driver is how a hook shows itself.
 */
import { parseSite } from './stack';
import { normalizeAddress } from '../normalize';
import type { Analyzer, DisasmData, Finding } from '../types';

/**
 * Blank lines in a row that still continue a block: forum copies double-space
 * output, sometimes twice over, and trim it with gaps.
 */
const MAX_BLANKS = 8;

// address, opcode bytes (or `??` when unreadable), instruction.
//   group 1 the address (32-bit, or 64-bit with or without backtick)
//   group 2 the opcode bytes, group 3 the instruction text
const LINE = /^\s*([0-9a-f]{8}(?:`?[0-9a-f]{8})?)\s+([0-9a-f]{2,30}|\?\?)\s+(\S.*)$/i;
/**
 * The instruction a debugger prints where it stopped (address, opcode bytes, mnemonic), as the
 * event, `r`, `.ecxr` or a Dr. Watson state dump show it: "00007ffa`1060ead2 488b4210  mov rax,…".
 */
const INSTRUCTION = /^\s*[0-9a-f`]{8,17}\s+[0-9a-f]{2,}\s+[a-z]{2,}\b/i;

/**
 * An instruction printed without its code bytes (`.asm no_code_bytes`, as blogs often copy it):
 * "00007fff`924acd1e mov     r11,qword ptr [r11+r10*8]"; the mnemonic must be a known one.
 * group 1 the address, 2 the mnemonic, 3 the operands.
 */
const NO_BYTES = /^\s*([0-9a-f]{8}(?:`?[0-9a-f]{8})?)\s+([a-z][a-z0-9]{1,14})(?:\s+(\S.*))?$/i;

/** A disassembled instruction, with its code bytes or without them. */
export function isInstruction(text: string): boolean {
  if (INSTRUCTION.test(text)) {
    return true;
  }
  const m = text.length < 400 ? NO_BYTES.exec(text) : null;
  return m !== null && MNEMONIC.test((m[2] as string).toLowerCase());
}

/** Such an instruction with a memory operand (`[rdx+10h]`): one that can fault on its access. */
export function touchesMemory(text: string): boolean {
  return text.includes('[') && isInstruction(text);
}

// Symbol label printed before the instruction at that address: `nt!Foo+0x14:`.
const LABEL = /^\s*([A-Za-z0-9_.$-]+(?:!\S.*|! \?\? \S.*|\+0x[0-9a-f]+)):$/i;
// Common mnemonics, to recognise a disassembly line pasted without its `u`
// prompt (an `lm` or memory row has the same first two columns).
const MNEMONIC = new RegExp(
  '^(?:\\?\\?\\?|lock|rep|repe|repne|repz|repnz|mov[a-z]{0,4}|push[a-z]{0,2}|pop[a-z]{0,2}|call|jmp|j[a-z]{1,4}|ret[nf]?|lea|add|adc|sub|sbb|and|or|xor|not|neg|cmp[a-z0-9]{0,7}|test|inc|dec|nop|int|int3|into|pause|shl|shr|shld|shrd|sal|sar|rol|ror|rcl|rcr|mul|imul|div|idiv|xchg|xadd|set[a-z]{1,3}|cmov[a-z]{1,3}|cwd|cdq|cqo|cbw|cwde|cdqe|leave|enter|hlt|cli|sti|cld|std|clc|stc|cmc|bt[src]?|bsf|bsr|bswap|[lms]fence|prefetch[a-z0-9]{0,3}|syscall|sysret|sysenter|sysexit|iret[dq]?|swapgs|rdmsr|wrmsr|rdtscp?|cpuid|in|out|stos[bwdq]?|lods[bwdq]?|scas[bwdq]?|loop[a-z]{0,3}|lahf|sahf|ud2|invlpg|wbinvd|clts|xgetbv|xsetbv|xsave[a-z0-9]{0,3}|xrstor[a-z0-9]{0,3}|endbr(?:32|64)|f(?:ld|st|add|sub|mul|div|com|ucom|xch|chs|abs|sqrt|init|ninit|wait|nstsw|stsw|nstcw|ldcw|xam|tst|free|nop|clex|nclex|ild|ist|isttp)[a-z]{0,3}|(?:mov|add|sub|mul|div|xor|and|andn|or|cmp|min|max|sqrt|ucomi|comi|unpckl|unpckh|shuf)(?:ps|pd|ss|sd)|cvt[a-z0-9]{2,8}|p(?:xor|and|andn|or|add[a-z]{0,3}|sub[a-z]{0,3}|cmp[a-z]{2,5}|mov[a-z]{2,5}|shuf[a-z]{1,2}|unpck[a-z]{3,5}|sll[a-z]|srl[a-z]|sra[a-z]|insr[a-z]|extr[a-z]|alignr|test)|v[a-z]{2,}[a-z0-9]{0,6})$',
);
// Symbols named in operands, with the address the debugger resolved them to:
//   `FLTMGR!FltAllocateCallbackData (fffff800`00405fb0)`, `offset vicm+0x6973c (…)`,
//   `nt! ?? ::FNODOBFM::`string'+0x1e009 (…)`; the closing parenthesis may be lost.
//   group 1 the site.
const TARGET = /([A-Za-z0-9_.$-]+(?:! \?\? \S+|!\S+|\+0x[0-9a-f]+))\s+\([0-9a-f]{8}(?:`?[0-9a-f]{8})?\)?/gi;
const MEMORY_ERROR = /^\s*\^ (?:Memory access error|Syntax error|Bad register error)/i;
const NOTES = /^\s*(?:No prior disassembly possible|Flow analysis was incomplete|No code found, aborting)/i;

/** One decoded instruction line. */
export interface DisasmLine {
  address: string;
  instruction: string;
  unreadable: boolean;
}

/**
 * Parse one disassembly line (`fffff800`03aab937 f390  pause`). With `loose`
 * false the mnemonic must be a common one, so that other two-column output is
 * not mistaken for code.
 */
export function parseDisasmLine(text: string, loose: boolean): DisasmLine | null {
  if (text.length > 400) {
    return null;
  }
  const m = LINE.exec(text);
  const bytes = m?.[2] as string | undefined;
  if (!m || bytes === undefined || (bytes !== '??' && bytes.length % 2 !== 0)) {
    // Printed without code bytes: only a known mnemonic makes it code.
    const nb = NO_BYTES.exec(text);
    const mn = nb?.[2]?.toLowerCase();
    if (!nb || mn === undefined || !MNEMONIC.test(mn)) {
      return null;
    }
    const rest = (nb[3] ?? '').replace(/\s+(?:<-|-->|<<+|\/\/).*$/, '').replace(/\s{2,}/g, ' ').trim();
    return { address: normalizeAddress(nb[1] as string), instruction: rest === '' ? mn : `${mn} ${rest}`, unreadable: false };
  }
  // Drop commentary people append: "pause <- waiting for the lock", "<<<< R9 has
  // invalid data", "--> NTSTATUS code", "// compare this line".
  const instruction = (m[3] as string)
    .replace(/\s+(?:<-|-->|<<+|\/\/).*$/, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  const mnemonic = instruction.split(' ')[0] ?? '';
  // `nt!Foo`, `cfosspeed6+0x8986d`: a dps row, not code.
  if (mnemonic === '' || /[!+`]/.test(mnemonic)) {
    return null;
  }
  if (!loose && (mnemonic.length > 14 || !MNEMONIC.test(mnemonic))) {
    return null;
  }
  return { address: normalizeAddress(m[1] as string), instruction, unreadable: bytes === '??' };
}

/** A symbol label line (`nt!KeFlushProcessWriteBuffers+0x63:`), or null. */
export function parseDisasmLabel(text: string): string | null {
  if (text.length > 300) {
    return null;
  }
  const m = LABEL.exec(text);
  return m ? (m[1] as string).trim() : null;
}

/** Symbols named by the operands of one instruction. */
export function instructionTargets(instruction: string): string[] {
  const out: string[] = [];
  for (const m of instruction.matchAll(TARGET)) {
    out.push(m[1] as string);
  }
  return out;
}

const COMMANDS: readonly (string | RegExp)[] = ['u', 'ub', 'uf'];

/** `u`/`ub`/`uf` output → DisasmData with the symbols the code names. */
export const disasmAnalyzer: Analyzer<'disasm'> = {
  id: 'disasm',
  commands: COMMANDS,
  startsAt(source, i, owned) {
    const text = source.lines[i] as string;
    if (parseDisasmLine(text, owned) !== null) {
      return true;
    }
    if (parseDisasmLabel(text) === null) {
      return false;
    }
    // A label counts only when code follows it.
    for (let j = i + 1; j < Math.min(source.lines.length, i + 3); j++) {
      const t = source.lines[j] as string;
      if (t.trim() !== '') {
        return parseDisasmLine(t, owned) !== null;
      }
    }
    return false;
  },
  analyze(start, ctx) {
    const word = (/^\s*(\S+)/.exec(ctx.segment.command)?.[1] ?? '').toLowerCase();
    const owned = COMMANDS.includes(word);
    const data: DisasmData = { lines: [], targets: [] };
    let label: string | undefined;
    let unreadable: number[] = [];
    let end = start;
    let blanks = 0;
    for (let i = start; i < ctx.limit; i++) {
      const text = ctx.source.lines[i] as string;
      if (text.trim() === '') {
        if (++blanks > MAX_BLANKS) {
          break;
        }
        continue;
      }
      blanks = 0;
      // Code lines are accepted loosely once the block has begun.
      const d = parseDisasmLine(text, owned || data.lines.length > 0);
      if (d) {
        const entry: DisasmData['lines'][number] = { address: d.address, instruction: d.instruction, line: i + 1 };
        if (label !== undefined) {
          entry.symbol = label;
          label = undefined;
        }
        data.lines.push(entry);
        if (d.unreadable) {
          unreadable.push(i + 1);
        }
        for (const site of instructionTargets(d.instruction)) {
          const s = parseSite(site);
          data.targets.push({ site: s.site, module: s.module, line: i + 1 });
        }
        end = i + 1;
        continue;
      }
      const l = parseDisasmLabel(text);
      if (l !== null) {
        label = l;
        end = i + 1;
        continue;
      }
      if (MEMORY_ERROR.test(text)) {
        unreadable.push(i + 1);
        end = i + 1;
        continue;
      }
      if (NOTES.test(text)) {
        end = i + 1;
        continue;
      }
      break;
    }
    if (data.lines.length === 0) {
      return { ok: false, reason: 'no disassembly lines recognised', end: Math.max(end, start + 1) };
    }
    const findings: Finding[] = [];
    unreadable = [...new Set(unreadable)];
    if (unreadable.length > 0) {
      const first = data.lines.find((l) => unreadable.includes(l.line)) ?? data.lines[0];
      findings.push({
        id: 'disasm.unreadable',
        severity: 'info',
        title: `Code at ${first?.address ?? 'this address'} could not be read`,
        detail: 'The debugger printed ?? for the instruction bytes: that memory is not in the dump or is not mapped.',
        lines: unreadable,
      });
    }
    return { ok: true, data, findings, end };
  },
};
