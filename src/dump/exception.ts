/**
 * EXCEPTION_RECORD64 (0x98 bytes: Code +0, Flags +4, Record +8, Address
 * +0x10, NumberParameters +0x18, Information[15] +0x20) and
 * EXCEPTION_RECORD32 (0x50 bytes: Code, Flags, Record +8, Address +0xC,
 * NumberParameters +0x10, Information[15] +0x14), from winnt.h. A minidump's
 * MINIDUMP_EXCEPTION has the 64-bit layout.
 */
import { fail, ok, type ExceptionRecord, type Result } from './types';
import type { ByteView } from './view';

/** Size of EXCEPTION_RECORD64 and EXCEPTION_RECORD32. */
export const EXCEPTION_RECORD_SIZE = { 64: 0x98, 32: 0x50 } as const;

/** The most parameters a record may carry (EXCEPTION_MAXIMUM_PARAMETERS). */
const MAX_PARAMETERS = 15;

/** Decode an exception record at absolute `offset`. */
export function readExceptionRecord(view: ByteView, offset: number, is64: boolean): Result<ExceptionRecord> {
  const size = is64 ? EXCEPTION_RECORD_SIZE[64] : EXCEPTION_RECORD_SIZE[32];
  if (!view.has(offset, size)) {
    return fail('the exception record is cut off');
  }
  const code = view.u32(offset) as number;
  const flags = view.u32(offset + 4) as number;
  const record = view.ptr(offset + 8, is64) as bigint;
  const address = view.ptr(offset + (is64 ? 0x10 : 0x0c), is64) as bigint;
  const declared = view.u32(offset + (is64 ? 0x18 : 0x10)) as number;
  // A count above 15 is corrupt: keep the 15 the record can hold.
  const count = Math.min(declared, MAX_PARAMETERS);
  const params: bigint[] = [];
  for (let k = 0; k < count; k++) {
    params.push(view.ptr(offset + (is64 ? 0x20 + 8 * k : 0x14 + 4 * k), is64) as bigint);
  }
  return ok({ code, flags, record, address, params });
}
