/**
 * Rule recursion: the same call site repeated on the faulting stack.
 */
import { addEvidence, addFinding, type VerdictContext } from '../context';
import { isBlameable } from '../modules';
import type { Rule } from '../rule';
import { uninformativeFrames } from '../stack-reading';
import type { StackFrame } from '../../types';

/** Three identical frames in a row: a loop of calls, not a coincidence. */
const MIN_REPEATS = 3;

export const recursion: Rule = {
  id: 'recursion',
  description: 'The same call site repeated three or more times in a row on the faulting stack: runaway recursion.',
  reasoning:
    'A stack overflow (0x7F with a double fault, 0xC00000FD in user mode) or an exhausted stack often shows one function calling itself, ' +
    'directly or through a short cycle, until the stack runs out. The repeated frame names the module whose code recurses; a third-party ' +
    'one is a suspect, a Microsoft one is where the loop passes.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debugger/debugging-a-stack-overflow; https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-0x7f--unexpected-kernel-mode-trap',
  apply(ctx: VerdictContext): void {
    const s = ctx.primary;
    if (!s || !(ctx.bugcheck !== null || ctx.exception || ctx.unnamedCrash) || uninformativeFrames(s)) {
      return;
    }
    let run = 1;
    for (let i = 1; i <= s.frames.length; i++) {
      const f = s.frames[i];
      const prev = s.frames[i - 1] as StackFrame;
      if (f && f.site === prev.site) {
        run++;
        continue;
      }
      if (run >= MIN_REPEATS && prev.module !== null) {
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
  },
};
