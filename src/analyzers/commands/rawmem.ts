/**
 * Raw memory dumps: `dps`, `dqs`, `dds`, `dp`, `dq`, `dd`, `dc`, `dw`, `db`,
 * `da`/`du`, and the hits of a memory search (`s -d …`, `s -a …`, also run
 * through `!for_each_module`). What matters here are the symbols found in raw
 * memory: on a zeroed or corrupt stack, `dps` is often the only way to see
 * which drivers a processor was running.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/dds--dps--dqs--display-words-and-symbols-
 * and https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/d--da--db--dc--dd--dd--df--dp--dq--du--dw--dw--dyb--dyd--display-memor
 *
 * Samples (shortened):
 *   dps   fffff880`0318a988  fffff880`042ca86d cfosspeed6+0x8986d
 *         fffff880`0318a978  fffff880`04285e6f*** ERROR: Module load completed but symbols could not be loaded for cfosspeed6.sys
 *         b8f0b938  8096c8cc nt!SeQueryInformationToken
 *   dc    ca0b4fb0 53535353 53535353 53535353 53535353 SSSSSSSSSSSSSSSS
 *   db    8096a1ae  53 65 20 20 6a 0c 6a 01-e8 bd a9 f2 ff 3b c7 89  Se  j.j......;..
 *
 * A `dps` line (`address  value symbol`) looks like an x86 `k` frame
 * (`ChildEBP RetAddr site`), and this family is tried before the stack parser.
 * Without a `d…` prompt, a line is claimed only when it cannot be a stack frame:
 * the debugger puts two spaces after the address of a memory dump (one in a
 * stack), or, when a paste collapsed the spacing, the first column advances by
 * exactly one row (the pointer size for `dps`) from a neighbouring line; stack
 * frames do not advance that way.
 */
import { parseFrameLine, parseSite } from './stack';
import { normalizeAddress } from '../normalize';
import { moduleFromSymbolError } from './symerr';
import type { Analyzer, Finding, RawMemoryData, SourceText } from '../types';

/**
 * Blank lines in a row that still continue a block: forum copies double-space
 * output, sometimes twice over, and trim it with gaps.
 */
const MAX_BLANKS = 8;

/** One row of a memory dump, decoded. */
// The image a symbol complaint names, with its extension ("… for VBoxNetFlt.sys").
const EXTENSION_AFTER_FOR = /\bfor\s+\S+\.(?:sys|dll|exe|drv|efi)\b/i;
// The rest of an image name a fixed-width cut carried to the next line ("lt.sys –").
const NAME_TAIL = /^[\w.$-]*\.(?:sys|dll|exe|drv|efi)\b/i;
export interface RawLine {
  /** Normalized address of the row (first column). */
  address: string;
  /** Low 32 bits of the address, to measure how rows advance. */
  low: number;
  /** Two or more spaces follow the address (the debugger's own layout). */
  spaced: boolean;
  kind: 'ptr' | 'values' | 'bytes' | 'words' | 'string';
  /** Bytes one row covers (pointer size for `dps`, 16 for `dc`/`db`). */
  step: number;
  /** Call site after the value (`nt!Foo+0x12`), for `dps`-style rows. */
  site?: string;
  /** Module named by a `*** ERROR: …` message glued to the value. */
  glued?: string;
}

