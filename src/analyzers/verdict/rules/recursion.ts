/**
 * Rule recursion: the same call site repeated on the faulting stack.
 */
import { addEvidence, addFinding, type VerdictContext } from '../context';
import { isCandidate } from '../modules';
import type { Rule } from '../rule';
import { repeatedCycles, uninformativeFrames } from '../stack-reading';

/** A cycle repeated this often filled the stack: the frames above it are only where the stack ran out. */
const RUNAWAY = 8;

export const recursion: Rule = {
  id: 'recursion',
  description: 'The same call site, or the same short cycle of call sites, repeated three or more times in a row on the faulting stack: runaway recursion.',
  reasoning:
    'A stack overflow (0x7F with a double fault, 0xC00000FD in user mode) or an exhausted stack often shows one function calling itself, ' +
    'directly or through a short cycle, until the stack runs out. The repeated frame names the module whose code recurses; a third-party ' +
    'one is a suspect, a Microsoft one is where the loop passes. A cycle repeated eight times or more filled the stack: the frames ' +
    'above it are only where the stack happened to run out, so the recursing module outweighs the first frame.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debugger/debugging-a-stack-overflow; https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-0x7f--unexpected-kernel-mode-trap',
  apply(ctx: VerdictContext): void {
    const s = ctx.primary;
    if (!s || !ctx.crash || uninformativeFrames(s)) {
      return;
    }
    const f = s.frames;
    for (const best of repeatedCycles(f)) {
      const cycle = f.slice(best.start, best.start + best.period);
      const at = cycle.find((x) => isCandidate(x.module)) ?? cycle.find((x) => x.module !== null);
      if (at?.module) {
        const sites = cycle.map((x) => x.site).join(' → ');
        const w = isCandidate(at.module) ? (best.reps >= RUNAWAY ? 0.55 : 0.3) : 0.1;
        const what = best.period === 1 ? `${at.site} repeats ${best.reps} times in a row on the stack` : `the cycle ${sites} repeats ${best.reps} times on the stack`;
        addEvidence(ctx, at.module, w, `${what} (runaway recursion)`, at.line);
        addFinding(ctx, { id: 'stack.recursion', severity: 'warning', title: `${best.period === 1 ? at.site : sites} repeats ${best.reps} times on the stack: recursion`, lines: [at.line] });
      }
    }
  },
};
