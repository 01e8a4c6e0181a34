/**
 * The verdict engine: weighs everything the analyzers found, the way the
 * experts in the seed write-ups do, into a category, ranked suspects with
 * calibrated confidence, findings and next steps.
 *
 * Principles:
 * - Evidence is a list of (module, weight, reason, line). A suspect's
 *   confidence is 1 − Π(1 − wᵢ) over its evidence: independent hints add up,
 *   but never to certainty. 0.5 or more means "we blame this".
 * - Microsoft modules (nt, ndis, fltmgr, win32k…) are where crashes land, not
 *   their cause: their evidence is damped and capped below blame.
 * - Some findings blame no driver at all: a WHEA record (hardware), an in-page
 *   I/O error (disk), a forced crash (0xE2, NMI), an invalid image hash (OS
 *   files). Then the suspect list is empty and the reasons become findings.
 * - Without a crash, a hang or a leak there is nothing to blame: stacks alone
 *   (a how-to article, a live session) produce no suspects.
 */
import { describeBugcheck, describeBugcheckArg, formatBugcheckCode } from './knowledge/bugcheck-codes';
import { irpMajorName, irpMinorName } from './knowledge/irp-codes';
import { canonicalModuleName, classifyModule, describeDriver, isCrashToolModule, isFrameworkModule } from './knowledge/modules';
import { EXCEPTION_GUIDANCE } from './knowledge/exception-guidance';
import { describeNtStatus, ntStatusFromArg } from './knowledge/ntstatus';
import { describePoolTag, poolTagOwnerModule } from './knowledge/pooltags';
import { normalizeAddress } from './normalize';
import { topBy } from './rank';
import { findFrame, frameColumns } from './commands/stack';
import { allStacks } from './report';
import { blocksOf, type SessionModel } from './run';
import { resolveBugcheck, type ResolvedBugcheck } from './verdict-bugcheck';
import { buildHeadline, buildNextSteps } from './verdict-text';
import type {
  BugcheckReport,
  Category,
  Finding,
  LockInfo,
  ModuleEntry,
  ModuleOrigin,
  NextStep,
  SessionKind,
  Stack,
  StackFrame,
  Suspect,
  ThreadInfo,
} from './types';

/** What `judge` returns. */
export interface Verdict {
  kind: SessionKind;
  bugcheck: BugcheckReport | null;
  category: Category;
  suspects: Suspect[];
  findings: Finding[];
  headline: string;
  nextSteps: NextStep[];
}

/** One piece of evidence against a module. */
export interface Evidence {
  module: string;
  weight: number;
  text: string;
  line?: number;
  /** From a hang (lock owner, waiting thread): still counts when the crash itself was forced. */
  hang?: boolean;
}

/** Facts gathered once and shared by the rules. */
export interface VerdictContext {
  model: SessionModel;
  stacks: Stack[];
  bugcheck: ResolvedBugcheck | null;
  evidence: Evidence[];
  findings: Finding[];
  /** Signals that decide the category, with the line that raised them. */
  signals: Map<Category | 'no-blame', { why: string; line?: number }>;
  threads: ThreadInfo[];
  /** Memo for `findThread`: the first thread of each address. */
  threadByAddress?: Map<string, ThreadInfo>;
  /** Memo for `stackModules`. */
  stackModuleNames?: Set<string>;
  /** A kernel crash whose code was not pasted (KeBugCheckEx on a stack, or only a failure bucket). */
  crashWithoutCode?: boolean;
  /** User mode: an access violation read from the faulting instruction (no exception record pasted). */
  inferredFault?: { line: number };
  /** Printed spelling of each module, by canonical name. */
  spelling: Map<string, string>;
  primary: Stack | null;
}

/** Bug checks whose stacks show victims of earlier corruption rather than culprits. */
const CORRUPTION_CODES = new Set([0x19, 0x1a, 0x4e, 0xc1, 0xc2, 0xc5, 0x13a, 0x139, 0x12b, 0x1d5, 0x1ca]);
/** Driver Verifier detections: the driver is caught in the act. */
const VERIFIER_CODES = new Set([0xc4, 0xc9, 0xc6, 0xd6, 0xe6, 0x1c4, 0xc1, 0xd5, 0xcb, 0xce]);
/** Codes that mean the machine was crashed on purpose. */
const MANUAL_CODES = new Set([0xe2, 0x80, 0xdeaddead, 0x161]);
/** Hardware-reported codes. */
const HARDWARE_CODES = new Set([0x124, 0x9c, 0x12b, 0x127]);
/** NTSTATUS codes of failed disk/paging I/O. Source: ntstatus.h (mingw-w64). */
const IN_PAGE_STATUSES = new Set([0xc0000006, 0xc000009c, 0xc000009d, 0xc0000185, 0xc000000e, 0xc0000483, 0xc000016a, 0xc0000102]);
/** Code-integrity failures: the image's signature/hash did not verify. */
const IMAGE_HASH_STATUSES = new Set([0xc0000428, 0xc0000603, 0xc0000602]);

/** Frames that belong to the crash machinery itself, skipped when reading a stack top-down. */
const MACHINERY = /^(?:KeBugCheck|KiBugCheck|KiDoubleFault|KiPageFault|KiGeneralProtection|KiTrap|KiSystemService|KiInterrupt|KiIpi|KiExceptionDispatch|KiDispatchException|RtlDispatchException|KxFlush|KiSwap|KiCommitThreadWait|KeWaitFor|KiWait|KeDelayExecution|ExAllocatePool|ExFreePool|MmAccessFault|Mi[A-Z])/;

function origin(module: string): ModuleOrigin {
  return classifyModule(module);
}

/** A frame's module counts as "not Microsoft" (third party or unknown). */
function isForeign(module: string | null): module is string {
  return module !== null && origin(module) !== 'microsoft';
}

/**
 * May this module be suspected at all? Everything but Microsoft's framework
 * modules (nt, hal, ndis, fltmgr, win32k, file systems…); other Microsoft
 * drivers can be at fault, and `combine` raises the bar for them.
 */
function isBlameable(module: string | null): module is string {
  return module !== null && !MANAGED_FRAMEWORK.test(module) && (origin(module) !== 'microsoft' || !isFrameworkModule(module));
}

/** Namespace roots of .NET's own code in managed frames (see clrstack.ts). */
const MANAGED_FRAMEWORK = /^(?:System|Microsoft|MS|Windows|Internal|Interop|mscorlib|netstandard)(?:\.|$)/;

/** Driver object name (`\Driver\ZTEusbnet`, `\FileSystem\Ntfs`) → module base name. */
export function moduleFromDriverName(name: string): string {
  return name.replace(/^\s*\\(?:Driver|FileSystem)\\/i, '').trim();
}

function spell(ctx: VerdictContext, module: string): string {
  const key = canonicalModuleName(module);
  if (!ctx.spelling.has(key)) {
    ctx.spelling.set(key, module.replace(/\.(sys|dll|exe)$/i, ''));
  }
  return ctx.spelling.get(key) as string;
}

function addEvidence(ctx: VerdictContext, module: string, weight: number, text: string, line?: number, hang = false): void {
  const e: Evidence = { module: spell(ctx, module), weight, text };
  if (hang) {
    e.hang = true;
  }
  if (line !== undefined && line > 0) {
    e.line = line;
  }
  ctx.evidence.push(e);
}

function addFinding(ctx: VerdictContext, f: Finding): void {
  ctx.findings.push(f);
}

function signal(ctx: VerdictContext, what: Category | 'no-blame', why: string, line?: number): void {
  if (!ctx.signals.has(what)) {
    ctx.signals.set(what, line !== undefined ? { why, line } : { why });
  }
}

function arg(ctx: VerdictContext, n: 1 | 2 | 3 | 4): string {
  return ctx.bugcheck?.args[n - 1] ?? '';
}

function argNum(ctx: VerdictContext, n: 1 | 2 | 3 | 4): number {
  const a = arg(ctx, n);
  return a === '' ? Number.NaN : Number.parseInt(a.slice(2), 16);
}

/** One of the stack's first three frames is KeBugCheckEx. */
function reachesKeBugCheckEx(s: Stack): boolean {
  for (let k = 0; k < 3 && k < s.frames.length; k++) {
    if ((s.frames[k] as StackFrame).symbol === 'KeBugCheckEx') {
      return true;
    }
  }
  return false;
}

function frameName(f: StackFrame): string {
  return f.site;
}

// ---------------------------------------------------------------------------
// Choosing the stack that matters
// ---------------------------------------------------------------------------

/**
 * The faulting stack: one printed after `.cxr`/`.trap` (the context of the
 * exception), else `!analyze -v`'s STACK_TEXT, else one that starts in
 * KeBugCheckEx, else the first stack pasted.
 */
function choosePrimaryStack(stacks: Stack[]): Stack | null {
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
    for (let k = 0; k < 3 && k < s.frames.length; k++) {
      if ((s.frames[k] as StackFrame).symbol?.startsWith('KeBugCheck') === true) {
        bug.push(s);
        break;
      }
    }
  }
  ctxStacks.sort((a, b) => b.frames.length - a.frames.length);
  const ordered = [...ctxStacks, ...stackText, ...bug];
  // A truncated STACK_TEXT may stop before the driver that a fuller `k` of the same crash shows.
  return ordered.find((s) => s.frames.some((f) => isBlameable(f.module))) ?? ordered[0] ?? first;
}

// ---------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------

