/**
 * Module lists: `lm`, `lmv`, `lm vm X`, `lmta addr`, `lmtsmn`, `lm t n`.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/lm--list-loaded-modules-
 *
 * Samples (shortened):
 *   start             end                 module name
 *   fffff880`0ae8e000 fffff880`0aebc000   ZTEusbnet   (no symbols)
 *       Loaded symbol image file: ZTEusbnet.sys
 *       Image path: \SystemRoot\system32\DRIVERS\ZTEusbnet.sys
 *       Image name: ZTEusbnet.sys
 *       Timestamp:        Mon Oct 13 06:50:10 2008 (48F2E192)
 *   b8f04000 b8f0de80   ABCMiniFilter   (deferred)
 *   96616000 97332000 DRIVER_X Tue Mar 27 03:05:05 2012 (4F712051)          (lmt)
 *   fffff800`0280b000 fffff800`02df4000   nt  ntkrnlmp.exe Sat Feb 27 09:55:23 2016 (56D0C7BB)   (lm t n)
 *   Unloaded modules:
 *   fffff880`0a2e0000 fffff880`0a2f1000   dump_storport.sys
 *
 * The link timestamp is read from the hex in parentheses (seconds since
 * 1970); reproducible builds print a hash there instead, which is kept as
 * text only.
 */
import { isBlank, normalizeAddress } from '../normalize';
import { nameFacts } from '../knowledge/modules';
import type { Analyzer, Finding, ModuleEntry } from '../types';

/**
 * Blank lines in a row that still continue a block: forum copies double-space
 * output, sometimes twice over, and trim it with gaps.
 */
const MAX_BLANKS = 8;

