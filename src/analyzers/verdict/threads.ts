/**
 * Finding threads and their stacks across the session: a kernel thread by
 * address (`!thread`, `!process`, a stack printed after `.thread X`), a
 * user-mode thread by id (`~*k`, `~20s` then `k`), the modules on a stack.
 */
import { WAIT_MACHINERY } from '../knowledge/frames';
import { canonicalModuleName } from '../knowledge/modules';
import { normalizeAddress } from '../normalize';
import { blocksOf } from '../run';
import type { LockInfo, Stack, StackFrame, ThreadInfo } from '../types';
import type { VerdictContext } from './context';
import { isCandidate } from './modules';

/** The first thread of this address (`!thread`/`!process` blocks). */
export function findThread(ctx: VerdictContext, id: string): ThreadInfo | undefined {
  let map = ctx.memo.threadByAddress;
  if (map === undefined) {
    map = new Map();
    for (const t of ctx.threads) {
      if (t.address !== undefined) {
        const key = normalizeAddress(t.address);
        if (!map.has(key)) {
          map.set(key, t);
        }
      }
    }
    ctx.memo.threadByAddress = map;
  }
  return map.get(normalizeAddress(id));
}

/**
 * The stack of a kernel thread: from its `!thread` block, or a stack printed
 * under a command naming the thread (`!thread X`, `.thread X`, MEX `!t X`).
 */
export function threadStack(ctx: VerdictContext, id: string): Stack | null {
  const t = findThread(ctx, id);
  if (t?.stack) {
    return t.stack;
  }
  const addr = normalizeAddress(id);
  // A stack labelled with the thread ("Thread ffffb40ba7fa5080" above it).
  const tagged = ctx.stacks.find((st) => st.thread !== undefined && !st.thread.includes('.') && normalizeAddress(st.thread) === addr);
  if (tagged) {
    return tagged;
  }
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

/** The user-mode thread number a stack was printed under (`… on thread 20`). */
function stackThreadNumber(s: Stack): number | undefined {
  const m = /on thread (\d+)/.exec(s.source);
  return m ? Number(m[1]) : undefined;
}

/** A user-mode stack printed after switching to the thread with this id (`~20s` then `kcn`). */
export function userStackOfThreadId(ctx: VerdictContext, id: string): Stack | null {
  const want = normalizeAddress(id);
  // `~*k` output: the stack carries the thread id it was printed under (c08.43d8).
  const tagged = ctx.stacks.find((st) => st.thread !== undefined && normalizeAddress(st.thread.split('.').pop() ?? '') === want);
  if (tagged) {
    return tagged;
  }
  // The debugger's thread number of that id, from `~` (thread list) or `!runaway` rows, then the stack printed for that number.
  const numbers: number[] = [];
  for (const b of blocksOf(ctx.model, 'threadlist')) {
    for (const t of b.data.threads) {
      if (normalizeAddress(t.id.split('.')[1] ?? t.id) === want) {
        numbers.push(t.index);
      }
    }
  }
  for (const b of blocksOf(ctx.model, 'runaway')) {
    for (const r of [...b.data.user, ...b.data.kernel]) {
      if (normalizeAddress(r.tid) === want && r.index !== undefined) {
        numbers.push(r.index);
      }
    }
  }
  for (const n of numbers) {
    const s = ctx.stacks.find((st) => st.frames.length > 0 && stackThreadNumber(st) === n);
    if (s) {
      return s;
    }
  }
  return null;
}

/** Modules on the stack of a thread, excluding Microsoft ones: the first frame of each. */
export function foreignModulesOn(stack: Stack | null): StackFrame[] {
  if (!stack) {
    return [];
  }
  const seen = new Set<string>();
  const out: StackFrame[] = [];
  for (const f of stack.frames) {
    if (isCandidate(f.module) && !seen.has(canonicalModuleName(f.module))) {
      seen.add(canonicalModuleName(f.module));
      out.push(f);
    }
  }
  return out;
}

/** The lock is held by someone: owned exclusively, a locked critical section, or owned shared. */
export function isHeld(l: LockInfo): boolean {
  return l.state === 'exclusive' || l.state === 'locked' || (l.state === 'shared' && l.owners.length > 0);
}

/** Threads waiting on a lock, counted once whichever way the debugger printed them. */
export function waiterCount(l: LockInfo): number {
  const listed = Math.max(l.waiters.length, (l.exclusiveWaiters ?? 0) + (l.sharedWaiters ?? 0));
  return l.kind === 'critical-section' ? Math.max(listed, l.lockCount ?? 0) : listed;
}

/** Where a waiting thread waits: the first frame past the scheduler and wait functions. */
export function waitSite(stack: Stack | null): string | undefined {
  const f = stack?.frames.find((x) => x.module !== null && !(x.symbol !== null && WAIT_MACHINERY.test(x.symbol)));
  return f?.site;
}

/** Canonical names of every module on any stack, computed once per verdict. */
export function stackModules(ctx: VerdictContext): Set<string> {
  let names = ctx.memo.stackModuleNames;
  if (!names) {
    names = new Set<string>();
    for (const st of ctx.stacks) {
      for (const f of st.frames) {
        if (f.module) {
          names.add(canonicalModuleName(f.module));
        }
      }
    }
    ctx.memo.stackModuleNames = names;
  }
  return names;
}
