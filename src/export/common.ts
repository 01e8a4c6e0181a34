/**
 * What every export format shares: options, the order of sections, and the
 * choice of the stack worth showing. Formats differ only in markup and
 * escaping (markdown.ts, bbcode.ts, plain-text.ts).
 */
import type { AnalysisReport, Finding, Severity, Stack, Suspect } from '../analyzers/types';

/** Options of the text exports. */
export interface ExportOptions {
  /** Heading; default: the bug check name and code, or "Debugger session analysis". */
  title?: string;
  /** A link to the full analysis (a share link), printed at the end. */
  link?: string;
  /** Most stack frames shown (default 24). */
  maxFrames?: number;
  /** Most findings shown (default 40; critical ones first). */
  maxFindings?: number;
  /** Include `info` findings (default true). */
  includeInfo?: boolean;
  /** Turns input line numbers into links (e.g. to a share link with a line anchor). */
  lineUrl?: (line: number) => string | null;
  /** Say that the text was redacted before analysis. */
  redacted?: boolean;
}

export const DEFAULT_MAX_FRAMES = 24;
export const DEFAULT_MAX_FINDINGS = 40;

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'warning', 'info'];

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  critical: 'Critical',
  warning: 'Warning',
  info: 'Info',
};

/** The heading: the caller's title, or the bug check, or a generic one. */
export function titleOf(report: AnalysisReport, options: ExportOptions): string {
  if (options.title !== undefined && options.title.trim() !== '') {
    return options.title.trim();
  }
  const b = report.bugcheck;
  if (b !== null) {
    return b.name !== null ? `${b.name} (${b.code})` : `Bug check ${b.code}`;
  }
  return 'Debugger session analysis';
}

/** `0.84` → `84%`. */
export function percent(confidence: number): string {
  return `${Math.round(Math.min(1, Math.max(0, confidence)) * 100)}%`;
}

/** Words for a suspect's origin, vendor and product: `third-party, Acme Corp, AcmeNet`. */
export function suspectOrigin(s: Suspect): string {
  const origin = s.origin === 'third-party' ? 'third-party' : s.origin === 'microsoft' ? 'Microsoft' : 'origin unknown';
  return [origin, s.vendor, s.product].filter((x): x is string => x !== undefined && x !== '').join(', ');
}

/** `kernel` → `kernel mode`. */
export function sessionLabel(report: AnalysisReport): string {
  return report.kind === 'kernel' ? 'kernel mode' : report.kind === 'user' ? 'user mode' : 'unknown';
}

/** Findings to show, by severity (critical first, input order within), capped. */
export function findingsBySeverity(report: AnalysisReport, options: ExportOptions): { severity: Severity; findings: Finding[] }[] {
  const max = options.maxFindings ?? DEFAULT_MAX_FINDINGS;
  const includeInfo = options.includeInfo ?? true;
  const groups: { severity: Severity; findings: Finding[] }[] = [];
  let left = max;
  for (const severity of SEVERITY_ORDER) {
    if (severity === 'info' && !includeInfo) {
      continue;
    }
    const all = report.findings.filter((f) => f.severity === severity);
    const shown = all.slice(0, Math.max(0, left));
    left -= shown.length;
    if (shown.length > 0) {
      groups.push({ severity, findings: shown });
    }
  }
  return groups;
}

/** How many findings `findingsBySeverity` leaves out. */
export function hiddenFindings(report: AnalysisReport, options: ExportOptions): number {
  const shown = findingsBySeverity(report, options).reduce((n, g) => n + g.findings.length, 0);
  const includeInfo = options.includeInfo ?? true;
  const total = report.findings.filter((f) => includeInfo || f.severity !== 'info').length;
  return total - shown;
}

/**
 * The stack worth showing: the `!analyze -v` STACK_TEXT, else the first
 * stack through the top suspect, else the first stack with several frames.
 */
export function topStack(report: AnalysisReport): Stack | null {
  const stacks = report.stacks.filter((s) => s.frames.length > 0);
  const analyzeStack = stacks.find((s) => /STACK_TEXT|!analyze/i.test(s.source));
  if (analyzeStack !== undefined) {
    return analyzeStack;
  }
  const suspect = report.suspects[0]?.module.toLowerCase();
  if (suspect !== undefined) {
    const through = stacks.find((s) => s.frames.some((f) => f.module?.toLowerCase() === suspect));
    if (through !== undefined) {
      return through;
    }
  }
  return stacks.find((s) => s.frames.length > 1) ?? stacks[0] ?? null;
}

/** Frame lines as WinDbg numbers them (`00 nt!KeBugCheckEx`), capped; plus how many were left out. */
export function frameLines(stack: Stack, options: ExportOptions): { lines: string[]; hidden: number } {
  const max = options.maxFrames ?? DEFAULT_MAX_FRAMES;
  const shown = stack.frames.slice(0, Math.max(0, max));
  const lines = shown.map((f, i) => `${(f.index ?? i).toString(16).padStart(2, '0')} ${f.site}`);
  return { lines, hidden: stack.frames.length - shown.length };
}

