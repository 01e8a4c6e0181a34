/**
 * Number parsing shared by the knowledge lookups.
 *
 * Debugger output prints values in hex without a prefix (`Arg1: 0000000000041790`,
 * `ffffffff`c0000428`), sometimes with `0x`, and MASM-style decimal as `0n123`.
 * Values can be full 64-bit quantities, so they are parsed to BigInt: a JS
 * number would silently lose the low bits of `0xffffe001a2894a20`.
 */

/** At most 16 hex digits (64 bits) after the optional prefix; anchored, no backtracking. */
const HEX_RE = /^[0-9a-f]{1,16}$/i;
const DEC_RE = /^[0-9]{1,20}$/;

/**
 * Parses a debugger value: hex by default (`1c`, `0x1C`, `fffff800`0123abcd`),
 * decimal with the MASM prefix `0n`. Surrounding spaces and a trailing `h` are
 * not accepted; returns undefined for anything that is not a 64-bit value.
 */
export function parseDebuggerValue(text: string): bigint | undefined {
  let t = text.trim().replace(/`/g, '');
  if (/^0n/i.test(t)) {
    t = t.slice(2);
    if (!DEC_RE.test(t)) {
      return undefined;
    }
    const v = BigInt(t);
    return v <= 0xffffffffffffffffn ? v : undefined;
  }
  if (/^0x/i.test(t)) {
    t = t.slice(2);
  }
  return HEX_RE.test(t) ? BigInt(`0x${t}`) : undefined;
}

/**
 * Folds a value printed as a 64-bit sign extension of a 32-bit quantity
 * (`ffffffffc0000428`) back to 32 bits; returns undefined when the value is
 * wider than 32 bits in any other way.
 */
export function fold32(value: bigint): number | undefined {
  if (value <= 0xffffffffn) {
    return Number(value);
  }
  if (value >> 32n === 0xffffffffn && (value & 0x80000000n) !== 0n) {
    return Number(value & 0xffffffffn);
  }
  return undefined;
}

/** `0x` + upper-case hex, zero-padded to `width` digits. */
export function hexUpper(value: number, width: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(width, '0')}`;
}
