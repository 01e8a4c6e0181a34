/**
 * What a kernel or full memory dump (dump types 1, 5, 6, 8–10) says about
 * its own layout, from the header that follows the main one (at 0x2000 on
 * 64-bit, 0x1000 on 32-bit). See ../shared/dumps/FORMATS.md §4:
 *   types 5, 6  `SDMP`/`FDMP` then `DUMP`; +0x20 FirstPage (file offset of the
 *               first stored page), +0x28 TotalPresentPages, +0x30 Pages (bits
 *               in the bitmap), +0x38 the bitmap of stored physical pages
 *   type 1      the physical pages themselves, in the order of the header's runs
 *   types 8–10  an `RDMP` header {u32 Marker 0x40, `RDMP`, `DUMP`, u32, u64
 *               MetadataSize, u64 FirstPageOffset} (one source only)
 *
 * Only these few fields are read: reaching the driver list of such a dump
 * means translating virtual addresses through the page tables, which this
 * reader does not do (see read.ts for what the derived text says instead).
 */
import type { ByteView } from '../view';

/** The layout of the stored memory, as far as the headers tell. */
export interface MemoryDumpLayout {
  /** `bitmap` (SDMP/FDMP), `raw` (type 1, pages after the header), `rdmp` (types 8–10) or `unknown`. */
  form: 'bitmap' | 'raw' | 'rdmp' | 'unknown';
  /** The signature found at the start of the second header, as text (`SDMP`, `FDMP`, `RDMP`…). */
  signature: string;
  /** File offset of the first stored page. */
  firstPage: bigint | null;
  /** Number of pages stored. */
  presentPages: bigint | null;
  /** File size the headers imply (first page + stored pages × 4 KB), when they say enough. */
  expectedSize: bigint | null;
}

const PAGE_SIZE = 0x1000n;

/** Read the second header of a memory dump; `at` is the main header's size. */
export function readMemoryDumpLayout(view: ByteView, at: number, dumpType: number | null, physicalPages: bigint | null): MemoryDumpLayout {
  const sig = view.tag(at);
  const printable = /^[\x20-\x7e]{4}$/.test(sig) ? sig : '';
  if ((sig === 'SDMP' || sig === 'FDMP') && view.tag(at + 4) === 'DUMP') {
    const firstPage = view.u64(at + 0x20) ?? null;
    const presentPages = view.u64(at + 0x28) ?? null;
    return {
      form: 'bitmap',
      signature: sig,
      firstPage,
      presentPages,
      expectedSize: firstPage !== null && presentPages !== null ? firstPage + presentPages * PAGE_SIZE : null,
    };
  }
  if (view.tag(at + 4) === 'RDMP') {
    const firstPage = view.u64(at + 0x18) ?? null;
    return { form: 'rdmp', signature: 'RDMP', firstPage, presentPages: null, expectedSize: null };
  }
  if (dumpType === 1) {
    return {
      form: 'raw',
      signature: printable,
      firstPage: BigInt(at),
      presentPages: physicalPages,
      expectedSize: physicalPages !== null ? BigInt(at) + physicalPages * PAGE_SIZE : null,
    };
  }
  return { form: 'unknown', signature: printable, firstPage: null, presentPages: null, expectedSize: null };
}
