/**
 * Rule driver-raised: a driver that called KeBugCheckEx itself stopped the system on purpose.
 */
import { addEvidence, addFinding, type VerdictContext } from '../context';
import { isCandidate } from '../modules';
import type { Rule } from '../rule';

/** The driver's own decision: more than being the first driver on a stack, less than a verifier's catch. */
const WEIGHT = 0.25;

export const driverRaised: Rule = {
  id: 'driver-raised',
  description: 'The frame that called nt!KeBugCheckEx directly is a third-party driver: the driver stopped the system itself.',
  reasoning:
    'Most bug checks are raised by the kernel on a driver’s behalf: the page-fault or trap handler (KiPageFault, KiBugCheckDispatch) ' +
    'or a kernel check calls KeBugCheckEx, and the driver is further down. When the caller of KeBugCheckEx is a driver, that driver ' +
    'decided to stop the system: an assertion or an internal consistency check of its own, often with a code Windows does not define ' +
    '(0xDEAD…), whose arguments only its vendor can decode. Its own code found the fault, so it is where the investigation starts, and ' +
    'its vendor is the one to ask.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-kebugcheckex; https://learn.microsoft.com/windows-hardware/drivers/debugger/analyzing-a-kernel-mode-dump-file-with-windbg',
  apply(ctx: VerdictContext): void {
    const s = ctx.primary;
    if (!s || ctx.bugcheck === null) {
      return;
    }
    const k = s.frames.findIndex((f) => f.symbol === 'KeBugCheckEx' || f.symbol === 'KeBugCheck');
    const caller = k >= 0 ? s.frames[k + 1] : undefined;
    if (!caller?.module || !isCandidate(caller.module)) {
      return;
    }
    addEvidence(ctx, caller.module, WEIGHT, `${caller.site} called KeBugCheckEx itself: the driver stopped the system on purpose`, caller.line);
    addFinding(ctx, {
      id: 'stack.driver-raised',
      severity: 'warning',
      title: `${caller.module} raised this bug check itself (${caller.site} calls KeBugCheckEx): its own check found the fault; its vendor can decode the arguments`,
      lines: [caller.line],
    });
  },
};
