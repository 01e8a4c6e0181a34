import { expect } from 'vitest';
import { orphanedLock } from '../../../../src/analyzers/verdict/rules/orphaned-lock';
import { allThreadsK } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

const section = (owner: string): string => `0:000> !cs -l
-----------------------------------------
Critical section   = 0x0012f5c0 (acmeapp!g_Lock+0x0)
DebugInfo          = 0x00163d20
LOCKED
LockCount          = 0x1
WaiterWoken        = No
OwningThread       = 0x${owner}
RecursionCount     = 0x1
LockSemaphore      = 0x7B8
SpinCount          = 0x00000000`;
const THREADS = allThreadsK([
  { index: 0, id: 'c08.c0c', sites: ['ntdll!NtWaitForSingleObject+0x14', 'ntdll!RtlpWaitOnCriticalSection+0x1a4', 'ntdll!RtlEnterCriticalSection+0x3c', 'acmeapp!Worker+0x2c'] },
]);

ruleTester(orphanedLock, {
  invalid: [
    {
      name: 'calls a section held by a thread that is not in the thread list orphaned',
      text: `${section('000043d8')}\n${THREADS}`,
      finding: 'cs.orphaned',
      check: (out) => expect(out.findings[0]?.title).toMatch(/held by thread 43d8, which is not in the thread list/),
    },
  ],
  valid: [
    { name: 'a section held by a thread that exists', text: `${section('00000c0c')}\n${THREADS}` },
    { name: 'a held section without a thread list to compare with', text: section('000043d8') },
  ],
});