/** `line 12` / `lines 3, 4` / '' for findings. */
export function linesLabel(lines: readonly number[]): string {
  if (lines.length === 0) {
    return '';
  }
  return `${lines.length === 1 ? 'line' : 'lines'} ${lines.join(', ')}`;
}

/** One decoded bug check argument: `label — decoded`. */
export function argMeaning(a: { label: string; decoded?: string }): string {
  return a.decoded !== undefined && a.decoded !== '' ? `${a.label} — ${a.decoded}` : a.label;
}

/** One line of text (no line breaks): exports lay out their own lines. */
export function oneLine(s: string): string {
  return s.replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ');
}

/** The closing note (no date: exports are pure and reproducible). */
export function footerText(options: ExportOptions): string {
  return `Analysis by dumplens${options.redacted === true ? ' (personal identifiers were redacted)' : ''}.`;
}

/**
 * A link fit for markup: only http(s) URLs (no `javascript:`), with the
 * characters that could end a Markdown link or a BBCode tag percent-encoded.
 */
export function safeLink(url: string | null | undefined): string | null {
  if (url === undefined || url === null || !/^https?:\/\//i.test(url.trim())) {
    return null;
  }
  return url.trim().replace(/[[\]()<>"'\s\\`]/g, (c) =>
    c.charCodeAt(0) < 128 ? `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(c),
  );
}

// ---------------------------------------------------------------------------
// Addresses in text: what autolinkers turn into live links
// ---------------------------------------------------------------------------

/**
 * Top-level domains that autolinkers recognise without a scheme: linkify-it's
 * default list (markdown-it, Discourse), the common new gTLDs mail and chat
 * clients link, and every two-letter country code. Module files (`.sys`,
 * `.dll`, `.exe`) are not among them.
 */
const FUZZY_TLDS =
  'com|net|org|edu|gov|mil|int|info|biz|pro|name|mobi|aero|asia|coop|museum|xxx|web|shop|io|app|dev|xyz|online|site|top|club|live|link|click|zip|mov|cloud|tech|store|[a-z]{2}';

// An address an autolinker would turn into a link, anywhere in a text:
//   1. scheme://…      any scheme (http, https, ftp, file, …)
//   2. www.…           GFM's and forums' "www." autolinks
//   3. user@host.tld   e-mail autolinks (mailto: included: its address matches)
//   4. host.tld[/…]    bare domains (linkify-it's fuzzy links, mail and chat clients)
// Paths run to the first space, quote, angle bracket, backtick or pipe.
const ADDRESS = new RegExp(
  [
    String.raw`\b[a-z][a-z0-9+.-]{0,20}:\/\/[^\s<>"'\x60|]*`,
    String.raw`\bwww\d{0,3}\.[^\s<>"'\x60|]+`,
    String.raw`[a-z0-9._%+-]+@(?:[a-z0-9-]+\.)+[a-z]{2,}`,
    String.raw`\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:${FUZZY_TLDS})(?![a-z0-9-])(?:[/?#:][^\s<>"'\x60|]*)?`,
  ].join('|'),
  'gi',
);

/** Punctuation that ends a sentence rather than an address: `(see https://x.example).` */
function trimAddress(token: string): string {
  let end = token.length;
  while (end > 0) {
    const c = token[end - 1] as string;
    if ('.,:;!?\'"*_~'.includes(c)) {
      end--;
    } else if (c === ')' || c === ']' || c === '}') {
      const open = c === ')' ? '(' : c === ']' ? '[' : '{';
      const body = token.slice(0, end);
      if (body.split(open).length >= body.split(c).length) {
        break;
      }
      end--;
    } else {
      break;
    }
  }
  return token.slice(0, end);
}

/** A piece of text, and whether it is an address that an autolinker would turn into a link. */
export interface TextPart {
  text: string;
  address: boolean;
}

/**
 * Split `text` into plain runs and addresses (URLs, `www.` names, e-mail
 * addresses, bare domains): each export shows the addresses so that no
 * renderer, forum or mail client makes a live link of them.
 */
export function splitAddresses(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let pos = 0;
  for (const m of text.matchAll(ADDRESS)) {
    const token = trimAddress(m[0]);
    if (token === '' || !/[.:@]/.test(token)) {
      continue;
    }
    if (m.index > pos) {
      parts.push({ text: text.slice(pos, m.index), address: false });
    }
    parts.push({ text: token, address: true });
    pos = m.index + token.length;
  }
  if (pos < text.length) {
    parts.push({ text: text.slice(pos), address: false });
  }
  return parts;
}

/**
 * An address made visibly inert ("defanged", as security reports write them):
 * `https://evil.example` → `https[:]//evil[.]example`, `a@b.example` →
 * `a[@]b[.]example`. Mail, chat and forum autolinkers then find nothing.
 */
export function defangAddress(address: string): string {
  return address.replace(/[.:@]/g, '[$&]');
}

/** Plain text with every address defanged (see `defangAddress`). */
export function defangText(text: string): string {
  return splitAddresses(text)
    .map((p) => (p.address ? defangAddress(p.text) : p.text))
    .join('');
}
