import { lockOwner } from '../../../../src/analyzers/verdict/rules/lock-owner';
import { kernelThread } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

const LOCKS = `0: kd> !locks
Resource @ nt!PiEngineLock (0xfffff80003492be0)    Exclusively owned
    Contention Count = 21
    NumberOfExclusiveWaiters = 1
     Threads: fffffa8007005660-01<*>
     Threads Waiting On Exclusive Access:
              fffffa8003c4e040
1 total locks, 1 locks currently held`;

const OWNER = kernelThread('fffffa8007005660', ['nt!KiSwapContext+0x7a', 'nt!KeWaitForSingleObject+0x19f', 'acmeusb+0x35dd', 'ndis!ndisPnPNotifyAllTransports+0x1a0']);

ruleTester(lockOwner, {
  invalid: [
    {
      name: "blames the third-party module on the stack of a contended resource's owner",
      text: `${LOCKS}\n${OWNER}`,
      blames: 'acmeusb',
    },
  ],
  valid: [
    { name: 'the owner thread is not in the paste', text: LOCKS },
    {
      name: 'a lock held without waiters is not contended',
      text: `${LOCKS.replace('Contention Count = 21', 'Contention Count = 0').replace('NumberOfExclusiveWaiters = 1', 'NumberOfExclusiveWaiters = 0').replace(/ {5}Threads Waiting On Exclusive Access:\n\s+fffffa8003c4e040\n/, '')}\n${OWNER}`,
    },
  ],
});
