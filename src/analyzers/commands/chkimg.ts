/**
 * `!chkimg` (`!chkimg -lo 50 -d !nt`, `!chkimg -v !win32k`): compares a
 * module's code in memory with its image file.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-chkimg
 *
 * Sample (shortened):
 *   WARNING: !chkimg output was truncated to 50 lines. Invoke !chkimg without '-lo [num_lines]' to view  entire output.
 *   Page 31a1d9 not present in the dump file. Type ".hh dbgerr004" for details
 *       fffff80002e5e0a4-fffff80002e5e0a7  4 bytes - nt!KiPageFault+1a4
 *       [ 0f 0b 00 00:e8 87 65 25 ]
 *   483 errors : !win32k (fffff96000056248-fffff9600023e2b9)
 *
 * Errors mean the code pages differ from the file: a patch or hook by a
 * driver, or memory corruption (a single flipped bit points at RAM).
 */
import type { Analyzer, ChkImgData, Finding } from '../types';

/**
 * Blank lines in a row that still continue a block: forum copies double-space
 * output, sometimes twice over, and trim it with gaps.
 */
const MAX_BLANKS = 8;

// "483 errors : !win32k (fffff960…-fffff960…)". group 1 count, 2 module, 3 range.
const ERRORS = /^\s*(\d+) errors?\s*:\s*!?([A-Za-z0-9_.$-]+)\s*(?:\(([0-9a-f`]+(?:-[0-9a-f`]+)?)\))?/i;
const TRUNCATED = /^\s*WARNING: !chkimg output was truncated/i;
// "fffff800…a4-fffff800…a7  4 bytes - nt!KiPageFault+1a4", or one byte:
// "fffff800…dc - nt!KiSystemServiceCopyEnd+13". group 1 the site.
const RANGE = /^\s*[0-9a-f`]{8,17}(?:-[0-9a-f`]{8,17}\s+\d+ bytes?)?\s+- (\S+)/i;
// "[ 0f 0b 00 00:e8 87 65 25 ]": expected bytes, then the bytes in memory.
const DIFF = /^\s*\[\s*((?:[0-9a-f]{2}\s*)+):((?:[0-9a-f]{2}\s*)+)\]\s*$/i;
const OTHER = /^\s*(?:Page [0-9a-f]+ not present in the dump file|Error for \S+:|Could not find image file|Scanning section|Total bytes compared|\d+ errors? : |No image found|Unable to)/i;

/** Number of differing bits between two byte lists as printed ("0f 0b" / "e8 87"). */
function bitDifference(expected: string, actual: string): number | null {
  const a = expected.trim().split(/\s+/);
  const b = actual.trim().split(/\s+/);
  if (a.length !== b.length || a.length > 64) {
    return null;
  }
  let bits = 0;
  for (let k = 0; k < a.length; k++) {
    let x = Number.parseInt(a[k] as string, 16) ^ Number.parseInt(b[k] as string, 16);
    while (x) {
      bits += x & 1;
      x >>= 1;
    }
  }
  return bits;
}

/** `!chkimg` → ChkImgData; finding `chkimg.corruption` (or `chkimg.clean`). */
export const chkimgAnalyzer: Analyzer<'chkimg'> = {
  id: 'chkimg',
  commands: ['!chkimg'],
  startsAt(source, i, owned) {
    const text = source.lines[i] as string;
    if (ERRORS.test(text) || TRUNCATED.test(text)) {
      return true;
    }
    return owned && (RANGE.test(text) || OTHER.test(text));
  },
  analyze(start, ctx) {
    const data: ChkImgData = { images: [] };
    const sites: string[] = [];
    let singleBitFlips = 0;
    let diffs = 0;
    let missingPages = 0;
    let truncated = false;
    let end = start;
    let blanks = 0;
    for (let i = start; i < ctx.limit; i++) {
      const text = ctx.source.lines[i] as string;
      if (text.trim() === '') {
        if (++blanks > MAX_BLANKS) {
          break;
        }
        continue;
      }
      blanks = 0;
      if (text.length > 600) {
        break;
      }
      const e = ERRORS.exec(text);
      if (e) {
        const image: ChkImgData['images'][number] = { module: e[2] as string, errors: Number(e[1]), line: i + 1 };
        if (e[3] !== undefined) {
          image.range = e[3].replace(/`/g, '').toLowerCase();
        }
        data.images.push(image);
        end = i + 1;
        continue;
      }
      if (TRUNCATED.test(text)) {
        truncated = true;
        end = i + 1;
        continue;
      }
      const r = RANGE.exec(text);
      if (r) {
        if (sites.length < 5) {
          sites.push(r[1] as string);
        }
        end = i + 1;
        continue;
      }
      const d = DIFF.exec(text);
      if (d) {
        diffs++;
        if (bitDifference(d[1] as string, d[2] as string) === 1) {
          singleBitFlips++;
        }
        end = i + 1;
        continue;
      }
      if (OTHER.test(text)) {
        if (/not present in the dump/i.test(text)) {
          missingPages++;
        }
        end = i + 1;
        continue;
      }
      break;
    }
    if (data.images.length === 0) {
      return { ok: false, reason: 'no "N errors : module" line recognised', end: Math.max(end, start + 1) };
    }
    const findings: Finding[] = data.images.map((img) => {
      if (img.errors === 0) {
        return { id: 'chkimg.clean', severity: 'info', title: `!chkimg: ${img.module} matches its image file`, lines: [img.line] } as Finding;
      }
      const notes: string[] = [
        'The code of this module in memory differs from its file on disk: a driver patched or hooked it, or memory is corrupt (bad RAM, a stray write).',
      ];
      if (sites.length > 0) {
        notes.push(`First differences: ${sites.join(', ')}.`);
      }
      if (diffs > 0 && singleBitFlips === diffs) {
        notes.push('Every difference is a single flipped bit, which points at faulty RAM.');
      }
      if (missingPages > 0) {
        notes.push(`${missingPages} page(s) were not in the dump and could not be compared.`);
      }
      if (truncated) {
        notes.push('The listing was truncated (-lo).');
      }
      return {
        id: 'chkimg.corruption',
        severity: 'critical',
        title: `!chkimg found ${img.errors} errors in the code of ${img.module}${img.range !== undefined ? ` (${img.range})` : ''}`,
        detail: notes.join(' '),
        lines: [img.line],
      } as Finding;
    });
    return { ok: true, data, findings, end };
  },
};
