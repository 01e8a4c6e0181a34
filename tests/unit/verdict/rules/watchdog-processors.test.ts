import { expect } from 'vitest';
import { watchdogProcessors } from '../../../../src/analyzers/verdict/rules/watchdog-processors';
import { bugcheckBanner, kv } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

// CLOCK_WATCHDOG_TIMEOUT: processor 2 (Arg4) stopped answering (as in s07).
const WATCHDOG = bugcheckBanner('101', ['31', '0', 'fffff88003165180', '2']);
// Processor 0 took the clock interrupt while running acmenet: its code is below the interrupt's trap frame.
const CPU0 = kv(
  [
    'nt!KeBugCheckEx',
    'nt!KeAccumulateTicks+0x3c8',
    'nt!KeUpdateRunTime+0x81',
    'hal!HalpHpetClockInterrupt+0x8d',
    'nt!KiInterruptDispatchNoLock+0x163 (TrapFrame @ fffff880`06e534f0)',
    'acmenet+0x8986d',
    'ndis!ndisMIndicateNetBufferListsToOpen+0x141',
  ],
  '0: kd>',
);
// Processor 1 flushes the TLB (waits for the others), called from the graphics stack.
const CPU1 = kv(['nt!KxFlushEntireTb+0x93', 'nt!KeFlushTb+0x119', 'nt!MiResolveDemandZeroFault+0x1ff', 'dxgmms1!VIDMM_SEGMENT::SafeProbeAndLockPages+0x229', 'dxgkrnl!DxgkLock+0x22a'], '1: kd>');
const HUNG_CPU2 = kv(['acmenet+0x43cb7', 'nt!KiIdleLoop+0x2c'], '2: kd>');

ruleTester(watchdogProcessors, {
  invalid: [
    {
      name: 'says what each processor that did answer was running, past the interrupt frames',
      text: [WATCHDOG, CPU0, CPU1, HUNG_CPU2].join('\n'),
      finding: 'watchdog.processor',
      check: (out) => {
        expect(out.findings).toEqual([
          { id: 'watchdog.processor', lines: [9], title: 'Processor 0 runs acmenet+0x8986d (from acmenet, ndis)' },
          { id: 'watchdog.processor', lines: [13], title: 'Processor 1 runs nt!KxFlushEntireTb+0x93 (from dxgmms1, dxgkrnl)' },
        ]);
        expect(out.evidence).toEqual([]);
      },
    },
  ],
  valid: [
    { name: 'only the hung processor printed its stack', text: [WATCHDOG, HUNG_CPU2].join('\n') },
    { name: "other processors' stacks under another bug check", text: [bugcheckBanner('D1', ['0', '2', '0', 'fffff88004a1ea55']), CPU1].join('\n') },
    { name: 'a clock watchdog timeout with a stack printed without a processor prompt', text: `${WATCHDOG}\n${CPU1.split('\n').slice(1).join('\n')}` },
  ],
});
