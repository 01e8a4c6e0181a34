/**
 * Rule lock-waiters: in a hang, the modules that own the held lock or wait for it.
 */
import { LOCK_WAIT } from '../../knowledge/frames';
import { blocksOf } from '../../run';
import type { StackFrame } from '../../types';
import { addEvidence, type VerdictContext } from '../context';
import { isBlameable } from '../modules';
import type { Rule } from '../rule';
import { waiterCount } from '../threads';

export const lockWaiters: Rule = {
  id: 'lock-waiters',
  description: "In a hang: a held lock that is one of a module's globals, and the first non-framework module on each stack that waits for a lock.",
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
      let wait = -1;
      for (let k = 0; k < 8 && k < s.frames.length; k++) {
        const symbol = (s.frames[k] as StackFrame).symbol;
        if (symbol !== null && LOCK_WAIT.test(symbol)) {
          wait = k;
          break;
        }
      }
      if (wait < 0) {
        continue;
      }
      const f = s.frames.slice(wait + 1).find((x) => isBlameable(x.module));
      if (f?.module && !seen.has(`${f.site}`)) {
        seen.add(f.site);
        addEvidence(ctx, f.module, 0.2, `${f.site} waits for a lock (${s.source})`, f.line, true);
      }
    }
  },
};
