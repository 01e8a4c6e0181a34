/**
 * Facts about the whole session that the rules share, built once: the
 * faulting stack, whether there is an exception or a crash without its code,
 * and whether the session is kernel or user mode.
 */
import { canonicalModuleName, isFrameworkModule } from '../knowledge/modules';
import { HANG_DUMP_CODES } from '../knowledge/ntstatus';
import { isInstruction, touchesMemory } from '../commands/disasm';
import { findFrame } from '../commands/stack';
import { nextFilledLine } from '../normalize';
import { blocksOf, type SessionModel } from '../run';
import type { SessionKind, Stack, StackFrame, ThreadInfo } from '../types';
import { spell, type VerdictContext } from './context';
import { isBlameable, isCandidate } from './modules';
import { blockedOn } from './waits';
import { crashMarker, repeatedCycles } from './stack-reading';
import { DEBUGGER_BREAK_IN } from '../knowledge/frames';
import { bugCheckCodeOnStack, resolveBugcheck } from './resolve-bugcheck';

/** One of the stack's first three frames is KeBugCheckEx. */
export function reachesKeBugCheckEx(s: Stack): boolean {
  for (let k = 0; k < 3 && k < s.frames.length; k++) {
    if ((s.frames[k] as StackFrame).symbol === 'KeBugCheckEx') {
      return true;
    }
  }
  return false;
}

/** The stack's KeBugCheckEx frame shows a code other than `code`: it is another crash's stack. */
function otherCode(s: Stack, code: number, lines: readonly string[]): boolean {
  const own = bugCheckCodeOnStack(s, lines);
  return own !== undefined && own !== code;
}

/**
 * The faulting stack: one printed after `.cxr`/`.trap` (the context of the
 * exception), else `!analyze -v`'s STACK_TEXT, else one that starts in
 * KeBugCheckEx (not one whose KeBugCheckEx shows a code other than the session's
 * `code`: that is another crash pasted beside it), else the first stack pasted.
 */
export function choosePrimaryStack(stacks: readonly Stack[], code: number | undefined, lines: readonly string[]): Stack | null {
  // One pass (a big session has tens of thousands of stacks).
  const ctxStacks: Stack[] = [];
  const stackText: Stack[] = [];
  const bug: Stack[] = [];
  let first: Stack | null = null;
  for (const s of stacks) {
    if (s.frames.length === 0) {
      continue;
    }
    first ??= s;
    // `.frame /r N` prints one frame; a context stack worth reading has several.
    if (s.context === true && s.frames.length >= 3 && !/^\.frame/i.test(s.source)) {
      ctxStacks.push(s);
    }
    if (s.source.startsWith('STACK_TEXT')) {
      stackText.push(s);
    }
    let marked = false;
    for (let k = 0; k < 3 && k < s.frames.length; k++) {
      if ((s.frames[k] as StackFrame).symbol?.startsWith('KeBugCheck') === true) {
        marked = true;
        break;
      }
    }
    // A stack stopped by another bug check (its KeBugCheckEx frame shows another code) is another crash's.
    if ((marked || crashMarker(s) !== null) && !(marked && code !== undefined && otherCode(s, code, lines))) {
      bug.push(s);
    }
  }
  ctxStacks.sort((a, b) => b.frames.length - a.frames.length);
  const ordered = [...ctxStacks, ...stackText, ...bug];
  // A truncated STACK_TEXT may stop before the driver that a fuller `k` of the same crash shows.
  return ordered.find((s) => s.frames.some((f) => isBlameable(f.module))) ?? ordered[0] ?? first;
}

