/**
 * `!poolused` (`!poolused 2`, `!poolused 4`, `!poolused /t10 4`): pool usage by tag.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-poolused
 *
 * Sample (shortened):
 *    Sorting by Paged Pool Consumed
 *
 *                   NonPaged                  Paged
 *    Tag     Allocs         Used     Allocs         Used
 *    Se           0            0     172204    232720312  General security allocations , Binary: nt!se
 *    WD         384      1251376         27      5591040  UNKNOWN pooltag 'WD  ', please update pooltag.txt
 *    TOTAL    192495     33751032     347461    310172416
 *
 * Tags are four characters padded with spaces; the padding is lost in the
 * paste, so `Se` is the tag `Se  `. Pastes may collapse the columns to single
 * spaces and put a blank line between rows. A row that lost its tag
 * (`1 8388608 0 0 Verifier Allocate/Free Pool stack traces`) keeps its numbers
 * with the tag `?`.
 */
import { isBlank } from '../normalize';
import { topBy } from '../rank';
import type { Analyzer, Finding, PoolTagUsage, PoolUsedData } from '../types';

/**
 * Blank lines in a row that still continue a block: forum copies double-space
 * output, sometimes twice over, and trim it with gaps.
 */
const MAX_BLANKS = 8;

const SORTING = /^\s*Sorting by\s+(NonPaged|Paged|Tag|Session)\b/i;
const HEADER_TAG = /^\s*Tag\s+Allocs\s+(?:Used|Frees)/i;
const HEADER_COLUMNS = /^\s*(?:NonPaged\s+Paged|Pool Used:)\s*$/i;
const NUMBER = /^\d+$/;
// The quoted tag in "UNKNOWN pooltag 'WD  ', please update pooltag.txt". group 1 the tag.
const QUOTED_TAG = /pooltag '(.{1,4})'/i;

/** A pool tag as the kernel stores it: four characters, padded with spaces. */
function padTag(tag: string): string {
  return tag.length >= 4 ? tag : tag.padEnd(4, ' ');
}

const BINARY_WORD = /binary/i;
// "General security allocations , Binary: nt!se". Group 1 description, 2 binary.
const BINARY = /^(.*?)\s*,?\s*Binary\s*:\s*(\S+)\s*$/i;
const TRAILING_COMMA = /\s*,\s*$/;

/** Set the description and binary of a row from "General security allocations , Binary: nt!se" (trimmed). */
function describe(row: PoolTagUsage, t: string): void {
  if (t === '') {
    return;
  }
  const m = BINARY_WORD.test(t) ? BINARY.exec(t.length < 300 ? t : t.slice(0, 300)) : null;
  if (m) {
    row.binary = m[2] as string;
    const d = (m[1] as string).replace(TRAILING_COMMA, '').trim();
    if (d !== '') {
      row.description = d;
    }
    return;
  }
  row.description = t;
}

// The usual row: a tag of at most five characters and four numbers, then the
// description. Group 1 tag, 2-5 the numbers, 6 the rest.
const ROW = /^\s*(\S{1,5})\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)(?:\s+(.*))?$/;

/** A row from its tag, four numbers and the trimmed rest of the line. */
function makeRow(tag: string, a: number, b: number, c: number, d: number, rest: string, lineNo: number): PoolTagUsage {
  const row: PoolTagUsage = { tag, nonPagedAllocs: a, nonPagedBytes: b, pagedAllocs: c, pagedBytes: d, line: lineNo };
  describe(row, rest);
  return row;
}

/** One usage row (or the TOTAL row), or null. */
function parseRow(text: string, lineNo: number): { row: PoolTagUsage; total: boolean } | null {
  if (text.length > 500) {
    return null;
  }
  const m = ROW.exec(text);
  if (m) {
    const tag = m[1] as string;
    const total = tag.length === 5 && tag.toUpperCase() === 'TOTAL';
    const rest = m[6] === undefined ? '' : m[6].trim();
    // A tag printed as "?" may still be named in "UNKNOWN pooltag 'XENO'".
    const quoted = tag === '?' ? QUOTED_TAG.exec(rest) : null;
    const finalTag = total ? 'TOTAL' : quoted ? padTag(quoted[1] as string) : tag === '?' ? tag : padTag(tag);
    return { row: makeRow(finalTag, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), rest, lineNo), total };
  }
  const tok = text.trim().split(/\s+/);
  let tag: string;
  let first: number;
  if (tok.length >= 5 && NUMBER.test(tok[1] ?? '') && NUMBER.test(tok[2] ?? '') && NUMBER.test(tok[3] ?? '') && NUMBER.test(tok[4] ?? '')) {
    // A tag longer than five characters (TOTAL aside): not a row.
    return null;
  } else if (tok.length >= 5 && tok.slice(0, 4).every((t) => NUMBER.test(t)) && !NUMBER.test(tok[4] ?? '')) {
    // The tag column is missing; the numbers are still there.
    tag = '?';
    first = 0;
  } else {
    return null;
  }
  const n = tok.slice(first, first + 4).map(Number);
  // The description keeps its own spacing: cut the line after the fourth number.
  let rest = text.trim();
  for (let k = 0; k < first + 4; k++) {
    rest = rest.slice((tok[k] as string).length).trimStart();
  }
  const quoted = QUOTED_TAG.exec(rest);
  const row = makeRow(quoted ? padTag(quoted[1] as string) : tag, n[0] as number, n[1] as number, n[2] as number, n[3] as number, rest.trim(), lineNo);
  return { row, total: false };
}

