/**
 * The common shape of a minidump list stream: u32 count, then fixed-size
 * entries. Some writers put four bytes of padding after the count (the stream
 * is then 8 + n × size bytes; rust-minidump accepts both): the stream's size
 * tells which. A count larger than the stream can hold is cut to what fits.
 */
import type { ByteView } from '../view';

/** Where a list's entries start and how many there are. */
export interface ListLayout {
  first: number;
  count: number;
  /** The declared count did not fit in the stream. */
  cut: boolean;
}

/** Lay out a list stream of `size` bytes at absolute `at`, entries of `entry` bytes. */
export function listLayout(view: ByteView, at: number, size: number, entry: number): ListLayout | null {
  const declared = view.u32(at);
  if (declared === undefined || size < 4) {
    return null;
  }
  const padded = size === 8 + declared * entry;
  const first = at + (padded ? 8 : 4);
  const room = Math.max(0, Math.floor((at + size - first) / entry));
  const count = Math.min(declared, room);
  if (!view.has(first, count * entry)) {
    return null;
  }
  return { first, count, cut: count < declared };
}
