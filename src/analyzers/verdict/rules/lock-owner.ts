/**
 * Rule lock-owner: the owners of contended locks and the threads waiting for them.
 */
import { normalizeAddress } from '../../normalize';
import { blocksOf } from '../../run';
import type { ThreadInfo } from '../../types';
import { addEvidence, type VerdictContext } from '../context';
import type { Rule } from '../rule';
import { findThread, foreignModulesOn, threadStack, userStackOfThreadId, isHeld, waiterCount } from '../threads';

/** The first non-Microsoft module on the owner's stack. */
const OWNER_WEIGHT = 0.35;
/** Modules further down the owner's stack. */
const DEEPER_WEIGHT = 0.2;

export const lockOwner: Rule = {
  id: 'lock-owner',
  description: 'For each contended lock (!locks, !cs): the non-Microsoft modules on the stacks of its owner and of its waiters.',
  reasoning:
    'In a hang the waiters are victims and the owner is the story: experts take the owning thread of each contended ERESOURCE or critical ' +
    'section from !locks, open its stack (!thread, or ~~[tid]s and k in user mode) and look for the driver or component that holds the lock ' +
    'and is itself stuck. Modules on the waiters\' stacks show who is affected and weigh less.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-locks; https://learn.microsoft.com/windows-hardware/drivers/debugger/debugging-a-deadlock',
  apply(ctx: VerdictContext): void {
    for (const b of blocksOf(ctx.model, 'locks')) {
      for (const lock of b.data.locks) {
        const waiters = waiterCount(lock);
        const contended = waiters > 0 || (lock.contention ?? 0) > 0;
        if (!contended || !isHeld(lock)) {
          continue;
        }
        const lockName = lock.name ?? lock.address;
        for (const waiter of lock.waiters) {
          for (const f of foreignModulesOn(threadStack(ctx, waiter))) {
            addEvidence(ctx, f.module as string, 0.25, `${f.site} is on the stack of a thread waiting for ${lockName}`, f.line, true);
          }
        }
        for (const owner of lock.owners) {
          let t: ThreadInfo | undefined = findThread(ctx, owner);
          if (!t && lock.kind === 'critical-section') {
            // A critical section names its owner by thread id: match the Cid's thread part.
            const id = normalizeAddress(owner);
            t = ctx.threads.find((th) => th.cid !== undefined && normalizeAddress(th.cid.split('.')[1] ?? '') === id);
          }
          const ownerStack = t?.stack ?? (lock.kind === 'eresource' ? threadStack(ctx, owner) : null) ?? userStackOfThreadId(ctx, owner);
          // The topmost module of the owner is what it is doing with the lock; deeper ones only led there.
          foreignModulesOn(ownerStack).forEach((f, k) => {
            addEvidence(ctx, f.module as string, k === 0 ? OWNER_WEIGHT : DEEPER_WEIGHT, `${f.site} is on the stack of the thread that owns ${lockName}${waiters > 0 ? ` (${waiters} waiting)` : ''}`, f.line, true);
          });
        }
      }
    }
  },
};
