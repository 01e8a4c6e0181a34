/**
 * What the editor shows when the pointer rests on a bug check code or name, an
 * NTSTATUS value, a module name or a pool tag, and on a line the report cites
 * as evidence. Pure: a line of text and a column in, Markdown out (no Monaco
 * here, so it is unit tested in Node).
 */
import type { AnalysisReport } from '../analyzers/types';
import type * as HoverKnowledge from './hover-knowledge';

export type Knowledge = typeof HoverKnowledge;

/** A hover: the 0-based [start, end) columns of the word it describes, and its Markdown paragraphs. */
export interface HoverContent {
  start: number;
  end: number;
  contents: string[];
}

/**
 * Hover text is text: escape everything Markdown could read in text from the
 * pasted input (or our tables). Every ASCII punctuation character gets a
 * backslash (CommonMark lets any of them be escaped), so no emphasis, link,
 * HTML or entity can form, and Monaco's GFM autolinks find no `https://`,
 * `www.` or e-mail address to turn into a live link
 * (`https\:\/\/evil\.example` renders as the plain text `https://evil.example`).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

interface Hit {
  kind: 'bugcheck' | 'status' | 'module' | 'pooltag';
  start: number;
  end: number;
  value: string;
}

/** Every match of `re` (flags `gd`) on `line`, with the span of `group`. */
function spans(line: string, re: RegExp, group: number): { start: number; end: number; value: string }[] {
  const out: { start: number; end: number; value: string }[] = [];
  for (const m of line.matchAll(re)) {
    const value = m[group];
    const at = m.indices?.[group];
    if (value === undefined || !at) {
      continue;
    }
    out.push({ start: at[0], end: at[1], value });
  }
  return out;
}

