/**
 * The triage dump ("small memory dump", dump type 4): TRIAGE_DUMP64/32 at
 * 0x2000 (64-bit) or 0x1000 (32-bit), and the parts it points at — the
 * driver list and its string pool, the unloaded drivers, the faulting
 * thread's stack, the memory blocks and the debugger data block. Layouts as
 * in ../shared/dumps/FORMATS.md §3, checked against the x64 and ARM64
 * samples; the 32-bit entries are from the headers only.
 *
 * Every `…Offset` is an absolute file offset. Each count is checked against
 * the bytes held before anything is read or allocated for it; a part that
 * does not fit is left out with a note, the rest is still read.
 */
import { debuggerModuleName, fileNameOf } from '../modules';
import { fail, ok, type LoadedModule, type MemoryRegion, type Result, type UnloadedModule } from '../types';
import type { ByteView } from '../view';

/** TRIAGE_DUMP64/32, decoded. */
export interface TriageHeader {
  servicePackBuild: number;
  sizeOfDump: number;
  validOffset: number;
  contextOffset: number;
  exceptionOffset: number;
  mmOffset: number;
  unloadedDriversOffset: number;
  prcbOffset: number;
  processOffset: number;
  threadOffset: number;
  callStackOffset: number;
  sizeOfCallStack: number;
  driverListOffset: number;
  driverCount: number;
  stringPoolOffset: number;
  stringPoolSize: number;
  brokenDriverOffset: number;
  triageOptions: number;
  topOfStack: bigint;
  dataPageAddress: bigint;
  dataPageOffset: number;
  dataPageSize: number;
  debuggerDataOffset: number;
  debuggerDataSize: number;
  dataBlocksOffset: number;
  dataBlocksCount: number;
}

/** Everything read from a triage dump beyond the main header. */
export interface TriageDump {
  header: TriageHeader;
  /** The `TRGD` mark sits at SizeOfDump − 4, as the writer leaves it when it finished. */
  complete: boolean;
  drivers: LoadedModule[];
  unloaded: UnloadedModule[];
  /** The faulting thread's captured stack: [TopOfStack, TopOfStack + SizeOfCallStack). */
  stack: MemoryRegion | null;
  /** Memory blocks (code pages, windows around stack references) and the data page. */
  blocks: MemoryRegion[];
  /** KernBase from the debugger data block (`KDBG`). */
  kernBase: bigint | null;
  /** What could not be read, in words. */
  notes: string[];
}

/** Size of TRIAGE_DUMP64/32 as far as it is read here. */
const TRIAGE_HEADER_SIZE = { 64: 0x80, 32: 0x68 } as const;
/** The smallest driver entry that holds TimeDateStamp: x64 +0x88, x86 +0x48. */
const MIN_DRIVER_ENTRY = { 64: 0x8c, 32: 0x4c } as const;
/** Driver entry size when the gap to the string pool does not give one. */
const DEFAULT_DRIVER_ENTRY = { 64: 0x90, 32: 0x4c } as const;
/** Unloaded driver entry: 16-byte name header, 12 UTF-16 characters, Start, End. */
const UNLOADED_ENTRY = { 64: 0x38, 32: 0x28 } as const;
/** Windows keeps the last 50 unloaded drivers (MI_UNLOADED_DRIVERS); more is corruption. */
const MAX_UNLOADED = 1024;
/** Drivers in one list: a busy server loads a few hundred. */
const MAX_DRIVERS = 0x4000;
/** Longest driver name read from the string pool, in characters. */
const MAX_NAME_CHARS = 260;

/** Decode TRIAGE_DUMP at `at` (0x2000 or 0x1000). */
export function readTriageHeader(view: ByteView, at: number, is64: boolean): Result<TriageHeader> {
  if (!view.has(at, is64 ? TRIAGE_HEADER_SIZE[64] : TRIAGE_HEADER_SIZE[32])) {
    return fail('the triage dump header is cut off');
  }
  const u = (k: number) => view.u32(at + k) as number;
  const common = {
    servicePackBuild: u(0x00),
    sizeOfDump: u(0x04),
    validOffset: u(0x08),
    contextOffset: u(0x0c),
    exceptionOffset: u(0x10),
    mmOffset: u(0x14),
    unloadedDriversOffset: u(0x18),
    prcbOffset: u(0x1c),
    processOffset: u(0x20),
    threadOffset: u(0x24),
    callStackOffset: u(0x28),
    sizeOfCallStack: u(0x2c),
    driverListOffset: u(0x30),
    driverCount: u(0x34),
    stringPoolOffset: u(0x38),
    stringPoolSize: u(0x3c),
    brokenDriverOffset: u(0x40),
    triageOptions: u(0x44),
  };
  if (is64) {
    return ok({
      ...common,
      topOfStack: view.u64(at + 0x48) as bigint,
      dataPageAddress: view.u64(at + 0x60) as bigint,
      dataPageOffset: u(0x68),
      dataPageSize: u(0x6c),
      debuggerDataOffset: u(0x70),
      debuggerDataSize: u(0x74),
      dataBlocksOffset: u(0x78),
      dataBlocksCount: u(0x7c),
    });
  }
  return ok({
    ...common,
    topOfStack: BigInt(u(0x48)),
    dataPageAddress: BigInt(u(0x4c)),
    dataPageOffset: u(0x50),
    dataPageSize: u(0x54),
    debuggerDataOffset: u(0x58),
    debuggerDataSize: u(0x5c),
    dataBlocksOffset: u(0x60),
    dataBlocksCount: u(0x64),
  });
}

