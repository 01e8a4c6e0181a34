/**
 * MINIDUMP_HEADER and the stream directory (minidumpapiset.h):
 *   +0 `MDMP`, +4 Version (low 16 bits 0xA793), +8 NumberOfStreams,
 *   +0xC StreamDirectoryRva, +0x10 CheckSum, +0x14 TimeDateStamp, +0x18 Flags (u64);
 *   directory entries {u32 StreamType, u32 DataSize, u32 Rva}, 12 bytes each.
 */
import { fail, ok, type Result } from '../types';
import type { ByteView } from '../view';

/** MINIDUMP_VERSION, the low half of Version. */
const MINIDUMP_VERSION = 0xa793;
/** Size of MINIDUMP_HEADER. */
export const MINIDUMP_HEADER_SIZE = 32;
/** Size of one MINIDUMP_DIRECTORY entry. */
export const DIRECTORY_ENTRY_SIZE = 12;
/** More streams than any writer produces: a corrupt count. */
const MAX_STREAMS = 4096;

/** MINIDUMP_HEADER, decoded. */
export interface MinidumpHeader {
  version: number;
  streamCount: number;
  directoryRva: number;
  /** Seconds since 1970: when the dump was written. */
  timestamp: number;
  /** MINIDUMP_TYPE flags the writer used. */
  flags: bigint;
}

/** One stream of the directory. */
export interface StreamEntry {
  type: number;
  size: number;
  rva: number;
}

/** Decode the header; `view` starts at offset 0. */
export function readMinidumpHeader(view: ByteView): Result<MinidumpHeader> {
  if (view.tag(0) !== 'MDMP') {
    return fail('the file does not start with MDMP');
  }
  if (!view.has(0, MINIDUMP_HEADER_SIZE)) {
    return fail('the minidump header is cut off');
  }
  const version = view.u32(4) as number;
  if ((version & 0xffff) !== MINIDUMP_VERSION) {
    return fail(`the minidump version 0x${(version & 0xffff).toString(16)} is not 0xa793: not a minidump this reader knows`);
  }
  const streamCount = view.u32(8) as number;
  if (streamCount > MAX_STREAMS) {
    return fail(`the minidump claims ${streamCount} streams: the header is corrupt`);
  }
  return ok({ version, streamCount, directoryRva: view.u32(12) as number, timestamp: view.u32(0x14) as number, flags: view.u64(0x18) as bigint });
}

/** Decode the directory; `view` holds it (absolute offsets). Entries that point outside the file are dropped. */
export function readDirectory(view: ByteView, header: MinidumpHeader, fileSize: number): Result<{ streams: StreamEntry[]; outside: number }> {
  if (!view.has(header.directoryRva, header.streamCount * DIRECTORY_ENTRY_SIZE)) {
    return fail('the stream directory lies outside the file');
  }
  const streams: StreamEntry[] = [];
  let outside = 0;
  for (let k = 0; k < header.streamCount; k++) {
    const e = header.directoryRva + k * DIRECTORY_ENTRY_SIZE;
    const entry = { type: view.u32(e) as number, size: view.u32(e + 4) as number, rva: view.u32(e + 8) as number };
    // Unused slots (type 0) are normal; anything past the end of the file is not.
    if (entry.type === 0) {
      continue;
    }
    if (entry.rva + entry.size > fileSize) {
      outside++;
      continue;
    }
    streams.push(entry);
  }
  return ok({ streams, outside });
}

/** MINIDUMP_STREAM_TYPE values read here, and the vendor ranges recognised. */
export const STREAM = {
  ThreadList: 3,
  ModuleList: 4,
  MemoryList: 5,
  Exception: 6,
  SystemInfo: 7,
  Memory64List: 9,
  HandleData: 12,
  UnloadedModuleList: 14,
  MiscInfo: 15,
  ThreadNames: 24,
} as const;

/** Who wrote the dump, from streams only Breakpad (0x4767….) or Crashpad (0x4350….) write. */
export function writerOf(streams: readonly StreamEntry[]): 'Breakpad' | 'Crashpad' | null {
  if (streams.some((s) => s.type >>> 16 === 0x4350)) {
    return 'Crashpad';
  }
  if (streams.some((s) => s.type >>> 16 === 0x4767)) {
    return 'Breakpad';
  }
  return null;
}
