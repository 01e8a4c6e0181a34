/**
 * Stack back-traces: `k`, `kb`, `kv`, `kp`, `kn`, `knL`, `kc`, `kcn`, `~*k…`,
 * and the same frame lines inside `!analyze -v` (STACK_TEXT), `!thread` and
 * `!process`. Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/k--kb--kc--kd--kp--kp--kv--display-stack-backtrace-
 *
 * Formats handled (samples redacted/shortened):
 *   x64 kv/kb   fffff880`02fddce8 fffff800`02ec7169 : 00000000`0000007f 00000000`00000008 … : nt!KeBugCheckEx
 *   x64 knL     00 fffff880`138be698 fffff800`03b45d50 nt!KeBugCheckEx
 *   x86 kv      926fbb98 816cb3bf 888dc030 888dc0b8 8170c920 nt!KiSwapContext+0x26 (FPO: [Uses EBP] [0,0,4])
 *   x86 k/kn    926fbb98 816cb3bf nt!KiSwapContext+0x26      00 de0c5438 82eef4a3 nt!KeBugCheckEx+0x1e
 *   kcn         00 ntdll!NtDeviceIoControlFile
 *   kc          ntdll!NtDeviceIoControlFile          (only after a `Call Site` header or a k command)
 *   bare        8f14d970 volmgr!VmWmiFunctionControl (an address and a call site)
 *   LLDB, GDB   frame #2: 0x00007fff359ac6c9 jvm.dll`symbol + 1502329, #1  0x00007ffd… in Foo () from C:\…\bar.dll (site.ts)
 */
import { firstNonSpace, isBlank } from '../normalize';
import { cutWidth, describeSource } from './stack-text';
import { bareSiteToken, isBareSite, siteRun, VS_NOTE } from './bare-site';
import { foreignFrame, looksLikeSite, parseSite, type SiteParts } from './site';
import type { Analyzer, SourceText, Stack, StackFormat, StackFrame } from '../types';
import { ADDR_PARAMS, ADDR_SITE, DRWTSN, INLINE, KCN, KF, LOST_TICKS, NUMBERED, NUM_COLON, PLAIN, PREVIEW, VS_FRAME, X64_ARGS, X64_RET_ARGS, X86_ARGS } from './stack-patterns';


/** "*** Stack trace for last set context - .thread/.cxr resets it": the stack below is the set context's. */
const CONTEXT_NOTE = /^\s*\*\*\* Stack trace for last set context/i;
const HEADER = /^\s*(?:#\s*)?(?:Memory\s+)?(?:Child-SP|ChildEBP|Call Site|FramePtr\s+Ret(?:urnAd|Addr))\b/i;
// Also the rest of an x86 frame's FPO note that an 80-column copy wrapped: "(FPO: [0,0] TrapFrame @ fe4a38a4)", "[EBP 0xfe4a38a4] [1,1,4])";
// an elision the poster made ("[...]", "......", "[snip]"); and kP's parameter lines ("struct _X * Data = 0xffffd001`12345678, ", ")+0x44 [c:\src\read.c @ 120]").
const CONTINUE =
  /^\s*(?:\(FPO: |\[EBP 0x[0-9a-f]+\]|\[omap\]\s*$|\[\d+,\d+,\d+\]\)|(?:\[\s*(?:\.{3}|snip|snipped|cut|truncated|omitted)[^\]]{0,200}\]|\.{3,}|<snip>)\s*$|\)\+0x[0-9a-f]+|WARNING: (?:Frame IP|Stack unwind|Unable to verify)|\*\*\* (?:Stack trace for last set context|ERROR: |WARNING: )|\(Inline Function\)|Unable to read|Memory read error|GetContextState failed|Unable to get)/i;

// A frame's source note that a copy wrapped onto a line of its own (tested only on lines that end with "]").
const SOURCE_NOTE = /^\s*(?:\[(?:[A-Za-z]:\\|\\\\)[^\]]{0,300}\]|\[?[^[\]]{0,300}@ \d+\]|\d+\])\s*$/;

