/**
 * Rule missing-symbols: a suspect the debugger found no symbols for.
 */
import { canonicalModuleName } from '../../knowledge/modules';
import { blocksOf } from '../../run';
import { addEvidence, type VerdictContext } from '../context';
import { origin } from '../modules';
import type { Rule } from '../rule';

export const missingSymbols: Rule = {
  id: 'missing-symbols',
  description: 'Notes on each non-Microsoft suspect that the debugger could not load its symbols (a remark, no weight).',
  reasoning:
    "'*** ERROR: Module load completed but symbols could not be loaded for foo.sys' is printed for almost every third-party driver, " +
    "since their symbols are not on Microsoft's server. It tells the reader the driver is not Microsoft's and that its frames are " +
    'offsets, not function names; it is no evidence of guilt, so it only annotates modules already suspected.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debugger/symbol-path; https://learn.microsoft.com/windows-hardware/drivers/debugger/symbols-for-windows',
  apply(ctx: VerdictContext): void {
    const symbolless = new Set<string>();
    for (const b of blocksOf(ctx.model, 'symerr')) {
      for (const m of b.data.modules) {
        symbolless.add(canonicalModuleName(m.module));
      }
    }
    if (symbolless.size === 0) {
      return;
    }
    const suspected = new Set<string>();
    for (const e of ctx.evidence) {
      const key = canonicalModuleName(e.module);
      if (e.weight > 0 && symbolless.has(key) && !suspected.has(key) && origin(e.module) !== 'microsoft') {
        suspected.add(key);
      }
    }
    for (const key of suspected) {
      // Weight 0: a remark shown with the suspect's other reasons, never evidence on its own.
      addEvidence(ctx, ctx.spelling.get(key) ?? key, 0, 'the debugger could not load symbols for it (typical of third-party drivers)');
    }
  },
};
