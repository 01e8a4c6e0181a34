/** A big file is decoded in slices with the same result as decodeText on all of it at once. */
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/lib/decode';
import { DECODE_SLICE_BYTES, readTextFile } from '../../../src/lib/read-file';

const LINE = 'fffff880`03bd22c0 nt!KiSwapContext+0x7a “quoted” é \u{1F600}\r\n';

function utf16le(text: string, bom: boolean): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  if (bom) {
    out.set([0xff, 0xfe]);
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[(bom ? 2 : 0) + 2 * i] = c & 0xff;
    out[(bom ? 2 : 0) + 2 * i + 1] = c >> 8;
  }
  return out;
}

describe('readTextFile on a file of several slices', () => {
  const text = LINE.repeat(Math.ceil((2.5 * DECODE_SLICE_BYTES) / LINE.length));

  it.each<[string, Uint8Array]>([
    ['UTF-8 (characters cut across slices)', new TextEncoder().encode(text)],
    ['UTF-8 with a BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text.slice(0, 3 * DECODE_SLICE_BYTES))])],
    ['UTF-16 LE with a BOM', utf16le(text, true)],
    ['UTF-16 LE without a BOM', utf16le(text.replace(/[^\x20-\x7e\r\n]/g, '?'), false)],
    ['Windows-1252 (not valid UTF-8)', Uint8Array.from(text.replace(/[^\x20-\x7e\r\n]/g, '?') + '\x93quoted\x94 caf\xe9', (c) => c.charCodeAt(0))],
  ])('%s', async (_name, bytes) => {
    expect(bytes.length).toBeGreaterThan(DECODE_SLICE_BYTES);
    const got = await readTextFile(new Blob([bytes as Uint8Array<ArrayBuffer>]));
    const want = decodeText(bytes);
    expect(got.encoding).toBe(want.encoding);
    expect(got.bom).toBe(want.bom);
    expect(got.text.length).toBe(want.text.length);
    expect(got.text === want.text).toBe(true);
  });
});
