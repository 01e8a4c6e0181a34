import { expect } from 'vitest';
import { callSitesInText } from '../../../../src/analyzers/verdict/rules/call-sites-in-text';
import { bugcheckBanner, kv } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

// A bug check of no particular kind (not one raised only for drivers), so the category shows what the evidence makes of it.
const CRASH = bugcheckBanner('1C7', ['0', 'ffff8c0ac22351f0', '11', '2']);

ruleTester(callSitesInText, {
  invalid: [
    {
      name: 'keeps a module that a failure bucket prints after "!" with its extension (heap_corruption!acmeweb.exe)',
      text: `${CRASH}\nacmeweb+0x1ec27\nSYMBOL_NAME:  heap_corruption!acmeweb.exe`,
      blames: 'acmeweb',
    },
    {
      name: 'reads module+offset written without 0x, as the old FAULTING_IP prints it',
      text: `${CRASH}\nWith faulting ip: \`acmevbus+b174\``,
      blames: 'acmevbus',
    },
    {
      name: 'reads a call site whose offset is written without 0x, as people quote it',
      text: `${CRASH}\nThis is a crash in \`acmebt!PdoDestroy+2b\` while the service stopped.`,
      blames: 'acmebt',
    },
    {
      name: 'leads with the third-party module quoted in a note after a crash whose stack was not pasted',
      text: `${CRASH}\nThe faulting ip is acmebt+0x1a2 and acmebt!PdoDestroy+0x44 freed the context.`,
      blames: 'acmebt',
      check: (out) => {
        expect(out.evidence).toEqual([{ module: 'acmebt', weight: 0.15, line: 2, text: 'its call sites appear 2 times in the output (acmebt…), and nothing else names a module: a lead only' }]);
        expect(out.category).not.toBe('driver');
      },
    },
    {
      name: "strengthens the module a weaker rule named (the waiting thread's caller), never a new one quoted more often",
      text: [
        'The app hung; the hung thread:',
        'ntdll!NtWaitForMultipleObjects+0x14',
        'KERNELBASE!WaitForMultipleObjectsEx+0xfe',
        'd3d9!CEnum::CreateDeviceEx+0xa1',
        'acmehook!GetHotPatchInfo+0x67d4',
        'acmeplayer!Renderer::initializeDevice+0x26c',
        'acmeplayer!Renderer::initialize+0xa0',
        'acmeplayer!Session::exec+0x95a',
        'Normally acmeplayer!Renderer::initializeDevice+0x26c calls d3d9 directly.',
      ].join('\n'),
      blames: 'acmehook',
      check: (out) => expect(out.evidence.map((e) => e.module)).toEqual(['acmehook']),
    },
  ],
  valid: [
    { name: 'a kernel or ntdll routine printed without its module (a jump target in a disassembly)', text: `(1a2c.1b3c): Access violation - code c0000005 (!!! second chance !!!)\n       77f64b35 0f84d7010000     je      RtlFreeHeap+0x1ec (77f64d12)\n       77f64b7a e891280000       call    KiTrap0E+0x252` },
    {
      name: 'a function an old debugger printed without its module, named as a function elsewhere (Dr. Watson)',
      text: '(1a.2b): Access violation - code c0000005\n function: wvsprintfW\n         77eb3ea7 0f8e7b04ffff     jle     wvsprintfW+0xb2 (77ea4328)\n         77eb3ead ebdf             jmp     wvsprintfW+0x1c3 (77eb3e8e)',
    },
    {
      name: 'the program that made the system call, below the kernel stack’s entry from user mode',
      text: `BugCheck 7F, {8, 0, 0, 0}\nSTACK_TEXT:\nf5d2997c 80450bb3 00000003 f5d299f8 00000001 nt!KiUnlockDispatcherDatabase+0x1c\nf5d29d48 80466389 00000003 0076fe84 00000001 nt!NtWaitForMultipleObjects+0x385\nf5d29d48 77f9323e 00000003 0076fe84 00000001 nt!KiSystemService+0xc9\n0076fe5c 77e7a059 00000003 0076fe84 00000001 ntdll!ZwWaitForMultipleObjects+0xb\n0076ff7c 780085bc 00283a90 0062f5ac 0062ffdc AcmeRTL!SchedulerWorkerThread+0xa7`,
    },
    { name: 'words joined by a plus sign, with no digit after it', text: `${CRASH}\nSee acmevbus+beef and notes+abc for more.` },
    { name: 'registers in a disassembly operand', text: `${CRASH}\nfffff802\`0ba53f30 488b442428 mov rax,qword ptr [rsp+28]\nmov ecx,dword ptr [ebp+8]` },
    { name: 'call sites in a session without a crash or a hang', text: 'Here acmebt!PdoDestroy+0x44 runs on every disconnect.' },
    { name: 'a crash whose stack already names the module (other rules speak)', text: `${CRASH}\n${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'acmebt+0x1a2', 'nt!ExpWorkerThread+0x111'])}` },
    { name: 'only Microsoft call sites', text: `${CRASH}\nThe fault is in nt!MiDeleteVirtualAddresses+0x4e.` },
  ],
});
