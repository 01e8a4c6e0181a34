/**
 * Where the reader gets its bytes: an abstract, asynchronous "byte source".
 *
 * A kernel or full memory dump can be gigabytes; the reader never asks for
 * the whole file, only for the slices its headers point at. The browser
 * passes a File (a Blob: `Blob.slice` reads just that part from disk), the
 * Node CLI a file handle (src/cli/node-source.ts), tests a Uint8Array.
 * Nothing here touches the DOM: a Blob is described by the two members used.
 */

/** Random access to a file's bytes. */
export interface ByteSource {
  /** Size of the file in bytes. */
  readonly size: number;
  /**
   * The bytes at `offset`, at most `length` of them (fewer at the end of the
   * file). Callers keep `length` small except for files they chose to read
   * whole (see MAX_WHOLE_READ in read.ts). May reject on an I/O error.
   */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A source over bytes already in memory. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.byteLength,
    read(offset, length) {
      const start = Math.max(0, Math.min(offset, bytes.byteLength));
      const end = Math.max(start, Math.min(start + Math.max(0, length), bytes.byteLength));
      return Promise.resolve(bytes.subarray(start, end));
    },
  };
}

/** What the reader needs of a Blob (a File in the browser, a Blob in Node 20+). */
export interface BlobLike {
  readonly size: number;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** A source over a Blob: each read is one `slice`, so only the bytes asked for are loaded. */
export function blobSource(blob: BlobLike): ByteSource {
  return {
    size: blob.size,
    async read(offset, length) {
      const start = Math.max(0, Math.min(offset, blob.size));
      const end = Math.max(start, Math.min(start + Math.max(0, length), blob.size));
      return new Uint8Array(await blob.slice(start, end).arrayBuffer());
    },
  };
}
