/**
 * Read a file chosen or dropped by the user and decode it (browser only:
 * decode.ts itself stays free of DOM APIs because the Node CLI uses it).
 *
 * A big file is read and decoded a slice at a time, one slice per task:
 * decoding 60 MB at once blocks the page for a quarter of a second or more.
 */
import { decodeText, detectEncoding, type DecodedText } from './decode';
import { nextTask } from './slices';

/** Files up to this size are decoded in one go; bigger ones a slice of this size at a time. */
export const DECODE_SLICE_BYTES = 1 << 20;
/** What `detectEncoding` looks at. */
const HEAD_BYTES = 4096;

/** Read a `File` (or `Blob`) and decode it with the rules of `decodeText`. */
export async function readTextFile(file: Blob): Promise<DecodedText> {
  if (file.size <= DECODE_SLICE_BYTES || typeof TextDecoder === 'undefined') {
    return decodeText(await readBytes(file));
  }
  const { encoding, bom, skip } = detectEncoding(new Uint8Array(await readBytes(file.slice(0, HEAD_BYTES))));
  if (encoding !== 'utf-8' || bom) {
    return { text: await decodeSlices(file, skip, encoding, false), encoding, bom };
  }
  try {
    return { text: await decodeSlices(file, 0, 'utf-8', true), encoding: 'utf-8', bom: false };
  } catch (err) {
    if (!(err instanceof TypeError)) {
      throw err;
    }
    // Not valid UTF-8: an ANSI log. The WHATWG windows-1252 decoder of browsers maps 0x80–0x9F as decode.ts does.
    return { text: await decodeSlices(file, 0, 'windows-1252', false), encoding: 'windows-1252', bom: false };
  }
}

/** Decode `file` from byte `from` in slices, one per task; `fatal`: a TypeError on invalid bytes. */
async function decodeSlices(file: Blob, from: number, encoding: string, fatal: boolean): Promise<string> {
  // ignoreBOM: true keeps TextDecoder from eating a BOM we did not detect ourselves.
  const decoder = new TextDecoder(encoding, { fatal, ignoreBOM: true });
  const parts: string[] = [];
  for (let at = from; at < file.size; at += DECODE_SLICE_BYTES) {
    const bytes = await readBytes(file.slice(at, at + DECODE_SLICE_BYTES));
    await nextTask();
    parts.push(decoder.decode(bytes, { stream: true }));
  }
  parts.push(decoder.decode());
  await nextTask();
  // One copy into a flat string, here rather than at the first slice of it somewhere else,
  // in a task of its own: what the caller does with the text comes in the next one.
  const text = parts.join('');
  await nextTask();
  return text;
}

/** The bytes of a `File` or `Blob` (of a slice of one: `blob.slice(0, 8)` reads only those). */
export function readBytes(file: Blob): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') {
    return file.arrayBuffer();
  }
  // Older engines (and jsdom) lack Blob.arrayBuffer: fall back to FileReader.
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsArrayBuffer(file);
  });
}
