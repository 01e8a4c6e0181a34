import { expect } from 'vitest';
import { hungProcessor } from '../../../../src/analyzers/verdict/rules/hung-processor';
import { bugcheckBanner } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

// CLOCK_WATCHDOG_TIMEOUT: processor 2 (Arg4) did not answer within 0x31 ticks.
const WATCHDOG = bugcheckBanner('101', ['31', '0', 'fffff88003165180', '2']);

// The raw stack of a processor (as in s07): acmenet three times, once as a symbol error glued to the value.
const dps = (prompt: string): string => `${prompt} dps fffff880\`0318a978 fffff880\`0318a9b0
fffff880\`0318a978  fffff880\`04285e6f*** ERROR: Module load completed but symbols could not be loaded for acmenet.sys
fffff880\`0318a980  fffff880\`0318aa38
fffff880\`0318a988  fffff880\`042ca86d acmenet+0x8986d
fffff880\`0318a990  fffff880\`0318aa30
fffff880\`0318a998  fffff800\`02e8b120 nt!KeWaitForSingleObject+0x19f
fffff880\`0318a9a0  fffffa80\`0b0c5580
fffff880\`0318a9a8  fffff880\`04284cb7 acmenet+0x43cb7`;
const withoutPrompt = (text: string): string => text.split('\n').slice(1).join('\n');

ruleTester(hungProcessor, {
  invalid: [
    {
      name: 'names the processor that did not answer the clock interrupt',
      text: WATCHDOG,
      finding: 'watchdog.cpu',
      check: (out) => {
        expect(out.findings).toEqual([{ id: 'watchdog.cpu', lines: [1], title: 'Processor 2 did not answer the clock interrupt within 0x31 (49) clock ticks' }]);
        expect(out.evidence).toEqual([]);
      },
    },
    {
      name: "blames the third-party module seen again and again in the hung processor's raw stack",
      text: `${WATCHDOG}\n${dps('2: kd>')}`,
      blames: 'acmenet',
      check: (out) =>
        expect(out.evidence).toEqual([
          { module: 'acmenet', weight: 0.55, line: 3, text: "processor 2's raw stack references it 3 times (acmenet, acmenet+0x8986d, acmenet+0x43cb7)" },
        ]),
    },
    {
      name: 'weighs raw memory pasted without its prompt less (probably, not surely, the hung processor)',
      text: `${WATCHDOG}\n${withoutPrompt(dps('2: kd>'))}`,
      blames: 'acmenet',
      check: (out) => {
        expect(out.evidence.map((e) => e.weight)).toEqual([0.33]);
        expect(out.evidence[0]?.text).toMatch(/^raw memory pasted without its prompt/);
      },
    },
    {
      name: 'counts a module whose symbols failed to load on the hung processor',
      text: `${WATCHDOG}\n2: kd> !thread\n*** ERROR: Module load completed but symbols could not be loaded for acmenet.sys`,
      blames: 'acmenet',
      check: (out) => expect(out.evidence).toEqual([{ module: 'acmenet', weight: 0.2, line: 3, text: "processor 2's raw stack references it 1 time (acmenet (no symbols))" }]),
    },
    {
      name: 'does not read the raw stack of a processor that did answer',
      text: `${WATCHDOG}\n${dps('1: kd>')}`,
      finding: 'watchdog.cpu',
      check: (out) => expect(out.evidence).toEqual([]),
    },
  ],
  valid: [
    { name: 'a raw stack under another bug check (0x133)', text: `${bugcheckBanner('133', ['1', '1e00', 'fffff80003c05360', '0'])}\n${dps('2: kd>')}` },
    { name: 'a clock watchdog timeout whose Arg4 was not pasted', text: `BUGCHECK_CODE:  101\n${dps('2: kd>')}` },
    { name: 'a raw stack without any crash', text: dps('2: kd>') },
  ],
});
