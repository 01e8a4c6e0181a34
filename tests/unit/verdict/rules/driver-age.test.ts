import { expect } from 'vitest';
import { driverAge } from '../../../../src/analyzers/verdict/rules/driver-age';
import { bugcheckBanner, kv, lmtn } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

// Five third-party drivers of 2021: what "most third-party modules" look like.
const RECENT = ['acmenet', 'acmeusb', 'acmeav', 'acmegpu', 'acmeaudio'].map((name, i) => ({ name, date: `2021-0${i + 1}-10` }));
const KERNEL = { name: 'nt', image: 'ntkrnlmp.exe', date: '2021-03-01' };
const OLD = { name: 'acmefilt', date: '2009-06-01' };
// The prompt and header take two lines; acmefilt is the last of seven rows.
const LM = lmtn([KERNEL, ...RECENT, OLD]);
const OLD_ROW = 9;

const CRASH_IN_ACMEFILT = `${bugcheckBanner('D1', ['0', '2', '0', 'fffff88004a1ea55'])}\n${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'acmefilt+0x1a55'])}`;

ruleTester(driverAge, {
  invalid: [
    {
      name: 'flags a third-party driver years older than the others, without blaming it for that alone',
      text: LM,
      finding: 'lm.old-driver',
      check: (out) => {
        expect(out.findings).toEqual([
          { id: 'lm.old-driver', lines: [OLD_ROW], title: 'acmefilt is dated 2009-06-01, 11 years older than most third-party modules loaded: look for an update' },
        ]);
        expect(out.evidence).toEqual([]);
      },
    },
    {
      name: 'adds a little (0.1) to an old driver that other rules already suspect',
      text: `${CRASH_IN_ACMEFILT}\n${LM}`,
      blames: 'acmefilt',
      check: (out) => expect(out.evidence).toEqual([{ module: 'acmefilt', weight: 0.1, line: 6 + OLD_ROW, text: 'it is dated 2009-06-01, 11 years older than most third-party modules loaded' }]),
    },
    {
      name: 'lists the eight oldest and sums up the rest of a long list',
      text: lmtn([...RECENT, ...Array.from({ length: 9 }, (_, i) => ({ name: `acmeold${i}`, date: `2010-0${i + 1}-01` }))]),
      finding: 'lm.old-drivers',
      check: (out) => {
        expect(out.findings.filter((f) => f.id === 'lm.old-driver').map((f) => f.title.split(' ')[0])).toEqual(['acmeold0', 'acmeold1', 'acmeold2', 'acmeold3', 'acmeold4', 'acmeold5', 'acmeold6', 'acmeold7']);
        expect(out.findings.find((f) => f.id === 'lm.old-drivers')?.title).toBe('1 more third-party module is 3 or more years older than most others');
      },
    },
  ],
  valid: [
    { name: 'an old driver among fewer than five dated third-party modules', text: lmtn([KERNEL, ...RECENT.slice(0, 3), OLD]) },
    { name: 'an old Microsoft module (its timestamp is not a date on current Windows)', text: lmtn([...RECENT, { name: 'ntfs', date: '2009-06-01' }]) },
    {
      name: "a user-mode session's DLLs (Windows' own DLLs before Windows 10 are dated too, and no table lists them all)",
      text: lmtn([...RECENT.map((r) => ({ ...r, image: `${r.name}.dll` })), { name: 'oleacc', image: 'oleacc.dll', date: '2009-06-01' }], '0:004>'),
    },
    { name: 'a third-party driver less than three years older than the others', text: lmtn([...RECENT, { name: 'acmefilt', date: '2018-09-01' }]) },
    { name: 'a suspect whose lm row is as recent as the others', text: `${CRASH_IN_ACMEFILT}\n${lmtn([...RECENT, { name: 'acmefilt', date: '2021-06-01' }])}` },
  ],
});
