/**
 * The small minidump streams: UnloadedModuleList and HandleData (both begin
 * {u32 SizeOfHeader, u32 SizeOfEntry, u32 Count}), MiscInfo (its size gives
 * its version: 24, 44, 232, 832 or 1364 bytes) and ThreadNames (u32 count,
 * then {u32 ThreadId, u64 RvaOfThreadName} packed to 12 bytes).
 */
import type { DumpFile } from '../file';
import { debuggerModuleName, fileNameOf } from '../modules';
import type { UnloadedModule } from '../types';
import type { ByteView } from '../view';
import { readMinidumpString } from './strings';

/** More entries than any process has: the rest of a longer list is not read. */
const MAX_ENTRIES = 4096;

/** Entries of a header-sized list: where they start, their size and how many fit. */
function sizedList(view: ByteView, at: number, size: number, minEntry: number): { first: number; entry: number; count: number } | null {
  const header = view.u32(at);
  const entry = view.u32(at + 4);
  const declared = view.u32(at + 8);
  if (header === undefined || entry === undefined || declared === undefined || header < 12 || header > size || entry < minEntry) {
    return null;
  }
  const count = Math.min(declared, Math.floor((size - header) / entry), MAX_ENTRIES);
  return view.has(at + header, count * entry) ? { first: at + header, entry, count } : null;
}

/** MINIDUMP_UNLOADED_MODULE_LIST: entries {u64 Base, u32 Size, u32 CheckSum, u32 TimeDateStamp, u32 NameRva}. */
export async function readUnloadedModules(file: DumpFile, view: ByteView, at: number, size: number, notes: string[]): Promise<UnloadedModule[]> {
  const list = sizedList(view, at, size, 24);
  if (list === null) {
    notes.push('the unloaded module list stream is unreadable');
    return [];
  }
  const out: UnloadedModule[] = [];
  for (let k = 0; k < list.count; k++) {
    const e = list.first + k * list.entry;
    const base = view.u64(e) as bigint;
    const length = view.u32(e + 8) as number;
    const path = (await readMinidumpString(file, view.u32(e + 20) as number)) ?? '';
    const image = path !== '' ? fileNameOf(path) : 'unknown';
    out.push({ name: debuggerModuleName(image, false), image, base, end: base + BigInt(length), timestamp: view.u32(e + 16) as number });
  }
  return out;
}

/** Number of handles in MINIDUMP_HANDLE_DATA_STREAM, or null. */
export function readHandleCount(view: ByteView, at: number, size: number): number | null {
  const list = sizedList(view, at, size, 16);
  return list === null ? null : list.count;
}

/** MINIDUMP_MISC_INFO: the fields the derived text uses. */
export interface MiscInfo {
  processId?: number;
  /** Seconds since 1970. */
  processCreateTime?: number;
  processUserSeconds?: number;
  processKernelSeconds?: number;
}

/** MINIDUMP_MISC1_PROCESS_ID and MINIDUMP_MISC1_PROCESS_TIMES. */
const MISC1_PROCESS_ID = 1;
const MISC1_PROCESS_TIMES = 2;

/** Decode MINIDUMP_MISC_INFO at absolute `at`. */
export function readMiscInfo(view: ByteView, at: number, size: number): MiscInfo | null {
  if (size < 24 || !view.has(at, 24)) {
    return null;
  }
  const flags = view.u32(at + 4) as number;
  const out: MiscInfo = {};
  if (flags & MISC1_PROCESS_ID) {
    out.processId = view.u32(at + 8) as number;
  }
  if (flags & MISC1_PROCESS_TIMES) {
    out.processCreateTime = view.u32(at + 12) as number;
    out.processUserSeconds = view.u32(at + 16) as number;
    out.processKernelSeconds = view.u32(at + 20) as number;
  }
  return out;
}

/** MINIDUMP_THREAD_NAME_LIST → thread id → name. */
export async function readThreadNames(file: DumpFile, view: ByteView, at: number, size: number): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  const declared = view.u32(at);
  if (declared === undefined) {
    return names;
  }
  const count = Math.min(declared, Math.floor((size - 4) / 12), MAX_ENTRIES);
  for (let k = 0; k < count; k++) {
    const e = at + 4 + k * 12;
    const rva = view.u64(e + 4);
    if (rva === undefined || rva > 0xffffffffn) {
      continue;
    }
    const name = await readMinidumpString(file, Number(rva));
    if (name !== null && name !== '') {
      names.set(view.u32(e) as number, name);
    }
  }
  return names;
}