// A parameter line of `kP`, indented under its frame: "			struct _FLT_CALLBACK_DATA * Data = 0xffffd001`12345678, ".
const KP_PARAMETER = /^\s+[A-Za-z_][\w :<>*&]{0,120} = \S/;

// What a line's first token can start, so that each line is tried only
// against the frame patterns that can match it (most lines of a big session
// are frames of one shape, or prose that none can match).
const LEAD_ANY = 0; // unusual white space first: try every pattern
const LEAD_NONE = 1; // no pattern can match (only the header-less `kc` form)
const LEAD_INDEX = 2; // 1-4 hex digits: a frame number
const LEAD_ADDR8 = 3; // 8 hex digits: a 32-bit address
const LEAD_ADDR = 4; // 16 hex digits, or 8`8: a 64-bit address
const LEAD_BRACKET = 5; // "[0x3]": the WinDbg Stack window

function isHexCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** Is the character at `k` white space as `\s` sees it (the end of the line is not)? */
function spaceAt(text: string, k: number): boolean {
  if (k >= text.length) {
    return false;
  }
  const c = text.charCodeAt(k);
  if (c < 128) {
    return c === 32 || (c >= 9 && c <= 13);
  }
  return /\s/.test(text.charAt(k));
}

/** Classify the first token of a line (see LEAD_*); exact with respect to the patterns' `^\s*` prefix. */
function leadOf(text: string): number {
  const k = firstNonSpace(text);
  const n = text.length;
  if (k >= n) {
    return LEAD_NONE;
  }
  const c0 = text.charCodeAt(k);
  if (c0 === 91) {
    return LEAD_BRACKET;
  }
  if (!isHexCode(c0)) {
    return spaceAt(text, k) ? LEAD_ANY : LEAD_NONE;
  }
  let h = k + 1;
  while (h < n && isHexCode(text.charCodeAt(h))) {
    h++;
  }
  const len = h - k;
  if (len === 8 && text.charCodeAt(h) === 96) {
    let t = h + 1;
    while (t < n && t - h <= 8 && isHexCode(text.charCodeAt(t))) {
      t++;
    }
    return t - h - 1 === 8 && spaceAt(text, t) ? LEAD_ADDR : LEAD_NONE;
  }
  if (!spaceAt(text, h)) {
    return LEAD_NONE;
  }
  if (len <= 4) {
    return LEAD_INDEX;
  }
  return len === 8 ? LEAD_ADDR8 : len === 16 ? LEAD_ADDR : LEAD_NONE;
}

export { parseSite };

// Call sites repeat: a big `!process 0 7` prints the same few hundred on
// thousands of stacks. Their parse is memoized (frames share its strings);
// the memo is cleared when it reaches SITE_MEMO_LIMIT entries.
const SITE_MEMO_LIMIT = 20_000;
const siteMemo = new Map<string, SiteParts>();

/** "ntdll.dll!NtWaitForSingleObject" (Visual Studio, crash reporters) as the debugger writes it: ntdll!NtWaitForSingleObject. */
function withoutExtension(site: string): string {
  return site.replace(/^([^!]+)\.(?:dll|exe|sys)!/i, '$1!');
}

function siteOf(raw: string): SiteParts {
  let parts = siteMemo.get(raw);
  if (parts === undefined) {
    parts = parseSite(raw);
    if (siteMemo.size >= SITE_MEMO_LIMIT) {
      siteMemo.clear();
    }
    siteMemo.set(raw, parts);
  }
  return parts;
}

/** A frame, built in one literal (one object shape for every frame). */
function makeFrame(parts: SiteParts, line: number, index?: number): StackFrame {
  return {
    index,
    site: parts.site,
    module: parts.module,
    symbol: parts.symbol,
    offset: parts.offset,
    trapFrame: parts.trapFrame,
    line,
  };
}

/**
 * The raw columns of a frame line, as printed (backticks kept): Child-SP or
 * ChildEBP, the return address and the arguments (`kv`, `kb`, `!thread`),
 * addresses separated by spaces. Frames do not keep them (a big session has
 * hundreds of thousands of frames and the verdict reads the columns of a
 * handful): `frameColumns` reads them again from the frame's input line.
 */
