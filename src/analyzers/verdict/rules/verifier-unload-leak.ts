/**
 * Rule verifier-unload-leak: Driver Verifier caught a driver unloading with pool still allocated.
 */
import type { StackFrame } from '../../types';
import { argNum, signal, type VerdictContext } from '../context';
import type { Rule } from '../rule';

/** 0xC4 subcodes 0x60–0x62: a driver unloads without freeing its allocations. */
const UNLOAD_LEAK_SUBCODES = [0x60, 0x61, 0x62];
/** How many frames from a stack's top the KMDF verifier's break is looked for. */
const TOP = 12;

export const verifierUnloadLeak: Rule = {
  id: 'verifier-unload-leak',
  description: 'Bug check 0xC4 with subcode 0x60–0x62, or the KMDF verifier dumping leaked objects (FxPoolDump) at unload: a driver unloaded without freeing its pool.',
  reasoning:
    'With pool tracking on, Driver Verifier checks at unload time that a driver freed everything it allocated; subcodes 0x60, 0x61 and 0x62 ' +
    'of DRIVER_VERIFIER_DETECTED_VIOLATION report the leak and name the driver. The KMDF verifier does the same for a WDF driver: when the ' +
    "driver's pool is destroyed at unload with allocations left, FxPoolDump lists them and breaks in (FxVerifierDbgBreakPoint). The category is a pool leak, and the driver named is its owner.",
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-0xc4--driver-verifier-detected-violation; https://learn.microsoft.com/windows-hardware/drivers/wdf/using-kmdf-verifier',
  apply(ctx: VerdictContext): void {
    if (ctx.bugcheck?.code === 0xc4 && UNLOAD_LEAK_SUBCODES.includes(argNum(ctx, 1))) {
      signal(ctx, 'pool-leak', 'Driver Verifier caught a driver unloading without freeing its pool allocations', ctx.bugcheck.line);
      return;
    }
    // The break is near the top of its stack: only the first frames of each are looked at.
    let dump: StackFrame | undefined;
    for (const s of ctx.stacks) {
      for (let k = 0; k < s.frames.length && k < TOP && !dump; k++) {
        const f = s.frames[k] as StackFrame;
        if (f.symbol !== null && f.symbol.startsWith('FxPoolDump') && /^wdf01000$/i.test(f.module ?? '')) {
          dump = f;
        }
      }
    }
    if (dump) {
      signal(ctx, 'pool-leak', `KMDF's verifier found allocations left when a driver's pool was destroyed (${dump.site})`, dump.line);
    }
  },
};
