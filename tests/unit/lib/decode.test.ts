import { describe, expect, it } from 'vitest';
import { decodeText, sniffUtf16 } from '../../../src/lib/decode';
import { readTextFile } from '../../../src/lib/read-file';

const SAMPLE = '0: kd> !analyze -v\r\nBugCheck 9F, {4, 258, fffffa8007005660, fffff800053e83d0}\r\nImage path: \\SystemRoot\\drivers\\ZTEusbnet.sys “quoted” é\r\n';

function utf16le(text: string, bom: boolean): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  let o = 0;
  if (bom) {
    out[o++] = 0xff;
    out[o++] = 0xfe;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[o++] = c & 0xff;
    out[o++] = c >> 8;
  }
  return out;
}

function utf16be(text: string, bom: boolean): Uint8Array {
  const le = utf16le(text, false);
  const out = new Uint8Array((bom ? 2 : 0) + le.length);
  let o = 0;
  if (bom) {
    out[o++] = 0xfe;
    out[o++] = 0xff;
  }
  for (let i = 0; i < le.length; i += 2) {
    out[o++] = le[i + 1]!;
    out[o++] = le[i]!;
  }
  return out;
}

describe('decodeText', () => {
  it('decodes plain UTF-8 without a BOM', () => {
    const r = decodeText(new TextEncoder().encode(SAMPLE));
    expect(r).toEqual({ text: SAMPLE, encoding: 'utf-8', bom: false });
  });

  it('removes a UTF-8 byte order mark', () => {
    const body = new TextEncoder().encode(SAMPLE);
    const bytes = new Uint8Array(body.length + 3);
    bytes.set([0xef, 0xbb, 0xbf]);
    bytes.set(body, 3);
    const r = decodeText(bytes);
    expect(r.text).toBe(SAMPLE);
    expect(r.encoding).toBe('utf-8');
    expect(r.bom).toBe(true);
  });

  it('decodes UTF-16 LE with a BOM and drops the BOM', () => {
    const r = decodeText(utf16le(SAMPLE, true));
    expect(r).toEqual({ text: SAMPLE, encoding: 'utf-16le', bom: true });
  });

  it('decodes UTF-16 BE with a BOM', () => {
    const r = decodeText(utf16be(SAMPLE, true));
    expect(r).toEqual({ text: SAMPLE, encoding: 'utf-16be', bom: true });
  });

  it('detects UTF-16 LE without a BOM from the NUL byte pattern', () => {
    const r = decodeText(utf16le(SAMPLE, false));
    expect(r).toEqual({ text: SAMPLE, encoding: 'utf-16le', bom: false });
  });

  it('detects UTF-16 BE without a BOM from the NUL byte pattern', () => {
    const r = decodeText(utf16be(SAMPLE, false));
    expect(r).toEqual({ text: SAMPLE, encoding: 'utf-16be', bom: false });
  });

  it('accepts an ArrayBuffer as well as a Uint8Array', () => {
    const bytes = utf16le('kd> k', true);
    const r = decodeText(bytes.buffer.slice(0) as ArrayBuffer);
    expect(r.text).toBe('kd> k');
  });

  it('falls back to Windows-1252 when the bytes are not valid UTF-8', () => {
    // “kd” in Windows-1252: 0x93 k d 0x94, then é as 0xE9.
    const r = decodeText(new Uint8Array([0x93, 0x6b, 0x64, 0x94, 0x20, 0xe9]));
    expect(r).toEqual({ text: '\u201ckd\u201d \u00e9', encoding: 'windows-1252', bom: false });
  });

  it('returns an empty string for an empty file', () => {
    expect(decodeText(new Uint8Array(0))).toEqual({ text: '', encoding: 'utf-8', bom: false });
  });

  it('does not mistake binary data with NULs everywhere for UTF-16', () => {
    const bytes = new Uint8Array(512);
    for (let i = 0; i < bytes.length; i++) {
      bytes[i] = i % 3 === 0 ? 0 : (i * 37) & 0xff;
    }
    expect(sniffUtf16(bytes)).toBeNull();
  });

  it('reads a Blob through readTextFile', async () => {
    const blob = new Blob([utf16le(SAMPLE, true) as BlobPart]);
    const r = await readTextFile(blob);
    expect(r.text).toBe(SAMPLE);
    expect(r.encoding).toBe('utf-16le');
  });
});
