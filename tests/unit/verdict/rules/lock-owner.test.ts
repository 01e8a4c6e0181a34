import { expect } from 'vitest';
import { lockOwner } from '../../../../src/analyzers/verdict/rules/lock-owner';
import { allThreadsK, kernelThread, kv } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

const LOCKS = `0: kd> !locks
Resource @ nt!PiEngineLock (0xfffff80003492be0)    Exclusively owned
    Contention Count = 21
    NumberOfExclusiveWaiters = 1
     Threads: fffffa8007005660-01<*>
     Threads Waiting On Exclusive Access:
              fffffa8003c4e040
1 total locks, 1 locks currently held`;

const OWNER_SITES = ['nt!KiSwapContext+0x7a', 'nt!KeWaitForSingleObject+0x19f', 'acmeusb+0x35dd', 'ndis!ndisPnPNotifyAllTransports+0x1a0'];
const OWNER = kernelThread('fffffa8007005660', OWNER_SITES);
const WAITER = kernelThread('fffffa8003c4e040', ['nt!KiSwapContext+0x7a', 'nt!ExpWaitForResource+0xae', 'nt!ExAcquireResourceExclusiveLite+0x14f', 'acmefilt+0x2f1c', 'fltmgr!FltpPerformPreCallbacks+0x2f7']);

// User mode: acmeapp's list lock held by thread 43d8, two threads waiting.
const CS = `0:000> !cs -l
-----------------------------------------
Critical section   = 0x0012f5c0 (+0x12F5C0)
DebugInfo          = 0x00163d20
LOCKED
LockCount          = 0x2
WaiterWoken        = No
OwningThread       = 0x000043d8
RecursionCount     = 0x1
LockSemaphore      = 0x7B8
SpinCount          = 0x00000000`;

ruleTester(lockOwner, {
  invalid: [
    {
      name: "blames the third-party module on the stack of a contended resource's owner",
      text: `${LOCKS}\n${OWNER}`,
      blames: 'acmeusb',
      check: (out) =>
        expect(out.evidence).toEqual([{ module: 'acmeusb', weight: 0.35, line: 16, text: 'acmeusb+0x35dd is on the stack of the thread that owns nt!PiEngineLock (1 waiting)' }]),
    },
    {
      name: 'finds the owner stack printed after .thread set its context',
      text: `${LOCKS}\n0: kd> .thread fffffa8007005660\nImplicit thread is now fffffa80\`07005660\n${kv(OWNER_SITES)}`,
      blames: 'acmeusb',
      check: (out) => expect(out.evidence.map((e) => [e.module, e.weight, e.line])).toEqual([['acmeusb', 0.35, 15]]),
    },
    {
      name: 'weighs a third-party module on the stack of a waiting thread less (0.25)',
      text: `${LOCKS}\n${WAITER}`,
      blames: 'acmefilt',
      check: (out) => expect(out.evidence).toEqual([{ module: 'acmefilt', weight: 0.25, line: 17, text: 'acmefilt+0x2f1c is on the stack of a thread waiting for nt!PiEngineLock' }]),
    },
    {
      name: "finds a critical section's owner among the ~*k stacks by its thread id",
      text: `${CS}\n${allThreadsK([{ index: 3, id: 'c08.43d8', sites: ['ntdll!NtDeviceIoControlFile+0x14', 'KERNELBASE!DeviceIoControl+0x6b', 'acmeapp!Flush+0x55', 'kernel32!BaseThreadInitThunk+0x14'] }])}`,
      blames: 'acmeapp',
      check: (out) => expect(out.evidence).toEqual([{ module: 'acmeapp', weight: 0.35, line: 18, text: 'acmeapp!Flush+0x55 is on the stack of the thread that owns 12f5c0 (2 waiting)' }]),
    },
    {
      name: "finds a critical section's owner in the kernel by the thread part of its Cid",
      text: `${CS}\n${kernelThread('ffffe0015b2c4080', ['nt!KiSwapContext+0x76', 'nt!KeWaitForSingleObject+0x377', 'acmeflt+0x2f1c', 'nt!IofCallDriver+0x59'], '00:05:00.000', '0c08.43d8')}`,
      blames: 'acmeflt',
      check: (out) => expect(out.evidence.map((e) => [e.module, e.weight])).toEqual([['acmeflt', 0.35]]),
    },
  ],
  valid: [
    { name: 'the owner thread is not in the paste', text: LOCKS },
    {
      name: 'a lock held without waiters is not contended',
      text: `${LOCKS.replace('Contention Count = 21', 'Contention Count = 0').replace('NumberOfExclusiveWaiters = 1', 'NumberOfExclusiveWaiters = 0').replace(/ {5}Threads Waiting On Exclusive Access:\n\s+fffffa8003c4e040\n/, '')}\n${OWNER}`,
    },
    { name: "an owner whose stack holds only Microsoft modules", text: `${LOCKS}\n${kernelThread('fffffa8007005660', ['nt!KiSwapContext+0x7a', 'nt!KeWaitForSingleObject+0x19f', 'nt!PnpDeviceActionWorker+0x3b1', 'nt!ExpWorkerThread+0x111'])}` },
    { name: "the stack of another thread than the lock's owner", text: `${LOCKS}\n${kernelThread('fffffa800700a000', OWNER_SITES)}` },
  ],
});
