/**
 * MINIDUMP_THREAD_LIST: u32 count, then 48-byte MINIDUMP_THREAD entries:
 * ThreadId +0, SuspendCount +4, PriorityClass +8, Priority +0xC, Teb u64
 * +0x10, Stack {u64 StartOfMemoryRange, u32 DataSize, u32 Rva} +0x18,
 * ThreadContext {u32 DataSize, u32 Rva} +0x28.
 */
import type { MemoryRegion } from '../types';
import type { ByteView } from '../view';
import { listLayout } from './lists';

/** One thread of the list. */
export interface MinidumpThread {
  id: number;
  suspendCount: number;
  priorityClass: number;
  priority: number;
  teb: bigint;
  /** Its stack memory as captured (null when empty). */
  stack: MemoryRegion | null;
  context: { size: number; rva: number };
  /** From the ThreadNames stream, when the process named it. */
  name?: string;
}

/** Size of MINIDUMP_THREAD. */
const ENTRY = 48;

/** Decode the thread list stream at absolute `at`. */
export function readThreadList(view: ByteView, at: number, size: number, notes: string[]): MinidumpThread[] {
  const layout = listLayout(view, at, size, ENTRY);
  if (layout === null) {
    notes.push('the thread list stream is cut off');
    return [];
  }
  if (layout.cut) {
    notes.push(`the thread list claims more entries than its stream holds; ${layout.count} read`);
  }
  const out: MinidumpThread[] = [];
  for (let k = 0; k < layout.count; k++) {
    const e = layout.first + k * ENTRY;
    const stackSize = view.u32(e + 0x20) as number;
    out.push({
      id: view.u32(e) as number,
      suspendCount: view.u32(e + 4) as number,
      priorityClass: view.u32(e + 8) as number,
      priority: view.u32(e + 0x0c) as number,
      teb: view.u64(e + 0x10) as bigint,
      stack: stackSize > 0 ? { start: view.u64(e + 0x18) as bigint, size: stackSize, fileOffset: view.u32(e + 0x24) as number } : null,
      context: { size: view.u32(e + 0x28) as number, rva: view.u32(e + 0x2c) as number },
    });
  }
  return out;
}
