/**
 * Input normalisation that keeps line numbers.
 *
 * People paste debugger output from forums, blogs, e-mail and tickets. On the
 * way it picks up a BOM, CRLF or lone CR line ends, tabs, non-breaking spaces,
 * "smart" quotes and dashes, zero-width characters and, from mis-decoded
 * UTF-8, mojibake such as `â€™`. Every one of these is folded to plain ASCII
 * here so that parsers can use simple patterns. Line N of the input is always
 * line N of the result: nothing is joined or split except at real line ends
 * (CRLF, LF and CR each end one line, as the report contract requires).
 */

/** Characters folded to ASCII. Sources: Unicode code charts (General Punctuation, Latin-1). */
const CHAR_MAP: Record<string, string> = {
  '\u00a0': ' ', // no-break space
  '\u2000': ' ',
  '\u2001': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2004': ' ',
  '\u2005': ' ',
  '\u2006': ' ',
  '\u2007': ' ',
  '\u2008': ' ',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u202f': ' ',
  '\u205f': ' ',
  '\u3000': ' ',
  '\u2018': "'", // left single quote
  '\u2019': "'", // right single quote
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u00b4': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u2033': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-', // en dash ("<– BSOD")
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\t': ' ',
  '\u00ad': '', // soft hyphen
  '\u200b': '', // zero-width space
  '\u200c': '',
  '\u200d': '',
  '\u2060': '',
  '\ufeff': '', // BOM / zero-width no-break space
  '\u0000': '',
};

/** UTF-8 punctuation read as Windows-1252 (mojibake), longest first. */
const MOJIBAKE: [string, string][] = [
  ['\u00e2\u20ac\u2122', "'"], // â€™
  ['\u00e2\u20ac\u02dc', "'"], // â€˜
  ['\u00e2\u20ac\u0153', '"'], // â€œ
  ['\u00e2\u20ac\u009d', '"'], // â€
  ['\u00e2\u20ac\u201c', '-'], // â€“
  ['\u00e2\u20ac\u201d', '-'], // â€”
  ['\u00e2\u20ac\u00a6', '...'], // â€¦
  ['\u00c2\u00a0', ' '], // Â + nbsp
];

const escapeUnit = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
// One pass over the text: a run of mapped characters that fold alike (a run of
// no-break spaces from a web page is one match, not one per character), or a
// mojibake sequence. Classes are built from CHAR_MAP's keys, grouped by what
// they fold to; all are single UTF-16 units.
const FOLD_GROUPS = [...new Set(Object.values(CHAR_MAP))].map((to) =>
  Object.keys(CHAR_MAP)
    .filter((c) => CHAR_MAP[c] === to)
    .map(escapeUnit)
    .join(''),
);
const CHAR_CLASS = new RegExp(
  `${FOLD_GROUPS.map((g) => `[${g}]+`).join('|')}|\u00e2\u20ac[\u2122\u02dc\u0153\u009d\u201c\u201d\u00a6]|\u00c2\u00a0`,
  'g',
);
const MOJI_MAP = new Map(MOJIBAKE);
// A cheap first test, since most debugger output is plain ASCII and needs no
// folding: is there any character outside ASCII, a tab or a NUL (every key of
// CHAR_MAP and both mojibake lead bytes are)? The platform's UTF-8 encoder
// answers the first part natively: it writes more bytes than it reads
// characters exactly when one is outside ASCII. Four times as fast as the
// regex /[^\x01-\x08\x0a-\x7f]/ on a 100 MB text.
const FOLD_CHUNK = 1 << 16;
const encoder = new TextEncoder();
let scratch: Uint8Array | undefined;

function needsFolding(text: string): boolean {
  if (text.includes('\t') || text.includes('\0')) {
    return true;
  }
  // Three bytes per UTF-16 unit is the most UTF-8 needs: a chunk always fits.
  scratch ??= new Uint8Array(3 * FOLD_CHUNK);
  for (let at = 0; at < text.length; at += FOLD_CHUNK) {
    const chunk = text.slice(at, at + FOLD_CHUNK);
    const r = encoder.encodeInto(chunk, scratch);
    if (r.written !== r.read || r.read !== chunk.length) {
      return true;
    }
  }
  return false;
}