// Bug check codes in their usual places.
//   `BugCheck 9F, {…}`, `BUGCHECK_CODE:  d1`, `Bugcheck code 0000009F`, `DRIVER_IRQL_NOT_LESS_OR_EQUAL (d1)`.
const BUGCHECK_BANNER = /\b(BugCheck )([0-9A-Fa-f]{1,8})(?=,)/dg;
const BUGCHECK_FIELD = /^(\s*BUGCHECK_CODE:\s+)([0-9A-Fa-f]{1,8})\b/dg;
const BUGCHECK_DOTCMD = /\b(Bugcheck code )([0-9A-Fa-f]{1,8})\b/dgi;
const BUGCHECK_TITLE = /^(\s*[A-Z][A-Z0-9_]{5,} \()([0-9a-f]{1,8})(?=\))/dg;
// A CAPS_WITH_UNDERSCORES word that may be a bug check name.
const CAPS_NAME = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/dg;
// NTSTATUS: 8 hex digits starting c0/80/40 (optionally 0x, optionally sign-extended `ffffffff`).
//   group 1 the 32-bit value. Not glued to other hex digits or a backtick (addresses).
const STATUS = /(?<![0-9A-Fa-f`])(?:0x)?(?:ffffffff`?)?((?:[cC]0|80|40)[0-9A-Fa-f]{6})(?![0-9A-Fa-f`])/dg;
// Modules: `nt!Foo`, `acmenet+0x1e2b`, `acmenet.sys`.
const MODULE_BANG = /([A-Za-z_][\w.$-]*)(?=!)/dg;
const MODULE_OFFSET = /\b([A-Za-z_][\w.]*)(?=\+0x[0-9a-fA-F])/dg;
const MODULE_FILE = /\b([\w.-]+\.(?:sys|dll|exe))\b/dgi;
// An lm row: start, end, module name.   group 3 the module.
const LM_ROW = /^(\s*[0-9a-f]{8}`?[0-9a-f]{8}\s+)([0-9a-f]{8}`?[0-9a-f]{8}\s+)([A-Za-z_][\w.$~-]*)/dgi;
// Pool tags: a `!poolused` row, `Pooltag Xxxx :`, `(Allocated) *Xxxx`, `tag is Xxxx`, quoted 'Xxxx'.
const POOLUSED_ROW = /^(\s*)(\S{1,4})(?=\s+\d+\s+\d+\s+\d+\s+\d+)/dg;
const POOLTAG_LINE = /(Pooltag )(\S{1,4})(?=\s*:)/dg;
const POOL_BLOCK = /(\((?:Allocated|Free)\s*\)\s*\*?)(\S{1,4})/dg;
const TAG_IS = /(tag is )(\S{1,4})(?=,)/dgi;
const QUOTED_TAG = /((?:pool ?tag|Tag)\s*:?\s*')([^']{1,4})(?=')/dgi;

function hitsOn(line: string, k: Knowledge): Hit[] {
  const hits: Hit[] = [];
  const push = (kind: Hit['kind'], list: { start: number; end: number; value: string }[]) => {
    for (const s of list) {
      hits.push({ kind, ...s });
    }
  };
  push('bugcheck', spans(line, BUGCHECK_BANNER, 2));
  push('bugcheck', spans(line, BUGCHECK_FIELD, 2));
  push('bugcheck', spans(line, BUGCHECK_DOTCMD, 2));
  push('bugcheck', spans(line, BUGCHECK_TITLE, 2));
  push(
    'bugcheck',
    spans(line, CAPS_NAME, 0).filter((s) => k.parseBugcheckCode(s.value) !== undefined && !/^[0-9A-F]+$/.test(s.value)),
  );
  // The whole token (`0xc00000bb`, `ffffffff\`c0000428`) hovers; the value is its last 32 bits.
  push(
    'status',
    spans(line, STATUS, 0).map((t) => ({ ...t, value: t.value.slice(-8) })),
  );
  push('pooltag', spans(line, POOLUSED_ROW, 2).filter((s) => s.value !== 'TOTAL' && !/^\d+$/.test(s.value)));
  push('pooltag', spans(line, POOLTAG_LINE, 2));
  push('pooltag', spans(line, POOL_BLOCK, 2));
  push('pooltag', spans(line, TAG_IS, 2));
  push('pooltag', spans(line, QUOTED_TAG, 2));
  push('module', spans(line, LM_ROW, 3));
  push('module', spans(line, MODULE_BANG, 1));
  push('module', spans(line, MODULE_OFFSET, 1));
  push('module', spans(line, MODULE_FILE, 1));
  return hits;
}

function bugcheckHover(value: string, k: Knowledge): string[] | null {
  const code = k.parseBugcheckCode(/^[0-9A-Fa-f]+$/.test(value) ? `0x${value}` : value);
  const info = code === undefined ? undefined : k.describeBugcheck(code);
  if (!info) {
    return null;
  }
  const parts = [`**Bug check ${k.formatBugcheckCode(info.code)} ${escapeMarkdown(info.name)}**`];
  if (info.meaning) {
    parts.push(escapeMarkdown(info.meaning));
  }
  const args = info.params.map((p, i) => (p ? `Arg${i + 1}: ${escapeMarkdown(p)}` : '')).filter(Boolean);
  if (args.length > 0) {
    parts.push(args.join('  \n'));
  }
  parts.push(`Reference page: /bugcheck/${k.formatBugcheckCode(info.code)}`);
  return parts;
}

function statusHover(value: string, k: Knowledge): string[] | null {
  const code = Number.parseInt(value, 16) >>> 0;
  const info = k.describeNtStatus(code);
  if (!info) {
    return null;
  }
  const parts = [`**NTSTATUS 0x${value.toUpperCase()} ${escapeMarkdown(info.name)}**`];
  if (info.meaning) {
    parts.push(escapeMarkdown(info.meaning));
  }
  return parts;
}

function moduleHover(value: string, k: Knowledge): string[] | null {
  const key = k.canonicalModuleName(value);
  if (key === '' || /^[0-9a-f]+$/i.test(key)) {
    return null;
  }
  const origin = k.classifyModule(value);
  const info = k.describeDriver(value);
  if (origin === 'microsoft') {
    return [`**${escapeMarkdown(value)}**: Microsoft (Windows component)`];
  }
  if (origin === 'third-party' && info) {
    const what = [info.product, info.category].filter(Boolean).map((s) => escapeMarkdown(s as string));
    return [`**${escapeMarkdown(value)}**: third party, ${escapeMarkdown(info.vendor)}`, ...(what.length > 0 ? [what.join(' · ')] : [])];
  }
  return [`**${escapeMarkdown(value)}**: not in dumplens's tables of Microsoft modules and known third-party drivers`];
}

function poolTagHover(value: string, k: Knowledge): string[] | null {
  const info = k.describePoolTag(value);
  const tag = escapeMarkdown(value.padEnd(4, ' ').replace(/ /g, '·'));
  if (!info) {
    return [`**Pool tag ${tag}**`, 'Not in the pool tag list. Search the drivers for the four characters to find the owner.'];
  }
  return [`**Pool tag ${tag}**`, info.binary ? `Owner: ${escapeMarkdown(info.binary)}` : 'Listed, without a known owner.'];
}

/** The hover for the word at `column` (0-based) of `line`, or null. */
export function describeWordAt(line: string, column: number, k: Knowledge): HoverContent | null {
  const order: Hit['kind'][] = ['bugcheck', 'status', 'pooltag', 'module'];
  const hits = hitsOn(line, k)
    .filter((h) => column >= h.start && column < h.end)
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  for (const h of hits) {
    const contents =
      h.kind === 'bugcheck'
        ? bugcheckHover(h.value, k)
        : h.kind === 'status'
          ? statusHover(h.value, k)
          : h.kind === 'pooltag'
            ? poolTagHover(h.value, k)
            : moduleHover(h.value, k);
    if (contents) {
      return { start: h.start, end: h.end, contents };
    }
  }
  return null;
}

/** Why a line is marked in the gutter: the bug check, suspect reasons and findings that cite it. */
export function describeEvidenceLine(report: AnalysisReport | null, lineNumber: number): string[] {
  if (!report) {
    return [];
  }
  const out: string[] = [];
  if (report.bugcheck?.line === lineNumber) {
    out.push(`Bug check ${escapeMarkdown(report.bugcheck.code)} ${escapeMarkdown(report.bugcheck.name ?? '')}`.trim());
  }
  for (const s of report.suspects) {
    for (const r of s.reasons) {
      if (r.line === lineNumber) {
        out.push(`Evidence against **${escapeMarkdown(s.module)}**: ${escapeMarkdown(r.text)}`);
      }
    }
  }
  for (const f of report.findings) {
    if (f.lines.includes(lineNumber)) {
      out.push(`${f.severity === 'critical' ? 'Critical' : f.severity === 'warning' ? 'Warning' : 'Info'}: ${escapeMarkdown(f.title)}`);
    }
  }
  return out.slice(0, 6);
}
