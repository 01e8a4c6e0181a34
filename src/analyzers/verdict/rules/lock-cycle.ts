/**
 * Rule lock-cycle: two threads each holding the lock the other waits for.
 */
import { normalizeAddress } from '../../normalize';
import { blocksOf } from '../../run';
import type { LockInfo } from '../../types';
import { addFinding, signal, type VerdictContext } from '../context';
import type { Rule } from '../rule';

/** Thread addresses as !locks prints them ("fffffa8007005660-01<*>") → the address. */
function threadOf(entry: string): string {
  return normalizeAddress((entry.split('-')[0] ?? entry).replace(/<\*>$/, ''));
}

export const lockCycle: Rule = {
  id: 'lock-cycle',
  description: 'Two threads, each owning a lock (!locks) the other one waits for: a lock-order deadlock.',
  reasoning:
    'The classic deadlock: thread A holds lock 1 and waits for lock 2 while thread B holds lock 2 and waits for lock 1. !locks lists ' +
    "each resource's owners and the threads waiting on it, so the cycle can be read off directly; the fix is a consistent lock " +
    'order in the code both threads run (their stacks show which).',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debugger/debugging-a-deadlock; https://learn.microsoft.com/windows-hardware/drivers/devtest/deadlock-detection',
  apply(ctx: VerdictContext): void {
    const locks: LockInfo[] = blocksOf(ctx.model, 'locks').flatMap((b) => b.data.locks);
    const owns = new Map<string, LockInfo[]>();
    for (const l of locks) {
      for (const o of l.owners) {
        const t = threadOf(o);
        owns.set(t, [...(owns.get(t) ?? []), l]);
      }
    }
    const reported = new Set<string>();
    for (const a of locks) {
      for (const waiter of a.waiters) {
        const w = threadOf(waiter);
        // The waiter owns some lock b whose own waiters include an owner of a.
        for (const b of owns.get(w) ?? []) {
          if (b === a) {
            continue;
          }
          const aOwners = a.owners.map(threadOf);
          const closing = b.waiters.map(threadOf).find((t) => aOwners.includes(t));
          if (closing === undefined) {
            continue;
          }
          const key = [a.address, b.address].sort().join('|');
          if (reported.has(key)) {
            continue;
          }
          reported.add(key);
          const an = a.name ?? a.address;
          const bn = b.name ?? b.address;
          signal(ctx, 'hang-deadlock', `threads ${closing} and ${w} each hold a lock the other waits for`, a.line);
          addFinding(ctx, {
            id: 'lock.cycle',
            severity: 'critical',
            title: `Deadlock: thread ${closing} holds ${an} and waits for ${bn}, which thread ${w} holds while it waits for ${an}`,
            lines: [a.line, b.line],
          });
        }
      }
    }
  },
};
