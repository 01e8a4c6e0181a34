/**
 * Rule cpu-spin: a thread that burns the CPU (`!runaway`, `!threadpool`) in a
 * process that hangs: the code it runs.
 */
import { MANUAL_CODES } from '../../knowledge/bugcheck-classes';
import { blocksOf } from '../../run';
import { addEvidence, signal, type VerdictContext } from '../context';
import type { Rule } from '../rule';
import { userStackOfThreadId } from '../threads';
import { blockedOn, callerBelow } from '../waits';

/** A thread with at least this much user time (ms) is busy, not idle. */
const BUSY_MS = 5000;
/** …and at least this many times the next one: it stands out. */
const STANDS_OUT = 3;
/** CPU use that means a spin rather than work. */
const HIGH_CPU = 80;
/** The module the spinning thread runs: as strong as a lock owner. */
const SPIN_WEIGHT = 0.35;

export const cpuSpin: Rule = {
  id: 'cpu-spin',
  description: 'A thread that used far more CPU than the others (!runaway), or a process at high CPU (!threadpool), in a hang: the module its stack runs.',
  reasoning:
    'Not every hang waits: a thread stuck in a loop keeps the CPU busy and the process unresponsive. Experts run !runaway to list ' +
    'the time each thread has run, take the thread that stands out, switch to it (~Ns) and read its stack: the application or ' +
    'library code on top is what spins. .NET experts read the CPU line of !threadpool and the stacks of the running threads.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-runaway; https://learn.microsoft.com/dotnet/core/diagnostics/debug-highcpu',
  apply(ctx: VerdictContext): void {
    const forced = ctx.signals.has('manual') || (ctx.bugcheck !== null && MANUAL_CODES.has(ctx.bugcheck.code));
    if (ctx.crash && !forced) {
      return;
    }
    for (const b of blocksOf(ctx.model, 'runaway')) {
      const rows = b.data.user.length > 0 ? b.data.user : b.data.kernel;
      const sorted = [...rows].sort((x, y) => y.ms - x.ms);
      const top = sorted[0];
      const next = sorted[1];
      const busy = top !== undefined && top.ms >= BUSY_MS && (next === undefined || top.ms >= STANDS_OUT * next.ms);
      const cpu = b.data.cpu?.percent ?? 0;
      if (!busy && cpu < HIGH_CPU) {
        continue;
      }
      if (busy && top) {
        const name = top.index !== undefined ? `thread ${top.index} (${top.tid})` : `thread ${top.tid}`;
        signal(ctx, 'hang-deadlock', `${name} has run for ${(top.ms / 1000).toFixed(1)} s, far more than any other: a spin`, top.line);
        const stack = userStackOfThreadId(ctx, top.tid);
        if (stack && blockedOn(stack) === null) {
          const f = callerBelow(stack.frames, 0);
          if (f?.module) {
            addEvidence(ctx, f.module, SPIN_WEIGHT, `${f.site} is what ${name}, the one that used the CPU, was running`, f.line, true);
          }
        }
      } else if (b.data.cpu) {
        signal(ctx, 'hang-deadlock', `the process runs at ${cpu}% CPU`, b.data.cpu.line);
      }
    }
  },
};
