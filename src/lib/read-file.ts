/**
 * Read a file chosen or dropped by the user and decode it (browser only:
 * decode.ts itself stays free of DOM APIs because the Node CLI uses it).
 */
import { decodeText, type DecodedText } from './decode';

/** Read a `File` (or `Blob`) and decode it with `decodeText`. */
export async function readTextFile(file: Blob): Promise<DecodedText> {
  return decodeText(await readBytes(file));
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
