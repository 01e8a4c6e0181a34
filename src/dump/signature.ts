/**
 * Is this a crash dump? Told by the first eight bytes, never by the file's
 * name. Kept apart from the reader so that the page can ask without loading it.
 */

/** What kind of dump the first bytes announce. */
export type DumpSignature = 'kernel64' | 'kernel32' | 'minidump';

/** Bytes needed to recognise a dump. */
export const SIGNATURE_BYTES = 8;

/** Recognise a dump by its first bytes (SIGNATURE_BYTES of them, fewer for a tiny file), or null. */
export function dumpSignature(head: Uint8Array): DumpSignature | null {
  const text = String.fromCharCode(...head.subarray(0, SIGNATURE_BYTES));
  if (text === 'PAGEDU64') {
    return 'kernel64';
  }
  if (text === 'PAGEDUMP') {
    return 'kernel32';
  }
  return text.startsWith('MDMP') ? 'minidump' : null;
}
