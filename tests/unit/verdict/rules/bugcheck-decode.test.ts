import { expect } from 'vitest';
import { bugcheckDecode } from '../../../../src/analyzers/verdict/rules/bugcheck-decode';
import { bugcheckBanner, kv } from '../../../fixtures/builders';
import { produced, ruleTester } from '../rule-tester';

const F4 = bugcheckBanner('F4', ['3', 'fffffa800bb94b30', 'fffffa800bb94e10', 'fffff80003788460']);
const processOf = (address: string, image: string): string => `0: kd> !process ${address} 0
PROCESS ${address}
    SessionId: none  Cid: 0174    Peb: 7fffffda000  ParentCid: 0154
    DirBase: 321389000  ObjectTable: fffff8a00b4f9840  HandleCount: 512.
    Image: ${image}`;

/** A `kv` stack whose nt!KeBugCheckEx frame carries the code and arguments, as x64 frames print them. */
const keBugCheckExWith = (args: string, below: string[]): string =>
  kv(['nt!KeBugCheckEx', ...below]).replace('00000000`00000000 00000000`00000000 00000000`00000000 00000000`00000000 : nt!KeBugCheckEx', `${args} : nt!KeBugCheckEx`);

ruleTester(bugcheckDecode, {
  invalid: [
    {
      name: "decodes an argument's subcode in words",
      text: bugcheckBanner('9F', ['3', 'fffffa800c089050', 'fffff80000b9c3d8', 'fffffa8008f5cc10']),
      finding: 'bugcheck.arg',
      check: (out) => expect(out.findings).toContainEqual({ id: 'bugcheck.arg', lines: [1], title: 'Arg1 0x3: device object blocked IRP too long' }),
    },
    {
      name: 'names the terminated critical process that !process shows at the address of Arg2',
      text: `${F4}\n${processOf('fffffa800bb94b30', 'csrss.exe')}`,
      finding: 'bugcheck.process',
      check: (out) => expect(out.findings.find((f) => f.id === 'bugcheck.process')).toEqual({ id: 'bugcheck.process', lines: [3], title: 'The terminated critical process is csrss.exe' }),
    },
    {
      name: 'does not name a process that is not the one in Arg2',
      text: `${F4}\n${processOf('fffffa800aa11220', 'svchost.exe')}`,
      finding: 'bugcheck.arg',
      check: (out) => expect(out.findings.map((f) => f.id)).not.toContain('bugcheck.process'),
    },
    {
      name: 'places the crash in driver initialisation when IopLoadDriver is on the faulting stack',
      text: `${bugcheckBanner('7E', ['ffffffffc0000005', 'fffff88004a1ea55', 'fffff88002fdd798', 'fffff88002fdcff0'])}\n${kv(['nt!KeBugCheckEx', 'acmefilt+0x1a55', 'nt!IopLoadDriver+0xa07', 'nt!IopLoadUnloadDriver+0x55'])}`,
      finding: 'stack.driver-load',
      check: (out) => expect(out.findings.find((f) => f.id === 'stack.driver-load')).toMatchObject({ lines: [6], title: 'nt!IopLoadDriver+0xa07 is on the stack: the crash happened while drivers were being loaded' }),
    },
    {
      name: 'says the code was read from the first argument of the nt!KeBugCheckEx frame',
      text: keBugCheckExWith('00000000`000000d1 00000000`00000008 00000000`00000002 00000000`00000000', ['nt!KiBugCheckDispatch+0x69', 'acmefilt+0x1a55']),
      finding: 'bugcheck.from-frame',
      check: (out) => expect(out.findings.find((f) => f.id === 'bugcheck.from-frame')).toMatchObject({ lines: [3], title: expect.stringContaining('(0xD1)') }),
    },
    {
      name: 'reads the code from a KeBugCheckEx frame an 80-column copy wrapped over two lines',
      text: ['kd> kv', 'ChildEBP RetAddr  Args to Child', 'fe4a386c 80134f2f 00000093 00000118 00000001', 'ntkrnlmp!KeBugCheckEx+0x1e7(FPO: [Non-Fpo]', 'fe4a3898 8013e6de 00000118 00000340 82f5bee0 ntkrnlmp!NtClose+0x1d5'].join('\n'),
      finding: 'bugcheck.from-frame',
      check: (out) => expect(out.findings.find((f) => f.id === 'bugcheck.from-frame')?.title).toContain('(0x93)'),
    },
    {
      name: 'infers a fail-fast (0x139) only when the fail-fast is what called KeBugCheckEx',
      text: kv(['nt!KeBugCheckEx', 'nt!KiBugCheckDispatch+0x69', 'nt!KiFastFailDispatch+0xd0', 'nt!KiRaiseSecurityCheckFailure+0x323', 'acmefilt+0x1a55']),
      finding: 'bugcheck.from-stack',
      check: (out) => {
        expect(out.findings.find((f) => f.id === 'bugcheck.from-stack')?.title).toContain('0x139');
        // A process's own fail-fast deep below a critical-process stop is not the bug check.
        const critical = produced(bugcheckDecode, kv(['nt!KeBugCheckEx', 'nt!PspCatchCriticalBreak+0xff', 'nt!PspTerminateAllThreads+0x1134cf', 'nt!NtTerminateProcess+0xa9', 'nt!KiSystemServiceCopyEnd+0x13', 'nt!KiFastFailDispatch+0xe4', 'nt!KiRaiseSecurityCheckFailure+0x3d3', 'ntdll!RtlFreeHeap+0x24a']));
        expect(critical.findings.map((f) => f.id)).not.toContain('bugcheck.from-stack');
      },
    },
    {
      name: 'asks for the code when nt!KeBugCheckEx is on a stack without it',
      text: kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'acmefilt+0x1a55']),
      finding: 'bugcheck.unknown-code',
    },
    {
      name: 'passes on the note that the code was read from the failure bucket',
      text: 'FAILURE_BUCKET_ID:  0x9F_3_acmeusb_IMAGE_pci.sys',
      finding: 'bugcheck.from-bucket',
    },
    {
      name: "passes on the note that the code was inferred from the debugger's argument descriptions",
      text: `Arguments:
Arg1: 0000000000000003, A device object has been blocking an Irp for too long a time
Arg2: fffffa800c089050, Physical Device Object of the stack
Arg3: fffff80000b9c3d8, nt!TRIAGE_9F_POWER on Win7 and higher, otherwise the Functional Device Object of the stack
Arg4: fffffa8008f5cc10, The blocked IRP`,
      finding: 'bugcheck.inferred',
      check: (out) => expect(out.findings.find((f) => f.id === 'bugcheck.inferred')?.title).toContain('0x9F is inferred'),
    },
    {
      name: 'reads the one stop code the text beside a stack names, saying so',
      text: `You may receive a "Stop 0x1e in Win32k.sys" error message with the following call stack:\n${kv(['win32k!HMMarkObjectDestroy+0x18', 'win32k!FreeDdeConv+0xc6', 'win32k!DestroyThreadsObjects+0x8f', 'nt!PspExitThread+0x24f'])}`,
      finding: 'bugcheck.from-text',
      check: (out) => expect(out.findings.find((f) => f.id === 'bugcheck.from-text')?.title).toContain('0x1E is read from the text beside the stack ("Stop 0x1e")'),
    },
    {
      name: 'warns that a second, different bug check in the paste may be another crash',
      text: `${bugcheckBanner('D1', ['0', '2', '0', 'fffff88004a1ea55'])}\n${bugcheckBanner('50', ['fffff8802972848f', '0', 'fffff880064feb95', '2'])}`,
      finding: 'bugcheck.other',
      check: (out) => expect(out.findings.find((f) => f.id === 'bugcheck.other')).toMatchObject({ lines: [2], title: expect.stringContaining('0x50') }),
    },
  ],
  valid: [
    { name: 'a stack with IopLoadDriver but no crash', text: kv(['acmefilt+0x1a55', 'nt!IopLoadDriver+0xa07', 'nt!IopLoadUnloadDriver+0x55']) },
    { name: 'a bug check named only in prose', text: 'My machine keeps crashing with bug check 0x9F (DRIVER_POWER_STATE_FAILURE), Arg1 3.' },
    {
      name: 'two stop codes named in the text beside a stack (a post comparing crashes)',
      text: `It crashed with Stop 0x50 yesterday and Stop 0x1E today.\n${kv(['win32k!HMMarkObjectDestroy+0x18', 'win32k!FreeDdeConv+0xc6', 'nt!PspExitThread+0x24f'])}`,
    },
  ],
});
