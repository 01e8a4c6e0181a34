/**
 * A dump reader byte source over a Node file handle: each read is one
 * positioned `read`, so a multi-gigabyte kernel dump is never loaded whole.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { ByteSource } from '../dump/byte-source.ts';

/** An open file as a ByteSource; call `close` when done. */
export interface FileSource {
  source: ByteSource;
  close(): Promise<void>;
}

async function readAt(handle: FileHandle, offset: number, length: number): Promise<Uint8Array> {
  const buffer = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
    if (bytesRead === 0) {
      break;
    }
    done += bytesRead;
  }
  return buffer.subarray(0, done);
}

/** Open `path` for reading by slices. */
export async function openFileSource(path: string): Promise<FileSource> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    source: {
      size,
      read(offset, length) {
        const start = Math.max(0, Math.min(offset, size));
        return readAt(handle, start, Math.max(0, Math.min(length, size - start)));
      },
    },
    close: () => handle.close(),
  };
}
