/**
 * Rule busy-wait: in a timeout, a driver stalling its processor in a loop.
 */
import type { StackFrame } from '../../types';
import { addEvidence, type VerdictContext } from '../context';
import { isBlameable } from '../modules';
import type { Rule } from '../rule';

/** Bug checks raised because something did not finish in time. */
const TIMEOUTS = new Set([0x9f, 0x133, 0x101, 0x1d5, 0x14f, 0x15f, 0x19c, 0x1a1]);
/** The kernel's busy-wait: a processor spinning on the clock for a driver (and its HAL helpers). */
const STALL = /^(?:KeStallExecutionProcessor|HalpTimerStallExecutionProcessor|HalpTscQueryCounterOrdered|HalpTimerStallCounterPowerChange|KeStallWhileFrozen)$/;
/** How far from a stack's top the stall is looked for. */
const DEPTH = 6;

export const busyWait: Rule = {
  id: 'busy-wait',
  description: 'A timeout or hang where a stack shows a driver calling KeStallExecutionProcessor: that driver holds the processor busy-waiting.',
  reasoning:
    "KeStallExecutionProcessor spins the processor on the clock instead of waiting; Microsoft's documentation asks drivers to stall for no more than 50 microseconds. " +
    'When a power IRP, a DPC or a clock interrupt times out (0x9F, 0x133, 0x101…), experts look at what every processor is running, and at the processor the blocked ' +
    'thread should run on: a driver stalling in a polling loop there (waiting for its hardware to answer) keeps the others from progressing, and is the one to ' +
    'update even when the timed-out IRP belongs to another driver.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-kestallexecutionprocessor; https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-0x133-dpc-watchdog-violation',
  apply(ctx: VerdictContext): void {
    const timeout = ctx.bugcheck !== null && TIMEOUTS.has(ctx.bugcheck.code);
    if (!timeout && !ctx.signals.has('hang-deadlock')) {
      return;
    }
    const seen = new Set<string>();
    for (const s of ctx.stacks) {
      const frames = s.frames;
      let at = -1;
      for (let k = 0; k < frames.length && k < DEPTH; k++) {
        const sym = (frames[k] as StackFrame).symbol;
        if (sym !== null && STALL.test(sym)) {
          at = k;
          break;
        }
      }
      if (at < 0) {
        continue;
      }
      // The first caller below the stall routines that is not the kernel's own.
      const below = frames.slice(at + 1).findIndex((f: StackFrame) => f.symbol === null || !STALL.test(f.symbol));
      const caller = below < 0 ? undefined : frames[at + 1 + below];
      const stall = frames[at + below]?.symbol ?? 'KeStallExecutionProcessor';
      if (!caller || !isBlameable(caller.module) || seen.has(caller.module.toLowerCase())) {
        continue;
      }
      seen.add(caller.module.toLowerCase());
      addEvidence(ctx, caller.module, 0.45, `${caller.site} busy-waits in ${stall} (${s.source}) while the system waits for a timeout`, caller.line);
    }
  },
};