/**
 * A record of the string pool at absolute `at`: {u32 Length in UTF-16
 * characters, the characters, NUL}, kept inside [poolStart, poolEnd).
 */
function poolString(view: ByteView, at: number, poolStart: number, poolEnd: number): string | null {
  if (at < poolStart || at + 4 > poolEnd) {
    return null;
  }
  const chars = view.u32(at);
  if (chars === undefined || chars === 0 || at + 4 + chars * 2 > poolEnd) {
    return null;
  }
  return view.utf16(at + 4, chars, MAX_NAME_CHARS);
}

/** The driver list: DriverCount entries from DriverListOffset, names from the string pool. */
function readDrivers(view: ByteView, h: TriageHeader, is64: boolean, notes: string[]): LoadedModule[] {
  const bits = is64 ? 64 : 32;
  if (h.driverCount === 0 || h.driverListOffset === 0) {
    return [];
  }
  if (h.driverCount > MAX_DRIVERS) {
    notes.push(`the driver list claims ${h.driverCount} entries: too many to be real, not read`);
    return [];
  }
  // The entry size changed between builds: in the samples the string pool starts right after
  // the list, so the gap divided by the count is the entry size. Otherwise use the usual size.
  const gap = h.stringPoolOffset - h.driverListOffset;
  let stride: number = DEFAULT_DRIVER_ENTRY[bits];
  if (gap > 0 && gap % h.driverCount === 0) {
    const s = gap / h.driverCount;
    if (s >= MIN_DRIVER_ENTRY[bits] && s <= 0x200 && s % 4 === 0) {
      stride = s;
    }
  }
  if (!view.has(h.driverListOffset, h.driverCount * stride)) {
    notes.push(`the driver list (${h.driverCount} entries of ${stride} bytes at 0x${h.driverListOffset.toString(16)}) runs past the end of the file`);
    return [];
  }
  const poolStart = h.stringPoolOffset;
  const poolEnd = Math.min(view.end, h.stringPoolOffset + h.stringPoolSize);
  const out: LoadedModule[] = [];
  let unnamed = 0;
  for (let k = 0; k < h.driverCount; k++) {
    const e = h.driverListOffset + k * stride;
    const nameAt = view.u32(e) as number;
    const base = view.ptr(e + (is64 ? 0x38 : 0x1c), is64) as bigint;
    const size = view.u32(e + (is64 ? 0x48 : 0x24)) as number;
    const checksum = view.u32(e + (is64 ? 0x80 : 0x44)) as number;
    const timestamp = view.u32(e + (is64 ? 0x88 : 0x48)) as number;
    // The pool holds the path the loader used (\SystemRoot\system32\ntoskrnl.exe).
    const path = poolString(view, nameAt, poolStart, poolEnd);
    if (path === null || path === '') {
      unnamed++;
    }
    const file = path !== null && path !== '' ? fileNameOf(path) : `unknown_${k}.sys`;
    const entry: LoadedModule = { name: debuggerModuleName(file, true), image: file, base, size, timestamp, checksum };
    if (path !== null && path !== '' && path !== file) {
      entry.path = path;
    }
    out.push(entry);
  }
  if (unnamed > 0) {
    notes.push(`${unnamed} driver name${unnamed > 1 ? 's' : ''} could not be read from the string pool`);
  }
  return out;
}

