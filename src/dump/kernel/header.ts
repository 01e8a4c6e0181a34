/**
 * The kernel dump header: `PAGEDU64` (64-bit, 0x2000 bytes) or `PAGEDUMP`
 * (32-bit, 0x1000 bytes), DUMP_HEADER64/32 in mindumpdef.h. Offsets as in
 * ../shared/dumps/FORMATS.md §1–2, checked against the x64 and ARM64 samples
 * (the 32-bit layout is from the headers only: no public sample exists).
 *
 * Fields the writer did not fill hold the repeated bytes `PAGE`: they are
 * reported as absent (null), never as a value.
 */
import { fail, ok, type Arch, type Result } from '../types';
import type { ByteView } from '../view';

/** `PAGE` as a little-endian u32: the filler of unwritten header fields. */
const PAGE32 = 0x45474150;
const PAGE64 = 0x4547415045474150n;

/** Size of the 64-bit and 32-bit headers. */
export const HEADER_SIZE = { 64: 0x2000, 32: 0x1000 } as const;

/** What the main header says. */
export interface KernelHeader {
  is64: boolean;
  /** 0x2000 (64-bit) or 0x1000 (32-bit): where the triage or bitmap header starts. */
  headerSize: number;
  /** 0xF free build, 0xC checked build. */
  majorVersion: number;
  /** MinorVersion: the OS build number (19041). */
  build: number;
  machine: number;
  arch: Arch;
  processors: number | null;
  bugcheck: { code: number; args: readonly bigint[] } | null;
  dumpType: number | null;
  directoryTableBase: bigint | null;
  pfnDataBase: bigint | null;
  psLoadedModuleList: bigint | null;
  psActiveProcessHead: bigint | null;
  kdDebuggerDataBlock: bigint | null;
  /** PhysicalMemoryBlock: number of runs and of pages. */
  physicalMemory: { runs: number; pages: bigint } | null;
  requiredDumpSpace: bigint | null;
  /** Crash time, FILETIME (100 ns since 1601-01-01 UTC). */
  systemTime: bigint | null;
  /** Time since boot, in 100 ns units. */
  systemUpTime: bigint | null;
  comment: string | null;
  miniDumpFields: number | null;
  productType: number | null;
  suiteMask: number | null;
  attributes: number | null;
  /** PAE enabled (32-bit only). */
  pae?: boolean;
  /** Absolute offsets of the CONTEXT and EXCEPTION_RECORD the header holds. */
  contextOffset: number;
  exceptionOffset: number;
}

/** IMAGE_FILE_MACHINE_* → architecture. */
export function archOfMachine(machine: number): Arch {
  switch (machine) {
    case 0x8664:
      return 'x64';
    case 0xaa64:
      return 'arm64';
    case 0x14c:
      return 'x86';
    case 0x1c4:
      return 'arm';
    default:
      return 'unknown';
  }
}

function u32OrNull(view: ByteView, at: number): number | null {
  const v = view.u32(at);
  return v === undefined || v === PAGE32 ? null : v;
}

function ptrOrNull(view: ByteView, at: number, is64: boolean): bigint | null {
  const v = view.ptr(at, is64);
  return v === undefined || v === PAGE64 || (!is64 && v === BigInt(PAGE32)) ? null : v;
}

function u64OrNull(view: ByteView, at: number): bigint | null {
  const v = view.u64(at);
  return v === undefined || v === PAGE64 ? null : v;
}

function commentAt(view: ByteView, at: number): string | null {
  const text = view.cstring(at, 128);
  if (text === null || text === '' || text.startsWith('PAGE')) {
    return null;
  }
  // Printable ASCII only: a comment is written by a tool, and a corrupt one must not fill the text.
  return /^[\x20-\x7e]+$/.test(text) ? text : null;
}

/** Which header the first eight bytes announce: 64, 32, or null for neither. */
export function kernelSignature(view: ByteView): 64 | 32 | null {
  const sig = view.tag(0, 8);
  return sig === 'PAGEDU64' ? 64 : sig === 'PAGEDUMP' ? 32 : null;
}

/** Decode the main header; `view` must start at offset 0. */
export function readKernelHeader(view: ByteView): Result<KernelHeader> {
  const bits = kernelSignature(view);
  if (bits === null) {
    return fail('the file does not start with a kernel dump signature (PAGEDU64 or PAGEDUMP)');
  }
  return bits === 64 ? read64(view) : read32(view);
}

function bugcheckOf(view: ByteView, codeAt: number, argsAt: number, is64: boolean): KernelHeader['bugcheck'] {
  const code = u32OrNull(view, codeAt);
  if (code === null) {
    return null;
  }
  const step = is64 ? 8 : 4;
  const args = [0, 1, 2, 3].map((k) => view.ptr(argsAt + k * step, is64) ?? 0n);
  return { code, args };
}

