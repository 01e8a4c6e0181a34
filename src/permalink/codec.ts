/**
 * Share links and share files: a versioned, compressed payload in the URL
 * fragment. The fragment never reaches a server, so a link shares the
 * analysis without uploading anything.
 *
 * Link format (version 1):
 *
 *     https://host/report#v1.eNrtWE1v2zAM…
 *                         └┬┘└────┬──────┘
 *                   version     base64url (RFC 4648 §5, unpadded) of
 *                               zlib (RFC 1950: deflate + Adler-32) of
 *                               UTF-8 JSON of the SharePayload
 *
 * - `vN.` names the format. A newer `vN` than we know is refused with a
 *   message asking to update; an older one is unpacked by its own format
 *   entry and raised step by step through `UPGRADERS` (N → N+1) to the
 *   current shape, then checked like a fresh one (the scheme of Firefox
 *   Profiler's url-handling upgraders).
 * - The zlib wrapper adds 6 bytes over raw deflate but brings a checksum, so
 *   a link damaged by a flipped character is refused instead of showing
 *   silently altered text.
 * - Inflation is streamed in small slices and stopped past
 *   `MAX_DECOMPRESSED`, so a tiny link that would expand to gigabytes
 *   (a "deflate bomb") costs at most a few MiB.
 *
 * Share file (`.dumplens`): UTF-8 JSON `{"dumplens":1,"payload":"v1.…"}`, the
 * same string as the fragment, for analyses too long for a link.
 *
 * Nothing here throws on untrusted input: decoders return `{ ok: false, reason }`
 * with a message for people. `encodePayload` throws only on a payload too large
 * to ever decode (a caller error; `planShare` checks first).
 */
import { Inflate, zlibSync } from 'fflate';
import type { AnalysisReport, StackFrame } from '../analyzers/types';
import { decodeBase64Url, encodeBase64Url } from './base64url';
import { isBoolean, isText, optional, reportProblem, shape } from './validate';

// ---------------------------------------------------------------------------
// Payload
// ---------------------------------------------------------------------------

/**
 * What a link carries: the debugger text itself (the receiver re-analyzes it,
 * with line links), or only the report ("analysis only": no raw text leaves
 * the sender's machine). `redacted` records whether `redact()` ran first, so
 * the receiver can say so.
 */
export type SharePayload =
  | { kind: 'text'; text: string; title?: string; redacted: boolean }
  | { kind: 'report'; report: AnalysisReport; title?: string; redacted: boolean };

/** Result of decoding a link fragment or a share file. `version` is the format the link was written in. */
export type DecodeResult = { ok: true; payload: SharePayload; version: number } | { ok: false; reason: string };

/** The format version this build writes. */
export const CURRENT_VERSION = 1;

/**
 * Decompressed size above which a payload is refused (16 MiB of JSON).
 * Larger than any text a link or share file can usefully carry, small enough
 * that a hostile link cannot exhaust the tab's memory.
 */
export const MAX_DECOMPRESSED = 16 * 1024 * 1024;

/**
 * Full URL length that survives forums, chat clients, e-mail and old
 * browsers (Internet Explorer's 2,083 limit is the folklore figure; many
 * forum engines also cut near 2,000).
 */
export const SAFE_URL_LENGTH = 2000;

/**
 * Longest URL we offer as a link. Chromium accepts 2 MB URLs and Firefox
 * about 1 MB, but Safari, some proxies and the address-bar display of long
 * URLs are less reliable; 32 KiB stays well inside what every current
 * browser opens. Past this, offer a share file.
 */
export const MAX_URL_LENGTH = 32768;

/** Largest share file we read (its payload is compressed; 16 MiB is plenty). */
export const MAX_SHARE_FILE_BYTES = 16 * 1024 * 1024;

/** File name extension of share files. */
export const SHARE_FILE_EXTENSION = '.dumplens';
/** MIME type of share files (their content is JSON). */
export const SHARE_FILE_MIME = 'application/json';