/** MI_UNLOADED_DRIVERS: u32 count, padding to the pointer size, then the entries. */
function readUnloaded(view: ByteView, h: TriageHeader, is64: boolean, notes: string[]): UnloadedModule[] {
  const at = h.unloadedDriversOffset;
  if (at === 0) {
    return [];
  }
  const count = view.u32(at);
  if (count === undefined) {
    notes.push('the unloaded driver list lies outside the file');
    return [];
  }
  const first = at + (is64 ? 8 : 4);
  const entry = is64 ? UNLOADED_ENTRY[64] : UNLOADED_ENTRY[32];
  if (count > MAX_UNLOADED || !view.has(first, count * entry)) {
    notes.push(`the unloaded driver list claims ${count} entries, more than the file holds`);
    return [];
  }
  const out: UnloadedModule[] = [];
  for (let k = 0; k < count; k++) {
    const e = first + k * entry;
    // UNICODE_STRING Length (bytes) of the name, whose first 12 characters are kept in the entry.
    const nameBytes = view.u16(e) as number;
    const nameAt = e + (is64 ? 0x10 : 0x08);
    const image = view.utf16(nameAt, Math.min(12, Math.floor(nameBytes / 2))) ?? '';
    const start = view.ptr(e + (is64 ? 0x28 : 0x20), is64) as bigint;
    const end = view.ptr(e + (is64 ? 0x30 : 0x24), is64) as bigint;
    const file = image !== '' ? image : 'unknown.sys';
    out.push({ name: debuggerModuleName(file, true), image: file, base: start, end: end > start ? end : start });
  }
  return out;
}

/** TRIAGE_DATA_BLOCK {u64 Address, u32 Offset, u32 Size} × DataBlocksCount, and the data page. */
function readBlocks(view: ByteView, h: TriageHeader, notes: string[]): MemoryRegion[] {
  const out: MemoryRegion[] = [];
  if (h.dataBlocksCount > 0 && h.dataBlocksOffset !== 0) {
    if (!view.has(h.dataBlocksOffset, h.dataBlocksCount * 16)) {
      notes.push(`the memory block list claims ${h.dataBlocksCount} entries, more than the file holds`);
    } else {
      let outside = 0;
      for (let k = 0; k < h.dataBlocksCount; k++) {
        const e = h.dataBlocksOffset + k * 16;
        const start = view.u64(e) as bigint;
        const fileOffset = view.u32(e + 8) as number;
        const size = view.u32(e + 12) as number;
        if (size === 0 || !view.has(fileOffset, size)) {
          outside++;
          continue;
        }
        out.push({ start, size, fileOffset });
      }
      if (outside > 0) {
        notes.push(`${outside} memory block${outside > 1 ? 's' : ''} point outside the file and were skipped`);
      }
    }
  }
  if (h.dataPageSize > 0 && h.dataPageOffset !== 0 && view.has(h.dataPageOffset, h.dataPageSize)) {
    out.push({ start: h.dataPageAddress, size: h.dataPageSize, fileOffset: h.dataPageOffset });
  }
  return out;
}

/** KernBase from the debugger data block: tag `KDBG` at +0x10, KernBase (u64) at +0x18. */
function readKernBase(view: ByteView, h: TriageHeader): bigint | null {
  if (h.debuggerDataOffset === 0 || h.debuggerDataSize < 0x20 || view.tag(h.debuggerDataOffset + 0x10) !== 'KDBG') {
    return null;
  }
  return view.u64(h.debuggerDataOffset + 0x18) ?? null;
}

/** Read a triage dump's parts; `view` holds the whole file from offset 0. */
export function readTriage(view: ByteView, headerAt: number, is64: boolean): Result<TriageDump> {
  const header = readTriageHeader(view, headerAt, is64);
  if (!header.ok) {
    return header;
  }
  const h = header.value;
  const notes: string[] = [];
  const complete = h.sizeOfDump >= 4 && view.tag(h.sizeOfDump - 4) === 'TRGD';
  if (!complete) {
    notes.push(
      view.end < h.sizeOfDump
        ? `the file is cut off: the triage dump should be ${h.sizeOfDump.toLocaleString('en-US')} bytes, the file has ${view.end.toLocaleString('en-US')}`
        : 'the end-of-dump mark (TRGD) is missing: the dump may not have been written completely',
    );
  }
  let stack: MemoryRegion | null = null;
  if (h.sizeOfCallStack > 0 && h.callStackOffset !== 0) {
    if (view.has(h.callStackOffset, h.sizeOfCallStack)) {
      stack = { start: h.topOfStack, size: h.sizeOfCallStack, fileOffset: h.callStackOffset };
    } else {
      notes.push('the captured stack runs past the end of the file');
    }
  }
  return ok({
    header: h,
    complete,
    drivers: readDrivers(view, h, is64, notes),
    unloaded: readUnloaded(view, h, is64, notes),
    stack,
    blocks: readBlocks(view, h, notes),
    kernBase: readKernBase(view, h),
    notes,
  });
}