// "00007ffa`1060ead2 488b4210  mov rax,qword ptr [rdx+10h] ds:00000000`00000010=????????????????"
// The current instruction touching memory the debugger cannot read is the fault itself: its memory
// note ends the line, or a copy wrapped it onto the next one.
const UNREADABLE_END = /=\?{2,}\s*$/;
const UNREADABLE_TAIL = /^\s*(?:[a-z]s:)?[0-9a-f`:]*=\?{2,}\s*$/i;

/**
 * User mode without an exception record: the instruction the debugger stopped
 * on reads unreadable memory, which is an access violation.
 */
function inferUserFault(model: SessionModel): { line: number } | undefined {
  const userPrompts = model.segments.some((s) => s.prompt?.mode === 'user');
  if (!userPrompts || model.segments.some((s) => s.prompt?.mode === 'kernel')) {
    return undefined;
  }
  const lines = model.source.lines;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] as string;
    if (UNREADABLE_END.test(text) && isInstruction(text)) {
      return { line: i + 1 };
    }
    // A copy wrapped at 80 columns puts the memory the instruction touched on the next line.
    if (touchesMemory(text) && UNREADABLE_TAIL.test(lines[nextFilledLine(lines, i)] ?? '')) {
      return { line: i + 1 };
    }
  }
  return undefined;
}

/**
 * A kernel trap or exception context (`.trap`, `.cxr`) whose instruction touches memory the debugger
 * cannot read: the page fault that stopped the system, pasted without its bug check. Its line, or undefined.
 */
function inferKernelFault(model: SessionModel): { line: number } | undefined {
  const lines = model.source.lines;
  for (const seg of model.segments) {
    if (!/^\.(?:trap|cxr)\b/i.test(seg.command) || seg.prompt?.mode === 'user') {
      continue;
    }
    for (let i = seg.bodyStart; i < seg.bodyEnd; i++) {
      const text = lines[i] as string;
      if ((UNREADABLE_END.test(text) && isInstruction(text)) || (touchesMemory(text) && UNREADABLE_TAIL.test(lines[nextFilledLine(lines, i)] ?? ''))) {
        return { line: i + 1 };
      }
    }
  }
  return undefined;
}

/**
 * A paste of one stack and little else, with the thread running third-party
 * code rather than waiting: what people paste from a crash ("here is the call
 * stack"). Not when the session holds locks, thread lists or several stacks
 * (a hang or a how-to), nor a live session's many commands.
 */
/** Words that say a program crashed, in a post around a pasted stack: "crashes", "access violation", "unhandled exception", "崩溃", "クラッシュ". */
export const CRASH_WORDS = /\b(?:crash(?:es|ed|ing)?|access violation|unhandled exception|heap corruption|stack overflow|segfault|abgestürzt|plantage|se bloque)\b|崩溃|闪退|クラッシュ|강제 종료|падает|вылетает/i;

function loneRunningStack(model: SessionModel, stacks: readonly Stack[]): 'kernel' | 'user' | null {
  const real = stacks.filter((s) => s.frames.length >= 3);
  // (`!runaway` means someone looked for a thread using the CPU: a spin, not a crash.)
  if (
    real.length !== 1 ||
    blocksOf(model, 'locks').length > 0 ||
    blocksOf(model, 'threadlist').length > 0 ||
    blocksOf(model, 'thread').length > 0 ||
    blocksOf(model, 'runaway').length > 0
  ) {
    return null;
  }
  if (model.segments.filter((s) => s.prompt !== null).length > 2) {
    return null;
  }
  const s = real[0] as Stack;
  if (blockedOn(s) !== null) {
    return null;
  }
  // The thread runs a program's code (or a library routine it called) at the top, not
  // Windows' own. A Microsoft driver of its own (lxcore, msquic) counts only in a stack pasted
  // bare, as crash reports quote one: a `k` typed at a live prompt shows any thread at work.
  const bare = model.segments.every((seg) => seg.prompt === null);
  // Visual Studio marks the frame it stopped in with ">": under words that tell of a crash, that frame is where it crashed.
  const first = s.frames[0];
  const stoppedIn = bare && first !== undefined && first.module !== null && /^\s*>/.test(model.source.lines[first.line - 1] ?? '') && model.source.lines.some((l) => CRASH_WORDS.test(l));
  const top = stoppedIn ? first : s.frames.slice(0, 3).find((f) => isCandidate(f.module) || (bare && f.module !== null && !isFrameworkModule(f.module)));
  if (!top) {
    return null;
  }
  const kernel = s.frames.some((f) => f.module !== null && /^(?:nt|hal)$/.test(canonicalModuleName(f.module))) || addressSpace(model) === 'kernel';
  return kernel ? 'kernel' : 'user';
}

// x64 addresses as the debugger prints them: kernel space (fffff800`00000000 and up) and user
// space (00007ff…`…, where DLLs load; 000000xx`… stacks and heaps).
const KERNEL_ADDRESS = /\bfffff[89a-f][0-9a-f]{2}`[0-9a-f]{8}\b/i;
const USER_ADDRESS = /\b0000(?:7ff[0-9a-f]|0[0-9a-f]{3})`[0-9a-f]{8}\b/i;
/** Lines looked at for addresses: the mode shows in the first screens of any paste. */
const ADDRESS_LINES = 5000;

/**
 * Which address space the pasted x64 addresses are in, when they say it clearly
 * (a paste without prompts or Windows frames: a driver's own stack, a faulting
 * instruction at fffff807`40e8dbdd).
 */
