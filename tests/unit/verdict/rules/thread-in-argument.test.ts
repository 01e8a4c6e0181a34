import { expect } from 'vitest';
import { threadInArgument } from '../../../../src/analyzers/verdict/rules/thread-in-argument';
import { bugcheckBanner, kernelThread } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

// DRIVER_POWER_STATE_FAILURE subcode 4 (as in s04): Arg3 is the thread that held the PnP lock too long.
const POWER_TIMEOUT = bugcheckBanner('9F', ['4', '258', 'fffffa8007005660', 'fffff800053e83d0']);
const BLOCKING_SITES = ['nt!KiSwapContext+0x7a', 'nt!KiCommitThreadWait+0x1d2', 'nt!KeWaitForSingleObject+0x19f', 'acmeusb+0x35dd', 'acmeusb+0x4627', 'ndis!NdisFDevicePnPEventNotify+0x89'];

ruleTester(threadInArgument, {
  invalid: [
    {
      name: 'blames the third-party driver on the stack of the thread an argument names',
      text: `${POWER_TIMEOUT}\n${kernelThread('fffffa8007005660', BLOCKING_SITES)}`,
      blames: 'acmeusb',
      check: (out) =>
        expect(out.evidence).toEqual([
          { module: 'acmeusb', weight: 0.35, line: 10, text: 'acmeusb+0x35dd is on the stack of thread fffffa8007005660, the thread Arg3 of the bug check names (waiting 0:00:10:00.026)' },
        ]),
    },
  ],
  valid: [
    { name: 'the thread an argument names is not printed', text: `${POWER_TIMEOUT}\n${kernelThread('fffffa800700a000', BLOCKING_SITES)}` },
    {
      name: 'the thread an argument names runs only Microsoft code',
      text: `${POWER_TIMEOUT}\n${kernelThread('fffffa8007005660', ['nt!KiSwapContext+0x7a', 'nt!KeWaitForSingleObject+0x19f', 'nt!PnpDeviceActionWorker+0x3b1', 'nt!ExpWorkerThread+0x111'])}`,
    },
    { name: 'a thread printed without any bug check', text: kernelThread('fffffa8007005660', BLOCKING_SITES) },
  ],
});
