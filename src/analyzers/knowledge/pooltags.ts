/**
 * Pool tag owners, for `!poolused`, `!pool` and `!vm` findings:
 *
 *     Sorting by Paged Pool Consumed
 *      Tag    Allocs     Used
 *      Se     3245120  232720312  General security allocations , Binary: nt!se
 *
 * Sources:
 * - data/pooltags.ts, generated from pooltags.tsv (github.com/tklengyel/drakvuf
 *   @cb6213981f71fd3f70c30860e81744b91011dd4e src/plugins/poolmon/private.h, a
 *   transcription of the pooltag.txt shipped with Debugging Tools for Windows);
 * - EXTRA_TAGS below: tags that table lacks, each with the real debugger output
 *   that names its binary.
 * Reference: https://learn.microsoft.com/en-us/windows-hardware/drivers/debugger/-poolused
 *
 * Tags are exactly four characters, right-padded with spaces as the kernel
 * stores them (`Se  `); the debugger often prints them trimmed, so a shorter
 * input is padded. Tags are case-sensitive (`AfdA` and `Afda` differ); a
 * case-insensitive match is used only when every candidate agrees on the binary.
 * `?` in a listed tag matches any one character and `*` any rest of the tag.
 */
import { POOL_TAG_TABLE } from './data/pooltags';
import { canonicalModuleName } from './modules';

/**
 * Tags missing from the table. `Reff`: `!pool` in a Windows Server 2012 R2 session
 * prints "Pooltag Reff : FCB_DATA, Binary : refs.sys" (the debugger's own pooltag.txt).
 */
const EXTRA_TAGS: readonly (readonly [string, string])[] = [['Reff', 'refs.sys']];

/** A listed pool tag. */
export interface PoolTagInfo {
  /** The tag as listed (may hold `?`/`*` when a wildcard entry matched). */
  tag: string;
  /** `nt!se`, `refs.sys`, …; absent when the list names no binary. */
  binary?: string;
}

interface Tables {
  exact: ReadonlyMap<string, string>;
  /** Wildcard entries, most specific (most literal characters) first. */
  patterns: readonly (readonly [string, string])[];
  /** Lower-cased tag → binaries of all tags that fold to it. */
  folded: ReadonlyMap<string, readonly string[]>;
}

let tables: Tables | undefined;

function load(): Tables {
  if (tables) {
    return tables;
  }
  const exact = new Map<string, string>();
  const patterns: [string, string][] = [];
  const folded = new Map<string, string[]>();
  const addTag = (tag: string, binary: string): void => {
    if (/[?*]/.test(tag)) {
      patterns.push([tag, binary]);
      return;
    }
    exact.set(tag, binary);
    const key = tag.toLowerCase();
    const list = folded.get(key);
    if (list) {
      list.push(binary);
    } else {
      folded.set(key, [binary]);
    }
  };
  for (const line of POOL_TAG_TABLE.split('\n')) {
    const tab = line.indexOf('\t');
    const binary = line.slice(0, tab);
    for (const tag of line.slice(tab + 1).split('|')) {
      addTag(tag, binary);
    }
  }
  for (const [tag, binary] of EXTRA_TAGS) {
    if (!exact.has(tag)) {
      addTag(tag, binary);
    }
  }
  const literal = (t: string): number => t.replace(/[?*]/g, '').replace(/ +$/, '').length;
  patterns.sort((a, b) => literal(b[0]) - literal(a[0]) || (a[0] < b[0] ? -1 : 1));
  tables = { exact, patterns, folded };
  return tables;
}

/** Does listed pattern `p` (with `?` and `*`) match the padded tag `t`? */
function wildcardMatch(p: string, t: string): boolean {
  for (let i = 0; i < 4; i++) {
    const c = p[i];
    if (c === '*') {
      return true; // the rest of the tag is free
    }
    if (c !== '?' && c !== t[i]) {
      return false;
    }
  }
  return true;
}

function info(tag: string, binary: string): PoolTagInfo {
  return binary === '' ? { tag } : { tag, binary };
}

/** Pads a tag as printed (`Se`, `Se  `) to its four stored characters; undefined when not a tag. */
function padTag(tag: string): string | undefined {
  const t = tag.replace(/\s+$/, '');
  if (t.length === 0 || t.length > 4 || /[\t\r\n]/.test(t)) {
    return undefined;
  }
  return t.padEnd(4, ' ');
}

/**
 * The listed entry for a pool tag (`Se` → `{ tag: 'Se  ', binary: 'nt!se' }`,
 * `Reff` → refs.sys, `AfdX` → the `Afd?` entry), or undefined when the tag is
 * not listed. A listed tag with no known binary has no `binary`.
 */
export function describePoolTag(tag: string): PoolTagInfo | undefined {
  const t = padTag(tag);
  if (t === undefined) {
    return undefined;
  }
  const { exact, patterns, folded } = load();
  const hit = exact.get(t);
  if (hit !== undefined) {
    return info(t, hit);
  }
  const pat = patterns.find(([p]) => wildcardMatch(p, t));
  if (pat) {
    return info(pat[0], pat[1]);
  }
  const candidates = folded.get(t.toLowerCase());
  if (candidates && candidates.every((b) => b === candidates[0])) {
    const listed = [...exact.keys()].find((k) => k.toLowerCase() === t.toLowerCase());
    return listed === undefined ? undefined : info(listed, candidates[0] ?? '');
  }
  return undefined;
}

/**
 * The canonical module that owns a tag: `nt` for `nt!se`, `refs` for
 * refs.sys, `win32k` for `win32k!AllocateW32Thread`; undefined when the tag is
 * unknown or its owner is not a module (`<unknown>`, a static library).
 */
export function poolTagOwnerModule(tag: string): string | undefined {
  const binary = describePoolTag(tag)?.binary;
  if (binary === undefined) {
    return undefined;
  }
  const bang = /^([A-Za-z0-9_]+)!/.exec(binary);
  if (bang?.[1]) {
    return canonicalModuleName(bang[1]);
  }
  // "refs.sys", "perm2dll.dll", "HP Team Network Driver (cpqteam.sys)": the image file name.
  const file = /([A-Za-z0-9_.-]+)\.(?:sys|dll|exe)\b/i.exec(binary);
  return file?.[1] ? canonicalModuleName(file[1]) : undefined;
}
