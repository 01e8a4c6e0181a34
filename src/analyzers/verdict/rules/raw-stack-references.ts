/**
 * Rule raw-stack-references: in a crash, the third-party modules that a raw
 * dump of the stack (`dps`/`dqs` on the stack pointer) references.
 */
import { canonicalModuleName, isPseudoModule } from '../../knowledge/modules';
import { blocksOf } from '../../run';
import { addEvidence, type VerdictContext } from '../context';
import { isCandidate } from '../modules';
import type { Rule } from '../rule';

/** One reference is a hint; each further one adds a little. */
const FIRST = 0.15;
const EACH_MORE = 0.05;
/** Raw references never outweigh a frame on the faulting stack. */
const CAP = 0.35;

export const rawStackReferences: Rule = {
  id: 'raw-stack-references',
  description: 'A crash whose stack was dumped raw (dps/dqs): third-party modules referenced by return addresses on it.',
  reasoning:
    'When k cannot walk a stack (a trap frame lost, a driver without unwind data, a corrupted frame), experts dump the stack ' +
    'memory with dps/dqs from the stack pointer and read the symbols: return addresses into a third-party driver show it was ' +
    'running on this thread, the more often the more likely. WinDbg sometimes glues "Unable to load image …\\foo.sys" onto such ' +
    'lines; the driver is still named. A raw reference is weaker than a frame, so it stays a supporting hint.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/dds--dps--dqs--display-words-and-symbols-; https://learn.microsoft.com/windows-hardware/drivers/debugger/manually-walking-a-stack',
  apply(ctx: VerdictContext): void {
    // 0x101's hung processor has its own rule (hung-processor).
    if (!ctx.crash || ctx.bugcheck?.code === 0x101) {
      return;
    }
    const counts = new Map<string, { name: string; n: number; line: number }>();
    for (const b of blocksOf(ctx.model, 'rawmem')) {
      // The import-table dumps of pool-usage (`dps base+iat`) are not stacks.
      if (/^d[pqd]s\s+[0-9a-f`]+\+/i.test(b.segment.command)) {
        continue;
      }
      for (const s of b.data.symbols) {
        if (!isCandidate(s.module) || isPseudoModule(s.module)) {
          continue;
        }
        const key = canonicalModuleName(s.module);
        const c = counts.get(key);
        if (c) {
          c.n++;
        } else {
          counts.set(key, { name: s.module, n: 1, line: s.line });
        }
      }
    }
    for (const c of counts.values()) {
      addEvidence(ctx, c.name, Math.min(CAP, FIRST + EACH_MORE * (c.n - 1)), `a raw dump of the stack references it ${c.n} time${c.n > 1 ? 's' : ''}`, c.line);
    }
  },
};