/** Longest title of a shared text or report, in characters (a heading, a file name, a History entry). */
export const SHARED_TITLE_MAX = 200;

/**
 * Longest string of a shared report. The analysis writes nothing near it
 * (its longest texts are finding details of a few hundred characters);
 * frames, paths and names are far shorter.
 */
export const SHARED_TEXT_MAX = 2000;

/** Length assumed for `https://origin/path#` when the caller does not give the base URL. */
export const DEFAULT_BASE_ALLOWANCE = 64;

const SHARE_PAYLOAD = (value: unknown, path: string): string | null => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `${path} should be an object`;
  }
  const kind = (value as { kind?: unknown }).kind;
  if (kind === 'text') {
    return shape({ text: isText, title: optional(isText), redacted: isBoolean })(value, path);
  }
  if (kind === 'report') {
    const problem = shape({ title: optional(isText), redacted: isBoolean })(value, path);
    return problem ?? reportProblem((value as { report?: unknown }).report, `${path}.report`);
  }
  return `${path}.kind should be "text" or "report"`;
};

// ---------------------------------------------------------------------------
// zlib with a size cap
// ---------------------------------------------------------------------------

/** Result of `inflateZlibCapped`. `produced` counts the bytes inflated before stopping. */
export type InflateResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; error: 'too-large' | 'truncated' | 'corrupt' | 'checksum'; detail: string; produced: number };

/**
 * Input slice fed to the inflater per step. Deflate expands at most ~1032:1,
 * so one slice yields at most ~4 MiB: the most we can overshoot the cap.
 */
const INFLATE_SLICE = 4096;

