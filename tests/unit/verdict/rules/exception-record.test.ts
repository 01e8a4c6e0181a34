import { expect } from 'vitest';
import { exceptionRecord } from '../../../../src/analyzers/verdict/rules/exception-record';
import { userK } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

// `r` in user mode: the current instruction reads memory the debugger shows as ????.
const UNREADABLE = `0:000> r
rax=0000000000000000 rbx=0000000000000000 rcx=0000000000000000
rip=00007ffa1060ead2 rsp=000000d6ebbff9d0 rbp=0000000000000000
acmeapp!Foo+0x12:
00007ffa\`1060ead2 488b4210        mov     rax,qword ptr [rdx+10h] ds:00000000\`00000010=????????????????`;

ruleTester(exceptionRecord, {
  invalid: [
    {
      name: 'states the exception the debugger stopped on, in words',
      text: `(1a2c.1b3c): Access violation - code c0000005 (first chance)\n${userK(['acmeapp!Foo+0x12', 'kernel32!BaseThreadInitThunk+0x14'])}`,
      finding: 'exception.code',
      check: (out) =>
        expect(out.findings).toEqual([
          { id: 'exception.code', lines: [1], title: 'Exception 0xc0000005 STATUS_ACCESS_VIOLATION: an access violation: code read or wrote memory it may not touch (often a null or freed pointer)' },
        ]),
    },
    {
      name: 'states the second-chance exception before an earlier first-chance one',
      text: '(1a2c.1b3c): Access violation - code c0000005 (first chance)\n(1a2c.1b3c): Security check failure or stack buffer overrun - code c0000409 (!!! second chance !!!)',
      finding: 'exception.code',
      check: (out) => {
        expect(out.findings).toHaveLength(1);
        expect(out.findings[0]).toMatchObject({ lines: [2], title: expect.stringMatching(/^Exception 0xc0000409 STATUS_STACK_BUFFER_OVERRUN: a fail-fast/) });
      },
    },
    {
      name: 'reads the code of an exception record (.exr)',
      text: `0:000> .exr -1
ExceptionAddress: 00007ffa1060ead2 (acmeapp!Foo+0x0000000000000012)
   ExceptionCode: c0000374
  ExceptionFlags: 00000001
NumberParameters: 1
   Parameter[0]: 00007ffa10a1c7f0`,
      finding: 'exception.code',
      check: (out) => expect(out.findings[0]?.title).toMatch(/^Exception 0xc0000374 STATUS_HEAP_CORRUPTION: heap corruption/),
    },
    {
      name: 'names an uncaught .NET exception by the code the CLR raises',
      text: `0:000> !pe
Exception object: 000001d2a4c0b2f8
Exception type:   System.NullReferenceException
Message:          Object reference not set to an instance of an object.`,
      finding: 'exception.code',
      check: (out) => expect(out.findings[0]?.title).toBe('Exception 0xe0434352: a .NET exception that nobody caught'),
    },
    {
      name: 'infers an access violation from a current instruction that reads unreadable memory',
      text: UNREADABLE,
      finding: 'exception.inferred',
      check: (out) => {
        expect(out.findings.map((f) => [f.id, f.lines])).toEqual([
          ['exception.code', [5]],
          ['exception.inferred', [5]],
        ]);
        expect(out.findings[0]?.title).toMatch(/^Exception 0xc0000005 STATUS_ACCESS_VIOLATION/);
      },
    },
    {
      name: 'infers it when a copy wrapped the memory note onto the next line',
      text: UNREADABLE.replace(' ds:00000000', '\nds:00000000'),
      finding: 'exception.inferred',
      check: (out) => expect(out.findings.map((f) => [f.id, f.lines])).toEqual([
        ['exception.code', [5]],
        ['exception.inferred', [5]],
      ]),
    },
  ],
  valid: [
    { name: 'a breakpoint the debugger stopped on', text: '(1a2c.1b3c): Break instruction exception - code 80000003 (first chance)' },
    { name: 'a first-chance C++ exception, which the program usually catches', text: '(1a2c.1b3c): C++ EH exception - code e06d7363 (first chance)' },
    { name: 'unreadable memory in a kernel session (no user-mode fault to infer)', text: UNREADABLE.replace('0:000> r', '0: kd> r') },
    { name: 'a current instruction that reads readable memory', text: UNREADABLE.replace('=????????????????', '=00007ffa10a1c7f0') },
  ],
});
