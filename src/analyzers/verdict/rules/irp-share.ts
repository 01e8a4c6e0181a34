/**
 * Rule irp-share: a driver that holds most of the outstanding IRPs.
 */
import { blocksOf } from '../../run';
import { addEvidence, type VerdictContext } from '../context';
import { isForeign, moduleFromDriverName } from '../modules';
import type { Rule } from '../rule';

/** Fewer rows than this say nothing about shares. */
const MIN_ROWS = 5;
/** Holding at least half of all listed IRPs stands out. */
const MIN_SHARE = 0.5;

export const irpShare: Rule = {
  id: 'irp-share',
  description: '!irpfind: one third-party driver owning at least half of the outstanding IRPs listed.',
  reasoning:
    'In a hang or a leak of I/O, !irpfind lists the IRPs in nonpaged pool with the driver each one currently sits in. One driver holding ' +
    'most of them is not completing its requests: the classic sign of a filter or device driver that is stuck.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-irpfind',
  apply(ctx: VerdictContext): void {
    // !irpfind: a driver holding most outstanding IRPs.
    const rows = blocksOf(ctx.model, 'irpfind').flatMap((b) => b.data.rows);
    if (rows.length >= MIN_ROWS) {
      const count = new Map<string, { n: number; line: number }>();
      for (const r of rows) {
        const c = count.get(r.driver);
        if (c) {
          c.n++;
        } else {
          count.set(r.driver, { n: 1, line: r.line });
        }
      }
      const [top] = [...count.entries()].sort((a, b) => b[1].n - a[1].n);
      if (top) {
        const share = top[1].n / rows.length;
        const mod = moduleFromDriverName(top[0]);
        if (share >= MIN_SHARE && isForeign(mod)) {
          addEvidence(ctx, mod, 0.3, `${top[0]} owns ${top[1].n} of the ${rows.length} outstanding IRPs listed`, top[1].line);
        }
      }
    }
  },
};
