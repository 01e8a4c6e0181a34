import { expect } from 'vitest';
import { runtimeMismatch } from '../../../../src/analyzers/verdict/rules/runtime-mismatch';
import { kv, userK } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

const AV = '(2a1c.3b40): Access violation - code c0000005 (!!! second chance !!!)';

ruleTester(runtimeMismatch, {
  invalid: [
    {
      name: 'reads a fault in msvcp140!mtx_do_lock as an outdated C++ runtime, not the caller’s bug',
      text: `${AV}\n${userK(['msvcp140!mtx_do_lock+0x9c', 'acmeapp!Worker::Run+0x4a', 'kernel32!BaseThreadInitThunk+0x14', 'ntdll!RtlUserThreadStart+0x21'])}`,
      blames: 'msvcp140',
      finding: 'runtime.mismatch',
      check: (out) => {
        expect(out.evidence[0]?.text).toMatch(/Visual C\+\+ 2015–2022 Redistributable/);
        expect(out.top).toBe('msvcp140');
        expect(out.category).toBe('user-app');
      },
    },
    {
      name: 'reads the same signature from the failure bucket when no stack was pasted',
      text: `KEY_VALUES_STRING: 1

    Key  : Failure.Bucket
    Value: NULL_POINTER_READ_c0000005_msvcp140.dll!mtx_do_lock

EXCEPTION_CODE_STR:  c0000005`,
      blames: 'msvcp140',
      check: (out) => expect(out.findings[0]?.lines).toEqual([4]),
    },
  ],
  valid: [
    { name: 'a crash elsewhere, with mtx_do_lock deep in the stack', text: `${AV}\n${userK(['acmeapp!Parse+0x12', 'acmeapp!Load+0x40', 'msvcp140!mtx_do_lock+0x9c', 'kernel32!BaseThreadInitThunk+0x14'])}` },
    { name: 'a thread waiting in mtx_do_lock, with no crash', text: userK(['ntdll!NtWaitForAlertByThreadId+0x14', 'msvcp140!mtx_do_lock+0x7c', 'acmeapp!Worker::Run+0x4a']) },
    { name: 'another msvcp140 routine', text: `${AV}\n${userK(['msvcp140!std::basic_string<char>::assign+0x12', 'acmeapp!Worker::Run+0x4a'])}` },
    { name: 'a kernel stack that names the routine (never a user-mode runtime crash)', text: kv(['nt!KeBugCheckEx', 'msvcp140!mtx_do_lock+0x9c']) },
  ],
});
