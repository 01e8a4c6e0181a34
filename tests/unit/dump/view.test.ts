/** ByteView: every read is bounded by the bytes held, and says so instead of throwing. */
import { describe, expect, it } from 'vitest';
import { ByteView } from '../../../src/dump/view';
import { bytesSource, blobSource } from '../../../src/dump/byte-source';
import { DumpFile, MAX_SLICE } from '../../../src/dump/file';

describe('ByteView', () => {
  const v = new ByteView(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 0x41, 0, 0x42, 0, 0, 0]), 0x100);

  it('reads little-endian integers at absolute offsets', () => {
    expect(v.u8(0x100)).toBe(1);
    expect(v.u16(0x100)).toBe(0x0201);
    expect(v.u32(0x100)).toBe(0x04030201);
    expect(v.u64(0x100)).toBe(0x0807060504030201n);
    expect(v.ptr(0x100, false)).toBe(0x04030201n);
  });

  it('answers undefined or null outside the bytes held, for any offset', () => {
    for (const at of [0, 0xff, 0x10e, 0x10b, -1, 1.5, Number.MAX_SAFE_INTEGER, Number.NaN]) {
      expect(v.u32(at)).toBeUndefined();
    }
    expect(v.u64(0x107)).toBeUndefined();
    expect(v.slice(0x100, 15)).toBeNull();
    expect(v.sub(0x10d, 2)).toBeNull();
    expect(v.tag(0x10c, 4)).toBe('');
    expect(v.utf16(0x10c, 4)).toBeNull();
  });

  it('reads UTF-16 up to the first NUL and at most `max` characters', () => {
    expect(v.utf16(0x108, 3)).toBe('AB');
    expect(v.utf16(0x108, 1000, 1)).toBe('A');
  });

  it('keeps absolute offsets in sub-views', () => {
    const s = v.sub(0x104, 4);
    expect(s?.u32(0x104)).toBe(0x08070605);
    expect(s?.u32(0x100)).toBeUndefined();
  });
});

describe('byte sources and DumpFile', () => {
  const bytes = new Uint8Array(100).map((_, k) => k);

  it('clamp reads to the file', async () => {
    const src = bytesSource(bytes);
    expect((await src.read(98, 10)).length).toBe(2);
    expect((await src.read(200, 10)).length).toBe(0);
    const blob = blobSource(new Blob([bytes]));
    expect([...(await blob.read(10, 3))]).toEqual([10, 11, 12]);
  });

  it('refuse reads past the end or over the slice limit', async () => {
    const f = await DumpFile.open(bytesSource(bytes));
    expect(f.inMemory).toBe(true);
    expect(await f.view(90, 20)).toBeNull();
    expect((await f.view(90, 10))?.u8(99)).toBe(99);
    const huge = { size: 4 * 1024 * 1024 * 1024, read: (_o: number, n: number) => Promise.resolve(new Uint8Array(Math.max(0, n))) };
    const big = await DumpFile.open(huge);
    expect(big.inMemory).toBe(false);
    expect(await big.view(0, MAX_SLICE + 1)).toBeNull();
    expect((await big.view(0, 16))?.bytes.length).toBe(16);
  });
});
