import { expect } from 'vitest';
import { markedFrame } from '../../../../src/analyzers/verdict/rules/marked-frame';
import { ruleTester } from '../rule-tester';

// A stack copied from a crash tool without symbols: module+offset lines, the poster's mark on one.
const bare = (mark: string): string =>
  ['Call stack (identical in all four dumps):', 'ntoskrnl.exe+0x3132a0', 'ntoskrnl.exe+0x2be9e6', 'ntoskrnl.exe+0x20916c', `acmefs.sys+0x27094${mark}`, 'acmefs.sys+0x9998', 'FLTMGR.SYS+0xbc98', 'ntoskrnl.exe+0x2b0238'].join('\n');

ruleTester(markedFrame, {
  invalid: [
    {
      name: 'takes a bare stack with a frame marked "<-- faulting instruction" as a crash, and weighs the marked module (0.3)',
      text: bare('      <-- faulting instruction'),
      blames: 'acmefs',
      check: (out) => {
        expect(out.evidence).toEqual([{ module: 'acmefs', weight: 0.3, line: 5, text: 'acmefs.sys+0x27094 is the frame the poster marked as the one that faulted' }]);
        expect(out.category).toBe('driver');
      },
    },
    { name: 'reads "<<< crash here" the same way', text: bare(' <<< crash here'), blames: 'acmefs' },
  ],
  valid: [
    { name: 'the same stack without a mark is no crash', text: bare('') },
    { name: 'a mark that says something else ("<-- our filter")', text: bare(' <-- our filter, loaded at boot') },
  ],
});