function adler32(state: { a: number; b: number }, data: Uint8Array): void {
  let { a, b } = state;
  // 5552 is the largest run for which the sums cannot overflow 2^32 before reducing (zlib's NMAX).
  for (let i = 0; i < data.length; ) {
    const end = Math.min(data.length, i + 5552);
    for (; i < end; i++) {
      a += data[i] as number;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  state.a = a;
  state.b = b;
}

/**
 * Inflate a zlib stream (RFC 1950), stopping as soon as more than `cap`
 * bytes come out, and verify its Adler-32 checksum (fflate's own zlib
 * decoder skips it). Never throws.
 */
export function inflateZlibCapped(data: Uint8Array, cap: number = MAX_DECOMPRESSED): InflateResult {
  let produced = 0;
  if (data.length < 6) {
    return { ok: false, error: 'truncated', detail: 'shorter than a zlib header and checksum', produced };
  }
  const cmf = data[0] as number;
  const flg = data[1] as number;
  // CM must be 8 (deflate), the window at most 32 KiB, the header a multiple of 31, and no preset dictionary.
  if ((cmf & 0x0f) !== 8 || cmf >>> 4 > 7 || ((cmf << 8) | flg) % 31 !== 0 || (flg & 0x20) !== 0) {
    return { ok: false, error: 'corrupt', detail: 'bad zlib header', produced };
  }
  const body = data.subarray(2, data.length - 4);
  const chunks: Uint8Array[] = [];
  const sum = { a: 1, b: 0 };
  let tooLarge = false;
  const inflater = new Inflate((chunk) => {
    if (tooLarge) {
      return;
    }
    produced += chunk.length;
    if (produced > cap) {
      tooLarge = true;
      return;
    }
    adler32(sum, chunk);
    chunks.push(chunk);
  });
  try {
    for (let i = 0; i < body.length && !tooLarge; i += INFLATE_SLICE) {
      const end = Math.min(body.length, i + INFLATE_SLICE);
      inflater.push(body.subarray(i, end), end === body.length);
    }
    if (body.length === 0) {
      inflater.push(new Uint8Array(0), true);
    }
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const message = err instanceof Error ? err.message : String(err);
    // fflate error code 0 is "unexpected EOF": the stream stops before its final block.
    return { ok: false, error: code === 0 ? 'truncated' : 'corrupt', detail: message, produced };
  }
  if (tooLarge) {
    return { ok: false, error: 'too-large', detail: `over ${cap} bytes`, produced };
  }
  const t = data.length - 4;
  const expected = (((data[t] as number) << 24) | ((data[t + 1] as number) << 16) | ((data[t + 2] as number) << 8) | (data[t + 3] as number)) >>> 0;
  const actual = ((sum.b << 16) | sum.a) >>> 0;
  if (expected !== actual) {
    return { ok: false, error: 'checksum', detail: 'Adler-32 mismatch', produced };
  }
  if (chunks.length === 1) {
    return { ok: true, bytes: chunks[0] as Uint8Array };
  }
  const out = new Uint8Array(produced);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return { ok: true, bytes: out };
}

// ---------------------------------------------------------------------------
// Versions
// ---------------------------------------------------------------------------

/** Result of unpacking a fragment body into the JSON value of its version. */
export type Unpacked = { ok: true; value: unknown } | { ok: false; reason: string };

/** How one format version turns the text after `vN.` into a JSON value. */
export interface FormatVersion {
  unpack(body: string, cap: number): Unpacked;
}

/**
 * The formats a decoder reads and the upgraders between them:
 * `upgraders[n]` turns a version-n value into a version-(n+1) value.
 */
export interface CodecTable {
  current: number;
  formats: Readonly<Record<number, FormatVersion>>;
  upgraders: Readonly<Record<number, (value: unknown) => unknown>>;
}

const BROKEN = 'The link is damaged';

function inflateFailure(r: Extract<InflateResult, { ok: false }>, cap: number): string {
  switch (r.error) {
    case 'too-large':
      return `The shared data would expand past ${formatMiB(cap)}; dumplens refuses it to protect this page.`;
    case 'truncated':
      return 'The link is incomplete: its data ends early. It was probably cut off when it was posted or copied; copy the whole link again, or ask for a share file.';
    case 'checksum':
      return `${BROKEN}: its data fails the checksum (a character was probably changed when it was copied).`;
    default:
      return `${BROKEN}: its compressed data is invalid (${r.detail}).`;
  }
}

function formatMiB(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
}

/** Decode base64url text → bytes, with messages for people. */
function bytesOf(body: string): { ok: true; bytes: Uint8Array } | { ok: false; reason: string } {
  const b = decodeBase64Url(body);
  if (!b.ok) {
    return {
      ok: false,
      reason:
        b.reason === 'character'
          ? `${BROKEN}: it contains a character that cannot appear in a share link (${JSON.stringify(body[b.position] ?? '')} at position ${b.position + 1} of the data).`
          : b.reason === 'length'
            ? 'The link is incomplete or damaged: its data has an impossible length (it was probably cut off, or a character is missing).'
            : 'The link is incomplete or damaged: its last character cannot end a share link (it was probably cut off, or a character was changed).',
    };
  }
  return b;
}

/** UTF-8 bytes → JSON value, with messages for people. */
function jsonOf(bytes: Uint8Array): Unpacked {
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: `${BROKEN}: its data is not valid UTF-8 text.` };
  }
  try {
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch {
    return { ok: false, reason: `${BROKEN}: its data is not valid JSON.` };
  }
}

/** Version 1: base64url of zlib of UTF-8 JSON. */
export const V1_FORMAT: FormatVersion = {
  unpack(body, cap) {
    const b = bytesOf(body);
    if (!b.ok) {
      return b;
    }
    if (b.bytes.length === 0) {
      return { ok: false, reason: 'The link is incomplete: it has a version but no data.' };
    }
    const inflated = inflateZlibCapped(b.bytes, cap);
    if (!inflated.ok) {
      return { ok: false, reason: inflateFailure(inflated, cap) };
    }
    return jsonOf(inflated.bytes);
  },
};

/** Formats this build reads, by version. */
export const FORMATS: Readonly<Record<number, FormatVersion>> = { 1: V1_FORMAT };

/**
 * Upgraders by source version (n → n+1). Version 1 is the first released
 * format, so the table is empty; when v2 ships, add `1: (v1) => v2` here and
 * keep `V1_FORMAT` in `FORMATS` so old links still open.
 */
export const UPGRADERS: Readonly<Record<number, (value: unknown) => unknown>> = {};

/** The table `decodePayload` uses. */
export const CODEC: CodecTable = { current: CURRENT_VERSION, formats: FORMATS, upgraders: UPGRADERS };

// ---------------------------------------------------------------------------
// Encode / decode
// ---------------------------------------------------------------------------

/**
 * UTF-8 JSON of a payload, with only its known fields (so a caller's extra
 * properties never leak into a link). JSON.stringify escapes lone surrogates,
 * so every JS string survives the UTF-8 step.
 */
function payloadJson(p: SharePayload): string {
  const clean =
    p.kind === 'text'
      ? { kind: 'text', text: p.text, title: p.title, redacted: p.redacted }
      : { kind: 'report', report: p.report, title: p.title, redacted: p.redacted };
  return JSON.stringify(clean);
}

/** The fragment text (without `#`) for bytes of payload JSON. */
function fragmentOfJson(json: Uint8Array): string {
  return `v${CURRENT_VERSION}.${encodeBase64Url(zlibSync(json, { level: 9 }))}`;
}

/**
 * Encode a payload as fragment text `v1.<base64url>` (put it after `#`).
 * Throws a RangeError when the payload's JSON exceeds `MAX_DECOMPRESSED`
 * (no decoder would accept it); use `planShare` to get that as a result.
 */
export function encodePayload(p: SharePayload): string {
  const json = new TextEncoder().encode(payloadJson(p));
  if (json.length > MAX_DECOMPRESSED) {
    throw new RangeError(`share payload is ${json.length} bytes, over the ${MAX_DECOMPRESSED}-byte limit`);
  }
  return fragmentOfJson(json);
}

/**
 * The fragment part of `input`: accepts the fragment text itself, `#v1.…`,
 * or a whole URL. Whitespace is dropped: mail clients and forums wrap long
 * links across lines.
 */
function fragmentPart(input: string): string {
  const hash = input.indexOf('#');
  const frag = hash >= 0 ? input.slice(hash + 1) : input;
  return frag.replace(/\s+/g, '');
}

/**
 * Decode a link with a given table of formats and upgraders (`decodePayload`
 * uses `CODEC`; tests pass tables with older synthetic versions). Never throws.
 */
export function decodePayloadWith(fragment: string, table: CodecTable, cap: number = MAX_DECOMPRESSED): DecodeResult {
  try {
    const frag = fragmentPart(typeof fragment === 'string' ? fragment : '');
    if (frag === '') {
      return { ok: false, reason: 'The link carries no shared analysis: there is nothing after “#”.' };
    }
    // `v` + decimal version + `.` + body; the version is at most 6 digits so absurd numbers read as "newer".
    const m = /^v(\d{1,6})\.([^]*)$/.exec(frag);
    if (m === null) {
      return {
        ok: false,
        reason: `This is not a dumplens share link: the part after “#” should start with “v${table.current}.”.`,
      };
    }
    const version = Number(m[1]);
    const body = m[2] as string;
    if (version > table.current) {
      return {
        ok: false,
        reason: `This link was made by a newer dumplens (format v${version}); this copy reads formats up to v${table.current}. Reload the page to update dumplens, then open the link again.`,
      };
    }
    const format = table.formats[version];
    if (format === undefined) {
      return { ok: false, reason: `This link uses format v${version}, which this dumplens cannot read any more.` };
    }
    const unpacked = format.unpack(body, cap);
    if (!unpacked.ok) {
      return unpacked;
    }
    let value = unpacked.value;
    for (let v = version; v < table.current; v++) {
      const upgrade = table.upgraders[v];
      if (upgrade === undefined) {
        return { ok: false, reason: `This link uses format v${version}, and this dumplens has no way to read it any more (no upgrade from v${v}).` };
      }
      try {
        value = upgrade(value);
      } catch {
        return { ok: false, reason: `${BROKEN}: its format v${version} data could not be upgraded to v${table.current}.` };
      }
    }
    const problem = SHARE_PAYLOAD(value, 'payload');
    if (problem !== null) {
      return { ok: false, reason: `The link's data is not a dumplens share: ${problem}.` };
    }
    return { ok: true, payload: reviveLegacyFields(value as SharePayload), version };
  } catch (err) {
    // Defensive: a bug of ours must not break the page that opened a link.
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, reason: `dumplens could not read this link (${message}).` };
  }
}

