/**
 * Rule corruption-signals: corruption found after the fact (!chkimg, corruption stop codes).
 */
import { CORRUPTION_CODES } from '../../knowledge/bugcheck-classes';
import { canonicalModuleName } from '../../knowledge/modules';
import { blocksOf } from '../../run';
import { addFinding, signal, type VerdictContext } from '../context';
import type { Rule } from '../rule';

export const corruptionSignals: Rule = {
  id: 'corruption-signals',
  description: '!chkimg errors and the bug checks that report already-corrupted memory; differing crash stacks are victims.',
  reasoning:
    'BAD_POOL_HEADER, BAD_POOL_CALLER, MEMORY_MANAGEMENT, KERNEL_SECURITY_CHECK_FAILURE and similar stop codes are raised by the code that ' +
    'finds the damage, long after whoever did it has left. Their stacks show victims; when different crashes stop in different places the ' +
    'victims are plain to see. !chkimg errors in code pages mean memory was overwritten (or the RAM flips bits). The next step is special ' +
    'pool and Driver Verifier, which catch the writer in the act.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-0x19--bad-pool-header; https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-chkimg',
  apply(ctx: VerdictContext): void {
    for (const b of blocksOf(ctx.model, 'chkimg')) {
      for (const img of b.data.images) {
        if (img.errors > 0) {
          signal(ctx, 'memory-corruption', `!chkimg finds ${img.errors} corrupted bytes in ${img.module}`, img.line);
        }
      }
    }
    if (!ctx.bugcheck || !CORRUPTION_CODES.has(ctx.bugcheck.code)) {
      return;
    }
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
  },
};
