import { expect } from 'vitest';
import { faultingStack } from '../../../../src/analyzers/verdict/rules/faulting-stack';
import { bugcheckBanner, kv } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

const CRASH = bugcheckBanner('D1', ['0', '2', '0', 'fffff88004a1ea55']);

ruleTester(faultingStack, {
  invalid: [
    {
      name: 'blames the first third-party frame below Microsoft frames',
      text: `${CRASH}\n${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'acmefilt+0x1a55', 'ndis!ndisMIndicateNetBufferListsToOpen+0x141'])}`,
      blames: 'acmefilt',
      finding: 'stack.faulting',
      check: (out) => {
        // The frame's own line (the banner is line 1, the prompt 2, the header 3).
        expect(out.evidence[0]?.line).toBe(6);
      },
    },
    {
      name: 'names a Microsoft driver as the place of the fault when it is alone on the stack, without blaming it',
      text: `${CRASH}\n${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'tcpip!TcpTcbReceive+0x2ab', 'ndis!ndisMIndicate+0x41'])}`,
      check: (out) => {
        expect(out.evidence.every((e) => e.weight < 0.5)).toBe(true);
        expect(out.category).not.toBe('driver');
      },
    },
    {
      name: 'notes a stack that holds only crash machinery',
      text: `${CRASH}\n${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260'])}`,
      finding: 'stack.uninformative',
    },
  ],
  valid: [
    { name: 'a stack without any crash (a how-to session)', text: kv(['acmefilt+0x1a55', 'nt!KiSystemServiceCopyEnd+0x13']) },
    { name: 'a crash without any stack', text: CRASH },
  ],
});
