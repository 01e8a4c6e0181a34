/**
 * Grouping of identical stacks, as printed by `~*kcn` / `~*kb` (user mode) or
 * many `!thread` blocks: a hang often shows as dozens of threads with the same
 * stack (104 threads in ntdll!RtlpWaitOnCriticalSection), and counting them is
 * what a reader does by hand with an editor.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/k--kb--kc--kd--kp--kp--kv--display-stack-backtrace-
 *
 * Pure helper, not an analyzer: the verdict or the UI calls it on the stacks
 * the analyzers found.
 */
import type { Stack } from './types';

/** Stacks that share one call sequence. */
export interface StackGroup {
  /** The call sites, top frame first, one per line, lower case. */
  signature: string;
  count: number;
  stacks: Stack[];
}

/** The identity of a stack: its call sites in order (stack pointers and frame numbers left out). */
export function stackSignature(stack: Stack): string {
  return stack.frames.map((f) => f.site.replace(/\s+/g, '').toLowerCase()).join('\n');
}

/**
 * Group stacks with the same call sites, largest group first (ties: the group
 * seen first in the input first). Stacks without frames are left out.
 */
export function groupStacks(stacks: Stack[]): StackGroup[] {
  const groups = new Map<string, StackGroup>();
  for (const s of stacks) {
    if (s.frames.length === 0) {
      continue;
    }
    const signature = stackSignature(s);
    const g = groups.get(signature);
    if (g) {
      g.count++;
      g.stacks.push(s);
    } else {
      groups.set(signature, { signature, count: 1, stacks: [s] });
    }
  }
  // Map keeps insertion order and Array.prototype.sort is stable.
  return [...groups.values()].sort((a, b) => b.count - a.count);
}
