/**
 * Rule lock-waiters: in a hang, the modules that own the held lock or wait for it.
 */
import { blocksOf } from '../../run';
import { addEvidence, type VerdictContext } from '../context';
import { isBlameable } from '../modules';
import type { Rule } from '../rule';
import { blockedOn } from '../waits';
import { waiterCount } from '../threads';

/** A caller blocked on a lock: one hint among the waiters. */
const LOCK_WEIGHT = 0.2;
/** A caller waiting on an event or handle: weaker, idle threads do that too. */
const OBJECT_WEIGHT = 0.1;

export const lockWaiters: Rule = {
  id: 'lock-waiters',
  description: "In a hang: a held lock that is one of a module's globals, and the code that waits on each blocked stack (lock waits weigh more than waits on objects).",
  reasoning:
    "When threads pile up on a lock, the code that waits tells which component's lock it is: the first frame below RtlEnterCriticalSection or ExAcquireResource is the caller that wanted it, and a critical section named after a module's global (Module!g_Lock) belongs to that module. These point at the component involved in the hang; the owner's stack (lock-owner) says who holds it.",
  source: "https://learn.microsoft.com/windows-hardware/drivers/debugger/debugging-a-deadlock; https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-cs",
  apply(ctx: VerdictContext): void {
    if (!ctx.signals.has('hang-deadlock')) {
      return;
    }
    for (const b of blocksOf(ctx.model, 'locks')) {
      for (const l of b.data.locks) {
        const m = l.name ? /^([A-Za-z0-9_.$-]+)!/.exec(l.name) : null;
        if (m && isBlameable(m[1] as string) && waiterCount(l) + (l.state === 'locked' || l.state === 'exclusive' ? 1 : 0) > 0) {
          addEvidence(ctx, m[1] as string, 0.3, `the held lock ${l.name} is one of its own globals`, l.line, true);
        }
      }
    }
    const seen = new Set<string>();
    for (const s of ctx.stacks) {
      const b = blockedOn(s);
      const f = b?.caller;
      if (!b || !f?.module || seen.has(f.site)) {
        continue;
      }
      seen.add(f.site);
      const what = b.kind === 'lock' ? `waits for a lock in ${b.at.site}` : b.kind === 'own-lock' ? 'waits in its own lock routine' : `waits in ${b.at.site}`;
      addEvidence(ctx, f.module, b.kind === 'object' ? OBJECT_WEIGHT : LOCK_WEIGHT, `${f.site} ${what} (${s.source})`, f.line, true);
    }
  },
};