export interface FrameColumns {
  sp?: string;
  retAddr?: string;
  args?: string;
}

/** Record the columns when a caller asked for them. */
function columns(cols: FrameColumns | null, sp?: string, retAddr?: string, args?: string): void {
  if (cols !== null) {
    cols.sp = sp;
    cols.retAddr = retAddr;
    cols.args = args;
  }
}

/** The columns of a frame line (`lines[frame.line - 1]`), or null when the line is not a frame with columns. */
export function frameColumns(text: string): FrameColumns | null {
  const cols: FrameColumns = {};
  return matchFrame(text, 0, false, cols) !== null && (cols.sp !== undefined || cols.args !== undefined) ? cols : null;
}

// The usual spelling of an x64 frame with arguments (`kv`, `!thread`,
// `!process 0 7`): lower case, one space between tokens, four arguments —
// most lines of a big session. The tokens sit at fixed places after the
// frame number, so one test and a few slices replace X64_ARGS and parseArgs;
// any other spelling goes through them. The gap before the arguments may be
// wider (user-mode `kb` pads it: "RetAddr     : ").
const A17 = '[0-9a-f]{8}`[0-9a-f]{8}';
const X64_USUAL = new RegExp(`^ *(?:[0-9a-f]{1,4} +)?${A17} ${A17} +: +${A17} ${A17} ${A17} ${A17} : [^\\n\\r\\u2028\\u2029]*$`);

function usualX64(text: string, lineNo: number, cols: FrameColumns | null): StackFrame | null {
  // test(), not exec(): no match array and no captured strings for each of
  // the hundreds of thousands of frames; the few places are found by hand.
  if (!X64_USUAL.test(text)) {
    return null;
  }
  let p = 0;
  while (text.charCodeAt(p) === 32) {
    p++;
  }
  let index: number | undefined;
  if (text.charCodeAt(p + 8) !== 96) {
    // A frame number (one to four hex digits) and spaces come first.
    let h = p + 1;
    while (text.charCodeAt(h) !== 32) {
      h++;
    }
    index = Number.parseInt(text.slice(p, h), 16);
    while (text.charCodeAt(h) === 32) {
      h++;
    }
    p = h;
  }
  // The gap before the arguments: " : ", or spaces, ":" and spaces.
  let a = p + 38;
  if (text.charCodeAt(p + 36) !== 58 || text.charCodeAt(a) === 32) {
    a = text.indexOf(':', p + 35) + 1;
    while (text.charCodeAt(a) === 32) {
      a++;
    }
  }
  if (cols !== null) {
    columns(cols, text.slice(p, p + 17), text.slice(p + 18, p + 35), text.slice(a, a + 71));
  }
  return makeFrame(siteOf(text.slice(a + 74)), lineNo, index);
}

/**
 * Parse one frame line into a frame and its format, or null; `cols`, when
 * given, receives the line's columns (see `frameColumns`). Each pattern is
 * tried only when the line's first token allows it (`leadOf`).
 */
