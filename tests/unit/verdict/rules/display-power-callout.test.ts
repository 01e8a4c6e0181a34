import { expect } from 'vitest';
import { displayPowerCallout } from '../../../../src/analyzers/verdict/rules/display-power-callout';
import { analyzeV, kernelThread, lmtn } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

const WATCHDOG = analyzeV({
  name: 'WIN32K_POWER_WATCHDOG_TIMEOUT',
  code: '19c',
  args: ['0000000000000050', 'ffffd2861a8b5080', '0000000000000000', '0000000000000000'],
  stack: ['nt!KeBugCheckEx', 'win32kbase!PowerStateWatchdogCallback+0x9c', 'nt!KiProcessExpiredTimerList+0x172', 'nt!KiRetireDpcList+0x5dd', 'nt!KiIdleLoop+0x5a'],
});
const WAITER = ['nt!KiSwapContext+0x76', 'nt!KeWaitForSingleObject+0x377', 'dxgkrnl!DxgkCddSetPowerState+0x41', 'win32kbase!PowerOnMonitor+0x1a4'];
const LM = lmtn([
  { name: 'dxgkrnl', date: '2024-05-01' },
  { name: 'nvlddmkm', date: '2024-03-11' },
  { name: 'acmefilt', date: '2023-01-01' },
]);

ruleTester(displayPowerCallout, {
  invalid: [
    {
      name: 'names the display driver on the waiting thread’s stack (0.35)',
      text: `${WATCHDOG}\n${kernelThread('ffffd2861a8b5080', ['nt!KiSwapContext+0x76', 'nt!KeWaitForSingleObject+0x377', 'nvlddmkm+0x8f1c2', 'dxgkrnl!DXGADAPTER::SetPowerState+0x33', 'win32kbase!PowerOnMonitor+0x1a4'])}`,
      blames: 'nvlddmkm',
      check: (out) => expect(out.evidence.map((e) => [e.module, e.weight])).toEqual([['nvlddmkm', 0.35]]),
    },
    {
      name: 'otherwise takes the display driver `lm` lists as a lead (0.25), not a storage filter',
      text: `${WATCHDOG}\n${kernelThread('ffffd2861a8b5080', WAITER)}\n${LM}`,
      blames: 'nvlddmkm',
      check: (out) => expect(out.evidence.map((e) => [e.module, e.weight])).toEqual([['nvlddmkm', 0.25]]),
    },
    {
      name: 'says where to look when no display driver is in the input',
      text: `${WATCHDOG}\n${kernelThread('ffffd2861a8b5080', WAITER)}`,
      finding: 'display.no-driver-seen',
    },
  ],
  valid: [
    { name: 'another bug check with a display driver loaded', text: `${analyzeV({ name: 'DRIVER_IRQL_NOT_LESS_OR_EQUAL', code: 'd1', args: ['0', '2', '0', 'fffff88004a1ea55'] })}\n${LM}` },
  ],
});
