/**
 * Decode the bytes of a text file whose encoding we do not know.
 *
 * Debugger logs reach us as UTF-8 (with or without a BOM), as UTF-16 LE from
 * `.logopen /u` or PowerShell redirection (with or without a BOM), rarely as
 * UTF-16 BE, and as ANSI (Windows-1252) from older tools. The order of checks:
 * BOM → NUL-byte pattern (UTF-16 without BOM) → strict UTF-8 → Windows-1252.
 */

/** Encoding we settled on. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Result of `decodeText`. */
export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** A byte order mark was present (and was removed). */
  bom: boolean;
}

/** How many leading bytes we inspect to guess UTF-16 without a BOM. */
const SNIFF_BYTES = 4096;

/**
 * Guess UTF-16 from where the NUL bytes fall: ASCII text in UTF-16 LE has a
 * NUL in every odd byte (`A\0`), in UTF-16 BE in every even byte (`\0A`).
 * Binary files have NULs in both places, so we require a lopsided pattern.
 */
export function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 4) {
    return null;
  }
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) {
      evenZeros++;
    }
    if (bytes[i + 1] === 0) {
      oddZeros++;
    }
  }
  const pairs = n / 2;
  if (oddZeros / pairs > 0.4 && evenZeros / pairs < 0.05) {
    return 'utf-16le';
  }
  if (evenZeros / pairs > 0.4 && oddZeros / pairs < 0.05) {
    return 'utf-16be';
  }
  return null;
}

/**
 * Windows-1252 characters for bytes 0x80–0x9F (the rest equals Latin-1).
 * Done by hand because some runtimes (Node without full ICU) decode
 * "windows-1252" as plain Latin-1 and would lose curly quotes and dashes.
 * Source: https://www.unicode.org/Public/MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const CHUNK = 8192;
  let out = '';
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    const codes = new Array<string>(end - start);
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      codes[i - start] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b);
    }
    out += codes.join('');
  }
  return out;
}

function decodeWith(encoding: Exclude<TextEncodingName, 'windows-1252'>, bytes: Uint8Array, fatal = false): string {
  // ignoreBOM: true keeps TextDecoder from eating a BOM we did not detect ourselves.
  return new TextDecoder(encoding, { fatal, ignoreBOM: true }).decode(bytes);
}

/**
 * How the bytes of a file start: a byte order mark (its length is `skip`), or
 * NUL bytes that betray UTF-16 without one; otherwise UTF-8 is tried (and
 * Windows-1252 taken when the bytes are not valid UTF-8). Looks at the first
 * few kilobytes only, so a big file can be decoded in slices after it.
 */
export function detectEncoding(head: Uint8Array): { encoding: Exclude<TextEncodingName, 'windows-1252'>; bom: boolean; skip: number } {
  const [b0, b1, b2] = head;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    return { encoding: 'utf-8', bom: true, skip: 3 };
  }
  if (b0 === 0xff && b1 === 0xfe) {
    return { encoding: 'utf-16le', bom: true, skip: 2 };
  }
  if (b0 === 0xfe && b1 === 0xff) {
    return { encoding: 'utf-16be', bom: true, skip: 2 };
  }
  return { encoding: sniffUtf16(head) ?? 'utf-8', bom: false, skip: 0 };
}

/** Decode file bytes to text, detecting the encoding. Never throws. */
export function decodeText(input: ArrayBuffer | Uint8Array): DecodedText {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const { encoding, bom, skip } = detectEncoding(bytes);
  if (encoding !== 'utf-8' || bom) {
    return { text: decodeWith(encoding, bytes.subarray(skip)), encoding, bom };
  }
  try {
    return { text: decodeWith('utf-8', bytes, true), encoding: 'utf-8', bom: false };
  } catch {
    // Not valid UTF-8: an ANSI log (curly quotes as 0x93/0x94, é as 0xE9…).
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252', bom: false };
  }
}
