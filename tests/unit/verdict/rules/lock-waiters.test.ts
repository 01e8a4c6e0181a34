import { expect } from 'vitest';
import { lockWaiters } from '../../../../src/analyzers/verdict/rules/lock-waiters';
import { allThreadsK, kernelThread } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

/** `!cs -l` of a section held by thread 43d8 with two waiters (a hang); `name` as printed in parentheses. */
const heldSection = (name: string): string => `0:000> !cs -l
-----------------------------------------
Critical section   = 0x0012f5c0 (${name})
DebugInfo          = 0x00163d20
LOCKED
LockCount          = 0x2
WaiterWoken        = No
OwningThread       = 0x000043d8
RecursionCount     = 0x1
LockSemaphore      = 0x7B8
SpinCount          = 0x00000000`;
const UNNAMED = heldSection('+0x12F5C0');

const WAITING = allThreadsK([
  { index: 0, id: 'c08.c0c', sites: ['ntdll!NtWaitForSingleObject+0x14', 'ntdll!RtlpWaitOnCriticalSection+0x1a4', 'ntdll!RtlEnterCriticalSection+0x3c', 'acmeapp!Worker+0x2c', 'kernel32!BaseThreadInitThunk+0x14'] },
]);
// The frame below the wait: !cs -l (11 lines), the ~*k prompt, a blank line, the row, the header, three frames.
const CALLER_LINE = 11 + 1 + 1 + 1 + 1 + 3 + 1;

ruleTester(lockWaiters, {
  invalid: [
    {
      name: "blames the module whose global is the held lock (Module!g_Lock) in a hang",
      text: heldSection('acmeapp!g_ListLock+0x0'),
      blames: 'acmeapp',
      check: (out) => expect(out.evidence).toEqual([{ module: 'acmeapp', weight: 0.3, line: 3, text: 'the held lock acmeapp!g_ListLock is one of its own globals' }]),
    },
    {
      name: 'weighs the first module below RtlEnterCriticalSection on a waiting stack (0.2)',
      text: `${UNNAMED}\n${WAITING}`,
      blames: 'acmeapp',
      check: (out) => expect(out.evidence).toEqual([{ module: 'acmeapp', weight: 0.2, line: CALLER_LINE, text: 'acmeapp!Worker+0x2c waits for a lock in ntdll!RtlpWaitOnCriticalSection+0x1a4 (~*k of thread 0 (c0c))' }]),
    },
    {
      name: 'weighs the caller of a lock a thread is blocked on, even without !locks (a blocked thread is a hang)',
      text: WAITING,
      blames: 'acmeapp',
    },
    {
      name: 'weighs the driver below ExAcquireResourceExclusiveLite on a kernel thread that has waited for minutes',
      text: kernelThread('fffffa8003c4e040', [
        'nt!KiSwapContext+0x7a',
        'nt!KiCommitThreadWait+0x1d2',
        'nt!KeWaitForSingleObject+0x19f',
        'nt!ExpWaitForResource+0xae',
        'nt!ExAcquireResourceExclusiveLite+0x14f',
        'acmefilt+0x2f1c',
        'fltmgr!FltpPerformPreCallbacks+0x2f7',
      ]),
      blames: 'acmefilt',
      check: (out) => expect(out.evidence.map((e) => [e.module, e.weight])).toEqual([['acmefilt', 0.2]]),
    },
  ],
  valid: [
    {
      name: 'a thread-pool thread idle on its work queue when nothing says the process hangs',
      text: allThreadsK([{ index: 0, id: 'c08.c0c', sites: ['ntdll!NtWaitForWorkViaWorkerFactory+0x14', 'ntdll!TppWorkerThread+0x2df', 'kernel32!BaseThreadInitThunk+0x14'] }]),
    },
    { name: 'a held lock that is a global of Windows itself (ntdll!LdrpLoaderLock)', text: heldSection('ntdll!LdrpLoaderLock+0x0') },
    {
      name: 'a waiting stack with only Microsoft code below the wait',
      text: `${UNNAMED}\n${allThreadsK([{ index: 0, id: 'c08.c0c', sites: ['ntdll!NtWaitForSingleObject+0x14', 'ntdll!RtlpWaitOnCriticalSection+0x1a4', 'ntdll!RtlEnterCriticalSection+0x3c', 'ntdll!LdrpLoadDll+0x3c', 'kernel32!BaseThreadInitThunk+0x14'] }])}`,
    },
  ],
});
