import { expect } from 'vitest';
import { driverRaised } from '../../../../src/analyzers/verdict/rules/driver-raised';
import { kv } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

const UNKNOWN = ['Unknown bugcheck code (dead7495)', 'Unknown bugcheck description', 'Arguments:', 'Arg1: 00000000121e0009', 'Arg2: 000000000125027e', 'Arg3: 0000000011af0000', 'Arg4: 0000000000000000'].join('\n');

ruleTester(driverRaised, {
  invalid: [
    {
      name: 'blames a driver that called KeBugCheckEx with a code of its own',
      text: `${UNKNOWN}\n${kv(['nt!KeBugCheckEx', 'acmewifi+0x60470', 'acmewifi+0x1f7475', 'ndis!ndisQueuedMiniportDpcWorkItem+0x24e', 'nt!PspSystemThreadStartup+0x41'])}`,
      blames: 'acmewifi',
      finding: 'stack.driver-raised',
      check: (out) => {
        expect(out.top).toBe('acmewifi');
        expect(out.findings[0]?.title).toMatch(/^acmewifi raised this bug check itself/);
      },
    },
  ],
  valid: [
    {
      name: 'a bug check the kernel raised on a page fault, the driver further down',
      text: `BugCheck D1, {0, 2, 0, fffff8016d45c3de}\n${kv(['nt!KeBugCheckEx', 'nt!KiBugCheckDispatch+0x69', 'nt!KiPageFault+0x23f', 'acmewifi+0x5c3de'])}`,
    },
    { name: 'Microsoft code that raised it (ndis)', text: `BugCheck 7C, {1, 0, 0, 0}\n${kv(['nt!KeBugCheckEx', 'ndis!ndisBugcheckIfIrqlAboveDispatch+0x2c', 'acmewifi+0x5c3de'])}` },
    { name: 'a stack that never reached KeBugCheckEx', text: `BugCheck D1, {0, 2, 0, 0}\n${kv(['acmewifi+0x60470', 'ndis!ndisQueuedMiniportDpcWorkItem+0x24e'])}` },
  ],
});