/** The faulting stack: the first non-Microsoft frame below Microsoft frames, recursion, the rest. */
function ruleFaultingStack(ctx: VerdictContext): void {
  const s = ctx.primary;
  if (!s) {
    return;
  }
  const victims = ctx.bugcheck !== null && CORRUPTION_CODES.has(ctx.bugcheck.code);
  const scale = victims ? 0.5 : 1;
  const named = s.frames.filter((f) => f.module !== null);
  if (named.length > 0 && named.every((f) => f.symbol !== null && MACHINERY.test(f.symbol) && origin(f.module as string) === 'microsoft') && named.length <= 2) {
    addFinding(ctx, {
      id: 'stack.uninformative',
      severity: 'info',
      title: `The stack (${s.source}) holds only ${named.map(frameName).join(', ')}: it cannot name the culprit`,
      lines: [s.line],
    });
    return;
  }
  const seen = new Set<string>();
  let first = true;
  for (const f of s.frames) {
    if (!isBlameable(f.module)) {
      continue;
    }
    const key = canonicalModuleName(f.module);
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    const noSymbols = f.symbol === null;
    const where = `${f.site}${noSymbols ? ' (no symbols)' : ''}`;
    if (first) {
      const above = s.frames.slice(0, s.frames.indexOf(f)).filter((g) => g.module !== null).map((g) => g.module as string);
      const belowMs = above.length > 0 && above.every((m) => origin(m) === 'microsoft');
      // In a user-mode exception the first non-framework frame is the application's own code.
      const userFault = ctx.bugcheck === null && hasException(ctx) && decideKind(ctx) === 'user';
      addEvidence(
        ctx,
        f.module,
        (userFault ? 0.5 : belowMs ? 0.45 : 0.4) * scale,
        `${where} is the first ${origin(f.module) === 'third-party' ? 'third-party' : 'non-Microsoft'} frame on the faulting stack${belowMs ? ', below Microsoft frames' : ''}${victims ? ' (this bug check usually shows a victim, so it weighs less)' : ''}`,
        f.line,
      );
      first = false;
    } else {
      addEvidence(ctx, f.module, 0.25 * scale, `${where} is also on the faulting stack`, f.line);
    }
  }
  if (first && !victims) {
    // Only Microsoft framework code on the stack: name where it faulted, without blaming it.
    const top = s.frames.find((f) => f.module !== null && !(f.symbol !== null && MACHINERY.test(f.symbol)) && !/^(nt|hal)$/.test(canonicalModuleName(f.module)));
    if (top?.module) {
      addEvidence(ctx, top.module, 0.3, `the fault is inside ${top.site}, a Microsoft module, and no other module is on the stack: possibly a Windows bug, or bad input from a caller that left no frame`, top.line);
    }
  }
  // Recursion: the same call site repeated.
  let run = 1;
  for (let i = 1; i <= s.frames.length; i++) {
    const f = s.frames[i];
    const prev = s.frames[i - 1] as StackFrame;
    if (f && f.site === prev.site) {
      run++;
      continue;
    }
    if (run >= 3 && prev.module !== null) {
      const w = isBlameable(prev.module) ? 0.3 : 0.1;
      addEvidence(ctx, prev.module, w, `${prev.site} repeats ${run} times in a row on the stack (runaway recursion)`, prev.line);
      addFinding(ctx, {
        id: 'stack.recursion',
        severity: 'warning',
        title: `${prev.site} repeats ${run} times on the stack: recursion`,
        lines: [prev.line],
      });
    }
    run = 1;
  }
}

/** Canonical names of every module on any stack, computed once per verdict. */
function stackModules(ctx: VerdictContext): Set<string> {
  if (!ctx.stackModuleNames) {
    const names = new Set<string>();
    for (const st of ctx.stacks) {
      for (const f of st.frames) {
        if (f.module) {
          names.add(canonicalModuleName(f.module));
        }
      }
    }
    ctx.stackModuleNames = names;
  }
  return ctx.stackModuleNames;
}

/** What `!analyze -v` itself names. */
function ruleAnalyzeNames(ctx: VerdictContext): void {
  for (const b of blocksOf(ctx.model, 'analyze-v')) {
    const d = b.data;
    const candidates: [string, number, string][] = [];
    const mod = d.fields.MODULE_NAME;
    const img = d.fields.IMAGE_NAME;
    const fm = d.fields.FAULTING_MODULE;
    if (fm) {
      // "FAULTING_MODULE: fffff8027ced0000 echosrv": the name follows the base address.
      const name = fm.value.split(/\s+/).find((t) => !/^(?:0x)?[0-9a-f`]{8,}$/i.test(t)) ?? '';
      candidates.push([name, fm.line, 'Faulting module']);
    }
    // The failure bucket often names the driver even when MODULE_NAME names the image that
    // detected it: "0x9F_3_nvlddmkm_IMAGE_pci.sys", "AV_SbieDrv!unknown_function".
    const bucket = d.fields.FAILURE_BUCKET_ID;
    if (bucket) {
      const named = new Set<string>();
      const bang = /^([A-Za-z0-9._-]+)!/.exec(bucket.value.trim());
      if (bang) {
        // The module is the end of the run before "!": "AV_SbieDrv", "0xEF_csrss.exe_…_ntdll",
        // "INVALID_POINTER_EXECUTE_c0000005_Beacon_x64.exe". Module names may hold "_", so take
        // the shortest ending that names a module we know of (tables or this session's stacks).
        const parts = (bang[1] as string).split('_');
        const seen = stackModules(ctx);
        let pick: string | undefined;
        for (let k = parts.length - 1; k >= 0 && pick === undefined; k--) {
          const cand = parts.slice(k).join('_');
          if (classifyModule(cand) !== 'unknown' || seen.has(canonicalModuleName(cand))) {
            pick = cand;
          }
        }
        if (pick === undefined) {
          // Unknown everywhere: drop the bucket's upper-case and code prefixes ("AV_", "0x10D_5_VRF_").
          const rest = [...parts];
          while (rest.length > 1 && /^(?:[A-Z0-9]+|0x[0-9a-fA-F]+|[0-9a-fA-F]{8})$/.test(rest[0] as string)) {
            rest.shift();
          }
          const cand = rest.join('_');
          if (cand.length <= 32 && !/[A-Z]{4,}_|BUGCHECK|PROCESS/.test(cand)) {
            pick = cand;
          }
        }
        if (pick !== undefined) {
          named.add(pick);
        }
      }
      for (const tok of bucket.value.split(/[_!]/)) {
        if (tok.length >= 3 && !/^(?:0x)?[0-9a-f]+$/i.test(tok) && classifyModule(tok) === 'third-party') {
          named.add(tok);
        }
      }
      for (const n of named) {
        if (isBlameable(n) && !/^(?:nt|hal|unknown|memory|hardware|IMAGE)$/i.test(n)) {
          addEvidence(ctx, n, 0.3, `the debugger's failure bucket names it (${bucket.value})`, bucket.line);
        }
      }
    }
    if (mod) {
      candidates.push([mod.value, mod.line, 'MODULE_NAME']);
    }
    if (img) {
      candidates.push([img.value, img.line, 'IMAGE_NAME']);
    }
    if (d.probablyCausedBy) {
      candidates.push([d.probablyCausedBy.module, d.probablyCausedBy.line, 'Probably caused by']);
    }
    const ip = d.fields.FAULTING_IP;
    if (ip && ip.value !== '') {
      const site = ip.value.split(/\s/)[0] ?? '';
      const mod = site.replace(/[!+].*$/, '');
      if (mod !== '' && isBlameable(mod)) {
        addEvidence(ctx, mod, 0.45, `the faulting instruction is in it (FAULTING_IP: ${site})`, ip.line);
      }
    }
    // Symbols the debugger failed to load while analyzing: modules the analysis touched.
    for (const e of blocksOf(ctx.model, 'symerr')) {
      if (e.segment !== b.segment) {
        continue;
      }
      for (const m of e.data.modules) {
        if (isForeign(m.module)) {
          addEvidence(ctx, m.module, 0.2, `the debugger had to load it (and found no verified symbols) while analyzing this crash`, m.line);
        }
      }
    }
    const done = new Set<string>();
    for (const [raw, line, label] of candidates) {
      const name = raw.split(/\s/)[0] ?? '';
      if (name === '' || /^unknown/i.test(name)) {
        continue;
      }
      const key = canonicalModuleName(name);
      if (done.has(key)) {
        continue;
      }
      done.add(key);
      if (!isBlameable(name)) {
        addFinding(ctx, {
          id: 'analyze.names-microsoft',
          severity: 'info',
          title: `!analyze names ${name} (${label}), a Microsoft module: that is where the crash was detected, not necessarily its cause`,
          lines: [line],
        });
      } else {
        const caught = ctx.bugcheck !== null && VERIFIER_CODES.has(ctx.bugcheck.code);
        addEvidence(ctx, name, caught ? 0.5 : 0.3, `the debugger's !analyze names it (${label}: ${raw})${caught ? ', and Driver Verifier caught the violation as it happened' : ''}`, line);
      }
    }
  }
}

/** Modules on the stack of a thread, excluding Microsoft ones. */
function foreignModulesOn(stack: Stack | null): StackFrame[] {
  if (!stack) {
    return [];
  }
  const seen = new Set<string>();
  const out: StackFrame[] = [];
  for (const f of stack.frames) {
    if (isForeign(f.module) && !seen.has(canonicalModuleName(f.module))) {
      seen.add(canonicalModuleName(f.module));
      out.push(f);
    }
  }
  return out;
}

function findThread(ctx: VerdictContext, id: string): ThreadInfo | undefined {
  if (ctx.threadByAddress === undefined) {
    ctx.threadByAddress = new Map();
    for (const t of ctx.threads) {
      if (t.address !== undefined) {
        const key = normalizeAddress(t.address);
        if (!ctx.threadByAddress.has(key)) {
          ctx.threadByAddress.set(key, t);
        }
      }
    }
  }
  return ctx.threadByAddress.get(normalizeAddress(id));
}

/**
 * The stack of a kernel thread: from its `!thread` block, or a stack printed
 * under a command naming the thread (`!thread X`, `.thread X`, MEX `!t X`).
 */
function threadStack(ctx: VerdictContext, id: string): Stack | null {
  const t = findThread(ctx, id);
  if (t?.stack) {
    return t.stack;
  }
  const addr = normalizeAddress(id);
  // `.thread X` sets the context; the next stack printed (kcn, kv…) is that thread's.
  const segs = ctx.model.segments;
  for (let k = 0; k < segs.length; k++) {
    const m = /^\.thread\s+(?:\/\w+\s+)*([0-9a-f`]+)/i.exec((segs[k] as { command: string }).command);
    if (!m || normalizeAddress(m[1] as string) !== addr) {
      continue;
    }
    const from = (segs[k] as { line: number }).line;
    const next = segs.slice(k + 1).find((sg) => /^\.(?:thread|cxr|trap|process)\b/i.test(sg.command));
    const st = blocksOf(ctx.model, 'stack').find((b) => b.line > from && (!next || b.line < next.line));
    if (st) {
      return st.data;
    }
  }
  for (const b of blocksOf(ctx.model, 'stack')) {
    const cmd = b.segment.command;
    if (!/^(?:!thread|\.thread|!t|!mex\.t|!mex\.thread)\b/i.test(cmd)) {
      continue;
    }
    if (cmd.split(/\s+/).some((tok) => /^(?:0x)?[0-9a-f`]{8,}$/i.test(tok) && normalizeAddress(tok) === addr)) {
      return b.data;
    }
  }
  return null;
}

