/**
 * Rule marked-frame: the frame a poster marked as the one that faulted.
 */
import { addEvidence, type VerdictContext } from '../context';
import { isBlameable } from '../modules';
import type { Rule } from '../rule';

/** The poster's mark on a frame: they had the dump, but it is their reading, not the debugger's. */
const MARKED = 0.3;

export const markedFrame: Rule = {
  id: 'marked-frame',
  description: 'A frame marked "<-- faulting instruction", "<<< crash here" by the person who pasted the stack: a crash, in that module.',
  reasoning:
    'People who paste a stack without `!analyze` often mark the frame where it faulted ("<-- faulting instruction", "<<< crash here"): ' +
    'they had the dump or the debugger in front of them, and that frame is where the exception or the trap stopped. The mark makes a ' +
    'bare stack a crash stack (so the crash rules read it) and weighs a little for the marked module; it is the poster’s reading, so it ' +
    'weighs less than the debugger’s own MODULE_NAME.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debugger/analyzing-a-kernel-mode-dump-file-with-windbg',
  apply(ctx: VerdictContext): void {
    if (!ctx.crash) {
      return;
    }
    const f = ctx.markedFault?.frame;
    if (f?.module && isBlameable(f.module)) {
      addEvidence(ctx, f.module, MARKED, `${f.site} is the frame the poster marked as the one that faulted`, f.line);
    }
  },
};
