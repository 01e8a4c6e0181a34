/**
 * MINIDUMP_STRING: u32 Length in bytes (not characters, unlike the kernel
 * string pool), then UTF-16 LE. Read at an RVA anywhere in the file.
 */
import type { DumpFile } from '../file';

/** Longest string read, in bytes: module paths and thread names are short. */
const MAX_STRING_BYTES = 2048;

/** The MINIDUMP_STRING at `rva`, or null when it is not in the file. */
export async function readMinidumpString(file: DumpFile, rva: number): Promise<string | null> {
  if (rva === 0) {
    return null;
  }
  const head = await file.view(rva, 4);
  const bytes = head?.u32(rva);
  if (bytes === undefined) {
    return null;
  }
  const n = Math.min(bytes, MAX_STRING_BYTES) & ~1;
  const body = await file.view(rva + 4, n);
  return body === null ? null : body.utf16(rva + 4, n / 2, MAX_STRING_BYTES / 2);
}
