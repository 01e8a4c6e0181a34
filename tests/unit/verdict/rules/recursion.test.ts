import { expect } from 'vitest';
import { recursion } from '../../../../src/analyzers/verdict/rules/recursion';
import { bugcheckBanner, kv, userK } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

// UNEXPECTED_KERNEL_MODE_TRAP with a double fault (0x8): the kernel stack ran out.
const DOUBLE_FAULT = bugcheckBanner('7F', ['8', '80050031', '6f8', 'fffff88004a1ea55']);
const repeat = (site: string, n: number): string[] => Array.from({ length: n }, () => site);

ruleTester(recursion, {
  invalid: [
    {
      name: 'sees a cycle of two functions calling each other (A, B, A, B…)',
      text: `${DOUBLE_FAULT}\n${kv(['nt!KiDoubleFaultAbort+0x2a7', ...Array.from({ length: 3 }, () => ['acmefilt+0x1a55', 'acmefilt+0x1b00']).flat(), 'fltmgr!FltpPerformPreCallbacks+0x2f7'])}`,
      blames: 'acmefilt',
      finding: 'stack.recursion',
      check: (out) => expect(out.findings[0]?.title).toBe('acmefilt+0x1a55 → acmefilt+0x1b00 repeats 3 times on the stack: recursion'),
    },
    {
      name: 'blames a third-party function that calls itself again and again on the faulting stack',
      text: `${DOUBLE_FAULT}\n${kv(['nt!KiDoubleFaultAbort+0x2a7', ...repeat('acmefilt+0x1a55', 4), 'fltmgr!FltpPerformPreCallbacks+0x2f7'])}`,
      blames: 'acmefilt',
      finding: 'stack.recursion',
      check: (out) => {
        // The banner, the prompt, the header and the double-fault frame come first: the first repeated frame is line 5.
        expect(out.evidence).toEqual([{ module: 'acmefilt', weight: 0.3, line: 5, text: 'acmefilt+0x1a55 repeats 4 times in a row on the stack (runaway recursion)' }]);
        expect(out.findings).toEqual([{ id: 'stack.recursion', lines: [5], title: 'acmefilt+0x1a55 repeats 4 times on the stack: recursion' }]);
      },
    },
    {
      name: 'puts a cycle that filled the stack (8 or more turns) above the module where the stack ran out',
      text: `(2f1c.3a08): Stack overflow - code c00000fd (!!! second chance !!!)\n${userK(['dbengine!GetThreadId+0x12', 'dbengine!Seek+0x40', ...Array.from({ length: 8 }, () => ['acmestore!DeleteChildren+0x61', 'acmestore!DeleteTree+0x230']).flat(), 'kernel32!BaseThreadInitThunk+0x14'])}`,
      blames: 'acmestore',
      check: (out) => {
        expect(out.evidence[0]?.weight).toBe(0.55);
        expect(out.top).toBe('acmestore');
      },
    },
    {
      name: 'names a Microsoft function where the loop passes, weighing it little (0.1)',
      text: `${DOUBLE_FAULT}\n${kv(['nt!KiDoubleFaultAbort+0x2a7', ...repeat('nt!IopfCallDriver+0x56', 3), 'acmefilt+0x1a55'])}`,
      finding: 'stack.recursion',
      check: (out) => expect(out.evidence.map((e) => [e.module, e.weight])).toEqual([['nt', 0.1]]),
    },
    {
      name: 'finds the recursion of a user-mode stack overflow',
      text: `(2f1c.3a08): Stack overflow - code c00000fd (!!! second chance !!!)\n${userK([...repeat('acmeapp!Parse+0x4c', 3), 'acmeapp!main+0x20', 'kernel32!BaseThreadInitThunk+0x14'])}`,
      blames: 'acmeapp',
      finding: 'stack.recursion',
    },
  ],
  valid: [
    { name: 'a frame printed twice in a row only', text: `${DOUBLE_FAULT}\n${kv(['nt!KiDoubleFaultAbort+0x2a7', ...repeat('acmefilt+0x1a55', 2), 'fltmgr!FltpPerformPreCallbacks+0x2f7'])}` },
    { name: 'three different call sites of one driver, none repeated', text: `${DOUBLE_FAULT}\n${kv(['nt!KiDoubleFaultAbort+0x2a7', 'acmefilt+0x1a55', 'acmefilt+0x1b00', 'acmefilt+0x1c20', 'fltmgr!FltpPerformPreCallbacks+0x2f7'])}` },
    {
      name: 'a repeated frame on a waiting thread of a session without any crash',
      text: kv(['nt!KiSwapContext+0x7a', 'nt!KeWaitForSingleObject+0x19f', ...repeat('acmefilt+0x1a55', 4)]),
    },
  ],
});
