/**
 * Virtual memory held by a dump: the triage dump's stack and data blocks, a
 * minidump's MemoryList / Memory64List ranges. Each region maps a virtual
 * address range to bytes of the file; reads stay inside one region and are
 * bounded by it, so no hostile size ever turns into a large allocation.
 */
import type { DumpFile } from './file';
import type { MemoryRegion } from './types';
import { ByteView } from './view';

/** Bytes of virtual memory from `start`, read out of the file. */
export class MemoryBlock {
  constructor(
    readonly start: bigint,
    /** The bytes, at offsets 0…size-1 (relative to `start`). */
    readonly view: ByteView,
  ) {}

  get size(): number {
    return this.view.bytes.byteLength;
  }

  /** One past the last address held. */
  get end(): bigint {
    return this.start + BigInt(this.size);
  }

  /** Offset of `address` in the block when `length` bytes from it are held, else -1. */
  offsetOf(address: bigint, length: number): number {
    if (address < this.start || address + BigInt(length) > this.end) {
      return -1;
    }
    return Number(address - this.start);
  }

  u64(address: bigint): bigint | undefined {
    const k = this.offsetOf(address, 8);
    return k < 0 ? undefined : this.view.u64(k);
  }

  u32(address: bigint): number | undefined {
    const k = this.offsetOf(address, 4);
    return k < 0 ? undefined : this.view.u32(k);
  }

  /** A pointer-sized word at `address`. */
  word(address: bigint, is64: boolean): bigint | undefined {
    const k = this.offsetOf(address, is64 ? 8 : 4);
    return k < 0 ? undefined : this.view.ptr(k, is64);
  }

  /** The bytes at `address` (not a copy), or null when not all held. */
  bytes(address: bigint, length: number): Uint8Array | null {
    const k = this.offsetOf(address, length);
    return k < 0 ? null : this.view.slice(k, length);
  }
}

/** The largest single read of virtual memory (a stack is at most a few hundred KB). */
export const MAX_MEMORY_READ = 4 * 1024 * 1024;

/** Virtual memory regions of a dump, looked up by address. */
export class AddressSpace {
  private readonly regions: MemoryRegion[];

  /**
   * @param file the dump file the regions point into
   * @param regions candidate regions; those that do not fit in the file or are empty are dropped
   */
  constructor(
    private readonly file: DumpFile,
    regions: readonly MemoryRegion[],
  ) {
    this.regions = regions
      .filter((r) => r.size > 0 && Number.isSafeInteger(r.fileOffset) && r.fileOffset >= 0 && r.fileOffset + r.size <= file.size)
      .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  }

  /** How many regions are held. */
  get count(): number {
    return this.regions.length;
  }

  /** Total bytes of memory held. */
  get bytes(): number {
    let n = 0;
    for (const r of this.regions) {
      n += r.size;
    }
    return n;
  }

  /** The region holding `length` bytes at `address`, or undefined. */
  find(address: bigint, length = 1): MemoryRegion | undefined {
    const want = address + BigInt(length);
    // Binary search for the last region starting at or below the address…
    let lo = 0;
    let hi = this.regions.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.regions[mid] as MemoryRegion).start <= address) {
        at = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    // …then a few before it: regions of a hostile file may overlap or nest.
    for (let k = at; k >= 0 && k > at - 8; k--) {
      const r = this.regions[k] as MemoryRegion;
      if (r.start <= address && want <= r.start + BigInt(r.size)) {
        return r;
      }
    }
    return undefined;
  }

  /** Is `address` inside any region? */
  holds(address: bigint): boolean {
    return this.find(address) !== undefined;
  }

  /** Read `length` bytes at `address` from one region, or null when not held (or too long). */
  async read(address: bigint, length: number): Promise<MemoryBlock | null> {
    if (length <= 0 || length > MAX_MEMORY_READ) {
      return null;
    }
    const r = this.find(address, length);
    if (r === undefined) {
      return null;
    }
    const view = await this.file.view(r.fileOffset + Number(address - r.start), length);
    return view === null ? null : new MemoryBlock(address, new ByteView(view.bytes, 0));
  }

  /**
   * The part of the region holding `address` from `address` on, at most `max`
   * bytes: a stack from its stack pointer up to the end of what was captured.
   */
  async readFrom(address: bigint, max: number): Promise<MemoryBlock | null> {
    const r = this.find(address);
    if (r === undefined) {
      return null;
    }
    const available = Number(r.start + BigInt(r.size) - address);
    return this.read(address, Math.min(available, max, MAX_MEMORY_READ));
  }
}
