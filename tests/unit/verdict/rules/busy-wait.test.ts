import { expect } from 'vitest';
import { busyWait } from '../../../../src/analyzers/verdict/rules/busy-wait';
import { bugcheckBanner, kv } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

const POWER_TIMEOUT = bugcheckBanner('9F', ['3', 'ffffcf0704d3caf0', 'ffffcd046bb4f010', 'ffffcf070dec88a0']);
const DPC_TIMEOUT = bugcheckBanner('133', ['1', '1e00', 'fffff80721cfb320', '0']);
const CRASH = bugcheckBanner('D1', ['0', '2', '0', 'fffff8072dc77c11']);
/** Another processor's stack: a driver polling its hardware with the kernel's stall. */
const STALLING = kv(
  ['nt!HalpTscQueryCounterOrdered+0x8', 'nt!HalpTimerStallExecutionProcessor+0x2a5', 'nt!KeStallExecutionProcessor+0x27', 'acmegfx!WaitForFence+0xf1', 'acmegfx!SubmitCommand+0x36', 'dxgkrnl!DdiSuspendContext+0xd0'],
  '5: kd>',
);

ruleTester(busyWait, {
  invalid: [
    {
      name: 'blames the driver that calls KeStallExecutionProcessor on a stack during a power IRP timeout',
      text: `${POWER_TIMEOUT}\n${STALLING}`,
      blames: 'acmegfx',
      check: (out) => {
        expect(out.evidence).toHaveLength(1);
        expect(out.evidence[0]?.text).toContain('busy-waits in KeStallExecutionProcessor');
        expect(out.evidence[0]?.weight).toBeLessThan(0.5);
      },
    },
    { name: 'does the same under a DPC watchdog timeout', text: `${DPC_TIMEOUT}\n${STALLING}`, blames: 'acmegfx' },
  ],
  valid: [
    { name: 'a stall in a crash that is not a timeout', text: `${CRASH}\n${STALLING}` },
    { name: 'the kernel stalling for itself', text: `${POWER_TIMEOUT}\n${kv(['nt!KeStallExecutionProcessor+0x27', 'nt!KiFreezeTargetExecution+0x1a0', 'nt!KiIpiProcessRequests+0x1f'], '5: kd>')}` },
  ],
});
