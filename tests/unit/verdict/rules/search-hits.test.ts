import { expect } from 'vitest';
import { searchHits } from '../../../../src/analyzers/verdict/rules/search-hits';
import { ruleTester } from '../rule-tester';

// A search of kernel memory for a DWORD (as in the x86 search fixture): three hits.
const SEARCH = `0: kd> .ignore_missing_pages 1;s -d 80000000 L?7fffffff 78090043
Suppress kernel summary dump missing page error message
8ade97f8 78090043 02000000 22220000 02400000 C..x......""..@.
96f94038 78090043 00000000 20000000 1b000001 C..x....... ....
ca0b4920 78090043 02000000 22220000 02400000 C..x......""..@.`;

/** `lmta ADDR`: the module that holds the address. */
const lmta = (address: string, module: string): string => `0: kd> lmta ${address}
start end module name
96616000 97332000 ${module} Tue Mar 27 03:05:05 2012 (4F712051)`;
const MODULE_ROW = 8;

ruleTester(searchHits, {
  invalid: [
    {
      name: "reads the lookup spelled 'lm a ADDR' too",
      text: `${SEARCH}\n0: kd> lm a 96f94038\nstart end module name\n96616000 97332000 acmefilt Tue Mar 27 03:05:05 2012 (4F712051)`,
      blames: 'acmefilt',
      check: (out) => expect(out.evidence[0]?.weight).toBe(0.5),
    },
    {
      name: 'blames the third-party module that holds a hit of a memory search',
      text: `${SEARCH}\n${lmta('96f94038', 'acmefilt')}`,
      blames: 'acmefilt',
      check: (out) =>
        expect(out.evidence).toEqual([{ module: 'acmefilt', weight: 0.5, line: MODULE_ROW, text: 'the pattern a memory search looked for was found at 96f94038, which lmta places inside acmefilt' }]),
    },
    {
      name: 'reads the hits of a search run in every module (!for_each_module s -a)',
      text: `0: kd> !for_each_module s -a @#Base @#End "Acme"
96f94038  41 63 6d 65 6a 0c 6a 01-e8 bd a9 f2 ff 3b c7 89  Acmej.j......;..
${lmta('96f94038', 'acmefilt')}`,
      blames: 'acmefilt',
      check: (out) => expect(out.evidence.map((e) => e.weight)).toEqual([0.5]),
    },
    {
      name: 'weighs less (0.3) a module lmta finds at an address that is not a search hit',
      text: `${SEARCH}\n${lmta('96f94100', 'acmefilt')}`,
      blames: 'acmefilt',
      check: (out) => expect(out.evidence[0]).toMatchObject({ weight: 0.3, text: 'the address 96f94100, which lmta places inside acmefilt' }),
    },
  ],
  valid: [
    { name: 'a search hit that lmta places in a Microsoft module', text: `${SEARCH}\n${lmta('96f94038', 'win32k')}` },
    { name: 'a search followed by a plain lm, which answers no address', text: `${SEARCH}\n0: kd> lm\nstart end module name\n96616000 97332000 acmefilt Tue Mar 27 03:05:05 2012 (4F712051)` },
    { name: 'a memory search whose hits nobody placed in a module', text: SEARCH },
  ],
});