/** Fold one match of CHAR_CLASS; `count` hears how many characters or sequences it replaced. */
function foldMatch(m: string, count: (n: number) => void): string {
  const to = CHAR_MAP[m[0] as string];
  if (to !== undefined) {
    count(m.length);
    return to.repeat(m.length);
  }
  count(1);
  return MOJI_MAP.get(m) ?? m;
}

/**
 * Forum and Markdown markup around pasted output: BBCode tags from BSOD forums
 * ([COLOR=#ff0000]…[/COLOR], [CODE], [QUOTE=x]) and Markdown bold/headings/fences
 * from issue trackers (`**psav3cld.sys**+1bae0`, `### NAME (d4)`, ```` ``` ````).
 * Only these well-known tags are removed; debugger brackets ([ 1b,17], [fffffa80…]) stay.
 */
const BBCODE = /\[\/?(?:b|i|u|s|color|size|font|code|icode|php|plain|quote|spoiler|url|img|center|left|right|indent|highlight|noparse|list|\*)(?:=[^\]\n]{0,80})?\]/gi;
// A **bold** pair with no other asterisk next to it (so "*** ERROR" and "*****" banners stay).
const MD_BOLD = /(?<!\*)\*\*(?!\*)([^*\n]{1,120}?)(?<!\*)\*\*(?!\*)/g;
const MD_HEADING = /^(\s*)#{1,6} (?=[A-Z][A-Z0-9_]{5,} \()/;
const MD_FENCE = /^\s*```[A-Za-z0-9_-]*\s*$/;
/** A fence glued to the first or last line of the output it encloses. */
const GLUED_FENCE = /^(\s*)```(?=\S)|(?<=\S)```\s*$/g;

// HTML from blog engines: only well-known tag names, so `<Unloaded_x.sys>`, `<*>` and `<- note` stay.
const HTML_TAG = /<\/?(?:p|br|span|div|pre|code|sup|sub|b|i|em|strong|font|table|tr|td|th|tbody|thead|li|ul|ol|a|h[1-6]|blockquote|details|summary|hr|tt|kbd|samp|small|big|center|mark|wbr)(?:\s[^<>\n]{0,200})?\s*\/?>/gi;
const HTML_ENTITY = /&(?:gt|lt|amp|quot|apos|nbsp|#39|#x27|#34|#62|#60|#x3e|#x3c);/gi;
const ENTITIES: Record<string, string> = { gt: '>', lt: '<', amp: '&', quot: '"', apos: "'", nbsp: ' ', '#39': "'", '#x27': "'", '#34': '"', '#62': '>', '#60': '<', '#x3e': '>', '#x3c': '<' };
// Markdown escapes (`MODULE\_NAME`, `\*\*\*`) from Jekyll/Hugo sources and GitHub comments.
const MD_ESCAPE = /\\([_*#[\]!<>`|~-])/g;
// Markdown inline code: a pair of backticks around a span, opening after a space or "(" and closing before
// a space or punctuation; the debugger's own backticks (fffff880`03bd22c0, ::`string') do not pair that way.
const MD_CODE = /(^|[\s(])`([^`\n]+?)`(?=$|[\s).,:;])/g;
// "- FAILURE_BUCKET_ID: `…`", "* MODULE_NAME: foo": a list bullet before a debugger field.
const MD_BULLET = /^\s*[-*+]\s+(?=[A-Z][A-Z0-9_]{2,}\s*:)/;
// Liquid/Jekyll template tags on a line of their own: {% highlight text %}, {% endhighlight %}, {% raw %}.
const LIQUID = /^\s*\{%-?\s*(?:end)?(?:highlight|raw|codeblock|code)\b[^%]*-?%\}\s*$/i;
// Ruby/Perl block-comment markers and C comment delimiters on a line of their own.
const COMMENT_FENCE = /^\s*(?:=begin|=end|\/\*+|\*+\/)\s*$/;
// " * text" inside a C block comment.
const C_STAR = /^\s*\* ?/;
// Mail quoting: "> " (one or more levels, a space after the last) before each line; !irp's
// current-location marker (">[ 1b,17]") has no space.
const QUOTE = /^(?:\s*>)+ /;
// An address whose backtick a word processor or a blog turned into a quote mark (folded to `'` above):
// fffff800'02ec7169.
const TICK_AS_QUOTE = /([0-9a-fA-F]{8})'([0-9a-fA-F]{8})/g;
// A line-number gutter copied with a blog's code block: `  12  0: kd> kb`, `12| …`, `12. …`.
const GUTTER = /^ {0,6}([1-9]\d{0,5}|0)(?:[.:|)] ?| {1,2}|$)/;