function read64(view: ByteView): Result<KernelHeader> {
  // The fields up to DumpType and SystemTime must be there; the rest may be cut.
  if (!view.has(0, 0xfb0)) {
    return fail(`the 64-bit kernel dump header is cut off: the file has ${view.end} of its 8,192 bytes`);
  }
  const runs = view.u32(0x88);
  const pages = view.u64(0x90);
  const machine = view.u32(0x30) as number;
  return ok({
    is64: true,
    headerSize: HEADER_SIZE[64],
    majorVersion: view.u32(0x08) as number,
    build: view.u32(0x0c) as number,
    machine,
    arch: archOfMachine(machine),
    processors: u32OrNull(view, 0x34),
    bugcheck: bugcheckOf(view, 0x38, 0x40, true),
    dumpType: u32OrNull(view, 0xf98),
    directoryTableBase: ptrOrNull(view, 0x10, true),
    pfnDataBase: ptrOrNull(view, 0x18, true),
    psLoadedModuleList: ptrOrNull(view, 0x20, true),
    psActiveProcessHead: ptrOrNull(view, 0x28, true),
    kdDebuggerDataBlock: ptrOrNull(view, 0x80, true),
    physicalMemory: runs === undefined || pages === undefined || runs === PAGE32 ? null : { runs, pages },
    requiredDumpSpace: u64OrNull(view, 0xfa0),
    systemTime: u64OrNull(view, 0xfa8),
    systemUpTime: u64OrNull(view, 0x1030),
    comment: commentAt(view, 0xfb0),
    miniDumpFields: u32OrNull(view, 0x1038),
    productType: u32OrNull(view, 0x1040),
    suiteMask: u32OrNull(view, 0x1044),
    attributes: u32OrNull(view, 0x1050),
    contextOffset: 0x348,
    exceptionOffset: 0xf00,
  });
}

function read32(view: ByteView): Result<KernelHeader> {
  if (!view.has(0, 0xfc8)) {
    return fail(`the 32-bit kernel dump header is cut off: the file has ${view.end} of its 4,096 bytes`);
  }
  const runs = view.u32(0x64);
  const pages = view.u32(0x68);
  const machine = view.u32(0x20) as number;
  return ok({
    is64: false,
    headerSize: HEADER_SIZE[32],
    majorVersion: view.u32(0x08) as number,
    build: view.u32(0x0c) as number,
    machine,
    arch: archOfMachine(machine),
    processors: u32OrNull(view, 0x24),
    bugcheck: bugcheckOf(view, 0x28, 0x2c, false),
    dumpType: u32OrNull(view, 0xf88),
    directoryTableBase: ptrOrNull(view, 0x10, false),
    pfnDataBase: ptrOrNull(view, 0x14, false),
    psLoadedModuleList: ptrOrNull(view, 0x18, false),
    psActiveProcessHead: ptrOrNull(view, 0x1c, false),
    kdDebuggerDataBlock: ptrOrNull(view, 0x60, false),
    physicalMemory: runs === undefined || pages === undefined || runs === PAGE32 ? null : { runs, pages: BigInt(pages) },
    requiredDumpSpace: u64OrNull(view, 0xfa0),
    systemTime: u64OrNull(view, 0xfc0),
    systemUpTime: u64OrNull(view, 0xfb8),
    comment: commentAt(view, 0x820),
    miniDumpFields: u32OrNull(view, 0xf8c),
    productType: u32OrNull(view, 0xf94),
    suiteMask: u32OrNull(view, 0xf98),
    attributes: u32OrNull(view, 0x8a0),
    pae: view.u8(0x5c) === 1,
    contextOffset: 0x320,
    exceptionOffset: 0x7d0,
  });
}

/** Dump types (DUMP_TYPE in the header), as the debugger describes them. */
export function describeDumpType(type: number | null): string {
  switch (type) {
    case 1:
      return 'full memory dump';
    case 2:
      return 'summary dump';
    case 3:
      return 'header-only dump';
    case 4:
      return 'triage dump (the "small memory dump" of C:\\Windows\\Minidump)';
    case 5:
      return 'bitmap full memory dump';
    case 6:
      return 'bitmap kernel memory dump';
    case 7:
      return 'automatic memory dump';
    case 8:
      return 'kernel memory dump written by a debugger (.dump /k)';
    case 9:
      return 'kernel and active process memory dump written by a debugger (.dump /ka)';
    case 10:
      return 'complete memory dump written by a debugger (.dump /f)';
    case null:
      return 'dump of unrecorded type';
    default:
      return `dump of unknown type ${type}`;
  }
}