/**
 * Bring fields whose shape changed within format v1 to today's shape: frames
 * of older shared reports carried their Child-SP, return address and
 * arguments (now read from the input line when needed); they are dropped.
 * Modifies `p` in place.
 */
export function reviveLegacyFields(p: SharePayload): SharePayload {
  if (p.kind === 'report') {
    const stacks = [...p.report.stacks, ...p.report.threads.map((t) => t.stack)];
    for (const s of stacks) {
      for (const f of s?.frames ?? []) {
        const legacy = f as StackFrame & { sp?: unknown; retAddr?: unknown; args?: unknown };
        delete legacy.sp;
        delete legacy.retAddr;
        delete legacy.args;
      }
    }
  }
  return p;
}

/**
 * Decode fragment text (`v1.…`, `#v1.…`, or a whole URL). Never throws;
 * every failure has a message for people: empty, not a dumplens link, newer
 * version, damaged characters, cut off, checksum, too large, bad JSON, or a
 * wrong shape (named by path, e.g. `payload.report.suspects[0].module`).
 */
export function decodePayload(fragment: string): DecodeResult {
  return decodePayloadWith(fragment, CODEC);
}

// ---------------------------------------------------------------------------
// Length advice
// ---------------------------------------------------------------------------

/** How shareable a link of some length is. */
export type ShareAdvice = 'ok' | 'long' | 'too-long';

