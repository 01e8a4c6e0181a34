import { expect } from 'vitest';
import { lockCycle } from '../../../../src/analyzers/verdict/rules/lock-cycle';
import { ruleTester } from '../rule-tester';

const resource = (name: string, address: string, owner: string, waiter: string): string => `Resource @ ${name} (0x${address})    Exclusively owned
    Contention Count = 2
    NumberOfExclusiveWaiters = 1
     Threads: ${owner}-01<*>
     Threads Waiting On Exclusive Access:
              ${waiter}`;
const CYCLE = `0: kd> !locks
${resource('acmefs!g_TableLock', 'fffff80003492be0', 'ffffb40ba7fa5080', 'ffffb40ba7fbc080')}

${resource('acmefs!g_CacheLock', 'fffff80003492ce0', 'ffffb40ba7fbc080', 'ffffb40ba7fa5080')}
2 total locks, 2 locks currently held`;

ruleTester(lockCycle, {
  invalid: [
    {
      name: 'reads a lock-order deadlock off !locks: each owner waits for the other lock',
      text: CYCLE,
      finding: 'lock.cycle',
      check: (out) => expect(out.findings[0]?.title).toMatch(/holds acmefs!g_TableLock and waits for acmefs!g_CacheLock/),
    },
  ],
  valid: [{ name: 'two held locks whose waiters own nothing', text: CYCLE.replace('Threads: ffffb40ba7fbc080-01<*>', 'Threads: ffffb40ba7fcc080-01<*>') }],
});
