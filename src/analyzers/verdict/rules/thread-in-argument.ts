/**
 * Rule thread-in-argument: the thread a bug check argument names, and its stack.
 */
import { normalizeAddress } from '../../normalize';
import { addEvidence, arg, type VerdictContext } from '../context';
import type { Rule } from '../rule';
import { findThread, foreignModulesOn } from '../threads';

export const threadInArgument: Rule = {
  id: 'thread-in-argument',
  description: 'A bug check argument that is the address of a thread printed in the session: the non-Microsoft modules on its stack.',
  reasoning:
    'Several bug checks name a thread in their arguments: DRIVER_POWER_STATE_FAILURE subcode 4 gives the thread that held the PnP lock ' +
    'too long, others give the blocking or the current thread. Experts run !thread on that address and read its stack: the third-party ' +
    'driver it is stuck in is the suspect, the more so when it has waited for minutes.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-0x9f--driver-power-state-failure; https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-thread',
  apply(ctx: VerdictContext): void {
    // A thread named in an argument (0x9F/4 Arg3 is the blocking thread; others vary).
    if (ctx.bugcheck) {
      for (let k = 1 as 1 | 2 | 3 | 4; k <= 4; k = (k + 1) as 1 | 2 | 3 | 4) {
        const a = arg(ctx, k);
        if (a === '' || a.length < 9) {
          continue;
        }
        const t = findThread(ctx, a);
        if (!t) {
          continue;
        }
        for (const [depth, f] of foreignModulesOn(t.stack).entries()) {
          addEvidence(ctx, f.module as string, depth === 0 ? 0.35 : 0.2, `${f.site} is on the stack of thread ${normalizeAddress(a)}, the thread Arg${k} of the bug check names${t.waitText ? ` (waiting ${t.waitText})` : ''}`, f.line);
        }
      }
    }
  },
};
