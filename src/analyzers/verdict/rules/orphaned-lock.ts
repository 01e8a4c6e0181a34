/**
 * Rule orphaned-lock: a held critical section whose owner thread no longer exists.
 */
import { normalizeAddress } from '../../normalize';
import { blocksOf } from '../../run';
import { addFinding, signal, type VerdictContext } from '../context';
import type { Rule } from '../rule';

export const orphanedLock: Rule = {
  id: 'orphaned-lock',
  description: 'A locked critical section whose OwningThread is not among the threads of the process (~): its owner exited without leaving it.',
  reasoning:
    'A thread that exits (or is terminated) while it holds a critical section leaves it locked for ever: every thread that enters it ' +
    'afterwards hangs. Experts compare the OwningThread of the locked section (!cs -l, !locks) with the thread list (~): an owner ' +
    'that is not there is gone, and the code that entered the section without a matching leave on every path (an early return, an ' +
    'exception, TerminateThread) is what to look for.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debugger/displaying-a-critical-section; Advanced Windows Debugging (Hewardt, Pravat), ch. 7 "Concurrency"',
  apply(ctx: VerdictContext): void {
    const lists = blocksOf(ctx.model, 'threadlist');
    if (lists.length === 0) {
      return;
    }
    const alive = new Set<string>();
    for (const b of lists) {
      for (const t of b.data.threads) {
        alive.add(normalizeAddress(t.id.split('.').pop() ?? t.id));
      }
    }
    for (const b of blocksOf(ctx.model, 'locks')) {
      for (const l of b.data.locks) {
        if (l.kind !== 'critical-section' || l.state !== 'locked') {
          continue;
        }
        for (const owner of l.owners) {
          const id = normalizeAddress(owner);
          if (id === '0' || alive.has(id)) {
            continue;
          }
          signal(ctx, 'hang-deadlock', `critical section ${l.name ?? l.address} is held by thread ${id}, which no longer exists`, l.line);
          addFinding(ctx, {
            id: 'cs.orphaned',
            severity: 'critical',
            title: `Critical section ${l.name ?? l.address} is held by thread ${id}, which is not in the thread list: its owner exited without leaving it (an orphaned lock)`,
            lines: [l.line],
          });
        }
      }
    }
  },
};