/** Threads named by the bug check's arguments, and lock owners: their stacks. */
function ruleThreadsAndLocks(ctx: VerdictContext): void {
  // A thread named in an argument (0x9F/4 Arg3 is the blocking thread; others vary).
  if (ctx.bugcheck) {
    for (let k = 1 as 1 | 2 | 3 | 4; k <= 4; k = (k + 1) as 1 | 2 | 3 | 4) {
      const a = arg(ctx, k);
      if (a === '' || a.length < 9) {
        continue;
      }
      const t = findThread(ctx, a);
      if (!t) {
        continue;
      }
      for (const f of foreignModulesOn(t.stack)) {
        addEvidence(ctx, f.module as string, 0.35, `${f.site} is on the stack of thread ${normalizeAddress(a)}, the thread Arg${k} of the bug check names${t.waitText ? ` (waiting ${t.waitText})` : ''}`, f.line);
      }
    }
  }
  for (const b of blocksOf(ctx.model, 'locks')) {
    for (const lock of b.data.locks) {
      const waiters = lockWaiters(lock);
      const contended = waiters > 0 || (lock.contention ?? 0) > 0;
      if (!contended || (lock.state !== 'exclusive' && lock.state !== 'locked')) {
        continue;
      }
      const lockName = lock.name ?? lock.address;
      for (const waiter of lock.waiters) {
        for (const f of foreignModulesOn(threadStack(ctx, waiter))) {
          addEvidence(ctx, f.module as string, 0.25, `${f.site} is on the stack of a thread waiting for ${lockName}`, f.line, true);
        }
      }
      for (const owner of lock.owners) {
        let t: ThreadInfo | undefined = findThread(ctx, owner);
        if (!t && lock.kind === 'critical-section') {
          // A critical section names its owner by thread id: match the Cid's thread part.
          const id = normalizeAddress(owner);
          t = ctx.threads.find((th) => th.cid !== undefined && normalizeAddress(th.cid.split('.')[1] ?? '') === id);
        }
        const ownerStack = t?.stack ?? (lock.kind === 'eresource' ? threadStack(ctx, owner) : null) ?? userStackOfThreadId(ctx, owner);
        for (const f of foreignModulesOn(ownerStack)) {
          addEvidence(ctx, f.module as string, 0.35, `${f.site} is on the stack of the thread that owns ${lockName}${waiters > 0 ? ` (${waiters} waiting)` : ''}`, f.line, true);
        }
      }
    }
  }
}

/** Threads waiting on a lock, counted once whichever way the debugger printed them. */
function lockWaiters(l: LockInfo): number {
  const listed = Math.max(l.waiters.length, (l.exclusiveWaiters ?? 0) + (l.sharedWaiters ?? 0));
  return l.kind === 'critical-section' ? Math.max(listed, l.lockCount ?? 0) : listed;
}

/** A user-mode stack printed after switching to the thread with this id (`~20s` then `kcn`). */
function userStackOfThreadId(ctx: VerdictContext, id: string): Stack | null {
  const want = normalizeAddress(id);
  // `~*k` output: the stack carries the thread id it was printed under (c08.43d8).
  const tagged = ctx.stacks.find((st) => st.thread !== undefined && normalizeAddress(st.thread.split('.').pop() ?? '') === want);
  if (tagged) {
    return tagged;
  }
  for (const b of blocksOf(ctx.model, 'threadlist')) {
    for (const t of b.data.threads) {
      const tid = normalizeAddress(t.id.split('.')[1] ?? t.id);
      if (tid !== want) {
        continue;
      }
      const s = ctx.stacks.find((st) => st.frames.length > 0 && ctxSegmentThread(st) === t.index);
      if (s) {
        return s;
      }
    }
  }
  return null;
}

function ctxSegmentThread(s: Stack): number | undefined {
  const m = /on thread (\d+)/.exec(s.source);
  return m ? Number(m[1]) : undefined;
}

/** IRPs: the driver at the current stack location of a blocked IRP. */
function ruleIrps(ctx: VerdictContext): void {
  const devDriver = new Map<string, string>();
  for (const b of blocksOf(ctx.model, 'devobj')) {
    if (b.data.address && b.data.driver) {
      devDriver.set(normalizeAddress(b.data.address), b.data.driver);
    }
  }
  for (const b of blocksOf(ctx.model, 'devstack')) {
    for (const e of b.data.entries) {
      devDriver.set(normalizeAddress(e.device), e.driver);
    }
  }
  for (const b of blocksOf(ctx.model, 'irp')) {
    const cur = b.data.locations.find((l) => l.current);
    if (!cur) {
      continue;
    }
    const driver = cur.driver ?? (cur.device ? devDriver.get(normalizeAddress(cur.device)) : undefined);
    const major = irpMajorName(cur.major) ?? `major 0x${cur.major.toString(16)}`;
    const minor = irpMinorName(cur.major, cur.minor);
    const what = `[${cur.major.toString(16)},${cur.minor.toString(16)}] ${major}${minor ? ` / ${minor}` : ''}`;
    addFinding(ctx, {
      id: 'irp.current',
      severity: 'warning',
      title: `IRP ${b.data.address ?? ''} waits at its current stack location ${what}${cur.device ? ` on device ${cur.device}` : ''}${driver ? ` (${driver})` : ''}`.replace('IRP  ', 'IRP '),
      lines: [cur.line],
    });
    if (driver) {
      const mod = moduleFromDriverName(driver);
      if (isForeign(mod)) {
        addEvidence(ctx, mod, 0.3, `the blocked IRP sits at ${driver}'s stack location ${what}`, cur.line);
      }
    }
  }
  for (const b of blocksOf(ctx.model, 'devobj')) {
    if (b.data.driver) {
      const lower = b.data.attachedTo?.driver ? `, attached over ${b.data.attachedTo.driver}` : '';
      addFinding(ctx, {
        id: 'devobj.owner',
        severity: 'info',
        title: `Device ${b.data.address ?? ''} belongs to ${b.data.driver}${lower}`,
        lines: [b.data.line],
      });
    }
  }
  // !irpfind: a driver holding most outstanding IRPs.
  const rows = blocksOf(ctx.model, 'irpfind').flatMap((b) => b.data.rows);
  if (rows.length >= 5) {
    const count = new Map<string, { n: number; line: number }>();
    for (const r of rows) {
      const c = count.get(r.driver);
      if (c) {
        c.n++;
      } else {
        count.set(r.driver, { n: 1, line: r.line });
      }
    }
    const [top] = [...count.entries()].sort((a, b) => b[1].n - a[1].n);
    if (top) {
      const share = top[1].n / rows.length;
      const mod = moduleFromDriverName(top[0]);
      if (share >= 0.5 && isForeign(mod)) {
        addEvidence(ctx, mod, 0.3, `${top[0]} owns ${top[1].n} of the ${rows.length} outstanding IRPs listed`, top[1].line);
      }
    }
  }
}

/** Driver objects whose routines point outside their own image: hooks. */
function ruleDriverObjects(ctx: VerdictContext): void {
  const corruptDrvObj = ctx.bugcheck?.code === 0x109 && argNum(ctx, 4) === 0x1c;
  // `dt nt!_DRIVER_OBJECT <addr>` names the driver when `!drvobj` did not print it.
  const dtNames = new Map<string, string>();
  for (const d of blocksOf(ctx.model, 'dt')) {
    const name = d.data.fields.find((f) => f.name === 'DriverName');
    const str = name ? /"([^"]+)"/.exec(name.value) : null;
    if (d.data.address && str) {
      dtNames.set(normalizeAddress(d.data.address), str[1] as string);
    }
  }
  for (const b of blocksOf(ctx.model, 'drvobj')) {
    if (!b.data.driverName && b.data.address && dtNames.has(normalizeAddress(b.data.address))) {
      b.data.driverName = dtNames.get(normalizeAddress(b.data.address));
    }
    const own = b.data.ownModule ? canonicalModuleName(b.data.ownModule) : undefined;
    for (const r of b.data.routines) {
      const target = r.module ? canonicalModuleName(r.module) : null;
      if (target !== null && (target === own || target === 'nt' || target === 'hal')) {
        continue;
      }
      const who = b.data.ownModule ?? b.data.driverName ?? 'this driver';
      if (r.module !== null) {
        addEvidence(ctx, r.module, corruptDrvObj ? 0.6 : 0.5, `!drvobj: ${who}'s ${r.name} points into ${r.module} (${r.target}), outside ${who}'s own image: a hook${corruptDrvObj ? ', and the bug check reports driver object corruption' : ''}`, r.line);
      } else {
        // Points into no module (pool): follow `u` of that address to where its code jumps.
        const addr = normalizeAddress(r.address);
        for (const d of blocksOf(ctx.model, 'disasm')) {
          const cmdAddr = /^u[bf]?\s+([0-9a-f`]+)/i.exec(d.segment.command);
          if (!cmdAddr || normalizeAddress(cmdAddr[1] as string) !== addr) {
            continue;
          }
          for (const t of d.data.targets) {
            if (isForeign(t.module)) {
              addEvidence(ctx, t.module, corruptDrvObj ? 0.5 : 0.4, `!drvobj: ${who}'s ${r.name} points to memory outside any module whose code jumps to ${t.site}`, t.line);
            }
          }
        }
      }
    }
  }
}

/** A hung processor (0x101): what its raw stack references. */
function ruleHungProcessor(ctx: VerdictContext): void {
  if (!ctx.bugcheck || ctx.bugcheck.code !== 0x101) {
    return;
  }
  const cpu = argNum(ctx, 4);
  if (Number.isNaN(cpu)) {
    return;
  }
  addFinding(ctx, {
    id: 'watchdog.cpu',
    severity: 'critical',
    title: `Processor ${cpu} did not answer the clock interrupt within ${arg(ctx, 1)} (${argNum(ctx, 1)}) clock ticks`,
    lines: [ctx.bugcheck.argLines[3] ?? ctx.bugcheck.line],
  });
  const counts = new Map<string, { n: number; line: number; sites: string[] }>();
  const note = (module: string, line: number, site: string) => {
    const key = canonicalModuleName(module);
    const c = counts.get(key);
    if (c) {
      c.n++;
      if (!c.sites.includes(site)) {
        c.sites.push(site);
      }
    } else {
      counts.set(key, { n: 1, line, sites: [site] });
      spell(ctx, module);
    }
  };
  // Raw memory printed on the hung processor; failing that, raw memory pasted without any prompt
  // (people paste the hung processor's `dps` alone), weighed less.
  const onCpu = ctx.model.blocks.filter((b) => b.segment.prompt?.processor === cpu);
  const hasRaw = (bs: typeof onCpu) => bs.some((b) => b.analyzer === 'rawmem' || b.analyzer === 'symerr');
  const unanchored = !hasRaw(onCpu);
  const scanned = unanchored ? ctx.model.blocks.filter((b) => b.segment.prompt === null) : onCpu;
  for (const b of scanned) {
    if (b.analyzer === 'rawmem') {
      for (const s of (b.data as { symbols: { site: string; module: string | null; line: number }[] }).symbols) {
        if (isForeign(s.module)) {
          note(s.module, s.line, s.site);
        }
      }
    } else if (b.analyzer === 'symerr') {
      for (const m of (b.data as { modules: { module: string; line: number }[] }).modules) {
        if (isForeign(m.module)) {
          note(m.module, m.line, `${m.module} (no symbols)`);
        }
      }
    }
  }
  for (const [key, c] of counts) {
    const w = Math.min(0.55, 0.2 * c.n) * (unanchored ? 0.6 : 1);
    const whose = unanchored ? 'raw memory pasted without its prompt (probably the hung processor\'s stack)' : `processor ${cpu}'s raw stack`;
    addEvidence(ctx, ctx.spelling.get(key) ?? key, w, `${whose} references it ${c.n} time${c.n > 1 ? 's' : ''} (${c.sites.slice(0, 3).join(', ')})`, c.line);
  }
}