/**
 * Length of the full link: `baseUrl` + `#` + fragment. Without `baseUrl`,
 * `DEFAULT_BASE_ALLOWANCE` characters stand in for `https://origin/path`.
 */
export function linkLength(fragment: string, baseUrl?: string): number {
  const frag = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  const base = baseUrl === undefined ? DEFAULT_BASE_ALLOWANCE : baseUrl.split('#')[0]!.length;
  return base + 1 + frag.length;
}

/**
 * `ok`: safe anywhere (≤ SAFE_URL_LENGTH). `long`: opens in browsers, but
 * forums, chat and mail may cut it. `too-long` (> MAX_URL_LENGTH): offer a
 * share file instead.
 */
export function shareAdvice(length: number): ShareAdvice {
  if (length <= SAFE_URL_LENGTH) {
    return 'ok';
  }
  return length <= MAX_URL_LENGTH ? 'long' : 'too-long';
}

/** `baseUrl` (any fragment dropped) + `#` + fragment. */
export function shareUrl(baseUrl: string, fragment: string): string {
  const frag = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  return `${baseUrl.split('#')[0]}#${frag}`;
}

/** Result of `planShare`. */
export type SharePlan =
  | { ok: true; fragment: string; length: number; advice: ShareAdvice }
  | { ok: false; reason: string };

/**
 * Encode a payload and judge its link: the non-throwing entry point for the
 * share dialog. `baseUrl` is the page URL the fragment will follow.
 */