function addressSpace(model: SessionModel): 'kernel' | 'user' | null {
  let kernel = 0;
  let user = 0;
  const lines = model.source.lines;
  for (let i = 0; i < lines.length && i < ADDRESS_LINES; i++) {
    const l = lines[i] as string;
    if (!l.includes('`')) {
      continue;
    }
    if (KERNEL_ADDRESS.test(l)) {
      kernel++;
    } else if (USER_ADDRESS.test(l)) {
      user++;
    }
  }
  if (kernel > 0 && kernel >= 2 * user) {
    return 'kernel';
  }
  if (user > 0 && user >= 2 * kernel) {
    return 'user';
  }
  return null;
}

// "Mini Kernel Dump File: Only registers and stack trace are available", "Kernel Bitmap Dump File: …",
// "Kernel Summary Dump File: …", "Kernel Complete Dump File: …" (the debugger's banner on opening a dump).
const KERNEL_DUMP_BANNER = /^\s*(?:Mini )?Kernel (?:Summary |Bitmap |Complete |Full )?Dump File:/;

/** Did the debugger open a kernel dump file (its banner is in the text)? */
function kernelDumpFile(model: SessionModel): boolean {
  const lines = model.source.lines;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l.includes('Dump File:') && KERNEL_DUMP_BANNER.test(l)) {
      return true;
    }
  }
  return false;
}

// "APPLICATION_HANG_BlockedOn_CriticalSection", "APPLICATION_HANG_DEADLOCK_cfffffff_app.exe!Foo",
// "HANG_QUIESCENT", "BusyHang": the words !analyze -hang and WER's hang reports bucket a hang with.
const HANG_BUCKET = /APPLICATION_HANG|(?:^|_)HANG(?:_|$)|BusyHang/i;
const HANG_FIELDS = ['FAILURE_BUCKET_ID', 'DEFAULT_BUCKET_ID', 'PRIMARY_PROBLEM_CLASS', 'BUGCHECK_STR', 'PROBLEM_CLASSES', 'FAILURE_PROBLEM_CLASS'] as const;
/** `!analyze -hang`, `!analyze -v -hang`. */
const HANG_COMMAND = /^!analyze\b.*\s-hang\b/i;

/**
 * Was a hang analysed (`!analyze -hang`, a hang bucket, a hang dump's code)? The
 * field or command that says so, or null.
 */
function hangAnalysis(model: SessionModel): { why: string; line: number } | null {
  for (const b of blocksOf(model, 'analyze-v')) {
    for (const k of HANG_FIELDS) {
      const f = b.data.fields[k];
      if (f !== undefined && HANG_BUCKET.test(f.value)) {
        return { why: `${k}: ${f.value}`, line: f.line };
      }
    }
    if (HANG_COMMAND.test(b.segment.command)) {
      return { why: b.segment.command, line: b.segment.line };
    }
  }
  for (const b of [...blocksOf(model, 'analyze-v'), ...blocksOf(model, 'bugcheck')]) {
    const e = b.data.exception;
    if (e !== undefined && HANG_DUMP_CODES.has(e.code)) {
      return { why: `exception code 0x${e.code.toString(16).toUpperCase()}, which hang dumps are written with`, line: e.line };
    }
  }
  return null;
}

// "nt!KiPageFault+0x260   <-- faulting instruction", "bindflt.sys+0x27094 <<< crash here", "← the culprit":
// the poster marks the frame where it faulted.
const FAULT_MARK = /(?:<-+|<<+|←|==+>|-->)\s*(?:this is |here is |is )?(?:the |where )?(?:faulting|fault(?:ed|s)?|crash(?:ed|es|ing)?|culprit|exception|access violation|bsod)\b/i;

/** The frame a poster marked as the faulting one ("<-- faulting instruction"), with its stack. */
function markedFault(model: SessionModel, stacks: readonly Stack[]): { stack: Stack; frame: StackFrame } | null {
  const lines = model.source.lines;
  for (const s of stacks) {
    for (const f of s.frames) {
      const text = lines[f.line - 1];
      if (text !== undefined && text.length < 1000 && (text.includes('<') || text.includes('←') || text.includes('>')) && FAULT_MARK.test(text)) {
        return { stack: s, frame: f };
      }
    }
  }
  return null;
}

