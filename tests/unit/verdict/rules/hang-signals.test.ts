import { expect } from 'vitest';
import { hangSignals } from '../../../../src/analyzers/verdict/rules/hang-signals';
import { kernelThread } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

const RESOURCE = `0: kd> !locks
KD: Scanning for held locks..

Resource @ nt!PiEngineLock (0xfffff80003492be0)    Exclusively owned
    Contention Count = 21
    NumberOfExclusiveWaiters = 1
     Threads: fffffa8007005660-01<*>
     Threads Waiting On Exclusive Access:
              fffffa8003c4e040
1 total locks, 1 locks currently held`;
const WITHOUT_WAITERS = RESOURCE.replace('    NumberOfExclusiveWaiters = 1\n', '').replace(/ {5}Threads Waiting On Exclusive Access:\n\s+fffffa8003c4e040\n/, '');

// `!cs -l` of a section held by thread a80 with two threads waiting.
const CRITICAL_SECTION = `0:000> !cs -l
-----------------------------------------
Critical section   = 0x0012f5c0 (acmeapp!g_ListLock+0x0)
DebugInfo          = 0x00163d20
LOCKED
LockCount          = 0x2
WaiterWoken        = No
OwningThread       = 0x00000a80
RecursionCount     = 0x1
LockSemaphore      = 0x7B8
SpinCount          = 0x00000000`;

const WORKER = ['nt!KiSwapContext+0x7a', 'nt!KiCommitThreadWait+0x1d2', 'nt!KeWaitForSingleObject+0x19f', 'acmeusb+0x35dd'];

ruleTester(hangSignals, {
  invalid: [
    {
      name: 'calls a resource owned shared while a thread waits for exclusive access a hang',
      text: `0: kd> !locks
Resource @ nt!IopDeviceTreeLock (0xfffff80003492ce0)    Shared 1 owning threads
    Contention Count = 3
    NumberOfExclusiveWaiters = 1
     Threads: fffffa8007005660-01<*>
     Threads Waiting On Exclusive Access:
              fffffa8003c4e040
1 total locks, 1 locks currently held`,
      signal: 'hang-deadlock',
    },
    {
      name: 'reads a resource held exclusively while a thread waits for it as a hang',
      text: RESOURCE,
      signal: 'hang-deadlock',
      check: (out) => {
        expect(out.findings).toEqual([{ id: 'signal.hang-deadlock', lines: [4], title: 'Evidence of a hang: nt!PiEngineLock is held with 1 waiting' }]);
        expect(out.category).toBe('hang-deadlock');
      },
    },
    {
      name: 'reads a locked critical section with waiting threads as a hang',
      text: CRITICAL_SECTION,
      signal: 'hang-deadlock',
      check: (out) => expect(out.findings[0]?.title).toBe('Evidence of a hang: acmeapp!g_ListLock is held with 2 waiting'),
    },
    {
      name: 'reads a thread that has waited ten minutes as a hang',
      text: kernelThread('fffffa8007005660', WORKER),
      signal: 'hang-deadlock',
      check: (out) => expect(out.findings[0]).toEqual({ id: 'signal.hang-deadlock', lines: [2], title: 'Evidence of a hang: thread fffffa8007005660 has waited 0:00:10:00.026' }),
    },
  ],
  valid: [
    { name: 'a resource held without waiters', text: WITHOUT_WAITERS },
    { name: 'a critical section that is not locked', text: CRITICAL_SECTION.replace('LOCKED', 'NOT LOCKED').replace('LockCount          = 0x2\n', '').replace('OwningThread       = 0x00000a80\n', '') },
    { name: 'a thread that has waited less than a minute', text: kernelThread('fffffa8007005660', WORKER, '00:00:59.000') },
  ],
});