/** Text that cannot be !poolused output: a sentence of ordinary words. */
function isProse(text: string): boolean {
  const words = text.trim().split(/\s+/);
  return words.length >= 6 && words.filter((w) => /^[a-z][a-z']*[,.;]?$/.test(w)).length >= 3;
}

function share(part: number, whole: number): number {
  return Math.round((100 * part) / whole);
}

function findingsFor(data: PoolUsedData): Finding[] {
  const kind = data.sortedBy === 'unknown' ? 'nonpaged' : data.sortedBy;
  const bytes = (r: PoolTagUsage): number => (kind === 'paged' ? r.pagedBytes : r.nonPagedBytes);
  const sorted = topBy(data.tags, bytes, 5);
  const top = sorted[0];
  if (!top || bytes(top) === 0) {
    return [];
  }
  const pool = kind === 'paged' ? 'paged' : 'non-paged';
  const owner = [top.description, top.binary].filter((s) => s !== undefined).join(', ');
  const total = data.total ? (kind === 'paged' ? data.total.pagedBytes : data.total.nonPagedBytes) : 0;
  let f: Finding;
  if (total > 0 && data.total) {
    const pct = share(bytes(top), total);
    f = {
      id: 'pool.tag.top',
      // One tag holding most of a pool is the usual shape of a leak.
      severity: pct >= 50 ? 'warning' : 'info',
      title: `Pool tag '${top.tag}' holds ${pct}% of ${pool} pool (${bytes(top)} of ${total} bytes)`,
      lines: [top.line, data.total.line],
    };
  } else {
    const list = sorted.slice(0, 5).map((r) => `'${r.tag}' ${bytes(r)}`);
    f = {
      id: 'pool.tag.top',
      severity: 'info',
      title: `Top ${pool} pool tags (bytes): ${list.join(', ')}`,
      lines: sorted.slice(0, 5).map((r) => r.line),
    };
  }
  if (owner !== '') {
    f.detail = `Tag '${top.tag}': ${owner}.`;
  }
  return [f];
}

/** `!poolused` listing → PoolUsedData; finding `pool.tag.top`. */
export const poolusedAnalyzer: Analyzer<'poolused'> = {
  id: 'poolused',
  commands: ['!poolused'],
  startsAt(source, i, owned) {
    const text = source.lines[i] as string;
    if (SORTING.test(text) || HEADER_TAG.test(text)) {
      return true;
    }
    return owned && (HEADER_COLUMNS.test(text) || parseRow(text, i + 1) !== null);
  },
  analyze(start, ctx) {
    const data: PoolUsedData = { sortedBy: 'unknown', tags: [] };
    let end = start;
    let blanks = 0;
    let skipped = 0;
    for (let i = start; i < ctx.limit; i++) {
      const text = ctx.source.lines[i] as string;
      if (isBlank(text)) {
        if (++blanks > MAX_BLANKS) {
          break;
        }
        continue;
      }
      blanks = 0;
      const sorting = SORTING.exec(text);
      if (sorting) {
        if (data.tags.length > 0) {
          break; // a second listing begins
        }
        const by = (sorting[1] as string).toLowerCase();
        data.sortedBy = by === 'nonpaged' ? 'nonpaged' : by === 'paged' ? 'paged' : 'unknown';
        end = i + 1;
        continue;
      }
      if (HEADER_TAG.test(text) || HEADER_COLUMNS.test(text)) {
        end = i + 1;
        continue;
      }
      const r = parseRow(text, i + 1);
      if (r) {
        if (r.total) {
          data.total = {
            nonPagedAllocs: r.row.nonPagedAllocs,
            nonPagedBytes: r.row.nonPagedBytes,
            pagedAllocs: r.row.pagedAllocs,
            pagedBytes: r.row.pagedBytes,
            line: i + 1,
          };
          end = i + 1;
          break;
        }
        data.tags.push(r.row);
        end = i + 1;
        continue;
      }
      if (isProse(text) || ctx.startsOther(i) || data.tags.length > 0) {
        break;
      }
      skipped++;
      end = i + 1;
    }
    if (data.tags.length === 0) {
      return { ok: false, reason: 'no !poolused rows recognised', end: Math.max(end, start + 1) };
    }
    return { ok: true, data, findings: findingsFor(data), end, skipped };
  },
};