/** A stack whose top frames are the debugger breaking in (nt!KdCheckForDebugBreak, ntdll!DbgUiRemoteBreakin). */
function breakIn(stacks: readonly Stack[]): { why: string; line: number } | null {
  for (const s of stacks) {
    const f = s.frames.slice(0, 4).find((x) => x.symbol !== null && DEBUGGER_BREAK_IN.test(x.symbol));
    if (f) {
      return { why: `${f.site} on ${s.source}`, line: f.line };
    }
  }
  return null;
}

/**
 * Fields only !analyze's account of a crash prints: the failure bucket, the bug check string, the
 * faulting instruction, and STACK_TEXT (the stack it chose as the crash's; a hang analysis is told
 * apart by its own fields, `hangAnalysis`).
 */
/** A call cycle repeated this often, with words that name an overflow, is the overflow itself. */
const RUNAWAY_REPS = 4;
/** Words that name a stack overflow. */
const OVERFLOW_WORDS = /stack overflow|STATUS_STACK_OVERFLOW|c00000fd|stack exhaustion/i;

/** Dr. Watson's banner above each thread's stack in drwtsn32.log. */
// (Its column header alone, "FramePtr RetAddr Param1 …", is no sign: older debuggers' kb printed it too.)
const DR_WATSON_TRACE = /^\s*\*-+> Stack Back Trace <-+\*\s*$/;

// (Also the fields of a memory fault: the address read or written, the trap frame, the memory manager's code.)
const ANALYZED_CRASH_FIELDS = ['FAILURE_BUCKET_ID', 'BUGCHECK_STR', 'STACK_TEXT', 'FAULTING_IP', 'READ_ADDRESS', 'WRITE_ADDRESS', 'TRAP_FRAME', 'MM_INTERNAL_CODE'] as const;

/**
 * A crash the words and stacks show without a crash marker: a frame the poster marked as the faulting
 * one; a stack that recursed until it ran out, under words that say so ("stack overflow",
 * STATUS_STACK_OVERFLOW, c00000fd); a kernel trap context that faulted on unreadable memory; Dr.
 * Watson's log, which it writes (with a "Stack Back Trace" of each thread) only when a program crashed.
 */
function inferredCrash(model: SessionModel, stacks: readonly Stack[], marked: { stack: Stack; frame: StackFrame } | null): 'kernel' | 'user' | null {
  if (marked !== null) {
    const kernel = marked.stack.frames.some((f) => f.module !== null && /^(?:nt|hal)$/.test(canonicalModuleName(f.module))) || addressSpace(model) === 'kernel';
    return kernel ? 'kernel' : 'user';
  }
  const deep = stacks.find((s) => repeatedCycles(s.frames).some((c) => c.reps >= RUNAWAY_REPS));
  if (deep !== undefined && model.source.lines.some((l) => OVERFLOW_WORDS.test(l))) {
    return deep.frames.some((f) => f.module !== null && canonicalModuleName(f.module) === 'nt') ? 'kernel' : 'user';
  }
  if (inferKernelFault(model) !== undefined) {
    return 'kernel';
  }
  return stacks.length > 0 && model.source.lines.some((l) => DR_WATSON_TRACE.test(l)) ? 'user' : null;
}

