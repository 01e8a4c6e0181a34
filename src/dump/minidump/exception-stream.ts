/**
 * MINIDUMP_EXCEPTION_STREAM (168 bytes): u32 ThreadId +0, u32 alignment,
 * MINIDUMP_EXCEPTION +8 (EXCEPTION_RECORD64's layout: ExceptionCode at
 * stream +8, ExceptionAddress at +0x18), ThreadContext {u32 DataSize, u32
 * Rva} at +0xA0.
 */
import { readExceptionRecord } from '../exception';
import { fail, ok, type ExceptionRecord, type Result } from '../types';
import type { ByteView } from '../view';

/** The exception stream, decoded. */
export interface ExceptionStream {
  threadId: number;
  record: ExceptionRecord;
  /** Where the faulting thread's CONTEXT at the exception is. */
  context: { size: number; rva: number };
}

/** Size of MINIDUMP_EXCEPTION_STREAM. */
const SIZE = 0xa8;

/** Decode the stream; `view` holds it from absolute `at`. */
export function readExceptionStream(view: ByteView, at: number): Result<ExceptionStream> {
  if (!view.has(at, SIZE)) {
    return fail('the exception stream is cut off');
  }
  const record = readExceptionRecord(view, at + 8, true);
  if (!record.ok) {
    return record;
  }
  return ok({
    threadId: view.u32(at) as number,
    record: record.value,
    context: { size: view.u32(at + 0xa0) as number, rva: view.u32(at + 0xa4) as number },
  });
}
