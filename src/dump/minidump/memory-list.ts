/**
 * Where a minidump keeps process memory:
 *   MemoryList    u32 count, then {u64 StartOfMemoryRange, u32 DataSize, u32 Rva}
 *   Memory64List  u64 count, u64 BaseRva, then {u64 Start, u64 DataSize}; the
 *                 data of all ranges follows BaseRva back to back (full dumps)
 */
import type { MemoryRegion } from '../types';
import type { ByteView } from '../view';
import { listLayout } from './lists';

/** Decode MINIDUMP_MEMORY_LIST at absolute `at`. */
export function readMemoryList(view: ByteView, at: number, size: number, notes: string[]): MemoryRegion[] {
  const layout = listLayout(view, at, size, 16);
  if (layout === null) {
    notes.push('the memory list stream is cut off');
    return [];
  }
  const out: MemoryRegion[] = [];
  for (let k = 0; k < layout.count; k++) {
    const e = layout.first + k * 16;
    out.push({ start: view.u64(e) as bigint, size: view.u32(e + 8) as number, fileOffset: view.u32(e + 12) as number });
  }
  return out;
}

/** Decode MINIDUMP_MEMORY64_LIST at absolute `at`; `fileSize` bounds where the data may lie. */
export function readMemory64List(view: ByteView, at: number, size: number, fileSize: number, notes: string[]): MemoryRegion[] {
  const declared = view.u64(at);
  const baseRva = view.u64(at + 8);
  if (declared === undefined || baseRva === undefined) {
    notes.push('the 64-bit memory list stream is cut off');
    return [];
  }
  const room = Math.max(0, Math.floor((size - 16) / 16));
  const count = declared > BigInt(room) ? room : Number(declared);
  const out: MemoryRegion[] = [];
  let offset = baseRva;
  for (let k = 0; k < count; k++) {
    const e = at + 16 + k * 16;
    const start = view.u64(e) as bigint;
    const length = view.u64(e + 8) as bigint;
    // Ranges past the end of the file (a truncated full dump) end the list.
    if (offset + length > BigInt(fileSize) || length > 0xffffffffn) {
      notes.push(`the memory of ${count - k} range${count - k > 1 ? 's' : ''} lies past the end of the file`);
      break;
    }
    out.push({ start, size: Number(length), fileOffset: Number(offset) });
    offset += length;
  }
  return out;
}