export function planShare(p: SharePayload, baseUrl?: string): SharePlan {
  const json = new TextEncoder().encode(payloadJson(p));
  if (json.length > MAX_DECOMPRESSED) {
    return {
      ok: false,
      reason: `This ${p.kind === 'text' ? 'text' : 'report'} is too large to share (${formatMiB(json.length)} of data; the limit is ${formatMiB(MAX_DECOMPRESSED)}).${p.kind === 'text' ? ' Share the analysis only, or trim the text.' : ''}`,
    };
  }
  const fragment = fragmentOfJson(json);
  const length = linkLength(fragment, baseUrl);
  return { ok: true, fragment, length, advice: shareAdvice(length) };
}

// ---------------------------------------------------------------------------
// Share files
// ---------------------------------------------------------------------------

/** Version of the share-file wrapper (independent of the payload format). */
export const SHARE_FILE_VERSION = 1;

/**
 * A `.dumplens` share file: UTF-8 JSON `{"dumplens":1,"payload":"v1.…"}`.
 * Throws like `encodePayload` on an oversized payload.
 */
export function encodeShareFile(p: SharePayload): Uint8Array {
  return shareFileOfFragment(encodePayload(p));
}

/**
 * The share file of an encoded payload (the fragment text `v1.…`), without
 * compressing it again: the Share dialog holds the fragment its worker made.
 */
export function shareFileOfFragment(fragment: string): Uint8Array {
  const file = { dumplens: SHARE_FILE_VERSION, payload: fragment.startsWith('#') ? fragment.slice(1) : fragment };
  return new TextEncoder().encode(`${JSON.stringify(file, null, 1)}\n`);
}

/**
 * Read a share file. Also accepts a text file holding just a share link or
 * its fragment (people save links in .txt files). Never throws.
 */
export function decodeShareFile(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) {
    return { ok: false, reason: 'The share file is empty.' };
  }
  if (bytes.length > MAX_SHARE_FILE_BYTES) {
    return { ok: false, reason: `The share file is larger than ${formatMiB(MAX_SHARE_FILE_BYTES)}; dumplens share files are much smaller, so this is not one.` };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes).trim();
  } catch {
    return { ok: false, reason: 'This is not a dumplens share file (it is not UTF-8 text).' };
  }
  if (!text.startsWith('{')) {
    // A saved link or fragment.
    if (/^(?:\S*#)?v\d{1,6}\./.test(text)) {
      return decodePayload(text);
    }
    return { ok: false, reason: 'This is not a dumplens share file.' };
  }
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'The share file is damaged: it is not valid JSON.' };
  }
  if (typeof file !== 'object' || file === null || !('dumplens' in file)) {
    return { ok: false, reason: 'This is not a dumplens share file (no “dumplens” field).' };
  }
  const { dumplens, payload } = file as { dumplens: unknown; payload?: unknown };
  if (typeof dumplens !== 'number' || !Number.isInteger(dumplens) || dumplens < 1) {
    return { ok: false, reason: 'The share file is damaged: its “dumplens” version is not a positive whole number.' };
  }
  if (dumplens > SHARE_FILE_VERSION) {
    return {
      ok: false,
      reason: `This share file was made by a newer dumplens (file version ${dumplens}); reload the page to update dumplens, then open it again.`,
    };
  }
  if (typeof payload !== 'string') {
    return { ok: false, reason: 'The share file is damaged: its “payload” is missing.' };
  }
  return decodePayload(payload);
}

/** A file name for a share file: the title made safe for file systems, or `dumplens-share`. */
export function shareFileName(title?: string): string {
  // Characters Windows, macOS or Linux refuse in names, and control characters, become spaces.
  const safe = Array.from(title ?? '', (ch) => (ch.charCodeAt(0) < 32 || ch === '\u007f' || '\\/:*?"<>|'.includes(ch) ? ' ' : ch)).join('');
  const base = safe
    .replace(/\s+/g, ' ')
    // Windows refuses names ending in a dot or space; leading dots hide files elsewhere.
    .replace(/^[.\s]+/, '')
    .slice(0, 80)
    .replace(/[.\s]+$/, '');
  return `${base === '' ? 'dumplens-share' : base}${SHARE_FILE_EXTENSION}`;
}
