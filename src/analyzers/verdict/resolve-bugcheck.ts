/**
 * Which stop code belongs to THIS session, read only from debugger output
 * (never from prose: forum posts name other codes all the time).
 *
 * Sources, strongest first:
 *   3  `.bugcheck` output and the dump banner `BugCheck 9F, {…}`
 *   2  `!analyze -v`: BUGCHECK_CODE / `NAME (code)` with Arg1..4 or BUGCHECK_P1..4
 *   1  the arguments of an `nt!KeBugCheckEx` frame (x64 `kv`: code, P1, P2, P3)
 *   0  the debugger's own argument descriptions, when `!analyze -v` printed
 *      them but the code line was not pasted (see analyze-text.ts)
 * Missing arguments are filled from weaker sources that do not contradict.
 */
import { inferCodeFromAnalyzeText } from '../knowledge/analyze-text';
import { describeBugcheck } from '../knowledge/bugcheck-codes';
import { normalizeHex, parseHex } from '../normalize';
import { blocksOf, type SessionModel } from '../run';
import { frameColumns } from '../commands/stack';
import type { AnalyzeVData, Finding, Stack, StackFrame } from '../types';

/** The bug check as resolved from all sources. */
export interface ResolvedBugcheck {
  code: number;
  /** Four arguments, normalized (`0x1c`), '' when not shown anywhere. */
  args: string[];
  line: number;
  argLines: number[];
  source: 'bugcheck' | 'analyze' | 'frame' | 'inferred';
  /** Name as printed by the debugger, if any. */
  printedName?: string;
  /** The debugger's own words after each argument in `!analyze -v` ("Arg1: …, A driver has not…"), '' when none. */
  argText?: string[];
}

interface Candidate extends ResolvedBugcheck {
  priority: number;
}