// The address column: 32-bit, or 64-bit with the debugger's backtick.
//   group 1 the address, group 2 the spaces after it (one in a stack, two in a dump).
const HEAD = /^\s*([0-9a-f]{8}(?:`[0-9a-f]{8})?)(\s+)/i;
// One value token: a dword or a backticked qword, or unreadable memory (`????????`).
const VALUE = /^(?:[0-9a-f]{8}(?:`[0-9a-f]{8})?|\?{8}(?:`\?{8})?)$/i;
// `db` row: 4 to 16 byte pairs separated by spaces (a dash in the middle).
const BYTES = /^(?:[0-9a-f?]{2}[ -]){3,15}[0-9a-f?]{2}(?=\s|$)/i;
// `dw` row: 4 to 8 words of 4 hex digits.
const WORDS = /^(?:[0-9a-f?]{4} ){3,7}[0-9a-f?]{4}(?=\s|$)/i;
// A call site after a value: `mod!sym…`, `mod! ?? ::…`, or `mod+0x1f`.
const SITE = /^[A-Za-z0-9_.$-]+(?:!(?:[^\s]| \?\? )|\+0x[0-9a-f]+(?:\s|$))/i;
// Cheap pre-test for `startsAt`: eight hex digits then a backtick or a space.
const QUICK = /^\s*[0-9a-f]{8}[`\s]/i;

/** Parse one line as a memory-dump row, or null. */
export function parseRawLine(text: string): RawLine | null {
  if (text.length > 400) {
    return null;
  }
  const head = HEAD.exec(text);
  if (!head) {
    return null;
  }
  const addressText = head[1] as string;
  const spaced = (head[2] as string).length >= 2;
  // Values: tokens up to a space or a glued "***", scanned by hand (this runs on many lines).
  const n = text.length;
  let pos = head[0].length;
  let count = 0;
  let width = 0;
  while (count < 6 && pos < n) {
    let e = pos;
    while (e < n) {
      const c = text.charCodeAt(e);
      if (c === 32 || c === 42) {
        break;
      }
      e++;
    }
    const len = e - pos;
    if ((len !== 8 && len !== 17) || !VALUE.test(text.slice(pos, e))) {
      break;
    }
    const w = len === 8 ? 4 : 8;
    if (width !== 0 && w !== width) {
      return null;
    }
    width = w;
    count++;
    pos = e;
    while (pos < n && text.charCodeAt(pos) === 32) {
      pos++;
    }
  }
  const tail = pos < n ? text.slice(pos).trim() : '';
  let kind: RawLine['kind'];
  let step: number;
  let site: string | undefined;
  let glued: string | undefined;
  if (count === 0) {
    const b = BYTES.exec(tail);
    const w = b ? null : WORDS.exec(tail);
    if (b) {
      kind = 'bytes';
      step = Math.round((b[0].length + 1) / 3);
    } else if (w) {
      kind = 'words';
      step = Math.round((w[0].length + 1) / 5) * 2;
    } else if (tail.startsWith('"')) {
      kind = 'string';
      step = 0;
    } else {
      return null;
    }
  } else if (count === 1) {
    kind = 'ptr';
    step = width;
    if (tail.startsWith('***')) {
      // A copy wrapped at 80-120 columns can leave the module's name for the next line
      // ("…Defaulted to export" / "symbols for VBoxNetFlt.sys –"): then '' and the caller looks there.
      glued = moduleFromSymbolError(tail) ?? '';
    } else if (tail !== '') {
      if (!SITE.test(tail)) {
        return null;
      }
      site = tail;
    }
  } else {
    // Several values per row: dd/dc (up to 4 dwords), dq (2 qwords), dp.
    // Five values and a site is an x86 `kv` frame, not memory; a `dc` row
    // ends with its characters (16 at most; a stray mark may follow).
    if (count * width > 16 || tail.length > 18) {
      return null;
    }
    kind = 'values';
    step = count * width;
  }
  const row: RawLine = {
    address: normalizeAddress(addressText),
    low: Number.parseInt(addressText.slice(-8), 16),
    spaced,
    kind,
    step,
  };
  if (site !== undefined) {
    row.site = site;
  }
  if (glued !== undefined) {
    row.glued = glued;
  }
  return row;
}

/** The row advances from `a` to `b` (either way) by exactly one row. */
function adjacent(a: RawLine, b: RawLine): boolean {
  const diff = Math.abs(a.low - b.low);
  return diff !== 0 && (diff === a.step || diff === b.step);
}

/** The nearest non-blank line within three lines before (-1) or after (+1) `i`. */
function neighbour(source: SourceText, i: number, dir: -1 | 1): RawLine | null {
  for (let k = 1; k <= 3; k++) {
    const j = i + dir * k;
    if (j < 0 || j >= source.lines.length) {
      return null;
    }
    const t = source.lines[j] as string;
    if (t.trim() !== '') {
      return parseRawLine(t);
    }
  }
  return null;
}

/**
 * Could this row be a stack frame instead (`ChildEBP RetAddr site`, one space)?
 * Then only a neighbour one row away proves it is memory.
 */
function provenMemory(source: SourceText, i: number, row: RawLine): boolean {
  const text = source.lines[i] as string;
  if (row.spaced || parseFrameLine(text, i + 1) === null) {
    return true;
  }
  const prev = neighbour(source, i, -1);
  if (prev && prev.kind === row.kind && adjacent(prev, row)) {
    return true;
  }
  const next = neighbour(source, i, 1);
  return next !== null && next.kind === row.kind && adjacent(row, next);
}

const COMMANDS: readonly (string | RegExp)[] = [/^d[pqdcswbau]?[sq]?$/, 's'];

function ownedBy(command: string): boolean {
  const word = (/^\s*(\S+)/.exec(command)?.[1] ?? '').toLowerCase();
  return COMMANDS.some((c) => (typeof c === 'string' ? c === word : c.test(word)));
}

/** `d*` dumps and `s` search hits → RawMemoryData; finding `rawmem.modules`. */
export const rawmemAnalyzer: Analyzer<'rawmem'> = {
  id: 'rawmem',
  commands: COMMANDS,
  startsAt(source, i, owned) {
    const text = source.lines[i] as string;
    if (!QUICK.test(text)) {
      return false;
    }
    const row = parseRawLine(text);
    if (row === null) {
      return false;
    }
    return owned || provenMemory(source, i, row);
  },
  analyze(start, ctx) {
    const owned = ownedBy(ctx.segment.command);
    const symbols: RawMemoryData['symbols'] = [];
    let rows = 0;
    let end = start;
    let blanks = 0;
    let prev: RawLine | null = null;
    for (let i = start; i < ctx.limit; i++) {
      const text = ctx.source.lines[i] as string;
      if (text.trim() === '') {
        // Inside a d… command the dump runs to the next prompt, gaps included.
        if (++blanks > MAX_BLANKS && !owned) {
          break;
        }
        continue;
      }
      blanks = 0;
      const row = parseRawLine(text);
      if (row === null) {
        break;
      }
      // Outside a d… command, a row of another shape (or a lookalike stack
      // frame that does not continue the dump) ends the block.
      if (!owned && prev !== null && row.kind !== prev.kind && !provenMemory(ctx.source, i, row)) {
        break;
      }
      rows++;
      end = i + 1;
      prev = row;
      if (row.site !== undefined) {
        const s = parseSite(row.site);
        symbols.push({ site: s.site, module: s.module, address: row.address, line: i + 1 });
      } else if (row.glued !== undefined) {
        let glued = row.glued;
        const next = ctx.source.lines[i + 1];
        // A copy cut mid-word: "…symbols for VBoxNetF" then "lt.sys –".
        if (glued !== '' && next !== undefined && i + 1 < ctx.limit && !EXTENSION_AFTER_FOR.test(text) && NAME_TAIL.test(next)) {
          glued = moduleFromSymbolError(`${text.trimEnd()}${next.trimStart()}`) ?? glued;
          i++;
          end = i + 1;
        }
        if (glued === '' && i + 1 < ctx.limit) {
          // The name went to the next line: take it, and the line.
          glued = moduleFromSymbolError(`${text.trim()} ${(ctx.source.lines[i + 1] as string).trim()}`) ?? '';
          if (glued !== '') {
            i++;
            end = i + 1;
          }
        }
        if (glued !== '') {
          symbols.push({ site: glued, module: glued, address: row.address, line: i + 1 });
        }
      }
    }
    if (rows === 0) {
      return { ok: false, reason: 'no memory-dump rows recognised', end: start + 1 };
    }
    const findings: Finding[] = [];
    const modules = [...new Set(symbols.map((s) => s.module).filter((m): m is string => m !== null))];
    if (modules.length > 0) {
      const unsymbolized = [...new Set(symbols.filter((s) => s.site === s.module && !s.site.includes('+')).map((s) => s.site))];
      findings.push({
        id: 'rawmem.modules',
        severity: 'info',
        title: `Raw memory references ${modules.join(', ')}`,
        detail:
          unsymbolized.length > 0
            ? `Values in this memory point into these modules; no symbols could be loaded for ${unsymbolized.join(', ')}.`
            : 'Values in this memory point into these modules.',
        lines: symbols.map((s) => s.line),
      });
    }
    return { ok: true, data: { symbols, rows }, findings, end };
  },
};
