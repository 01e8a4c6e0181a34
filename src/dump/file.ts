/**
 * A dump file as the structure readers see it: bounded reads by absolute
 * offset, answered from memory when the file was small enough to read whole
 * (triage dumps and minidumps are a few megabytes), by one slice each
 * otherwise (kernel and full memory dumps are gigabytes).
 */
import type { ByteSource } from './byte-source';
import { ByteView } from './view';

/**
 * Files up to this size are read whole: a triage dump is ~1–3 MB, a
 * user minidump without full memory rarely above a few tens of MB.
 */
export const MAX_WHOLE_READ = 64 * 1024 * 1024;

/** The most one structure read may ask for: no header or stream of interest is larger. */
export const MAX_SLICE = 16 * 1024 * 1024;

/** Bounded, absolute-offset access to a dump file. */
export class DumpFile {
  private constructor(
    private readonly source: ByteSource,
    /** The whole file, when it was small enough to read at once. */
    private readonly whole: ByteView | null,
  ) {}

  /** Open a source: small files are read whole (one read), big ones are read by slices later. */
  static async open(source: ByteSource): Promise<DumpFile> {
    if (source.size <= MAX_WHOLE_READ) {
      const bytes = await source.read(0, source.size);
      return new DumpFile(source, new ByteView(bytes, 0));
    }
    return new DumpFile(source, null);
  }

  /** Size of the file in bytes. */
  get size(): number {
    return this.source.size;
  }

  /** Was the whole file read into memory? */
  get inMemory(): boolean {
    return this.whole !== null;
  }

  /**
   * The `length` bytes at `offset`, or null when the file does not hold them
   * all (truncated) or the request is larger than MAX_SLICE.
   */
  async view(offset: number, length: number): Promise<ByteView | null> {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > this.size) {
      return null;
    }
    if (this.whole !== null) {
      return this.whole.sub(offset, length);
    }
    if (length > MAX_SLICE) {
      return null;
    }
    const bytes = await this.source.read(offset, length);
    return bytes.byteLength === length ? new ByteView(bytes, offset) : null;
  }

  /** Like `view`, but returns what the file holds when it ends early (at most `length` bytes). */
  async viewUpTo(offset: number, length: number): Promise<ByteView> {
    const end = Math.min(this.size, offset + Math.min(length, MAX_SLICE));
    const v = offset >= 0 && end > offset ? await this.view(offset, end - offset) : null;
    return v ?? new ByteView(new Uint8Array(0), Math.max(0, offset));
  }
}
