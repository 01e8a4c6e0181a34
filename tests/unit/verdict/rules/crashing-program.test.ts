import { expect } from 'vitest';
import { crashingProgram } from '../../../../src/analyzers/verdict/rules/crashing-program';
import { userK } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

// A write fault inside the heap manager: the program's blocks were overwritten before it asked for memory.
const HEAP_FAULT = [
  'CommandLine: "C:\\Program Files\\Acme\\AcmeHistory.exe"',
  'ModLoad: 71a50000 71a8b000   C:\\WINDOWS\\system32\\mswsock.dll',
  '(318.6d4): Access violation - code c0000005 (first chance)',
  'eax=42424242 ebx=00000285 ecx=44444444 edx=00d38110 esi=00d38110 edi=003a0000',
  'eip=77f6256f esp=0012f36c ebp=0012f584 iopl=0         nv up ei pl zr na pe nc',
  'ntdll!RtlAllocateHeapSlowly+0x6bd:',
  '77f6256f 8901            mov     dword ptr [ecx],eax  ds:0023:44444444=????????',
].join('\n');

ruleTester(crashingProgram, {
  invalid: [
    {
      name: "leads with the program cdb launched when its crash lands in Windows code and nothing else is named (not a DLL it merely loaded)",
      text: HEAP_FAULT,
      blames: 'AcmeHistory',
      check: (out) => {
        expect(out.evidence).toEqual([{ module: 'AcmeHistory', weight: 0.15, line: 1, text: 'AcmeHistory.exe is the program that crashed, and nothing else in the output is named: its own code passed Windows the bad data' }]);
        expect(out.top).toBe('AcmeHistory');
      },
    },
    {
      name: "reads !analyze's PROCESS_NAME",
      text: '(1a.2b): Access violation - code c0000005 (!!! second chance !!!)\nPROCESS_NAME:  acmesrv.exe\nSTACK_TEXT:\n0012f36c 77f6256f ntdll!RtlpFreeHeap+0x1f',
      blames: 'acmesrv',
    },
  ],
  valid: [
    { name: 'a third-party module on the faulting stack already named', text: `(1a.2b): Access violation - code c0000005 (!!! second chance !!!)\nPROCESS_NAME:  acmesrv.exe\n${userK(['acmeplugin!Parse+0x12', 'acmesrv!main+0x40'])}` },
    { name: 'a Windows program that crashed (svchost)', text: '(1a.2b): Access violation - code c0000005 (!!! second chance !!!)\nPROCESS_NAME:  svchost.exe' },
    { name: 'a program launched with no crash', text: 'CommandLine: "C:\\Program Files\\Acme\\AcmeHistory.exe"\n0:000> g' },
  ],
});
