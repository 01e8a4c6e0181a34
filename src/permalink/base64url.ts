/**
 * base64url (RFC 4648 §5) without padding: the alphabet `A–Z a–z 0–9 - _`,
 * which survives URL fragments, forum software and chat clients without
 * percent-encoding. `btoa`/`atob` are avoided on purpose: they work on
 * "binary strings" and choke on megabyte-sized inputs.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Character code → 6-bit value, or -1 for characters outside the alphabet. */
const LOOKUP: Int16Array = (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) {
    table[ALPHABET.charCodeAt(i)] = i;
  }
  return table;
})();

/** Encode bytes as unpadded base64url. */
export function encodeBase64Url(bytes: Uint8Array): string {
  const parts: string[] = [];
  // Build the string in slices so one huge array of characters is never joined at once.
  const SLICE = 3 * 16384;
  for (let base = 0; base < bytes.length; base += SLICE) {
    const end = Math.min(bytes.length, base + SLICE);
    let out = '';
    let i = base;
    for (; i + 2 < end; i += 3) {
      const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
      out += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + ALPHABET[(n >>> 6) & 63]! + ALPHABET[n & 63]!;
    }
    const rest = end - i;
    if (rest === 1) {
      const n = (bytes[i] as number) << 16;
      out += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]!;
    } else if (rest === 2) {
      const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
      out += ALPHABET[n >>> 18]! + ALPHABET[(n >>> 12) & 63]! + ALPHABET[(n >>> 6) & 63]!;
    }
    parts.push(out);
  }
  return parts.join('');
}

/** Result of `decodeBase64Url`. */
export type Base64UrlResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'character'; position: number }
  | { ok: false; reason: 'length' }
  | { ok: false; reason: 'trailing-bits' };

/**
 * Decode unpadded base64url. Trailing `=` padding is tolerated (some tools
 * add it); any other character outside the alphabet is refused with its
 * position; a length that leaves a single dangling character (length
 * ≡ 1 mod 4), or a last character with bits set past the last byte, is
 * refused because no encoder writes it.
 */
export function decodeBase64Url(text: string): Base64UrlResult {
  let len = text.length;
  while (len > 0 && text.charCodeAt(len - 1) === 61 /* = */) {
    len--;
  }
  if (len % 4 === 1) {
    return { ok: false, reason: 'length' };
  }
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? (LOOKUP[c] as number) : -1;
    if (v < 0) {
      return { ok: false, reason: 'character', position: i };
    }
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  // The bits of the last character past the last whole byte must be zero: an encoder never sets
  // them, so a non-zero value means the character was changed (two texts must not decode alike).
  if ((acc & ((1 << bits) - 1)) !== 0) {
    return { ok: false, reason: 'trailing-bits' };
  }
  return { ok: true, bytes: o === out.length ? out : out.subarray(0, o) };
}