/** Pool usage: exhaustion, dominant tags, who allocates them. */
function rulePool(ctx: VerdictContext): void {
  let exhausted = false;
  for (const b of blocksOf(ctx.model, 'vm')) {
    const v = b.data;
    const check = (used: number | undefined, max: number | undefined, kind: string) => {
      if (used === undefined || max === undefined || max <= 0) {
        return;
      }
      const pct = (used / max) * 100;
      if (pct >= 95) {
        exhausted = true;
        signal(ctx, 'pool-leak', `${kind} pool is exhausted (${pct.toFixed(2)}% of its maximum)`, v.line);
      }
    };
    check(v.nonPagedUsageKb !== undefined || v.nonPagedNxUsageKb !== undefined ? (v.nonPagedUsageKb ?? 0) + (v.nonPagedNxUsageKb ?? 0) : undefined, v.nonPagedMaxKb, 'non-paged');
    check(v.pagedUsageKb, v.pagedMaxKb, 'paged');
  }
  for (const b of blocksOf(ctx.model, 'poolused')) {
    const d = b.data;
    const byPaged = d.sortedBy === 'paged';
    const total = d.total ? (byPaged ? d.total.pagedBytes : d.total.nonPagedBytes) : undefined;
    const top = [...d.tags].sort((x, y) => (byPaged ? y.pagedBytes - x.pagedBytes : y.nonPagedBytes - x.nonPagedBytes))[0];
    if (!top) {
      continue;
    }
    const bytes = byPaged ? top.pagedBytes : top.nonPagedBytes;
    const share = total ? bytes / total : undefined;
    const known = describePoolTag(top.tag);
    const owner = poolTagOwnerModule(top.tag) ?? (top.binary ? canonicalModuleName(top.binary.replace(/!.*$/, '')) : undefined);
    const dominant = share !== undefined && share >= 0.5 && bytes >= 64 * 1024 * 1024;
    if (dominant) {
      signal(ctx, 'pool-leak', `pool tag '${top.tag}' holds ${Math.round((share ?? 0) * 100)}% of ${byPaged ? 'paged' : 'non-paged'} pool`, top.line);
    }
    if ((dominant || exhausted) && owner && isForeign(owner)) {
      addEvidence(ctx, owner, 0.55, `pool tag '${top.tag}' (owner ${known?.binary ?? owner}) is the largest ${byPaged ? 'paged' : 'non-paged'} pool consumer while that pool is ${exhausted ? 'exhausted' : 'dominated by it'}`, top.line);
    }
    if ((dominant || exhausted) && owner && !isForeign(owner)) {
      ruleApiCallers(ctx, top.tag, known?.binary ?? owner);
    }
  }
  if (exhausted && ctx.primary) {
    // A third-party frame calling the pool allocator while the pool is exhausted.
    const frames = ctx.primary.frames;
    for (let i = 1; i < frames.length; i++) {
      const f = frames[i] as StackFrame;
      const above = frames[i - 1] as StackFrame;
      if (isForeign(f.module) && above.symbol !== null && /^ExAllocatePool/.test(above.symbol)) {
        addEvidence(ctx, f.module, 0.35, `${f.site} calls ${above.symbol} while pool is exhausted`, f.line);
        break;
      }
    }
  }
}

/**
 * The tag's owner is Microsoft (e.g. 'Se  ' → nt!se): the kernel allocates on
 * a caller's behalf. Modules that import the allocating API (seen in `dps`
 * import-table dumps) or hold pointers to it (`ln` on search hits) are the callers.
 */
function ruleApiCallers(ctx: VerdictContext, tag: string, ownerText: string): void {
  const apis = new Set<string>();
  for (const b of blocksOf(ctx.model, 'ln')) {
    for (const h of b.data.hits) {
      if (h.module !== null && !isForeign(h.module)) {
        apis.add(h.site.replace(/\+0x[0-9a-f]+$/i, ''));
      }
    }
  }
  addFinding(ctx, {
    id: 'pool.owner-microsoft',
    severity: 'info',
    title: `Tag '${tag}' belongs to ${ownerText}: Microsoft code allocates it on behalf of a caller; look for the drivers that call the allocating API`,
    lines: [],
  });
  // ln ADDR whose output says which third-party module holds ADDR.
  for (const b of ctx.model.blocks) {
    if (!/^ln\s/i.test(b.segment.command)) {
      continue;
    }
    const mods: { module: string; line: number }[] =
      b.analyzer === 'symerr'
        ? (b.data as { modules: { module: string; line: number }[] }).modules
        : b.analyzer === 'ln'
          ? (b.data as { hits: { module: string | null; line: number }[] }).hits.filter((h): h is { module: string; line: number } => h.module !== null)
          : [];
    for (const m of mods) {
      if (isForeign(m.module)) {
        addEvidence(ctx, m.module, 0.3, `a pointer to ${[...apis][0] ?? 'the allocating API'} was found inside it (${b.segment.command})`, m.line);
      }
    }
  }
  // dps BASE+IAT…: the import table of the module at BASE lists the API.
  const lm = blocksOf(ctx.model, 'lm').flatMap((b) => b.data.modules);
  for (const b of blocksOf(ctx.model, 'rawmem')) {
    const base = /^d[pqd]s\s+([0-9a-f`]+)\+/i.exec(b.segment.command);
    if (!base) {
      continue;
    }
    const owner = lm.find((m) => m.start !== undefined && normalizeAddress(m.start) === normalizeAddress(base[1] as string));
    if (!owner) {
      continue;
    }
    const wanted = new Set([...apis].map((a) => a.toLowerCase()));
    const hit = b.data.symbols.find((s) => wanted.has(s.site.replace(/\+0x[0-9a-f]+$/i, '').toLowerCase()));
    if (hit && isForeign(owner.name)) {
      addEvidence(ctx, owner.name, 0.3, `its import table (${b.segment.command}) lists ${hit.site}`, hit.line);
    }
  }
}

/** Addresses resolved to modules (`lmta`, `ln`) after a memory search found them. */
function ruleAddressLookups(ctx: VerdictContext): void {
  const searchText: string[] = [];
  for (const seg of ctx.model.segments) {
    if (/(?:^|;)\s*s\s+-[a-z]/i.test(seg.command) || /for_each_module\s+s\s*-/i.test(seg.command)) {
      for (let i = seg.bodyStart; i < seg.bodyEnd; i++) {
        searchText.push(ctx.model.source.lines[i] as string);
      }
    }
  }
  for (const b of blocksOf(ctx.model, 'lm')) {
    const m = /^lmt?a\s+([0-9a-f`]+)/i.exec(b.segment.command);
    if (!m) {
      continue;
    }
    const addr = normalizeAddress(m[1] as string);
    // A search hit line starts with the address where the pattern was found.
    const found = searchText.some((l) => normalizeAddress(l.trimStart().split(/\s/)[0] ?? '') === addr);
    for (const mod of b.data.modules) {
      if (isForeign(mod.name)) {
        addEvidence(ctx, mod.name, found ? 0.5 : 0.3, `${found ? 'the pattern a memory search looked for was found at' : 'the address'} ${addr}, which lmta places inside ${mod.name}`, mod.line);
      }
    }
  }
}

