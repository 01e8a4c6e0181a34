import { expect } from 'vitest';
import { forcedCrash } from '../../../../src/analyzers/verdict/rules/forced-crash';
import { analyzeV, bugcheckBanner, kv } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

const D1 = { name: 'DRIVER_IRQL_NOT_LESS_OR_EQUAL', code: 'd1', args: ['ffff8001acdc6010', '0000000000000002', '0000000000000000', 'fffff8054dc01981'] };
const MYFAULT_STACK = kv(['nt!KeBugCheckEx', 'nt!KiBugCheckDispatch+0x69', 'nt!KiPageFault+0x463', 'myfault+0x1981', 'myfault+0x1d3d']);

ruleTester(forcedCrash, {
  invalid: [
    {
      name: 'takes MANUALLY_INITIATED_CRASH (0xE2, Ctrl+Scroll Lock) as a crash forced on purpose',
      text: bugcheckBanner('E2', ['0', '0', '0', '0']),
      signal: 'manual',
      check: (out) => {
        expect(out.findings).toEqual([{ id: 'signal.manual', lines: [1], title: 'Evidence of a stop made on purpose: this stop code is raised on purpose (keyboard, NMI button or a tool)' }]);
        expect(out.category).toBe('manual');
      },
    },
    {
      name: 'takes an NMI (0x80) as a crash forced on purpose',
      text: bugcheckBanner('80', ['4f4454', '0', '0', '0']),
      signal: 'manual',
    },
    {
      name: "reads NotMyFault's driver named by !analyze (MODULE_NAME myfault) as a crash forced on purpose, blaming nobody",
      text: `${analyzeV({ ...D1, fields: [['MODULE_NAME', 'myfault'], ['IMAGE_NAME', 'myfault.sys']] })}\n${MYFAULT_STACK}`,
      signal: 'manual',
      check: (out) => {
        expect(out.findings[0]?.title).toBe('Evidence of a stop made on purpose: the crash was raised by myfault, a tool that crashes the machine on request');
        expect(out.top).toBeUndefined();
      },
    },
    {
      name: "reads MEX's note 'This is a myfault.sys dump' as a crash forced on purpose",
      text: `${bugcheckBanner('D1', ['ffff8001acdc6010', '2', '0', 'fffff8054dc01981'])}\nBugcheck: This is a myfault.sys dump.`,
      signal: 'manual',
      check: (out) => expect(out.findings[0]?.lines).toEqual([2]),
    },
    {
      name: "takes a break into kd (its breakpoint polled by the clock interrupt) as a live session stopped on purpose, not a crash in the interrupted driver",
      text: `0: kd> .exr -1\n   ExceptionCode: 80000003 (Break instruction exception)\n${kv(['nt!DbgBreakPointWithStatus', 'nt!KdCheckForDebugBreak+0x1a', 'nt!KeUpdateRunTimeThread+0x8c', 'hal!HalpTimerClockInterrupt+0xf7', 'nt!KiInterruptDispatchNoLockNoEtw+0x37', 'acmefilt!PollLoop+0x44'])}`,
      signal: 'manual',
      finding: 'session.live-break',
      check: (out) => {
        expect(out.category).toBe('manual');
        expect(out.top).toBeUndefined();
      },
    },
    {
      name: 'takes a break-in thread of a debugger attaching to a process as no crash',
      text: `0:007> .exr -1\n   ExceptionCode: 80000003 (Break instruction exception)\n${kv(['ntdll!DbgBreakPoint', 'ntdll!DbgUiRemoteBreakin+0x4e', 'kernel32!BaseThreadInitThunk+0x14', 'ntdll!RtlUserThreadStart+0x21'], '0:007>')}`,
      finding: 'session.live-break',
    },
  ],
  valid: [
    {
      name: 'a breakpoint a driver or Driver Verifier raised itself (an assertion) is no break-in',
      text: `0: kd> .exr -1\n   ExceptionCode: 80000003 (Break instruction exception)\n${kv(['nt!DbgBreakPoint', 'VerifierExt!VfReportIssueWithOptions+0x10f', 'acmefilt!Dispatch+0x44', 'nt!IofCallDriver+0x59'])}`,
    },
    { name: 'a crash in an ordinary third-party driver', text: `${analyzeV({ ...D1, fields: [['MODULE_NAME', 'acmefilt']] })}\n${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x463', 'acmefilt+0x1981'])}` },
    { name: "NotMyFault's driver on a stack without any crash", text: kv(['myfault+0x1981', 'nt!IofCallDriver+0x59']) },
  ],
});