// A script's line comment, "#" (Python, Perl, Ruby, PowerShell) or "//" (C, JavaScript), or the quote
// marks of a reply that quotes part of a post ("> ", "> > "), at the start of a line. !irp's marker
// (">[ 1b,17]") has no space after it.
const LINE_COMMENT = /^\s*(?:#+|\/\/|>(?=[ \t>]|$)(?:[ \t]?>(?=[ \t>]|$))*)(?: ?)/;
// What debugger output looks like once its comment mark is gone: an address pair, a register, a
// frame, a prompt, a `!command`, an `Arg1:` or a `NAME:` field of !analyze.
const OUTPUT_LIKE = /[0-9a-fA-F]{8}`[0-9a-fA-F]{8}|\b[0-9a-fA-F]{8} [0-9a-fA-F]{8} |\b[a-z][a-z0-9_.]*![A-Za-z_]\w*|^\s*\d?:?\s?kd> |^\d+:\d+(?::x86)?> |\b[re]?[abcd]x=[0-9a-f]{8}|^Arg\d: |^Arguments:$|^Bug ?Check [0-9A-Fa-f]{1,8}, \{|^[A-Z][A-Z0-9_]{3,}: |^[A-Z][A-Z0-9_]{5,} \([0-9a-fA-F]{1,8}\)$| - code [0-9a-f]{8}\b|^\*\*\* (?:ERROR|WARNING): |\b[re]?ip=[0-9a-f]{8}|^[0-9a-f]{8}(?:`[0-9a-f]{8})? [0-9a-f]{2,24} +[a-z]{2,}/;
/** Output-like lines a run of comment lines needs before its marks are taken off. */
const COMMENT_RUN_EVIDENCE = 3;

/** Which kinds of markup the text may hold (a line can only hold what the whole text holds). */
interface MarkupKinds {
  bbcode: boolean;
  bold: boolean;
  fence: boolean;
  html: boolean;
  escapes: boolean;
  ticks: boolean;
  liquid: boolean;
  /** Most lines are mail-quoted ("> "). */
  quoted: boolean;
  /** The text holds a C block comment or a Ruby =begin block. */
  comments: boolean;
  /** Addresses are written with a quote mark for their backtick. */
  tickQuotes: boolean;
}

// One look at the whole text for each kind spares every line three scans:
// debugger output has brackets (`[fffffa80…]`) and banners of asterisks, but
// seldom a BBCode tag or a lone `**`.
const BBCODE_AT = new RegExp(BBCODE.source, 'iy');

/** Is a quote mark found between two 8-digit hex halves of an address (looked at only where quote marks are)? */
function hasTickQuote(head: string): boolean {
  let budget = 10000;
  for (let p = head.indexOf("'", 8); p >= 0 && --budget > 0; p = head.indexOf("'", p + 1)) {
    if (/^[0-9a-fA-F]{8}'[0-9a-fA-F]{8}/.test(head.slice(p - 8, p + 9))) {
      return true;
    }
  }
  return false;
}

