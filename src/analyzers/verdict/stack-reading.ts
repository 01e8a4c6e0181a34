/**
 * Reading a stack the way the rules share: is it informative at all?
 */
import { KERNEL_FAULT, LOCK_WAIT, MACHINERY, OBJECT_WAIT, SCHEDULER, SYSTEM_CALL_ENTRY, USER_FAULT } from '../knowledge/frames';
import { canonicalModuleName } from '../knowledge/modules';
import type { Stack, StackFrame } from '../types';
import { origin } from './modules';

/**
 * A stack of at most two named frames, all Microsoft crash machinery
 * (`nt!KeBugCheckEx`, `nt!KiPageFault`): it cannot name a culprit.
 */
export function uninformativeFrames(s: Stack): StackFrame[] | null {
  const named = s.frames.filter((f) => f.module !== null);
  if (named.length > 0 && named.length <= 2 && named.every((f) => f.symbol !== null && MACHINERY.test(f.symbol) && origin(f.module as string) === 'microsoft')) {
    return named;
  }
  return null;
}

/** How far down a stack a crash frame is looked for. */
const MARKER_DEPTH = 10;

/**
 * Does this stack show a crash in progress? A kernel fault or bug check frame
 * with no wait above it, or a user-mode thread dispatching an exception or
 * reporting a failure (it may wait for Windows Error Reporting above that).
 */
export function crashMarker(s: Stack): 'kernel' | 'user' | null {
  let waiting = false;
  for (let k = 0; k < s.frames.length && k < MARKER_DEPTH; k++) {
    const sym = (s.frames[k] as StackFrame).symbol;
    if (sym === null) {
      continue;
    }
    if (USER_FAULT.test(sym)) {
      return 'user';
    }
    if (KERNEL_FAULT.test(sym)) {
      if (!waiting || /^(?:KeBugCheck|KiBugCheck)/.test(sym)) {
        return 'kernel';
      }
      return null;
    }
    if (SCHEDULER.test(sym) || OBJECT_WAIT.test(sym) || LOCK_WAIT.test(sym) || /^Mi(?:WaitFor|Issue|ResolveProtoPte|ResolveTransition)/.test(sym)) {
      waiting = true;
    }
  }
  return null;
}

/** The system-call stubs user-mode programs enter the kernel through (a driver's Zw* call goes through KiServiceLinkage instead). */
const USER_STUBS = new Set(['ntdll', 'win32u', 'wow64cpu', 'wow64', 'gdi32', 'user32']);

/**
 * Where a kernel stack enters from user mode: the index of the system call's entry
 * frame (nt!KiSystemServiceCopyEnd) whose caller is a user-mode stub (ntdll!NtCreateFile),
 * or -1. The frames below it are the calling program.
 */
export function userModeEntry(s: Stack): number {
  for (let k = 0; k < s.frames.length; k++) {
    const f = s.frames[k] as StackFrame;
    if (f.symbol === null || !SYSTEM_CALL_ENTRY.test(f.symbol)) {
      continue;
    }
    const below = s.frames.slice(k + 1);
    const next = below.find((g) => g.module !== null);
    if (next?.module && next.symbol !== 'KiServiceLinkage' && USER_STUBS.has(canonicalModuleName(next.module))) {
      return k;
    }
    // A kernel stack that ends in bare user-mode addresses ("0x77bee1ea") after the entry: the
    // caller's symbols were not loaded, but it is a program's call all the same.
    if (next === undefined && below.length > 0) {
      return k;
    }
  }
  return -1;
}

/** A kernel stack's kernel-mode frames: all of them, or those above the entry from user mode. */
export function kernelFrames(s: Stack): readonly StackFrame[] {
  const k = userModeEntry(s);
  return k < 0 ? s.frames : s.frames.slice(0, k + 1);
}

/** A call (or a cycle of calls) repeated three times in a row: a loop of calls, not a coincidence. */
const MIN_REPEATS = 3;
/** Cycles of up to this many frames (A → B → A → B… is common: a callback that re-enters). */
const MAX_PERIOD = 4;

/** Runs of a repeated call cycle on a stack, top first: where each starts, its length and how many times it repeats. */
export function repeatedCycles(frames: readonly StackFrame[]): { start: number; period: number; reps: number }[] {
  const out: { start: number; period: number; reps: number }[] = [];
  const same = (x: number, y: number): boolean => (frames[x] as StackFrame).site === (frames[y] as StackFrame).site;
  for (let i = 0; i < frames.length; ) {
    // The shortest cycle (one to MAX_PERIOD frames) repeated from frame i, and how many times.
    let best: { period: number; reps: number } | undefined;
    for (let period = 1; period <= MAX_PERIOD && !best; period++) {
      let reps = 1;
      while (i + (reps + 1) * period <= frames.length) {
        let match = true;
        for (let k = 0; k < period && match; k++) {
          match = same(i + k, i + reps * period + k);
        }
        if (!match) {
          break;
        }
        reps++;
      }
      if (reps >= MIN_REPEATS && (period === 1 || new Set(frames.slice(i, i + period).map((x) => x.site)).size === period)) {
        best = { period, reps };
      }
    }
    if (!best) {
      i++;
      continue;
    }
    out.push({ start: i, ...best });
    i += best.period * best.reps;
  }
  return out;
}