function matchFrame(text: string, lineNo: number, loose: boolean, cols: FrameColumns | null = null): [StackFrame, StackFormat] | null {
  // The commonest frame first: a failed test is cheap.
  const usual = usualX64(text, lineNo, cols);
  if (usual) {
    return [usual, 'x64'];
  }
  const lead = leadOf(text);
  if (lead === LEAD_NONE) {
    // LLDB's and GDB's `bt` ("frame #2: 0x… jvm.dll`…", "#1  0x… in … from …"): only lines with a "#" near their start.
    const f = foreignFrame(text);
    if (f !== null) {
      return [makeFrame(f.parts, lineNo, f.index), 'kn'];
    }
  }
  const any = lead === LEAD_ANY;
  const index = any || lead === LEAD_INDEX;
  const addr8 = any || lead === LEAD_ADDR8;
  const addr = addr8 || lead === LEAD_ADDR;
  let m = (index || addr) && text.includes(':') ? X64_ARGS.exec(text) : null;
  if (m) {
    columns(cols, m[2], m[3], (m[4] as string).trim());
    return [makeFrame(siteOf(m[5] as string), lineNo, m[1] !== undefined ? Number.parseInt(m[1], 16) : undefined), 'x64'];
  }
  m = index && text.includes(':') ? X64_RET_ARGS.exec(text) : null;
  if (m && looksLikeSite(m[4] as string)) {
    columns(cols, undefined, m[2], (m[3] as string).trim());
    return [makeFrame(siteOf(m[4] as string), lineNo, Number.parseInt(m[1] as string, 16)), 'x64'];
  }
  m = addr ? ADDR_PARAMS.exec(text) : null;
  if (m && looksLikeSite(m[2] as string)) {
    return [makeFrame(siteOf(withoutExtension(m[2] as string)), lineNo), 'x64'];
  }
  m = index || addr8 ? X86_ARGS.exec(text) : null;
  if (m && looksLikeSite(m[7] as string)) {
    if (cols !== null) {
      columns(cols, m[2], m[3], `${m[4] as string} ${m[5] as string} ${m[6] as string}`);
    }
    return [makeFrame(siteOf(m[7] as string), lineNo, m[1] !== undefined ? Number.parseInt(m[1], 16) : undefined), 'x86'];
  }
  // (Its call site always names a module: a lone word there is a site cut short by the copy's width.)
  m = addr8 && !index ? DRWTSN.exec(text) : null;
  if (m && (m[7] as string).includes('!') && looksLikeSite(m[7] as string)) {
    columns(cols, m[1], m[2], `${m[3] as string} ${m[4] as string} ${m[5] as string} ${m[6] as string}`);
    return [makeFrame(siteOf((m[7] as string).replace(/\s+\[omap\]\s*$/i, '')), lineNo), 'x86'];
  }
  m = index || addr8 ? LOST_TICKS.exec(text) : null;
  if (m && (m[3] === ' ' || m[6] === ' ') && looksLikeSite(m[8] as string)) {
    columns(cols, `${m[2] as string}\`${m[4] as string}`, `${m[5] as string}\`${m[7] as string}`);
    return [makeFrame(siteOf(m[8] as string), lineNo, m[1] !== undefined ? Number.parseInt(m[1], 16) : undefined), 'x64'];
  }
  m = index ? NUMBERED.exec(text) : null;
  if (m && looksLikeSite(m[4] as string)) {
    columns(cols, m[2], m[3]);
    return [makeFrame(siteOf(m[4] as string), lineNo, Number.parseInt(m[1] as string, 16)), 'kn'];
  }
  m = any || lead === LEAD_BRACKET ? PREVIEW.exec(text) : null;
  if (m && looksLikeSite(m[2] as string)) {
    // Drop the argument list the Stack window prints after the symbol: "btrfs!InsertTailList+0xe(_LIST_ENTRY * …)".
    columns(cols, m[3], m[4]);
    return [makeFrame(siteOf((m[2] as string).replace(/\(.*$/, '')), lineNo, Number.parseInt(m[1] as string, 16)), 'kn'];
  }
  m = index ? KF.exec(text) : null;
  if (m && looksLikeSite(m[5] as string)) {
    columns(cols, m[3], m[4]);
    return [makeFrame(siteOf(m[5] as string), lineNo, Number.parseInt(m[1] as string, 16)), 'kn'];
  }
  m = index ? INLINE.exec(text) : null;
  if (m && looksLikeSite(m[2] as string)) {
    return [makeFrame(siteOf(m[2] as string), lineNo, Number.parseInt(m[1] as string, 16)), 'kn'];
  }
  m = addr ? PLAIN.exec(text) : null;
  if (m && looksLikeSite(m[3] as string)) {
    columns(cols, m[1], m[2]);
    return [makeFrame(siteOf(m[3] as string), lineNo), 'x86'];
  }
  m = index && text.includes(':') ? NUM_COLON.exec(text) : null;
  if (m && isBareSite(m[2] as string)) {
    return [makeFrame(siteOf(bareSiteToken(m[2] as string)), lineNo, Number.parseInt(m[1] as string, 10)), 'kc'];
  }
  m = index ? KCN.exec(text) : null;
  // (One word, not prose: its source note "[c:\src\ring.c @ 536]" aside.)
  if (m && looksLikeSite(m[2] as string) && !/\s\S+\s/.test((m[2] as string).replace(/\s+\[[^\]]*@ \d+\]\s*$/, '').trim().replace(/\s*\(.*$/, '').replace(/ \?\? /, '?'))) {
    return [makeFrame(siteOf(m[2] as string), lineNo, Number.parseInt(m[1] as string, 16)), 'kc'];
  }
  m = text.includes('!') ? VS_FRAME.exec(text) : null;
  if (m) {
    return [makeFrame(siteOf(withoutExtension(m[1] as string)), lineNo), 'kc'];
  }
  m = addr ? ADDR_SITE.exec(text) : null;
  if (m && looksLikeSite(m[2] as string) && !/\s/.test((m[2] as string).trim().replace(/\s*\(.*$/, ''))) {
    columns(cols, m[1]);
    return [makeFrame(siteOf(m[2] as string), lineNo), 'bare'];
  }
  if (loose && looksLikeSite(text) && !/\s/.test(text.trim())) {
    // "WindowsCodecs.dll!CClipper::CopyPixels()" (Visual Studio) reads as WindowsCodecs!CClipper::CopyPixels.
    return [makeFrame(siteOf(withoutExtension(text.trim().replace(/\(\)$/, ''))), lineNo), 'kc'];
  }
  if (loose && isBareSite(text)) {
    return [makeFrame(siteOf(withoutExtension(bareSiteToken(text))), lineNo), 'kc'];
  }
  return null;
}

/**
 * Parse one frame line. `loose` allows the header-less `kc` form (a site alone).
 * Returns null for any other line.
 */
export function parseFrameLine(text: string, lineNo: number, loose = false): (StackFrame & { format: StackFormat }) | null {
  const r = matchFrame(text, lineNo, loose);
  if (!r) {
    return null;
  }
  const f = r[0] as StackFrame & { format: StackFormat };
  f.format = r[1];
  return f;
}

/** Is this line a stack header (`Child-SP RetAddr …`, `# ChildEBP RetAddr`, `# Call Site`)? */
export function isStackHeader(text: string): boolean {
  return HEADER.test(text);
}

/**
 * Parse frames from `start` while lines are frames, headers, blank lines or
 * the debugger's own stack warnings. Returns the frames and the index one past
 * the last line used.
 */
export function parseFrames(
  source: SourceText,
  start: number,
  limit: number,
  loose = false,
): { frames: StackFrame[]; format: StackFormat; end: number; context: boolean } {
  const frames: StackFrame[] = [];
  let format: StackFormat = 'bare';
  let end = start;
  let context = false;
  let kcHeader = loose;
  const startsWithCallSite = /Call Site/i.test(source.lines[start] ?? '');
  let blankRun = 0;
  for (let i = start; i < limit; i++) {
    const text = source.lines[i] as string;
    if (isBlank(text)) {
      blankRun++;
      // Forum copies double-space lines (sometimes twice over); a long run of blank lines ends a stack.
      if (blankRun > 4) {
        break;
      }
      continue;
    }
    blankRun = 0;
    // The usual x64 frame first: such a line is neither a header nor a note (both begin with a letter or "*").
    let frame = usualX64(text, i + 1, null);
    let ff: StackFormat = 'x64';
    const header = frame === null && HEADER.test(text);
    const note = frame === null && !header && CONTEXT_NOTE.test(text);
    if (frame === null && !header && !note) {
      const alone = matchFrame(text, i + 1, kcHeader);
      // A frame whose line ends at the colon before its call site was wrapped there.
      const r = alone !== null && alone[0].site === '' ? (wrappedFrame(source, i, limit) ?? alone) : (alone ?? wrappedFrame(source, i, limit));
      if (r !== null) {
        [frame, ff] = r;
        if (r[0].line !== i + 1) {
          i = r[0].line - 1; // the call site was on the next line
        }
      }
    }
    if (header) {
      if (frames.length > 0) {
        break; // a second stack begins
      }
      // After a `# Call Site` header (kc), a call site alone is a frame.
      kcHeader = kcHeader || startsWithCallSite;
      end = i + 1;
      continue;
    }
    if (note) {
      context = true;
      end = i + 1;
      continue;
    }
    if (frame !== null) {
      // A frame numbered 00 after other frames starts a new stack.
      if (frame.index === 0 && frames.length > 0) {
        break;
      }
      // A copy cut at a fixed width may have cut the call site itself: its tail is on the next line.
      const tail = siteTail(source, frame.line - 1, limit, frame);
      if (tail !== null) {
        frame = tail[0];
        i = frame.line - 1;
      }
      if (frames.length === 0 || format === 'bare') {
        format = ff;
      }
      frames.push(frame);
      end = i + 1;
      continue;
    }
    if (CONTINUE.test(text) || KP_PARAMETER.test(text) || (frames.length > 0 && VS_NOTE.test(text)) || (text.endsWith(']') && SOURCE_NOTE.test(text)) || resumesNumbering(source, i, limit, frames)) {
      end = i + 1;
      continue;
    }
    break;
  }
  return { frames, format, end, context };
}

/**
 * A line that is no frame sits between numbered frames: the next frame, within two lines, carries the
 * next number. The tail of a wrapped column (a note, a source path) or an annotation the poster typed;
 * the numbering shows the stack goes on.
 */
function resumesNumbering(source: SourceText, i: number, limit: number, frames: StackFrame[]): boolean {
  const last = frames[frames.length - 1];
  if (last?.index === undefined) {
    return false;
  }
  for (let j = i + 1; j < limit && j <= i + 2; j++) {
    const next = source.lines[j] as string;
    if (isBlank(next)) {
      continue;
    }
    const r = matchFrame(next, j + 1, false);
    if (r !== null) {
      return r[0].index === last.index + 1;
    }
  }
  return false;
}

// A frame's columns without its call site: "f5cc6cf8 ebc51a19 00000000 826fe2c8 f5cc6d44" (2 to 5 32-bit values).
const COLUMNS_ONLY = /^\s*(?:[0-9a-f]{8}\s+){1,4}[0-9a-f]{8}\s*$/i;
/** Longest line taken for the first part of a wrapped frame, and for each of its continuations. */
const WRAPPED_HEAD = 200;
const WRAPPED_TAIL = 300;

/**
 * A frame wrapped over two or three lines by a copy made at 80 or 100 columns
 * (old Knowledge Base articles, mail, forum posts): the frame number and
 * addresses, then arguments or the call site on the next lines. Each line
 * alone is no frame; joined, they are one. The frame keeps its last line.
 */
function wrappedFrame(source: SourceText, i: number, limit: number): [StackFrame, StackFormat] | null {
  const text = source.lines[i] as string;
  if (i + 1 >= limit || text.length > WRAPPED_HEAD || leadOf(text) === LEAD_NONE) {
    return null;
  }
  // The parts of the frame, skipping the blank line a double-spaced copy puts between them.
  let at = i;
  const nextPart = (): number => {
    let j = at + 1;
    while (j < limit && j <= at + 2 && isBlank(source.lines[j] as string)) {
      j++;
    }
    return j < limit && !isBlank(source.lines[j] as string) ? j : -1;
  };
  if (COLUMNS_ONLY.test(text)) {
    // An x86 `kb` row: its call site alone on the next line.
    const j = nextPart();
    const next = j < 0 ? '' : (source.lines[j] as string);
    return j >= 0 && isBareSite(next) ? matchFrame(`${text.trim()} ${next.trim()}`, j + 1, false) : null;
  }
  // Wrapped at a space (the space is gone with the line's end), or cut in the middle of a word (a console's width).
  let spaced = text.trim();
  let cut = text.trimStart();
  // An article indented as a whole indents the rest of a cut line too: that indentation is not part of the frame.
  const indent = /^\s*/.exec(text)?.[0] ?? '';
  for (let k = 1; k <= 2; k++) {
    const j = nextPart();
    const next = j < 0 ? '' : (source.lines[j] as string);
    if (j < 0 || next.length > WRAPPED_TAIL || matchFrame(next, j + 1, false) !== null) {
      return null;
    }
    spaced = `${spaced} ${next.trim()}`;
    cut += indent !== '' && next.startsWith(indent) ? next.slice(indent.length) : next;
    const r = matchFrame(spaced, j + 1, false) ?? matchFrame(cut, j + 1, false);
    // Columns that end with their colon are not the whole frame: the call site comes next.
    if (r !== null && r[0].site !== '') {
      return r;
    }
    at = j;
  }
  return null;
}

/**
 * A frame whose line fills the cut width, followed by a short line that is no
 * frame: the rest of its call site (`FLTMGR!FltpLegacyProcessingAfterPreCallback`
 * then `sCompleted+0x15b`). The joined frame, or null.
 */
function siteTail(source: SourceText, i: number, limit: number, frame?: StackFrame): [StackFrame, StackFormat] | null {
  const text = source.lines[i] as string;
  const next = source.lines[i + 1];
  if (next === undefined || i + 1 >= limit || text.length < 60 || next.length === 0 || next.length > text.length || next.charCodeAt(0) === 32) {
    return null;
  }
  if (text.length !== cutWidth(source) || matchFrame(next, i + 2, false) !== null || HEADER.test(next)) {
    return null;
  }
  // The tail's first word ends the call site; a source note may follow it ("… [C:\src\driver.c @ 21]").
  const space = next.search(/\s/);
  const word = space < 0 ? next : next.slice(0, space);
  const joined = matchFrame(text + next, i + 2, false);
  if (joined !== null && joined[0].site.endsWith(word)) {
    return joined;
  }
  // A frame joined from lines wrapped before (its columns on the line above): its call site ends this line.
  // ("…SetRunningDriverIsRe" then "ady+0x3f"; "…SetRunningDriver+0" then "x46".)
  if (frame !== undefined && frame.site !== '' && text.trimEnd().endsWith(frame.site) && (frame.offset === null || /^[0-9a-fx]+$/i.test(word))) {
    const f = makeFrame(siteOf(frame.site + word), i + 2, frame.index);
    return f.offset !== null && f.site.endsWith(word) ? [f, 'x64'] : null;
  }
  return null;
}

const STACK_COMMAND = /^(?:~[*\d.#]*\s*)?k[bcdfilmnpv]*\d*$/;

export { findFrame } from './stack-text';

export const stackAnalyzer: Analyzer<'stack'> = {
  id: 'stack',
  commands: [STACK_COMMAND],
  startsAt(source, i, owned) {
    const text = source.lines[i] as string;
    if (HEADER.test(text) || CONTEXT_NOTE.test(text)) {
      return true;
    }
    return matchFrame(text, i + 1, owned) !== null || siteRun(source, i) || wrappedFrame(source, i, source.lines.length) !== null;
  },
  analyze(start, ctx) {
    const owned = STACK_COMMAND.test(ctx.segment.command.split(/\s/)[0]?.toLowerCase() ?? '') || siteRun(ctx.source, start);
    const { frames, format, end, context } = parseFrames(ctx.source, start, ctx.limit, owned);
    if (frames.length === 0) {
      return { ok: false, reason: 'no stack frames recognised', end: Math.max(end, start + 1) };
    }
    const stack: Stack = {
      frames,
      format,
      line: start + 1,
      endLine: end,
      source: describeSource(ctx),
    };
    if (ctx.segment.prompt?.processor !== undefined) {
      stack.processor = ctx.segment.prompt.processor;
    }
    if (context || /^\.(?:cxr|trap|thread|frame)/i.test(ctx.segment.command)) {
      stack.context = true;
    }
    return { ok: true, data: stack, findings: [], end };
  },
};