function fromData(d: AnalyzeVData['bugcheck'], priority: number, source: ResolvedBugcheck['source']): Candidate | null {
  if (!d) {
    return null;
  }
  // A live break shows "Unknown bugcheck code (0)" / "Bugcheck code 00000000" with zero arguments: no bug check.
  if (d.code === 0 && d.args.every((a) => a.trim() === '' || /^(?:0x)?[0`]+$/i.test(a.trim()))) {
    return null;
  }
  const c: Candidate = {
    code: d.code,
    args: d.args.map((a) => (a.trim() === '' ? '' : normalizeHex(a))),
    line: d.line,
    argLines: d.argLines,
    source,
    priority,
  };
  if (d.name !== undefined) {
    c.printedName = d.name;
  }
  return c;
}

/** A fail-fast frame within three frames below nt!KeBugCheckEx, on the same stack. */
function failFastBelowBugCheck(stacks: Stack[]): StackFrame | undefined {
  for (const s of stacks) {
    const k = s.frames.findIndex((f) => f.symbol === 'KeBugCheckEx');
    if (k < 0) {
      continue;
    }
    const ff = s.frames.slice(k + 1, k + 4).find((f) => f.symbol === 'KiRaiseSecurityCheckFailure' || f.symbol === 'KiFastFailDispatch');
    if (ff) {
      return ff;
    }
  }
  return undefined;
}

/**
 * The arguments printed with an nt!KeBugCheckEx frame (the code first), or undefined when the
 * frame carries none. The arguments column is read from the frame's input line, or from the line
 * before when an 80-column copy wrapped the frame (addresses and arguments, then the call site alone).
 */
function keBugCheckExArgs(f: StackFrame, lines: readonly string[]): string[] | undefined {
  const mod = (f.module ?? '').toLowerCase();
  if (f.symbol !== 'KeBugCheckEx' || (mod !== 'nt' && !mod.startsWith('ntk') && mod !== 'ntoskrnl')) {
    return undefined;
  }
  // The frame's own line, joined with up to two lines before it when a copy wrapped the frame (the
  // frame keeps its last line; a double-spaced copy's blank lines are skipped).
  // Wrapped at a space (the space went with the line's end), or cut in the middle of a word.
  let joined = (lines[f.line - 1] ?? '').trim();
  let cut = lines[f.line - 1] ?? '';
  let args = frameColumns(joined)?.args;
  for (let k = 2, parts = 1; args === undefined && parts < 3 && k <= 5 && f.line - k >= 0; k++) {
    const raw = lines[f.line - k] ?? '';
    const before = raw.trim();
    if (before !== '') {
      joined = `${before} ${joined}`;
      cut = `${raw}${cut}`;
      parts++;
      args = frameColumns(joined)?.args ?? frameColumns(cut)?.args;
    }
  }
  const frameArgs = args?.split(/\s+/);
  if (frameArgs === undefined || frameArgs.length < 3) {
    return undefined;
  }
  const code = parseHex(frameArgs[0] as string);
  // A code is at most 32 bits; a pointer here means these are not KeBugCheckEx's arguments.
  return Number.isFinite(code) && code !== 0 && code <= 0xffffffff ? frameArgs : undefined;
}

/** The bug check code a stack's nt!KeBugCheckEx frame was called with, when its arguments were printed. */
export function bugCheckCodeOnStack(s: Stack, lines: readonly string[]): number | undefined {
  for (const f of s.frames.slice(0, 4)) {
    const args = keBugCheckExArgs(f, lines);
    if (args !== undefined) {
      return parseHex(args[0] as string);
    }
  }
  return undefined;
}

/** `nt!KeBugCheckEx` frames whose printed arguments carry the code. */
function fromFrames(stacks: Stack[], lines: readonly string[]): Candidate[] {
  const out: Candidate[] = [];
  for (const s of stacks) {
    for (const f of s.frames) {
      if (f.symbol !== 'KeBugCheckEx') {
        continue;
      }
      const frameArgs = keBugCheckExArgs(f, lines);
      if (frameArgs === undefined) {
        continue;
      }
      const code = parseHex(frameArgs[0] as string);
      const values = frameArgs.slice(1, 5).map((a) => normalizeHex(a));
      while (values.length < 4) {
        values.push('');
      }
      out.push({
        code,
        args: values,
        line: f.line,
        argLines: values.map((a) => (a === '' ? 0 : f.line)),
        source: 'frame',
        priority: 1,
      });
    }
  }
  return out;
}

/** Resolve the session's bug check; findings note conflicts and inference. */
/** "Stop 0x1e", "STOP: 0x0000001E", "stop code 0x9F", "bug check 0xD1" written in the text. */
const STOP_IN_TEXT = /\b(?:stop(?: code| error)?|bug ?check(?: code)?)[: ]\s*(0x[0-9a-f]{1,8}|[0-9a-f]{8})\b/gi;
/** Lines of text read for a stop code: an article or post, not a whole session. */
const STOP_TEXT_LINES = 5000;

/** The one stop code the text names, if it names exactly one known code. */
function stopCodeInText(lines: readonly string[]): { code: number; line: number; phrase: string } | undefined {
  let found: { code: number; line: number; phrase: string } | undefined;
  for (let i = 0; i < lines.length && i < STOP_TEXT_LINES; i++) {
    const text = lines[i] as string;
    if (!/stop|check/i.test(text)) {
      continue;
    }
    for (const m of text.matchAll(STOP_IN_TEXT)) {
      const code = parseHex(m[1] as string);
      if (Number.isNaN(code) || code === 0 || describeBugcheck(code) === undefined) {
        continue;
      }
      if (found !== undefined && found.code !== code) {
        return undefined; // two codes: a post comparing crashes, not this session's
      }
      found ??= { code, line: i + 1, phrase: m[0] };
    }
  }
  return found;
}

export function resolveBugcheck(model: SessionModel, stacks: Stack[]): { bugcheck: ResolvedBugcheck | null; findings: Finding[] } {
  const findings: Finding[] = [];
  const candidates: Candidate[] = [];
  const partial: Candidate[] = [];
  for (const b of blocksOf(model, 'bugcheck')) {
    const c = fromData(b.data.bugcheck, 3, 'bugcheck');
    if (c) {
      candidates.push(c);
    }
  }
  const analyzeBlocks = blocksOf(model, 'analyze-v');
  for (const b of analyzeBlocks) {
    const c = fromData(b.data.bugcheck, 2, 'analyze');
    if (!c) {
      continue;
    }
    if (b.data.argText.some((t) => t !== '')) {
      c.argText = b.data.argText;
    }
    if (Number.isNaN(c.code)) {
      partial.push(c);
    } else {
      candidates.push(c);
    }
  }
  candidates.push(...fromFrames(stacks, model.source.lines));
  if (candidates.length === 0) {
    // The code line was not pasted; the debugger's argument descriptions may still identify it.
    for (const b of analyzeBlocks) {
      const inferred = inferCodeFromAnalyzeText(b.data.argText);
      if (inferred !== undefined && b.data.bugcheck) {
        const c = fromData(b.data.bugcheck, 0, 'inferred');
        if (c) {
          c.code = inferred.code;
          candidates.push(c);
          findings.push({
            id: 'bugcheck.inferred',
            severity: 'info',
            title: `The bug check code line was not pasted; 0x${inferred.code.toString(16).toUpperCase()} is inferred from the debugger's own argument descriptions ("${inferred.phrase}")`,
            lines: [c.line],
          });
        }
      }
    }
  }
  if (candidates.length === 0) {
    // The failure bucket starts with the code for kernel crashes: "0x9F_3_nvlddmkm_IMAGE_pci.sys",
    // "X64_0x1a_41201_…", "0x10D_5_VRF_…"; BUGCHECK_STR holds it alone in older output ("0x9F").
    for (const b of analyzeBlocks) {
      for (const key of ['FAILURE_BUCKET_ID', 'DEFAULT_BUCKET_ID', 'BUGCHECK_STR', 'BUCKET_ID']) {
        const f = b.data.fields[key];
        const m = f ? /^(?:X64_|X86_|ARM64_)?0x([0-9a-f]{1,8})(?:_|$)/i.exec(f.value.trim()) : null;
        if (f && m) {
          const code = Number.parseInt(m[1] as string, 16);
          const c: Candidate = b.data.bugcheck
            ? { ...(fromData(b.data.bugcheck, 0, 'inferred') as Candidate), code }
            : { code, args: ['', '', '', ''], line: f.line, argLines: [0, 0, 0, 0], source: 'inferred', priority: 0 };
          candidates.push(c);
          findings.push({
            id: 'bugcheck.from-bucket',
            severity: 'info',
            title: `The bug check code line was not pasted; 0x${code.toString(16).toUpperCase()} is read from the failure bucket (${key}: ${f.value})`,
            lines: [f.line],
          });
          break;
        }
      }
      if (candidates.length > 0) {
        break;
      }
    }
  }
  if (candidates.length === 0) {
    // Frames that only one bug check goes through: a fail-fast (0x139).
    // Only when the fail-fast is what called KeBugCheckEx (a few frames below it): a user-mode fail-fast
    // deeper down ends the process, and the kernel stops later for another reason (a critical process).
    const ff = failFastBelowBugCheck(stacks);
    if (ff) {
      candidates.push({ code: 0x139, args: ['', '', '', ''], line: ff.line, argLines: [0, 0, 0, 0], source: 'inferred', priority: 0 });
      findings.push({
        id: 'bugcheck.from-stack',
        severity: 'info',
        title: `The bug check code line was not pasted; ${ff.site} on the stack means a fail-fast, bug check 0x139 (KERNEL_SECURITY_CHECK_FAILURE)`,
        lines: [ff.line],
      });
    }
  }
  if (candidates.length === 0) {
    // Last: the text around a kernel stack names one stop code ("you may receive a Stop 0x1e in
    // Win32k.sys with the following call stack"). Only one code, and only with a stack beside it.
    const said = stacks.some((s) => s.frames.length >= 3) ? stopCodeInText(model.source.lines) : undefined;
    if (said) {
      candidates.push({ code: said.code, args: ['', '', '', ''], line: said.line, argLines: [0, 0, 0, 0], source: 'inferred', priority: 0 });
      findings.push({
        id: 'bugcheck.from-text',
        severity: 'info',
        title: `No bug check line was pasted; 0x${said.code.toString(16).toUpperCase()} is read from the text beside the stack ("${said.phrase}")`,
        lines: [said.line],
      });
    }
  }
  if (candidates.length === 0) {
    return { bugcheck: null, findings };
  }
  candidates.sort((a, b) => b.priority - a.priority || a.line - b.line);
  const best = { ...(candidates[0] as Candidate), args: [...(candidates[0] as Candidate).args], argLines: [...(candidates[0] as Candidate).argLines] };
  // Fill missing arguments from other sources of the same code, or code-less !analyze fields.
  for (const other of [...candidates.slice(1), ...partial]) {
    if (!Number.isNaN(other.code) && other.code !== best.code) {
      continue;
    }
    for (let k = 0; k < 4; k++) {
      if (best.args[k] === '' && other.args[k] !== '' && other.args[k] !== undefined) {
        best.args[k] = other.args[k] as string;
        best.argLines[k] = other.argLines[k] ?? 0;
      }
    }
    if (best.argText === undefined && other.argText !== undefined && other.code === best.code) {
      best.argText = other.argText;
    }
    if (best.printedName === undefined && other.printedName !== undefined) {
      best.printedName = other.printedName;
    }
  }
  const others = new Map<number, number>();
  for (const c of candidates) {
    if (c.code !== best.code && !others.has(c.code)) {
      others.set(c.code, c.line);
    }
  }
  for (const [code, line] of others) {
    findings.push({
      id: 'bugcheck.other',
      severity: 'warning',
      title: `Another bug check, 0x${code.toString(16).toUpperCase()}, also appears: this paste may hold more than one crash`,
      lines: [line],
    });
  }
  return { bugcheck: best, findings };
}