const HEADER = /^\s*start\s+end\s+module name\s*$/i;
// start, end, module name and the rest of the row.
//   group 1 start, 2 end, 3 name, 4 rest (symbol state, image, timestamp).
const ROW = /^\s*([0-9a-f]{8}(?:`?[0-9a-f]{8})?)\s+([0-9a-f]{8}(?:`?[0-9a-f]{8})?)\s+([A-Za-z0-9_.$~-]+)(.*)$/i;
// Symbol state in parentheses, with the symbol-status flag letter some
// versions print before it; the symbol file path may follow.
//   group 1 state, group 2 path.
const STATE = /^\s*(?:[CTM#]\s+)?\(([a-z][a-z ]{2,30})\)\s*(.*)$/i;
// A timestamp at the end: "Tue Mar 27 03:05:05 2012 (4F712051)". group 1 text, 2 hex.
const STAMP = /(?:^|\s)((?:[A-Z][a-z]{2} ){2}[ \d]?\d \d\d:\d\d:\d\d \d{4}|unavailable)?\s*\(([0-9A-Fa-f]{8})\)\s*$/;
const UNLOADED = /^\s*Unloaded modules:/i;
// Verbose (lmv) lines: "    Image path: \SystemRoot\…". group 1 key, 2 value.
const VERBOSE = /^\s+([A-Za-z][A-Za-z ./]{1,40}?)\s*:\s*(.*)$/;
const VERBOSE_OTHER = /^\s+(?:Browse all global symbols|Information from resource tables|Image was built with|Symbol file|Mapped memory image file)/i;
const IMAGE_FILE = /\.(?:sys|dll|exe|drv|efi|cpl|ocx)$/i;

/** Seconds since 1970 from the hex a timestamp prints, or undefined for placeholders. */
function epochOf(hex: string): number | undefined {
  const v = Number.parseInt(hex, 16);
  return v === 0 || v >= 0xfffffffe ? undefined : v;
}

// The usual `lm t n` / `lmt` row, read with one match: start, end, name,
// [image], link date and its hex. Group 1 start, 2 end, 3 name, 4 image,
// 5 date, 6 hex. What it reads equals what ROW, STAMP and the image test
// read from it (rows in any other spelling go through those).
const USUAL_ROW =
  /^ *([0-9a-f]{8}(?:`?[0-9a-f]{8})?) +([0-9a-f]{8}(?:`?[0-9a-f]{8})?) +([A-Za-z0-9_.$~-]+) +(?:([^\s(]\S*) +)?((?:[A-Z][a-z]{2} ){2}[ \d]?\d \d\d:\d\d:\d\d \d{4}) \(([0-9A-Fa-f]{8})\)$/;

/** A name column that is an address: the row is a memory dump, not a module. */
function isAddressName(name: string): boolean {
  return /^(?:[0-9a-f]{8}|[0-9a-f]{16})$/i.test(name) || /^[0-9a-f]{8}`/i.test(name);
}

/**
 * The entry of a row matched by USUAL_ROW or ROW (groups 1 start, 2 end,
 * 3 name), or null when the name column is an address: a memory dump row.
 */
function newEntry(m: RegExpExecArray, lineNo: number): ModuleEntry | null {
  const name = m[3] as string;
  if (isAddressName(name)) {
    return null;
  }
  return { name, start: normalizeAddress(m[1] as string), end: normalizeAddress(m[2] as string), line: lineNo, origin: 'unknown' };
}

function usualRow(text: string, lineNo: number, unloaded: boolean): ModuleEntry | null | undefined {
  const m = USUAL_ROW.exec(text);
  if (!m) {
    return undefined;
  }
  const entry = newEntry(m, lineNo);
  if (entry === null) {
    return null;
  }
  const epoch = epochOf(m[6] as string);
  entry.timestamp = { text: m[5] as string };
  if (epoch !== undefined) {
    entry.timestamp.epoch = epoch;
  }
  const image = m[4];
  if (image !== undefined && IMAGE_FILE.test(image)) {
    entry.image = image;
  }
  return unloaded ? markUnloaded(entry) : entry;
}

/** A row under "Unloaded modules:" prints the image file as its name. */
function markUnloaded(entry: ModuleEntry): ModuleEntry {
  entry.unloaded = true;
  if (IMAGE_FILE.test(entry.name)) {
    entry.image = entry.name;
    entry.name = entry.name.replace(IMAGE_FILE, '');
  }
  return entry;
}

/** Parse one module row (with the state of being under "Unloaded modules:"). */
function parseRow(text: string, lineNo: number, unloaded: boolean): ModuleEntry | null {
  if (text.length > 600) {
    return null;
  }
  const usual = usualRow(text, lineNo, unloaded);
  if (usual !== undefined) {
    return usual;
  }
  const m = ROW.exec(text);
  if (!m) {
    return null;
  }
  const entry = newEntry(m, lineNo);
  if (entry === null) {
    return null;
  }
  let rest = (m[4] as string).trim();
  const state = STATE.exec(rest);
  if (state) {
    entry.symbols = (state[1] as string).trim();
    // What follows the state is the symbol file path, not kept.
    rest = '';
  }
  const stamp = rest !== '' ? STAMP.exec(rest) : null;
  if (stamp) {
    const textPart = (stamp[1] ?? '').trim();
    const epoch = epochOf(stamp[2] as string);
    entry.timestamp = { text: textPart !== '' ? textPart : (stamp[2] as string) };
    if (epoch !== undefined && textPart !== 'unavailable') {
      entry.timestamp.epoch = epoch;
    }
    rest = rest.slice(0, stamp.index).trim();
  }
  // `lm n` / `lm t n`: the image file name follows the module name.
  const space = rest.search(/\s/);
  const first = space < 0 ? rest : rest.slice(0, space);
  if (IMAGE_FILE.test(first)) {
    entry.image = first;
    rest = rest.slice(first.length).trim();
  }
  if (rest !== '' && !state && !stamp) {
    // Text that is not a module column (prose, another listing).
    return null;
  }
  return unloaded ? markUnloaded(entry) : entry;
}

/** The row as listed in the report: with what the knowledge tables say about its name. */
function withFacts(entry: ModuleEntry): ModuleEntry {
  const { origin, info } = nameFacts(entry.name);
  entry.origin = origin;
  if (info) {
    entry.vendor = info.vendor;
    if (info.product !== undefined) {
      entry.product = info.product;
    }
  }
  return entry;
}

/** A row that can only be `lm` output: it carries a symbol state or a link timestamp. */
function isDistinctRow(text: string, lineNo: number): boolean {
  const e = parseRow(text, lineNo, false);
  return e !== null && (e.symbols !== undefined || e.timestamp?.epoch !== undefined);
}

/** `lm` family → module list; finding `lm.module` when one to three modules were asked about. */
export const lmAnalyzer: Analyzer<'lm'> = {
  id: 'lm',
  commands: [/^lm/],
  startsAt(source, i, owned) {
    const text = source.lines[i] as string;
    if (HEADER.test(text)) {
      return true;
    }
    if (!/^\s*[0-9a-f]{8}/i.test(text)) {
      return false;
    }
    return owned ? parseRow(text, i + 1, false) !== null : isDistinctRow(text, i + 1);
  },
  analyze(start, ctx) {
    const modules: ModuleEntry[] = [];
    let unloaded = false;
    let current: ModuleEntry | undefined;
    let end = start;
    let blanks = 0;
    for (let i = start; i < ctx.limit; i++) {
      const text = ctx.source.lines[i] as string;
      if (isBlank(text)) {
        if (++blanks > MAX_BLANKS) {
          break;
        }
        continue;
      }
      blanks = 0;
      if (HEADER.test(text)) {
        if (modules.length > 0 && !unloaded) {
          break; // the next lm output
        }
        end = i + 1;
        continue;
      }
      if (UNLOADED.test(text)) {
        unloaded = true;
        current = undefined;
        end = i + 1;
        continue;
      }
      const row = parseRow(text, i + 1, unloaded);
      if (row) {
        modules.push(withFacts(row));
        current = row;
        end = i + 1;
        continue;
      }
      const v = text.length < 600 ? VERBOSE.exec(text) : null;
      if (v && current) {
        const key = (v[1] as string).trim().toLowerCase();
        const value = (v[2] as string).trim();
        if (key === 'image path') {
          current.path = value;
        } else if (key === 'image name') {
          current.image = value;
        } else if (key === 'timestamp') {
          const s = /^(.*?)\s*\(([0-9A-Fa-f]{8})\)\s*$/.exec(value);
          if (s) {
            const t = (s[1] as string).trim();
            current.timestamp = { text: t !== '' ? t : (s[2] as string) };
            const epoch = epochOf(s[2] as string);
            if (epoch !== undefined && t !== 'unavailable' && /\d{4}$/.test(t)) {
              current.timestamp.epoch = epoch;
            }
          } else {
            // "6D3E7C8A (This is a reproducible build file hash, not a timestamp)"
            current.timestamp = { text: value };
          }
        }
        end = i + 1;
        continue;
      }
      if ((current && VERBOSE_OTHER.test(text)) || /^\s*Browse full module list/i.test(text)) {
        end = i + 1;
        continue;
      }
      break;
    }
    if (modules.length === 0) {
      return { ok: false, reason: 'no module rows recognised', end: Math.max(end, start + 1) };
    }
    const findings: Finding[] = [];
    const loaded = modules.filter((m) => !m.unloaded);
    // `lm vm X` / `lmta addr`: the analyst asked about one module; say what it is.
    if (loaded.length > 0 && loaded.length <= 3) {
      for (const m of loaded) {
        const parts = [m.timestamp ? `built ${m.timestamp.text}` : '', m.symbols ?? ''].filter((s) => s !== '');
        findings.push({
          id: 'lm.module',
          severity: 'info',
          title: `Module ${m.name}${m.start !== undefined ? ` (${m.start}-${m.end ?? '?'})` : ''}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`,
          lines: [m.line],
        });
      }
    }
    return { ok: true, data: { modules }, findings, end };
  },
};
