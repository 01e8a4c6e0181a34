/**
 * A bounds-checked window over bytes read from a dump file.
 *
 * Every structure reader in this folder reads through a `ByteView`: offsets
 * are absolute file offsets (the public headers give absolute offsets and
 * RVAs), and every read checks that it falls inside the bytes actually held.
 * A read outside them returns `undefined` (or `null` for a sub-view), never
 * garbage and never an exception, so a truncated or hostile file ends as a
 * `{ ok: false, reason }` one level up rather than as a RangeError.
 *
 * Integers are little-endian, as in every Windows dump. 64-bit values are
 * BigInt: kernel addresses (0xfffff804`8b58334c) do not fit a double.
 */

const UTF8 = new TextDecoder('utf-8');

/** Bytes of a file from `base` (its absolute offset) on. */
export class ByteView {
  private readonly data: DataView;

  /**
   * @param bytes the bytes held (a copy is not made)
   * @param base absolute file offset of `bytes[0]`
   */
  constructor(
    readonly bytes: Uint8Array,
    readonly base = 0,
  ) {
    this.data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** One past the last absolute offset held. */
  get end(): number {
    return this.base + this.bytes.byteLength;
  }

  /** Are the `length` bytes at absolute `offset` all held? Rejects negative, fractional and unsafe values. */
  has(offset: number, length: number): boolean {
    return (
      Number.isSafeInteger(offset) &&
      Number.isSafeInteger(length) &&
      length >= 0 &&
      offset >= this.base &&
      offset + length <= this.end
    );
  }

  u8(offset: number): number | undefined {
    return this.has(offset, 1) ? this.data.getUint8(offset - this.base) : undefined;
  }

  u16(offset: number): number | undefined {
    return this.has(offset, 2) ? this.data.getUint16(offset - this.base, true) : undefined;
  }

  u32(offset: number): number | undefined {
    return this.has(offset, 4) ? this.data.getUint32(offset - this.base, true) : undefined;
  }

  i32(offset: number): number | undefined {
    return this.has(offset, 4) ? this.data.getInt32(offset - this.base, true) : undefined;
  }

  u64(offset: number): bigint | undefined {
    return this.has(offset, 8) ? this.data.getBigUint64(offset - this.base, true) : undefined;
  }

  /** A pointer-sized value: u64, or u32 widened, as the dump's word size says. */
  ptr(offset: number, is64: boolean): bigint | undefined {
    if (is64) {
      return this.u64(offset);
    }
    const v = this.u32(offset);
    return v === undefined ? undefined : BigInt(v);
  }

  /** The bytes at `offset` (a subarray, not a copy), or null when not all held. */
  slice(offset: number, length: number): Uint8Array | null {
    return this.has(offset, length) ? this.bytes.subarray(offset - this.base, offset - this.base + length) : null;
  }

  /** A view of `length` bytes at `offset` (same absolute offsets), or null when not all held. */
  sub(offset: number, length: number): ByteView | null {
    const b = this.slice(offset, length);
    return b === null ? null : new ByteView(b, offset);
  }

  /** Four ASCII characters at `offset` (a signature such as `MDMP`), or '' when not held. */
  tag(offset: number, length = 4): string {
    const b = this.slice(offset, length);
    return b === null ? '' : String.fromCharCode(...b);
  }

  /**
   * UTF-16 LE text of `chars` code units at `offset`, cut at the first NUL and
   * at `max` units (names are short; a hostile length must not build a huge
   * string). Null when the bytes are not all held.
   */
  utf16(offset: number, chars: number, max = 1024): string | null {
    const n = Math.min(chars, max);
    if (!this.has(offset, n * 2)) {
      return null;
    }
    let out = '';
    for (let k = 0; k < n; k++) {
      const c = this.data.getUint16(offset - this.base + 2 * k, true);
      if (c === 0) {
        break;
      }
      out += String.fromCharCode(c);
    }
    return out;
  }

  /** NUL-terminated UTF-8 text at `offset`, at most `max` bytes (PDB names in CodeView records). */
  cstring(offset: number, max: number): string | null {
    if (!this.has(offset, 1)) {
      return null;
    }
    const limit = Math.min(max, this.end - offset);
    const b = this.bytes.subarray(offset - this.base, offset - this.base + limit);
    const nul = b.indexOf(0);
    return UTF8.decode(nul < 0 ? b : b.subarray(0, nul));
  }
}
