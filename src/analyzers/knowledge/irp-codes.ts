/**
 * IRP major and minor function names, as `!irp` prints them in brackets:
 *
 *     >[IRP_MJ_PNP(1b), IRP_MN_SURPRISE_REMOVAL(17)]
 *     [1b,17]   0 e0 fffffa800c089050 00000000 00000000-00000000    pending
 *
 * Sources: data/irp-codes.ts, generated from irp-codes.tsv
 * (github.com/mingw-w64/mingw-w64 @d7f3c52012c4af4fb526330117d9c86b266018dc
 * mingw-w64-headers/ddk/include/ddk/wdm.h and ntddk.h; filter manager
 * pseudo-majors from github.com/microsoft/Windows-driver-samples
 * filesys/miniFilter/minispy/inc/minispy.h).
 * Reference: https://learn.microsoft.com/en-us/windows-hardware/drivers/debugger/-irp
 */
import { IRP_MAJORS, IRP_MINORS } from './data/irp-codes';

let majors: ReadonlyMap<number, readonly [string, boolean]> | undefined;
let minors: ReadonlyMap<number, string> | undefined;

function loadMajors(): ReadonlyMap<number, readonly [string, boolean]> {
  majors ??= new Map(IRP_MAJORS.map(([code, name, flt]) => [code, [name, flt === 1] as const]));
  return majors;
}

function loadMinors(): ReadonlyMap<number, string> {
  // Keyed by major * 256 + minor.
  minors ??= new Map(IRP_MINORS.map(([major, minor, name]) => [major * 256 + minor, name]));
  return minors;
}

function isByte(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 0xff;
}

/**
 * `IRP_MJ_PNP` for 0x1b. Also names the filter manager pseudo-majors seen in
 * minifilter callback data (0xff IRP_MJ_ACQUIRE_FOR_SECTION_SYNCHRONIZATION,
 * …, 0x80 IRP_MJ_OPERATION_END). When two names share a value the first in
 * the header wins (IRP_MJ_INTERNAL_DEVICE_CONTROL over IRP_MJ_SCSI).
 */
export function irpMajorName(major: number): string | undefined {
  return isByte(major) ? loadMajors().get(major)?.[0] : undefined;
}

/** True for the filter manager pseudo-major codes (never in a real IRP). */
export function isFltMgrPseudoMajor(major: number): boolean {
  return isByte(major) && loadMajors().get(major)?.[1] === true;
}

/**
 * The minor function name for a major: PnP (`[1b,17]` → IRP_MN_SURPRISE_REMOVAL),
 * power, WMI, SCSI, directory/file-system/lock control, flush, and the
 * read/write modifier flags (IRP_MN_NORMAL, IRP_MN_MDL, …). Undefined for a
 * major without named minors or an unknown minor.
 */
export function irpMinorName(major: number, minor: number): string | undefined {
  if (!isByte(major) || !isByte(minor)) {
    return undefined;
  }
  return loadMinors().get(major * 256 + minor);
}
