/**
 * Reading a stack the way the rules share: is it informative at all?
 */
import { MACHINERY } from '../knowledge/frames';
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