/** NDIS: a miniport stuck in reset with an OID pending, and its driver. */
function ruleNdis(ctx: VerdictContext): void {
  for (const b of blocksOf(ctx.model, 'ndiskd')) {
    for (const mp of b.data.miniports) {
      const stuck = mp.flags.some((f) => /RESET_IN_PROGRESS/i.test(f)) || /RESET_IN_PROGRESS/i.test(mp.state ?? '');
      if (!stuck) {
        continue;
      }
      signal(ctx, 'hang-deadlock', `miniport '${mp.name}' is stuck in reset`, mp.line);
      const pending = blocksOf(ctx.model, 'ndiskd').flatMap((x) => x.data.oids).filter((o) => !o.completed);
      // Its driver: handlers listed by !ndiskd.minidriver for the same minidriver handle.
      const mods = new Map<string, number>();
      for (const x of blocksOf(ctx.model, 'ndiskd')) {
        const cmd = /^!ndiskd\.minidriver\s+([0-9a-f`]+)/i.exec(x.segment.command);
        const sameDriver = !mp.driver || !cmd || normalizeAddress(cmd[1] as string) === normalizeAddress(mp.driver);
        if (!sameDriver) {
          continue;
        }
        for (const h of x.data.handlers) {
          if (h.module !== null && !mods.has(h.module)) {
            mods.set(h.module, h.line);
          }
        }
      }
      if (mp.driverModule && !mods.has(mp.driverModule)) {
        mods.set(mp.driverModule, mp.line);
      }
      for (const [mod, line] of mods) {
        if (isForeign(mod)) {
          addEvidence(ctx, mod, 0.5, `miniport '${mp.name}' is stuck in RESET_IN_PROGRESS${pending.length > 0 ? ` with ${pending[0]?.clonedFrom ?? pending[0]?.name ?? 'an OID'} not completed` : ''}, and its miniport driver's handlers are in ${mod}`, line);
        }
      }
    }
  }
}

/** Filter manager: third-party minifilters and I/O redirected to another filter's instance. */
function ruleFilters(ctx: VerdictContext): void {
  const instances = new Map<string, { name: string; altitude?: string; filter?: string; volume?: string }>();
  for (const b of blocksOf(ctx.model, 'fltkd')) {
    for (const i of b.data.instances) {
      const key = normalizeAddress(i.address);
      const prev = instances.get(key) ?? { name: i.name };
      instances.set(key, {
        name: i.name,
        ...(i.altitude !== undefined || prev.altitude !== undefined ? { altitude: i.altitude ?? prev.altitude } : {}),
        ...(i.filter !== undefined || prev.filter !== undefined ? { filter: i.filter ?? prev.filter } : {}),
        ...(i.volume !== undefined || prev.volume !== undefined ? { volume: i.volume ?? prev.volume } : {}),
      } as { name: string; altitude?: string; filter?: string; volume?: string });
    }
  }
  // `dt … _FLT_IO_PARAMETER_BLOCK` prints TargetInstance: the operation's target.
  const targets: { address: string; line: number }[] = [];
  const lines = ctx.model.source.lines;
  for (const seg of ctx.model.segments) {
    if (!/^dt\b/i.test(seg.command) || !/_FLT_IO_PARAMETER_BLOCK/i.test(seg.command)) {
      continue;
    }
    for (let i = seg.bodyStart; i < seg.bodyEnd; i++) {
      const m = /TargetInstance\s*:\s*(?:0x)?([0-9a-f`]+)/i.exec(lines[i] as string);
      if (m) {
        targets.push({ address: normalizeAddress(m[1] as string), line: i + 1 });
      }
    }
  }
  for (let k = 1; k < targets.length; k++) {
    const a = instances.get((targets[0] as { address: string }).address);
    const t = targets[k] as { address: string; line: number };
    const bInst = instances.get(t.address);
    if (!a || !bInst) {
      continue;
    }
    const fa = a.filter ?? a.name;
    const fb = bInst.filter ?? bInst.name;
    if (canonicalModuleName(fa) !== canonicalModuleName(fb)) {
      addFinding(ctx, {
        id: 'fltkd.redirect',
        severity: 'critical',
        title: `The minifilter ${a.name}${a.altitude ? ` (altitude ${a.altitude})` : ''} sent I/O to an instance of another filter, ${fb}${bInst.altitude ? ` (altitude ${bInst.altitude})` : ''}; a minifilter may only redirect to its own instances`,
        lines: [(targets[0] as { line: number }).line, t.line],
      });
      addEvidence(ctx, fa, 0.35, `it redirected an I/O operation to an instance of another filter (${fb})`, t.line);
    }
  }
}

/** Hardware, disk, manual and OS-file signals that mean: blame no driver. */
function ruleNoBlameSignals(ctx: VerdictContext): void {
  const bc = ctx.bugcheck;
  for (const b of blocksOf(ctx.model, 'errrec')) {
    signal(ctx, 'hardware', 'a WHEA hardware error record', b.line);
  }
  for (const b of [...blocksOf(ctx.model, 'bugcheck'), ...blocksOf(ctx.model, 'analyze-v')]) {
    const tool = b.data.fields.CRASH_TOOL;
    const named = [b.data.fields.MODULE_NAME, b.data.fields.IMAGE_NAME].find((f) => f !== undefined && isCrashToolModule(f.value.split(/\s/)[0] ?? ''));
    if (tool || named) {
      signal(ctx, 'manual', `the crash was raised by ${tool?.value ?? named?.value ?? 'a crash-test tool'}, a tool that crashes the machine on request`, (tool ?? named)?.line);
    }
  }
  if (bc) {
    if (bc.code === 0xc4 && [0x60, 0x61, 0x62].includes(argNum(ctx, 1))) {
      signal(ctx, 'pool-leak', 'Driver Verifier caught a driver unloading without freeing its pool allocations', bc.line);
    }
    if (MANUAL_CODES.has(bc.code)) {
      signal(ctx, 'manual', 'this stop code is raised on purpose (keyboard, NMI button or a tool)', bc.line);
    }
    if (HARDWARE_CODES.has(bc.code)) {
      signal(ctx, 'hardware', 'the processor or platform reported a fatal hardware error', bc.line);
    }
    for (let k = 1 as 1 | 2 | 3 | 4; k <= 4; k = (k + 1) as 1 | 2 | 3 | 4) {
      const st = ntStatusFromArg(arg(ctx, k));
      if (st === undefined) {
        continue;
      }
      if (IN_PAGE_STATUSES.has(st) && [0x7a, 0x77, 0xf4, 0x7b, 0xed, 0xef, 0x1e, 0x8e, 0x50].includes(bc.code)) {
        signal(ctx, 'disk-io', `Arg${k} is ${describeNtStatus(st)?.name ?? st.toString(16)}: reading from disk failed`, bc.argLines[k - 1]);
      }
      if (IMAGE_HASH_STATUSES.has(st)) {
        signal(ctx, 'os-corruption', `Arg${k} is ${describeNtStatus(st)?.name ?? st.toString(16)}: an image failed code-integrity verification`, bc.argLines[k - 1]);
      }
    }
  }
  for (const b of [...blocksOf(ctx.model, 'analyze-v'), ...blocksOf(ctx.model, 'bugcheck')]) {
    // analyze-v already reads EXCEPTION_CODE / ERROR_CODE fields into `exception`.
    const ex = b.data.exception?.code;
    const line = b.data.exception?.line ?? b.data.fields.EXCEPTION_CODE?.line ?? b.data.fields.ERROR_CODE?.line;
    if (ex !== undefined && IN_PAGE_STATUSES.has(ex)) {
      signal(ctx, 'disk-io', `the exception code is ${describeNtStatus(ex)?.name ?? ex.toString(16)}: a page could not be read from disk`, line);
      addFinding(ctx, {
        id: 'exception.in-page',
        severity: 'critical',
        title: `Exception ${formatStatus(ex)}: a page could not be read from disk (suspect the disk, its controller or cabling)`,
        lines: line !== undefined ? [line] : [],
      });
    }
  }
}

function formatStatus(code: number): string {
  const d = describeNtStatus(code);
  return `0x${code.toString(16).padStart(8, '0')}${d ? ` ${d.name}` : ''}`;
}

/**
 * The debugger's own classification in `!analyze -v`: when it cannot pin a
 * module it names a pseudo-module (`MODULE_NAME: hardware`, `IMAGE_NAME:
 * memory_corruption`, `hardware_disk`, `hardware_ram`) and says why in the
 * bucket (`…_ONE_BIT`, `…_STRIDE`, `…DISK_HARDWARE_ERROR`, `CODE_CORRUPTION`).
 * Source: WinDbg `!analyze` output conventions (FAILURE_BUCKET_ID / MODULE_NAME).
 */
function ruleDebuggerBuckets(ctx: VerdictContext): void {
  for (const b of blocksOf(ctx.model, 'analyze-v')) {
    const f = b.data.fields;
    const names = [f.MODULE_NAME, f.IMAGE_NAME, f.FAULTING_MODULE].filter((x): x is { value: string; line: number } => x !== undefined);
    if (b.data.probablyCausedBy) {
      names.push({ value: b.data.probablyCausedBy.module, line: b.data.probablyCausedBy.line });
    }
    const buckets = [f.FAILURE_BUCKET_ID, f.DEFAULT_BUCKET_ID, f.BUCKET_ID, f.BUGCHECK_STR, f.FAILURE_ID_HASH_STRING].filter(
      (x): x is { value: string; line: number } => x !== undefined,
    );
    for (const n of names) {
      const v = n.value.toLowerCase();
      if (/^hardware_(?:disk|ram|cpu)?|^hardware$/.test(v)) {
        signal(ctx, v.includes('disk') ? 'disk-io' : 'hardware', `the debugger attributes the crash to ${n.value}`, n.line);
      } else if (v === 'memory_corruption') {
        signal(ctx, 'memory-corruption', 'the debugger reports memory corruption (MODULE_NAME: memory_corruption)', n.line);
      }
    }
    for (const bk of buckets) {
      const v = bk.value.toUpperCase();
      if (/DISK_HARDWARE_ERROR|HARDWARE_DISK/.test(v)) {
        signal(ctx, 'disk-io', `the failure bucket says ${bk.value}`, bk.line);
      } else if (/_ONE_BIT|HARDWARE_RAM|_STRIDE|_LARGE_/.test(v) && /MEMORY_CORRUPTION|HARDWARE/.test(v)) {
        signal(ctx, 'hardware', `the failure bucket ${bk.value} points to a hardware memory fault (bit flips in code pages)`, bk.line);
      } else if (/MEMORY_CORRUPTION|CODE_CORRUPTION|POOL_CORRUPTION/.test(v)) {
        signal(ctx, 'memory-corruption', `the failure bucket says ${bk.value}`, bk.line);
      } else if (/MANUALLY_INITIATED/.test(v)) {
        signal(ctx, 'manual', `the failure bucket says ${bk.value}`, bk.line);
      }
    }
  }
}

/**
 * Several crashes pasted together (several `!analyze -v` or dump banners):
 * compare them. The same third-party module named again and again weighs more;
 * different codes and modules each time point at memory or hardware; WHEA
 * records on the same processor and bank point at that CPU.
 */
function ruleSeveralCrashes(ctx: VerdictContext): void {
  const crashes = new Map<string, { code: number; line: number; module?: string }>();
  for (const b of [...blocksOf(ctx.model, 'bugcheck'), ...blocksOf(ctx.model, 'analyze-v')].sort((x, y) => x.line - y.line)) {
    const bc = b.data.bugcheck;
    if (!bc || Number.isNaN(bc.code) || bc.args.every((a) => a === '')) {
      continue;
    }
    const key = `${bc.code}|${bc.args.map((a) => (a === '' ? '' : normalizeAddress(a))).join(',')}`;
    const mod = b.data.fields.MODULE_NAME?.value ?? b.data.probablyCausedBy?.module;
    const prev = crashes.get(key);
    if (prev) {
      prev.module ??= mod;
    } else {
      crashes.set(key, mod !== undefined ? { code: bc.code, line: bc.line, module: mod } : { code: bc.code, line: bc.line });
    }
  }
  const list = [...crashes.values()];
  if (list.length >= 2) {
    const codes = new Map<number, number>();
    for (const c of list) {
      codes.set(c.code, (codes.get(c.code) ?? 0) + 1);
    }
    const summary = [...codes].map(([c, n]) => `0x${c.toString(16).toUpperCase()}${n > 1 ? ` ×${n}` : ''}`).join(', ');
    addFinding(ctx, { id: 'crashes.several', severity: 'info', title: `This paste holds ${list.length} different crashes: ${summary}`, lines: list.map((c) => c.line) });
    const mods = new Map<string, { n: number; line: number; name: string }>();
    for (const c of list) {
      if (c.module && isBlameable(c.module)) {
        const k = canonicalModuleName(c.module);
        const m = mods.get(k);
        if (m) {
          m.n++;
        } else {
          mods.set(k, { n: 1, line: c.line, name: c.module });
        }
      }
    }
    for (const m of mods.values()) {
      if (m.n >= 2) {
        addEvidence(ctx, m.name, 0.3, `the debugger names it in ${m.n} of the ${list.length} crashes pasted`, m.line);
      }
    }
    if (codes.size >= 3 && mods.size === 0) {
      addFinding(ctx, {
        id: 'crashes.varied',
        severity: 'warning',
        title: 'The crashes differ in code and place with no common driver: typical of bad RAM or of a driver corrupting memory; test the memory and run Driver Verifier',
        lines: [],
      });
    }
  }
  const whea = blocksOf(ctx.model, 'errrec').map((b) => b.data);
  if (whea.length >= 2) {
    const where = new Set(whea.map((w) => `${w.processor ?? '?'}|${w.bank ?? '?'}|${w.errorType ?? w.mcaError ?? '?'}`));
    const first = whea[0] as (typeof whea)[number];
    addFinding(ctx, {
      id: 'whea.compare',
      severity: 'warning',
      title:
        where.size === 1
          ? `All ${whea.length} hardware error records name the same place (processor ${first.processor ?? '?'}, bank ${first.bank ?? '?'}): that points firmly at this CPU`
          : `The ${whea.length} hardware error records name different processors or banks: suspect something shared (power supply, motherboard, memory, firmware) rather than one core`,
      lines: whea.map((w) => w.line),
    });
  }
}

/** Seconds since 1970 → "YYYY-MM-DD" (civil-from-days; no Date object in the analyzers). */
export function formatEpochDate(epoch: number): string {
  const days = Math.floor(epoch / 86400);
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const YEAR = 365.25 * 86400;

/**
 * Driver age from `lm` timestamps: a third-party driver years older than the
 * newest module on the system is a classic suspect (it predates the OS it runs
 * on). Only a tie-breaker: it adds weight to modules that already have evidence.
 */
function ruleDriverAge(ctx: VerdictContext): void {
  // Dated, loaded, non-Microsoft rows in `lm` order, in one pass (a big server's `lm` can list thousands).
  const foreign: ModuleEntry[] = [];
  for (const b of blocksOf(ctx.model, 'lm')) {
    for (const m of b.data.modules) {
      const epoch = m.timestamp?.epoch;
      if (epoch !== undefined && epoch > 0x20000000 && m.unloaded !== true && m.origin !== 'microsoft') {
        foreign.push(m);
      }
    }
  }
  // Windows 10+ inbox images carry build hashes in the timestamp field (dates in 2065…): judge age
  // against the other non-Microsoft modules only, and take a high percentile, not the maximum.
  if (foreign.length < 5) {
    return;
  }
  const thirdParty = new Float64Array(foreign.length);
  for (let k = 0; k < foreign.length; k++) {
    thirdParty[k] = (foreign[k] as ModuleEntry).timestamp?.epoch as number;
  }
  thirdParty.sort();
  const newest = thirdParty[Math.floor((thirdParty.length - 1) * 0.9)] as number;
  const suspects = new Set(ctx.evidence.map((e) => canonicalModuleName(e.module)));
  const seen = new Set<string>();
  const old: { name: string; years: number; epoch: number; line: number }[] = [];
  for (const m of foreign) {
    const key = canonicalModuleName(m.name);
    // One look into the set: it grows only for a name not seen before.
    const before = seen.size;
    seen.add(key);
    if (seen.size === before) {
      continue;
    }
    const epoch = m.timestamp?.epoch as number;
    const years = (newest - epoch) / YEAR;
    if (years < 3) {
      continue;
    }
    old.push({ name: m.name, years, epoch, line: m.line });
    if (suspects.has(key)) {
      addEvidence(ctx, m.name, 0.1, `it is dated ${formatEpochDate(epoch)}, ${Math.floor(years)} years older than most third-party modules loaded`, m.line);
    }
  }
  // One finding for each of the eight oldest (oldest first, ties in `lm` order); a single summary for
  // the rest of a long list (`lm` of a big server).
  for (const o of topBy(old, (o) => o.years, 8)) {
    addFinding(ctx, {
      id: 'lm.old-driver',
      severity: 'warning',
      title: `${o.name} is dated ${formatEpochDate(o.epoch)}, ${Math.floor(o.years)} years older than most third-party modules loaded: look for an update`,
      lines: [o.line],
    });
  }
  if (old.length > 8) {
    addFinding(ctx, { id: 'lm.old-drivers', severity: 'info', title: `${old.length - 8} more third-party modules are 3 or more years older than most others`, lines: [] });
  }
}

/** Corruption spread over victims: !chkimg errors, verifier. */
function ruleCorruption(ctx: VerdictContext): void {
  for (const b of blocksOf(ctx.model, 'chkimg')) {
    for (const img of b.data.images) {
      if (img.errors > 0) {
        signal(ctx, 'memory-corruption', `!chkimg finds ${img.errors} corrupted bytes in ${img.module}`, img.line);
      }
    }
  }
  if (ctx.bugcheck && CORRUPTION_CODES.has(ctx.bugcheck.code)) {
    signal(ctx, 'memory-corruption', 'this bug check reports corrupted memory', ctx.bugcheck.line);
    // Different stacks crashing at the same check: victims.
    const tops = new Set<string>();
    for (const s of ctx.stacks) {
      if (!s.frames.some((f) => f.symbol !== null && /^KeBugCheck/.test(f.symbol))) {
        continue;
      }
      const firstOther = s.frames.find((f) => f.module !== null && !/^(nt|hal)$/i.test(canonicalModuleName(f.module)));
      if (firstOther?.module) {
        tops.add(firstOther.module);
      }
    }
    if (tops.size >= 2) {
      addFinding(ctx, {
        id: 'corruption.victims',
        severity: 'warning',
        title: `The crashing stacks differ (${[...tops].join(', ')}): they are victims of the corruption, not its cause`,
        lines: [],
      });
    }
  }
}

/** Where a waiting thread waits: the first frame past the scheduler and wait functions. */
function waitSite(stack: Stack | null): string | undefined {
  const f = stack?.frames.find((x) => x.module !== null && !(x.symbol !== null && /^(?:Ki|Ke(?:WaitFor|DelayExecution)|KxFlush|ExpWaitFor|ExAcquire|ExpAcquire|ObpWaitFor|NtWaitFor|ZwWaitFor|NtDelay|RtlpWaitOnCriticalSection|RtlEnterCriticalSection|NtDeviceIoControlFile|ZwDeviceIoControlFile)/.test(x.symbol)));
  return f?.site;
}

/** Tie a user-mode lock owner (thread id) to what is known of that thread elsewhere. */
function ruleLockOwnerStory(ctx: VerdictContext): void {
  for (const b of blocksOf(ctx.model, 'locks')) {
    for (const l of b.data.locks) {
      if (l.kind !== 'critical-section' || l.state !== 'locked') {
        continue;
      }
      for (const owner of l.owners) {
        const id = normalizeAddress(owner);
        const user = userStackOfThreadId(ctx, owner);
        const userTop = user?.frames.find((f) => f.module !== null);
        const userBottom = user ? [...user.frames].reverse().find((f) => f.module !== null && !/^(?:ntdll|kernel32|kernelbase)$/i.test(canonicalModuleName(f.module))) : undefined;
        if (userTop) {
          ctx.findings.push({
            id: 'cs.owner-stack',
            severity: 'warning',
            title: `The owner of critical section ${l.address}, thread ${id}, is in ${userTop.site}${userBottom && userBottom !== userTop ? `, called from ${userBottom.site}` : ''}`,
            lines: [userTop.line],
          });
        }
        const kernel = ctx.threads
          .filter((t) => t.cid !== undefined && normalizeAddress(t.cid.split('.')[1] ?? '') === id)
          .sort((a, b2) => Number(b2.waitText !== undefined) - Number(a.waitText !== undefined))[0];
        if (kernel) {
          const where = waitSite(kernel.stack ?? (kernel.address ? threadStack(ctx, kernel.address) : null));
          ctx.findings.push({
            id: 'cs.owner-kernel',
            severity: 'warning',
            title: `In the kernel, the same thread (${kernel.address ?? ''}, Cid ${kernel.cid ?? ''}) waits${where ? ` in ${where}` : ''}${kernel.waitText ? ` for ${kernel.waitText}` : ''}`,
            lines: [kernel.line],
          });
        }
      }
    }
  }
  const lists = blocksOf(ctx.model, 'threadlist');
  // A loop, not Math.max(...list): a list of a hundred thousand threads would overflow the call stack.
  let max = -1;
  for (const b of lists) {
    for (const t of b.data.threads) {
      max = Math.max(max, t.index);
    }
  }
  if (max >= 20) {
    ctx.findings.push({
      id: 'threads.count',
      severity: 'info',
      title: `The process has at least ${max + 1} threads (thread numbers up to ${max})`,
      lines: lists.map((b) => b.line).slice(0, 1),
    });
  }
}

/** Frames that mean "this thread waits for a lock". */
const LOCK_WAIT = /^(?:RtlpWaitOnCriticalSection|RtlpEnterCriticalSectionContended|RtlEnterCriticalSection|RtlAcquireSRWLock|RtlpWaitOnAddress|ExAcquireResource|ExpWaitForResource|ExAcquireFastMutex|KeWaitForMutexObject|ExAcquirePushLock|ExfAcquirePushLock)/;

/**
 * In a hang: the module that owns a contended lock (a critical section that is
 * a global of some module, `Wait2!critSection`), and the first non-framework
 * module on each stack that waits for a lock.
 */
function ruleLockWaiters(ctx: VerdictContext): void {
  if (!ctx.signals.has('hang-deadlock')) {
    return;
  }
  for (const b of blocksOf(ctx.model, 'locks')) {
    for (const l of b.data.locks) {
      const m = l.name ? /^([A-Za-z0-9_.$-]+)!/.exec(l.name) : null;
      if (m && isBlameable(m[1] as string) && lockWaiters(l) + (l.state === 'locked' || l.state === 'exclusive' ? 1 : 0) > 0) {
        addEvidence(ctx, m[1] as string, 0.3, `the held lock ${l.name} is one of its own globals`, l.line, true);
      }
    }
  }
  const seen = new Set<string>();
  for (const s of ctx.stacks) {
    let wait = -1;
    for (let k = 0; k < 8 && k < s.frames.length; k++) {
      const symbol = (s.frames[k] as StackFrame).symbol;
      if (symbol !== null && LOCK_WAIT.test(symbol)) {
        wait = k;
        break;
      }
    }
    if (wait < 0) {
      continue;
    }
    const f = s.frames.slice(wait + 1).find((x) => isBlameable(x.module));
    if (f?.module && !seen.has(`${f.site}`)) {
      seen.add(f.site);
      addEvidence(ctx, f.module, 0.2, `${f.site} waits for a lock (${s.source})`, f.line, true);
    }
  }
}

/** After `.trap`/`.cxr`: which function the saved instruction pointer is in, read off the stacks. */
function ruleTrapContext(ctx: VerdictContext): void {
  for (const b of blocksOf(ctx.model, 'registers')) {
    if (b.data.command !== 'trap' && b.data.command !== 'cxr') {
      continue;
    }
    const ip = b.data.registers.rip ?? b.data.registers.eip;
    if (!ip || /^0+$/.test(ip)) {
      continue;
    }
    const want = normalizeAddress(ip);
    let site = b.data.ip;
    if (!site) {
      // A stack printed in that context starts at the instruction pointer.
      const after = ctx.stacks.find((s) => s.context === true && s.line > b.line && s.frames.length >= 2 && !/^\.frame/i.test(s.source));
      site = after?.frames[0]?.site;
    }
    if (!site) {
      // The frame whose caller returns to `ip` is the function the trap interrupted.
      // Return addresses are read from the frames' input lines, only from
      // lines that show the address's last digits.
      const lines = ctx.model.source.lines;
      const tail = want.slice(-8);
      const tailUpper = tail.toUpperCase();
      const returnsToIp = (f: StackFrame): boolean => {
        const text = lines[f.line - 1];
        if (text === undefined || (!text.includes(tail) && !text.includes(tailUpper))) {
          return false;
        }
        const retAddr = frameColumns(text)?.retAddr;
        return retAddr !== undefined && normalizeAddress(retAddr) === want;
      };
      for (const s of ctx.stacks) {
        const k = s.frames.findIndex(returnsToIp);
        const f = k >= 0 ? s.frames[k + 1] : undefined;
        if (f) {
          site = f.site;
          break;
        }
      }
    }
    ctx.findings.push({
      id: 'context.ip',
      severity: 'info',
      title: `The ${b.data.command === 'trap' ? 'trap frame' : 'exception context'} stopped at ${b.data.registers.rip ? 'rip' : 'eip'}=${ip}${site ? ` (${site})` : ''}`,
      lines: [b.line],
    });
  }
}

/** 0x101: what each other processor was doing. */
function ruleProcessors(ctx: VerdictContext): void {
  if (ctx.bugcheck?.code !== 0x101) {
    return;
  }
  const hung = argNum(ctx, 4);
  const done = new Set<number>();
  for (const s of ctx.stacks) {
    if (s.processor === undefined || s.processor === hung || done.has(s.processor)) {
      continue;
    }
    // The code an interrupt stopped sits below its trap frame; otherwise the first real frame.
    const trapAt = s.frames.slice(0, 8).findIndex((f) => f.trapFrame !== undefined && /^Ki(?:Interrupt|Ipi)/.test(f.symbol ?? ''));
    const candidates = trapAt >= 0 ? s.frames.slice(trapAt + 1) : s.frames;
    const top = candidates.find(
      (f) => f.module !== null && !/^hal$/i.test(f.module) && !(f.symbol !== null && /^(?:KeBugCheck|KiBugCheck|KeUpdateSystemTime|KeClockInterrupt|KiInterrupt|KiIpi|\?\?)/.test(f.symbol)),
    );
    if (!top) {
      continue;
    }
    done.add(s.processor);
    const via = [...new Set(s.frames.map((f) => f.module).filter((m): m is string => m !== null && !/^(nt|hal)$/i.test(canonicalModuleName(m))))].slice(0, 2);
    ctx.findings.push({
      id: 'watchdog.processor',
      severity: 'info',
      title: `Processor ${s.processor} runs ${top.site}${via.length > 0 ? ` (from ${via.join(', ')})` : ''}`,
      lines: [top.line],
    });
  }
}

/** Hang indicators when there is no bug check: contended locks, long waits. */
function ruleHang(ctx: VerdictContext): void {
  ruleLockOwnerStory(ctx);
  for (const b of blocksOf(ctx.model, 'locks')) {
    for (const l of b.data.locks) {
      const waiting = lockWaiters(l);
      if ((l.state === 'locked' || l.state === 'exclusive') && waiting > 0) {
        signal(ctx, 'hang-deadlock', `${l.name ?? l.address} is held with ${waiting} waiting`, l.line);
      }
    }
  }
  for (const t of ctx.threads) {
    if (t.waitMs !== undefined && t.waitMs >= 60000) {
      signal(ctx, 'hang-deadlock', `thread ${t.address ?? ''} has waited ${t.waitText ?? `${Math.round(t.waitMs / 1000)} s`}`, t.line);
    }
  }
}

// ---------------------------------------------------------------------------
// Combining
// ---------------------------------------------------------------------------

function combine(ctx: VerdictContext): Suspect[] {
  const byModule = new Map<string, Evidence[]>();
  for (const e of ctx.evidence) {
    const key = canonicalModuleName(e.module);
    const list = byModule.get(key);
    if (list) {
      list.push(e);
    } else {
      byModule.set(key, [e]);
    }
  }
  const symbolless = new Set<string>();
  for (const b of blocksOf(ctx.model, 'symerr')) {
    for (const m of b.data.modules) {
      symbolless.add(canonicalModuleName(m.module));
    }
  }
  const suspects: Suspect[] = [];
  for (const [key, list] of byModule) {
    // One reason per distinct text; strongest first.
    const uniq = new Map<string, Evidence>();
    for (const e of list) {
      const prev = uniq.get(e.text);
      if (!prev || prev.weight < e.weight) {
        uniq.set(e.text, e);
      }
    }
    const reasons = [...uniq.values()].sort((a, b) => b.weight - a.weight);
    let p = 1;
    for (const e of reasons) {
      p *= 1 - Math.min(0.9, e.weight);
    }
    let confidence = 1 - p;
    const name = ctx.spelling.get(key) ?? key;
    const org = origin(name);
    if (org === 'microsoft') {
      // Framework modules (nt, ndis, fltmgr…) are where crashes land: never blamed on this evidence.
      // Other Microsoft drivers can be at fault, but the bar is higher.
      confidence = isFrameworkModule(name) ? Math.min(0.3, confidence * 0.5) : Math.min(0.6, confidence * 0.75);
    }
    confidence = Math.min(0.95, confidence);
    const driver = describeDriver(name);
    const s: Suspect = {
      module: name,
      confidence: Math.round(confidence * 100) / 100,
      reasons: reasons.map((e) => (e.line !== undefined ? { text: e.text, line: e.line } : { text: e.text })),
      origin: org,
    };
    if (symbolless.has(key) && org !== 'microsoft') {
      s.reasons.push({ text: 'the debugger could not load symbols for it (typical of third-party drivers)' });
    }
    if (driver) {
      s.vendor = driver.vendor;
      if (driver.product !== undefined) {
        s.product = driver.product;
      }
    }
    suspects.push(s);
  }
  suspects.sort((a, b) => b.confidence - a.confidence || b.reasons.length - a.reasons.length);
  return suspects;
}

function decideCategory(ctx: VerdictContext, suspects: Suspect[]): Category {
  const s = ctx.signals;
  for (const c of ['manual', 'hardware', 'disk-io', 'os-corruption'] as const) {
    if (s.has(c)) {
      return c;
    }
  }
  if (s.has('pool-leak')) {
    return 'pool-leak';
  }
  if (s.has('memory-corruption')) {
    return 'memory-corruption';
  }
  const top = suspects[0];
  if (ctx.bugcheck || ctx.crashWithoutCode) {
    if (top && top.confidence >= 0.3 && (top.origin !== 'microsoft' || !isFrameworkModule(top.module))) {
      return 'driver';
    }
    // A processor that stops answering with no driver in sight is usually the CPU, its
    // firmware or its power, not software.
    if (ctx.bugcheck?.code === 0x101 && (!top || top.confidence < 0.3)) {
      return 'hardware';
    }
    return 'unknown';
  }
  if (s.has('hang-deadlock')) {
    return 'hang-deadlock';
  }
  if (hasException(ctx)) {
    return decideKind(ctx) === 'user' ? 'user-app' : top && top.confidence >= 0.3 ? 'driver' : 'unknown';
  }
  return 'none';
}

/** Exceptions of this session, most telling first (second chance before first chance). */
export function sessionExceptions(ctx: VerdictContext): { code: number; line: number }[] {
  const out: { code: number; line: number; second: boolean }[] = [];
  for (const b of [...blocksOf(ctx.model, 'analyze-v'), ...blocksOf(ctx.model, 'bugcheck')]) {
    if (b.data.exception) {
      out.push({ code: b.data.exception.code, line: b.data.exception.line, second: b.data.fields.EVENT_CHANCE?.value !== 'first' });
    }
  }
  for (const b of blocksOf(ctx.model, 'clrstack')) {
    if (b.data.exceptionType) {
      // 0xE0434352: the code the CLR raises for a managed exception.
      out.push({ code: 0xe0434352, line: b.line, second: true });
    }
  }
  if (out.length === 0 && ctx.inferredFault) {
    out.push({ code: 0xc0000005, line: ctx.inferredFault.line, second: true });
  }
  return out.sort((a, b) => Number(b.second) - Number(a.second) || a.line - b.line);
}

function hasException(ctx: VerdictContext): boolean {
  return (
    ctx.inferredFault !== undefined ||
    [...blocksOf(ctx.model, 'analyze-v'), ...blocksOf(ctx.model, 'bugcheck')].some((b) => b.data.exception !== undefined) ||
    blocksOf(ctx.model, 'clrstack').some((b) => b.data.exceptionType !== undefined)
  );
}

// "00007ffa`1060ead2 488b4210  mov rax,qword ptr [rdx+10h] ds:00000000`00000010=????????????????"
// The current instruction touching memory the debugger cannot read: the fault itself.
const FAULTING_INSTRUCTION = /^\s*[0-9a-f`]{8,17}\s+[0-9a-f]{2,}\s+[a-z]{2,}\b.*=\?{2,}\s*$/i;

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
    if (FAULTING_INSTRUCTION.test(lines[i] as string)) {
      return { line: i + 1 };
    }
  }
  return undefined;
}

function decideKind(ctx: VerdictContext): SessionKind {
  let kernel = 0;
  let user = 0;
  for (const seg of ctx.model.segments) {
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
  const onStack = (names: string[]): boolean => findFrame(ctx.stacks, (f) => f.module !== null && names.includes(canonicalModuleName(f.module))) !== undefined;
  if (onStack(['nt', 'hal'])) {
    return 'kernel';
  }
  // An exception without a bug check and without kernel frames: a user-mode crash (WER text, cdb events).
  if (hasException(ctx)) {
    return 'user';
  }
  if (onStack(['ntdll', 'kernel32', 'kernelbase'])) {
    return 'user';
  }
  return 'unknown';
}

/** 600 → "10 min", 90 → "1 min 30 s". */
function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const sec = seconds % 60;
  return [h ? `${h} h` : '', m ? `${m} min` : '', sec || (!h && !m) ? `${sec} s` : ''].filter(Boolean).join(' ');
}

/**
 * Labels that vary with the first argument read "0x3: PDO; 0x4: timeout in
 * seconds": keep the part for this dump's Arg1 when it is listed.
 */
function labelForSubcode(label: string, arg1: string): string {
  if (!/^0x[0-9a-f]+:/i.test(label) || arg1 === '') {
    return label;
  }
  const want = arg1.toLowerCase();
  for (const part of label.split(/;\s*/)) {
    const m = /^(0x[0-9a-f]+):\s*(.*)$/i.exec(part);
    if (m && (m[1] as string).toLowerCase() === want) {
      return m[2] as string;
    }
  }
  return label;
}

/** Decode the bug check for the report. */
function describeResolved(b: ResolvedBugcheck): BugcheckReport {
  const info = describeBugcheck(b.code);
  const labels = info?.params ?? ['', '', '', ''];
  const decodedArgs = b.args.map((value, k) => {
    const n = (k + 1) as 1 | 2 | 3 | 4;
    const out: { value: string; label: string; decoded?: string } = {
      value: value === '' ? '0x0' : value,
      label: labelForSubcode(labels[k] || `Arg${n}`, b.args[0] ?? ''),
    };
    if (value === '') {
      out.decoded = 'not shown in the input';
      return out;
    }
    const sub = describeBugcheckArg(b.code, n, value);
    const st = ntStatusFromArg(value);
    const status = st !== undefined ? describeNtStatus(st) : undefined;
    const parts: string[] = [];
    if (sub) {
      parts.push(sub);
    }
    if (status && (st as number) >= 0x80000000) {
      parts.push(`${status.name}${status.meaning ? `: ${status.meaning}` : ''}`);
    }
    // Counts and durations read better in decimal: 0x258 seconds → 600 seconds.
    const unit = /\b(seconds?|ticks?|milliseconds|ms|count|number of)\b/i.exec(out.label);
    const num = Number.parseInt(value.slice(2), 16);
    if (parts.length === 0 && unit && Number.isSafeInteger(num) && num < 0x100000000) {
      const u = (unit[1] as string).toLowerCase();
      parts.push(u.startsWith('second') ? `${num} seconds (${formatDuration(num)})` : u.startsWith('tick') ? `${num} clock ticks` : `${num}`);
    }
    if (parts.length > 0) {
      out.decoded = parts.join('; ');
    }
    return out;
  });
  const report: BugcheckReport = {
    code: formatBugcheckCode(b.code),
    name: info?.name ?? b.printedName ?? null,
    args: decodedArgs.map((a) => a.value),
    line: b.line,
    decodedArgs,
  };
  if (info?.meaning) {
    report.meaning = info.meaning;
  }
  return report;
}

/** Findings that explain the bug check's arguments in words. */
function bugcheckFindings(ctx: VerdictContext, report: BugcheckReport): void {
  const b = ctx.bugcheck as ResolvedBugcheck;
  report.decodedArgs.forEach((a, k) => {
    if (a.decoded && a.decoded !== 'not shown in the input') {
      addFinding(ctx, {
        id: 'bugcheck.arg',
        severity: 'info',
        title: `Arg${k + 1} ${a.value}: ${a.decoded}`,
        lines: [b.argLines[k] || b.line],
      });
    }
  });
  // Critical process termination (0xF4 / 0xEF): name the process if !process shows it.
  if ((b.code === 0xf4 || b.code === 0xef) && b.args[1]) {
    const addr = normalizeAddress(b.args[1]);
    for (const p of blocksOf(ctx.model, 'process')) {
      for (const proc of p.data.processes) {
        if (normalizeAddress(proc.address) === addr && proc.image) {
          addFinding(ctx, {
            id: 'bugcheck.process',
            severity: 'warning',
            title: `The terminated critical process is ${proc.image}`,
            lines: [proc.line],
          });
        }
      }
    }
  }
  // Where the crash happened: a telling function on the faulting stack.
  const loading = findFrame(ctx.primary ? [ctx.primary] : [], (f) => f.symbol !== null && /^Iop(LoadDriver|InitializeSystemDrivers|InitializeBootDrivers)/.test(f.symbol));
  if (loading) {
    addFinding(ctx, {
      id: 'stack.driver-load',
      severity: 'info',
      title: `${loading.site} is on the stack: the crash happened while drivers were being loaded`,
      lines: [loading.line],
    });
  }
}

/** Judge a session. */
export function judge(model: SessionModel, stacks: Stack[] = allStacks(model)): Verdict {
  const { bugcheck, findings } = resolveBugcheck(model, stacks);
  const threads = [
    ...blocksOf(model, 'thread').map((b) => b.data),
    ...blocksOf(model, 'process').flatMap((b) => b.data.processes.flatMap((p) => p.threads)),
  ];
  const ctx: VerdictContext = {
    model,
    stacks,
    bugcheck,
    evidence: [],
    findings: [...model.findings, ...findings],
    signals: new Map(),
    threads,
    spelling: new Map(),
    primary: choosePrimaryStack(stacks),
  };
  if (!bugcheck && ![...blocksOf(model, 'analyze-v'), ...blocksOf(model, 'bugcheck')].some((b) => b.data.exception !== undefined)) {
    const fault = inferUserFault(model);
    if (fault) {
      ctx.inferredFault = fault;
      ctx.findings.push({
        id: 'exception.inferred',
        severity: 'warning',
        title: 'The current instruction reads memory the debugger cannot read (shown as ????): an access violation (0xC0000005), though no exception record was pasted',
        lines: [fault.line],
      });
    }
  }
  const report = bugcheck ? describeResolved(bugcheck) : null;
  if (bugcheck?.source === 'frame') {
    ctx.findings.push({
      id: 'bugcheck.from-frame',
      severity: 'info',
      title: `The bug check code (0x${bugcheck.code.toString(16).toUpperCase()}) is read from the first argument of the nt!KeBugCheckEx frame: no !analyze -v code line was pasted`,
      lines: [bugcheck.line],
    });
  }
  for (const ex of sessionExceptions(ctx)) {
    const st = describeNtStatus(ex.code);
    const g = EXCEPTION_GUIDANCE.get(ex.code);
    ctx.findings.push({
      id: 'exception.code',
      severity: 'critical',
      title: `Exception ${formatStatus(ex.code)}${g ? `: ${g.summary}` : st?.meaning ? `: ${st.meaning}` : ''}`,
      lines: [ex.line],
    });
    break;
  }
  for (const b of blocksOf(model, 'analyze-v')) {
    const bucket = b.data.fields.FAILURE_BUCKET_ID;
    if (bucket && bucket.value !== '') {
      ctx.findings.push({ id: 'analyze.bucket', severity: 'info', title: `The debugger's failure bucket: ${bucket.value}`, lines: [bucket.line] });
      break;
    }
  }
  if (ctx.primary && (bugcheck !== null || hasException(ctx))) {
    const p = ctx.primary;
    const why = p.context
      ? 'printed after setting the exception or trap context (.cxr/.trap), so it shows where the fault happened'
      : p.source.startsWith('STACK_TEXT')
        ? "the debugger's own choice in !analyze -v"
        : bugcheck
          ? 'the stack that reaches the bug check'
          : 'the first stack pasted with the exception';
    ctx.findings.push({
      id: 'stack.faulting',
      severity: 'info',
      title: `Faulting stack: ${p.source} (${p.frames.length} frames) — ${why}`,
      lines: [p.line],
    });
  }
  if (report) {
    bugcheckFindings(ctx, report);
  }
  ruleNoBlameSignals(ctx);
  ruleDebuggerBuckets(ctx);
  ruleSeveralCrashes(ctx);
  ruleCorruption(ctx);
  ruleHang(ctx);
  rulePool(ctx);
  // A stack whose first frames reach nt!KeBugCheckEx is a crash even when its code was not pasted.
  const unnamedCrash = bugcheck === null && stacks.some(reachesKeBugCheckEx);
  if (bugcheck !== null || hasException(ctx) || unnamedCrash) {
    // Hangs and leaks without a crash have no faulting stack; their evidence is locks, waits and pools.
    ruleFaultingStack(ctx);
  }
  ruleAnalyzeNames(ctx);
  ruleThreadsAndLocks(ctx);
  ruleLockWaiters(ctx);
  ruleIrps(ctx);
  ruleDriverObjects(ctx);
  ruleHungProcessor(ctx);
  ruleProcessors(ctx);
  ruleTrapContext(ctx);
  ruleAddressLookups(ctx);
  ruleNdis(ctx);
  ruleFilters(ctx);
  ruleDriverAge(ctx);
  if (unnamedCrash) {
    ctx.findings.push({
      id: 'bugcheck.unknown-code',
      severity: 'warning',
      title: 'A bug check happened (nt!KeBugCheckEx is on the stack) but its code is not in the paste: run .bugcheck or !analyze -v',
      lines: [],
    });
  }
  // Without a crash, an exception, a hang or a leak there is nothing to blame.
  // A failure bucket means !analyze analyzed a crash, even when the rest was not pasted.
  const analyzedCrash = blocksOf(model, 'analyze-v').some((b) => b.data.fields.FAILURE_BUCKET_ID !== undefined || b.data.fields.BUGCHECK_STR !== undefined);
  ctx.crashWithoutCode = bugcheck === null && !hasException(ctx) && (unnamedCrash || analyzedCrash);
  const problem = bugcheck !== null || unnamedCrash || analyzedCrash || ctx.signals.size > 0 || hasException(ctx);
  let suspects = problem ? combine(ctx) : [];
  const category = decideCategory(ctx, suspects);
  const noBlame = category === 'manual' || category === 'hardware' || category === 'disk-io' || category === 'os-corruption' || category === 'none';
  if (category === 'manual' && ctx.evidence.some((e) => e.hang === true)) {
    // A crash forced to capture a hang: the crash stack means nothing, the hang evidence does.
    ctx.evidence = ctx.evidence.filter((e) => e.hang === true);
    suspects = combine(ctx);
  } else if (noBlame && suspects.length > 0) {
    const names = suspects.filter((x) => x.confidence >= 0.2).map((x) => x.module);
    if (names.length > 0 && category !== 'none') {
      addFinding(ctx, {
        id: 'verdict.not-blamed',
        severity: 'info',
        title: `Modules on the stacks (${names.slice(0, 4).join(', ')}) are not blamed: the evidence points to ${category === 'manual' ? 'a crash forced on purpose' : category === 'hardware' ? 'hardware' : category === 'disk-io' ? 'the disk or its I/O path' : 'damaged or unsigned system files'}`,
        lines: [],
      });
    }
    suspects = [];
  }
  for (const [cat, sig] of ctx.signals) {
    if (cat === category) {
      addFinding(ctx, { id: `signal.${cat}`, severity: 'warning', title: `Evidence of ${cat.replace('-', ' ')}: ${sig.why}`, lines: sig.line !== undefined ? [sig.line] : [] });
    }
  }
  const kind = decideKind(ctx);
  const sorted = dedupeFindings(ctx.findings);
  const verdict: Verdict = {
    kind,
    bugcheck: report,
    category,
    suspects,
    findings: sorted,
    headline: '',
    nextSteps: [],
  };
  verdict.headline = buildHeadline(verdict, ctx);
  verdict.nextSteps = buildNextSteps(verdict, ctx);
  return verdict;
}

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

function dedupeFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    const key = `${f.id}|${f.title}`;
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    out.push(f);
  }
  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