function markupKinds(text: string): MarkupKinds {
  let bbcode = false;
  // Text made of brackets is left to the lines' own checks (done natively)
  // after a bounded number of looks.
  let budget = 1000 + (text.length >> 6);
  for (let p = text.indexOf('['); p >= 0 && !bbcode; p = text.indexOf('[', p + 1)) {
    if (--budget < 0) {
      bbcode = true;
      break;
    }
    BBCODE_AT.lastIndex = p;
    bbcode = BBCODE_AT.test(text);
  }
  // A `**` with no asterisk on either side (MD_BOLD's delimiter); runs of them are banners.
  let bold = false;
  for (let p = text.indexOf('**'); p >= 0 && !bold; ) {
    let e = p + 2;
    while (text.charCodeAt(e) === 42) {
      e++;
    }
    bold = e - p === 2 && text.charCodeAt(p - 1) !== 42;
    p = text.indexOf('**', e);
  }
  const head = text.slice(0, 1 << 20);
  const html = /<\/?(?:p|br|span|div|pre|code|font|table|td|li|h[1-6]|blockquote)\b[^<>\n]{0,200}>|&(?:gt|lt|amp|quot|nbsp|#39|#x27);/i.test(head);
  // `MODULE\_NAME`, `\*\*`, or an escaped backtick inside an address (fffff800\`4876a8c8).
  const escapes = (/\\[_*#]/.test(head) && /[A-Za-z0-9]\\_[A-Za-z0-9]|\\\*\\\*/.test(head)) || (head.includes('\\`') && /[0-9a-f]{8}\\`[0-9a-f]{8}/i.test(head));
  // Inline code spans: a backtick at the start of a word (" `x") somewhere in the text.
  MD_CODE.lastIndex = 0;
  const ticks = MD_CODE.test(head);
  MD_CODE.lastIndex = 0;
  const liquid = text.includes('{%');
  const comments = /^\s*(?:\/\*|=begin)/m.test(head);
  let quoted = false;
  if (text.charCodeAt(0) === 62 || text.includes('\n>') || text.includes('\n >')) {
    const sample = text.slice(0, 1 << 18).split('\n');
    let visible = 0;
    let q = 0;
    for (const l of sample) {
      if (l.trim() !== '') {
        visible++;
        if (/^\s*>+ /.test(l)) {
          q++;
        }
      }
    }
    quoted = visible > 0 && q / visible >= 0.6;
  }
  const tickQuotes = hasTickQuote(head);
  // `\*\*name\*\*`: bold whose asterisks were escaped, found once the escapes are gone.
  bold ||= escapes && head.includes('\\*\\*');
  return { bbcode, bold, fence: text.includes('```'), html, escapes, ticks, liquid, quoted, comments, tickQuotes };
}

function stripMarkup(line: string, kinds: MarkupKinds): string {
  let l = line;
  if (kinds.quoted) {
    l = l.replace(QUOTE, '');
  }
  if (kinds.tickQuotes && l.includes("'")) {
    l = l.replace(TICK_AS_QUOTE, '$1`$2');
  }
  if (kinds.liquid && l.includes('{%') && LIQUID.test(l)) {
    return '';
  }
  if (kinds.html && (l.includes('<') || l.includes('&'))) {
    l = l.replace(HTML_TAG, '').replace(HTML_ENTITY, (e) => ENTITIES[e.slice(1, -1).toLowerCase()] ?? e);
  }
  if (kinds.escapes && l.includes('\\')) {
    l = l.replace(MD_ESCAPE, '$1');
  }
  if (kinds.ticks && l.includes('`') && !l.includes('```')) {
    l = l.replace(MD_CODE, '$1$2');
  }
  if (l.charCodeAt(firstNonSpace(l)) === 45 || l.charCodeAt(firstNonSpace(l)) === 42 || l.charCodeAt(firstNonSpace(l)) === 43) {
    l = l.replace(MD_BULLET, '');
  }
  if (kinds.bbcode && l.includes('[')) {
    l = l.replace(BBCODE, '');
  }
  if (kinds.bold && l.includes('**')) {
    l = l.replace(MD_BOLD, '$1');
  }
  if (isHeadingStart(l)) {
    l = l.replace(MD_HEADING, '$1');
  }
  if (kinds.fence && l.includes('```')) {
    // A fence alone on its line goes; one glued to the output ("```PNP_DETECTED_FATAL_ERROR (ca)",
    // "Arg4: 0000000000000000```") goes and leaves the output.
    l = MD_FENCE.test(l) ? '' : l.replace(GLUED_FENCE, '$1');
  }
  return l;
}

/** A line that starts (after spaces) with "#". */
function isHeadingStart(l: string): boolean {
  const c = l.charCodeAt(0);
  return c === 35 || (c === 32 && l.charCodeAt(firstNonSpace(l)) === 35);
}

/** A line that starts (after spaces) with a list bullet character. */
function isBulletStart(l: string): boolean {
  const c = l.charCodeAt(firstNonSpace(l));
  return c === 45 || c === 42 || c === 43;
}

/** Lines looked at to decide whether the text carries a line-number gutter. */
const GUTTER_SAMPLE = 2000;

/**
 * A code block copied with its line numbers: nine lines in ten (at least eight)
 * start with the number that counts them, blank lines included. Debugger output
 * never numbers every line (frame numbers are hex and zero-padded, `00`…, and
 * only on frames), so a stack pasted alone is not taken for a gutter.
 */
function hasLineGutter(lines: string[]): boolean {
  const n = Math.min(lines.length, GUTTER_SAMPLE);
  if (n < 8) {
    return false;
  }
  let offset: number | undefined;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const m = GUTTER.exec(lines[i] as string);
    if (m === null) {
      continue;
    }
    const v = Number(m[1]);
    offset ??= v - i;
    if (v - i === offset) {
      hits++;
    }
  }
  return hits >= 0.9 * n;
}

/** Result of normalisation. */
export interface NormalizedText {
  lines: string[];
  /** Number of characters changed or removed (for diagnostics). */
  changed: number;
}

/**
 * Split text into lines (CRLF, LF or CR each end one line) and fold
 * typographic characters to ASCII. Trailing spaces are removed; leading
 * indentation is kept (some outputs use it for structure).
 */
export function normalizeText(text: string): NormalizedText {
  let changed = 0;
  const folded = needsFolding(text)
    ? text.replace(CHAR_CLASS, (m) =>
        foldMatch(m, (n) => {
          changed += n;
        }),
      )
    : text;
  // Splitting at one character is about twice as fast as at the alternation.
  const lines = folded.includes('\r') ? folded.split(/\r\n|\r|\n/) : folded.split('\n');
  const kinds = markupKinds(folded);
  const { bbcode, bold, fence } = kinds;
  const other = kinds.html || kinds.escapes || kinds.ticks || kinds.liquid || kinds.quoted || kinds.tickQuotes;
  const gutter = hasLineGutter(lines);
  let inComment = false;
  for (let i = 0; i < lines.length; i++) {
    let l = lines[i] as string;
    if (gutter) {
      l = l.replace(GUTTER, '');
    }
    if (kinds.comments) {
      // A paste kept inside a C block comment or a Ruby =begin/=end block: drop the
      // delimiters and the " * " margin, keep the line.
      if (COMMENT_FENCE.test(l)) {
        inComment = /^\s*(?:\/\*|=begin)/.test(l);
        l = '';
      } else if (inComment && C_STAR.test(l)) {
        l = l.replace(C_STAR, '');
      }
    }
    if (other || (bbcode && l.includes('[')) || (bold && l.includes('**')) || (fence && l.includes('```')) || isHeadingStart(l) || isBulletStart(l)) {
      l = stripMarkup(l, kinds);
    }
    const c = l.charCodeAt(l.length - 1);
    lines[i] = c === 32 ? l.trimEnd() : l;
  }
  if (folded.includes('#') || folded.includes('//') || folded.includes('> ')) {
    uncommentOutput(lines);
  }
  return { lines, changed };
}

/**
 * Debugger output pasted into a script as line comments (an exploit's `#`
 * header, a C test's `//` block), or quoted in a reply (`> `): in each run of
 * such lines that holds output (three lines that look like it), take the marks
 * off. Runs of ordinary comments keep theirs, so a script's own notes stay as
 * written.
 */
function uncommentOutput(lines: string[]): void {
  const commented = (l: string): boolean => {
    // Most lines start with a letter or a digit: one character tells.
    let k = 0;
    let c = l.charCodeAt(0);
    while (c === 32 || c === 9) {
      c = l.charCodeAt(++k);
    }
    return (c === 35 || c === 47 || c === 62) && LINE_COMMENT.test(l);
  };
  for (let i = 0; i < lines.length; ) {
    if (!commented(lines[i] as string)) {
      i++;
      continue;
    }
    let end = i;
    let evidence = 0;
    // A double-spaced copy puts blank lines inside the run, and a wrapped line its tail without
    // the mark: one such line does not end the run when the next line carries the mark again.
    const continues = (k: number): boolean => k < lines.length && (commented(lines[k] as string) || (k + 1 < lines.length && commented(lines[k + 1] as string)));
    while (continues(end)) {
      const text = lines[end] as string;
      if (evidence < COMMENT_RUN_EVIDENCE && commented(text) && OUTPUT_LIKE.test(text.replace(LINE_COMMENT, ''))) {
        evidence++;
      }
      end++;
    }
    if (evidence >= COMMENT_RUN_EVIDENCE) {
      for (let k = i; k < end; k++) {
        lines[k] = (lines[k] as string).replace(LINE_COMMENT, '');
      }
    }
    i = end;
  }
}

/**
 * Index of the first character that is not a space (U+0020), or the length.
 * A loop for the usual short indentation, the regex engine for a long run (an
 * adversarial megabyte of spaces is scanned natively, not char by char).
 */
export function firstNonSpace(text: string): number {
  const n = Math.min(text.length, 32);
  for (let k = 0; k < n; k++) {
    if (text.charCodeAt(k) !== 32) {
      return k;
    }
  }
  if (text.length <= 32) {
    return text.length;
  }
  const k = text.slice(32).search(/[^ ]/);
  return k < 0 ? text.length : k + 32;
}

/**
 * True for an empty or all-white-space line, like `text.trim() === ''` but
 * without building the trimmed copy (called for every line of the input).
 */
export function isBlank(text: string): boolean {
  const k = firstNonSpace(text);
  if (k >= text.length) {
    return true;
  }
  // A visible ASCII character (the usual case) is not white space; anything
  // else goes to the regex, which knows every Unicode space.
  const c = text.charCodeAt(k);
  return c > 32 && c < 127 ? false : !NON_SPACE.test(k === 0 ? text : text.slice(k));
}

/** Index of the line after line i, past the blank line a double-spaced copy puts between lines. */
export function nextFilledLine(lines: readonly string[], i: number): number {
  return isBlank(lines[i + 1] ?? '') && i + 2 < lines.length ? i + 2 : i + 1;
}

const NON_SPACE = /\S/;

/** Lower-case hex without leading zeros or backticks: `00000000`0000009f` → `0x9f`. */
export function normalizeHex(value: string): string {
  const v = value.replace(/[`']/g, '').replace(/^0x/i, '').toLowerCase();
  const stripped = v.replace(/^0+/, '');
  return `0x${stripped === '' ? '0' : stripped}`;
}

/** Parse a hex string (backticks and 0x allowed) as a number; NaN when not hex. */
export function parseHex(value: string): number {
  const v = value.replace(/[`']/g, '').replace(/^0x/i, '');
  if (!/^[0-9a-f]+$/i.test(v)) {
    return Number.NaN;
  }
  // Values wider than 53 bits lose precision; callers use this for codes and sizes only.
  return Number.parseInt(v, 16);
}

/** An address as printed, without backtick and leading zeros, lower case: `fffffa80`07005660` → `fffffa8007005660`. */
export function normalizeAddress(value: string): string {
  // Fast path for what the debugger prints, lower-case hex with at most one
  // backtick (six of these per x64 frame line): one scan, no regex.
  let tick = -1;
  let lead = -1; // index of the first character that is neither 0 nor a backtick
  for (let k = 0; k < value.length; k++) {
    const c = value.charCodeAt(k);
    if (c === 96 && tick < 0) {
      tick = k;
    } else if ((c >= 48 && c <= 57) || (c >= 97 && c <= 102)) {
      if (lead < 0 && c !== 48) {
        lead = k;
      }
    } else {
      return normalizeAddressSlow(value);
    }
  }
  if (lead < 0) {
    return '0';
  }
  if (tick < lead) {
    return lead === 0 ? value : value.slice(lead);
  }
  // join() builds one flat string; `a + b` would keep a rope of three objects
  // (twice the memory for the millions of addresses a big session holds).
  return [value.slice(lead, tick), value.slice(tick + 1)].join('');
}

function normalizeAddressSlow(value: string): string {
  const v = value.replace(/[`']/g, '').replace(/^0x/i, '').toLowerCase();
  const stripped = v.replace(/^0+/, '');
  return stripped === '' ? '0' : stripped;
}
