/**
 * What a blocked thread is waiting for, read off the top of its stack: the
 * scheduler frames, then the wait functions, then — the part that matters —
 * the first frame that is not wait machinery: the code that asked to wait.
 *
 *   nt!KiSwapContext … nt!KeWaitForSingleObject          (scheduler, wait)
 *   nt!ExfAcquirePushLockExclusiveEx                      (a lock)
 *   TestDriver!FileMoveThread+0x43                        ← the caller
 *
 * A caller whose own name says lock (`mutex_wait_contended_lock`,
 * `CLock::Acquire`) is the program's own lock built on an event.
 */
import { LOCK_WAIT, MANAGED_FRAMEWORK, OBJECT_WAIT, SCHEDULER } from '../knowledge/frames';
import { canonicalModuleName } from '../knowledge/modules';
import type { Stack, StackFrame } from '../types';
import { isCandidate, isBlameable } from './modules';

/** How a thread is blocked. */
export interface Blocked {
  /** `lock`: in a lock routine; `own-lock`: a program's own lock routine; `object`: a wait on an object. */
  kind: 'lock' | 'own-lock' | 'object';
  /** The wait or lock frame that says so. */
  at: StackFrame;
  /** The code that waits: the first foreign module below, else the first non-framework Microsoft one. */
  caller: StackFrame | undefined;
}

/** Wait and lock frames are found among the first frames only: below them is the thread's own work. */
const TOP = 12;
/** How many of the caller's frames below the wait may be its own lock routine. */
const OWN_LOCK_DEPTH = 4;
/** Symbols of a program's own lock routines. */
const OWN_LOCK = /(?:^|[^a-z])(?:lock|mutex|crit(?:ical)?_?sec(?:tion)?|acquire|semaphore)/i;
/** Modules whose frames are waiting plumbing, whatever the symbol. */
const WAIT_MODULES = new Set(['nt', 'hal', 'ntdll', 'kernel32', 'kernelbase', 'win32u', 'user32', 'wow64', 'wow64cpu', 'wow64win']);

function isPlumbing(f: StackFrame): boolean {
  return f.module === null || WAIT_MODULES.has(canonicalModuleName(f.module)) || MANAGED_FRAMEWORK.test(f.module);
}

/** The code a blocked thread waits on behalf of: a foreign module first, else a blameable Microsoft one. */
export function callerBelow(frames: readonly StackFrame[], from: number): StackFrame | undefined {
  const rest = frames.slice(from);
  return rest.find((x) => isCandidate(x.module)) ?? rest.find((x) => isBlameable(x.module) && !isPlumbing(x));
}

/** How the thread of this stack is blocked, or null when its top is not a wait. */
export function blockedOn(s: Stack): Blocked | null {
  const frames = s.frames;
  let k = 0;
  // Skip the scheduler and bare addresses at the top.
  while (k < frames.length && k < TOP && (frames[k]?.symbol === null || SCHEDULER.test(frames[k]?.symbol ?? ''))) {
    if (frames[k]?.module !== null && frames[k]?.symbol === null && !isPlumbing(frames[k] as StackFrame)) {
      break;
    }
    k++;
  }
  let lock: StackFrame | undefined;
  let wait: StackFrame | undefined;
  let last = -1;
  for (; k < frames.length && k < TOP; k++) {
    const f = frames[k] as StackFrame;
    const sym = f.symbol ?? '';
    if (LOCK_WAIT.test(sym)) {
      lock ??= f;
      last = k;
    } else if (OBJECT_WAIT.test(sym) || (isPlumbing(f) && f.module !== null)) {
      if (OBJECT_WAIT.test(sym)) {
        wait ??= f;
      }
      last = k;
    } else {
      break;
    }
  }
  if (lock === undefined && wait === undefined) {
    return null;
  }
  const caller = callerBelow(frames, last + 1);
  if (lock !== undefined) {
    return { kind: 'lock', at: lock, caller };
  }
  // A program's own lock: a lock routine among the caller module's first frames below the wait.
  const first = frames[last + 1];
  if (first && first === caller && first.module !== null) {
    const own = canonicalModuleName(first.module);
    for (let j = last + 1; j < frames.length && j <= last + OWN_LOCK_DEPTH; j++) {
      const f = frames[j] as StackFrame;
      if (f.module === null || canonicalModuleName(f.module) !== own) {
        break;
      }
      if (f.symbol !== null && OWN_LOCK.test(f.symbol)) {
        return { kind: 'own-lock', at: wait as StackFrame, caller };
      }
    }
  }
  return { kind: 'object', at: wait as StackFrame, caller };
}