/** Build the facts every rule reads. */
export function buildContext(model: SessionModel, stacks: readonly Stack[]): VerdictContext {
  const { bugcheck, findings } = resolveBugcheck(model, stacks as Stack[]);
  const threads: ThreadInfo[] = [
    ...blocksOf(model, 'thread').map((b) => b.data),
    ...blocksOf(model, 'process').flatMap((b) => b.data.processes.flatMap((p) => p.threads)),
  ];
  // An exception record in `!analyze -v` or `.exr`; a managed exception.
  // (A hang dump's own code, 0x80000007 or 0xCFFFFFFF, is how the process was stopped, not a crash;
  // so is the breakpoint of a debugger breaking in.)
  const liveBreak = bugcheck === null ? breakIn(stacks) : null;
  const record = [...blocksOf(model, 'analyze-v'), ...blocksOf(model, 'bugcheck')].some(
    (b) => b.data.exception !== undefined && !HANG_DUMP_CODES.has(b.data.exception.code) && !(liveBreak !== null && b.data.exception.code === 0x80000003),
  );
  const hang = bugcheck === null ? hangAnalysis(model) : null;
  const managed = blocksOf(model, 'clrstack').some((b) => b.data.exceptionType !== undefined);
  const inferredFault = !bugcheck && !record ? inferUserFault(model) : undefined;
  const exception = record || managed || inferredFault !== undefined;
  // A stack whose first frames reach nt!KeBugCheckEx is a crash even when its code was not pasted.
  const unnamedCrash = bugcheck === null && stacks.some(reachesKeBugCheckEx);
  // A failure bucket (or its "Probably caused by" line) means !analyze analyzed a crash, even when the rest was not pasted.
  // So does a kernel dump file: Windows writes one only when it stops (a bug check or a live
  // dump), so the analysis of "Mini Kernel Dump File" output is that of a crash.
  const analyzedCrash =
    (hang === null &&
      liveBreak === null &&
      blocksOf(model, 'analyze-v').some((b) => b.data.probablyCausedBy !== undefined || ANALYZED_CRASH_FIELDS.some((k) => b.data.fields[k] !== undefined))) ||
    (bugcheck === null && kernelDumpFile(model));
  const marked = markedFault(model, stacks);
  // No code, record or analysis says a crash happened: what the pasted stacks and texts show instead.
  const noCrashYet = bugcheck === null && !exception && !unnamedCrash && !analyzedCrash;
  let stackCrash: 'kernel' | 'user' | null = null;
  // The crash was read from one running stack pasted alone, not from a crash marker.
  let loneStack = false;
  if (noCrashYet) {
    stackCrash = stacks.map(crashMarker).find((m) => m !== null) ?? null;
    if (stackCrash === null) {
      stackCrash = loneRunningStack(model, stacks);
      loneStack = stackCrash !== null;
    }
    stackCrash ??= inferredCrash(model, stacks, marked);
  }
  const ctx: VerdictContext = {
    model,
    stacks,
    bugcheck,
    bugcheckNotes: findings,
    threads,
    primary: choosePrimaryStack(stacks, bugcheck?.code, model.source.lines),
    unnamedCrash,
    crashWithoutCode: bugcheck === null && !exception && (unnamedCrash || analyzedCrash),
    exception,
    stackCrash,
    loneStack,
    crash: bugcheck !== null || exception || unnamedCrash || analyzedCrash || stackCrash !== null,
    evidence: [],
    findings: model.findings.map((f) => f),
    signals: new Map(),
    spelling: new Map(),
    rule: '',
    memo: {},
  };
  // File names spell modules as the disk does (foo-bar.sys); symbols and buckets say foo_bar.
  for (const b of blocksOf(model, 'lm')) {
    for (const m of b.data.modules) {
      if (m.name.includes('-')) {
        spell(ctx, m.name);
      }
    }
  }
  for (const b of blocksOf(model, 'symerr')) {
    for (const m of b.data.modules) {
      if (m.module.includes('-')) {
        spell(ctx, m.module);
      }
    }
  }
  const extra: { -readonly [K in 'inferredFault' | 'hangAnalysis' | 'liveBreak' | 'markedFault']?: VerdictContext[K] } = {};
  if (marked !== null) {
    extra.markedFault = marked;
  }
  if (liveBreak !== null && !record) {
    extra.liveBreak = liveBreak;
  }
  if (inferredFault) {
    extra.inferredFault = inferredFault;
  }
  if (hang !== null && !record) {
    extra.hangAnalysis = hang;
  }
  return Object.keys(extra).length > 0 ? { ...ctx, ...extra } : ctx;
}

/** Kernel or user mode: prompts first, then the bug check, then what the stacks hold. */
export function decideKind(ctx: VerdictContext): SessionKind {
  let kernel = 0;
  let user = 0;
  for (const seg of ctx.model.segments) {
    if (seg.prompt?.reduced === true) {
      continue; // a guess, not a prompt the debugger printed
    }
    if (seg.prompt?.mode === 'kernel') {
      kernel++;
    } else if (seg.prompt?.mode === 'user') {
      user++;
    }
  }
  if (ctx.bugcheck) {
    return 'kernel';
  }
  if (kernel > 0 || user > 0) {
    return kernel >= user ? 'kernel' : 'user';
  }
  const onStack = (names: string[]): boolean => findFrame(ctx.stacks as Stack[], (f) => f.module !== null && names.includes(canonicalModuleName(f.module))) !== undefined;
  if (onStack(['nt', 'hal'])) {
    return 'kernel';
  }
  if (ctx.stackCrash === 'kernel') {
    return 'kernel';
  }
  // An exception without a bug check and without kernel frames: a user-mode crash (WER text, cdb events).
  if (ctx.exception || ctx.stackCrash === 'user') {
    return 'user';
  }
  if (onStack(['ntdll', 'kernel32', 'kernelbase'])) {
    return 'user';
  }
  return 'unknown';
}
