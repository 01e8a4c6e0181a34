/**
 * The stop code as printed outside `!analyze -v`:
 *   `.bugcheck`      Bugcheck code 000000C1
 *                    Arguments ca0b4fe0 00000521 00000020 00000021
 *   dump banner      BugCheck 9F, {4, 258, fffffa8007005660, fffff800053e83d0}
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-bugcheck--display-bug-check-data-
 */
import { parseHex } from './normalize';
import type { AnalyzeVData, Analyzer } from './types';

// "BugCheck 9F, {4, 258, fffffa8007005660, fffff800053e83d0}" — code, then 4 values in braces.
const BANNER = /^\s*Bug\s?Check\s+(?:0x)?([0-9a-f]{1,8}),\s*\{\s*([0-9a-f`x]+)\s*,\s*([0-9a-f`x]+)\s*,\s*([0-9a-f`x]+)\s*,\s*([0-9a-f`x]+)\s*\}/i;
// "Bugcheck code 000000C1"
const CODE = /^\s*Bugcheck code\s+(?:0x)?([0-9a-f]{1,8})\s*$/i;
// "Arguments ca0b4fe0 00000521 00000020 00000021" (64-bit values may carry backticks)
const ARGS = /^\s*Arguments\s+([0-9a-f`]+)\s+([0-9a-f`]+)\s+([0-9a-f`]+)\s+([0-9a-f`]+)\s*$/i;

export const bugcheckAnalyzer: Analyzer<'bugcheck'> = {
  id: 'bugcheck',
  commands: ['.bugcheck'],
  startsAt(source, i) {
    const text = source.lines[i] as string;
    return BANNER.test(text) || CODE.test(text);
  },
  analyze(start, ctx) {
    const text = ctx.source.lines[start] as string;
    const data: AnalyzeVData = { bugcheck: null, fields: {}, argText: [], stack: null };
    let m = BANNER.exec(text);
    if (m) {
      data.bugcheck = {
        code: parseHex(m[1] as string),
        line: start + 1,
        args: [m[2], m[3], m[4], m[5]].map((a) => (a as string).replace(/^0x/i, '')),
        argLines: [start + 1, start + 1, start + 1, start + 1],
      };
      return { ok: true, data, findings: [], end: start + 1 };
    }
    m = CODE.exec(text);
    if (!m) {
      return { ok: false, reason: 'no bug check code', end: start + 1 };
    }
    data.bugcheck = { code: parseHex(m[1] as string), line: start + 1, args: ['', '', '', ''], argLines: [0, 0, 0, 0] };
    let end = start + 1;
    // The Arguments line follows, possibly after blank lines (forum double spacing).
    for (let i = start + 1; i < Math.min(ctx.limit, start + 4); i++) {
      const a = ARGS.exec(ctx.source.lines[i] as string);
      if (a) {
        data.bugcheck.args = [a[1], a[2], a[3], a[4]] as string[];
        data.bugcheck.argLines = [i + 1, i + 1, i + 1, i + 1];
        end = i + 1;
        break;
      }
    }
    return { ok: true, data, findings: [], end };
  },
};
