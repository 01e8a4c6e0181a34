/**
 * NTSTATUS codes: symbolic name, a "common in crash analysis" flag, and a
 * plain-language meaning for the codes a sysadmin meets most.
 *
 * Sources:
 * - codes, names and the common flag: data/ntstatus.ts, generated from ntstatus.tsv
 *   (github.com/mingw-w64/mingw-w64 @d7f3c52012c4af4fb526330117d9c86b266018dc
 *   mingw-w64-headers/include/ntstatus.h; common flag curated, see SOURCES.md);
 * - meanings: written for this project in our own words.
 * Reference: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-erref/596a1078-e883-4972-9bbc-49e60bebca55
 *
 * In bug-check arguments a 32-bit status is often printed sign-extended to 64
 * bits (`ffffffffc0000428`); `ntStatusFromArg` folds that back.
 */
import { NTSTATUS_TABLE } from './data/ntstatus';
import { fold32, parseDebuggerValue } from './values';

/**
 * Codes a hang dump is written with, not crashes: 0x80000007 (the "wake debugger"
 * event WER and dump tools raise to stop a hung process) and 0xCFFFFFFF (the code
 * WER's hang reports and `!analyze -hang` buckets carry).
 * Source: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-analyze (-hang).
 */
export const HANG_DUMP_CODES: ReadonlySet<number> = new Set([0x80000007, 0xcfffffff]);

/** One NTSTATUS value. */
export interface NtStatusInfo {
  /** Unsigned 32-bit value. */
  code: number;
  name: string;
  /** Plain-language meaning, for the frequent codes only. */
  meaning?: string;
  /** Flagged as frequently seen in crash and bug-check analysis. */
  common: boolean;
}

/** Own-words meanings, keyed by unsigned code. */
const MEANINGS: Readonly<Record<number, string>> = {
  0x40010005: 'A debugger was sent Ctrl+C; the "exception" is how the debugger breaks in.',
  0x40010006: 'Debug output written with OutputDebugString travels as this exception; it is informational.',
  0x80000001: 'A guard page was touched: normal for thread stack growth, suspicious anywhere else.',
  0x80000002: 'Data was read or written at an address not aligned the way the instruction requires.',
  0x80000003: 'A breakpoint instruction (int 3) ran: a debug break left in code, or code jumping into padding bytes.',
  0x80000004: 'A single-step trap fired, normally only while a debugger is stepping.',
  0x80000005: 'The output buffer was too small, so only part of the data was returned; a warning, not a failure.',
  0x80000007: 'The debugger was woken on purpose (a hang dump written by Windows Error Reporting or a dump tool): the process was stopped, it did not crash.',
  0xc0000001: 'A generic failure with no more specific reason given.',
  0xc0000002: 'The requested function is not implemented by the component that received it.',
  0xc0000004: 'The buffer length passed does not match what the information class needs.',
  0xc0000005: 'Access violation: code read, wrote or executed an address that is not valid for that access.',
  0xc0000006: 'In-page error: a page could not be read in from disk (page file or mapped file), so suspect the disk, its controller or cabling, or a network path for remote files.',
  0xc0000008: 'An invalid handle was used: already closed, never opened, or from another process.',
  0xc000000d: 'A parameter passed to a system routine was invalid.',
  0xc000000e: 'The device named in the request does not exist (often a disk or volume that went away).',
  0xc000000f: 'The file named in the request does not exist.',
  0xc0000010: 'The device or driver does not support the request it was sent.',
  0xc0000017: 'Not enough virtual memory or paging-file quota to finish the operation.',
  0xc000001d: 'Illegal instruction: the processor hit bytes that are not a valid instruction, from corrupted code, a bad jump, or a CPU lacking a feature.',
  0xc0000022: 'Access denied: the caller lacks the rights the object requires.',
  0xc0000023: 'The buffer supplied is too small for the result.',
  0xc0000025: 'An exception marked non-continuable was continued anyway.',
  0xc0000026: 'An exception handler returned a disposition the dispatcher does not understand, typically from corrupted handler data.',
  0xc0000027: 'An unwind is in progress; seen while exception handlers clean up frames.',
  0xc0000028: 'The stack was found invalid or misaligned while dispatching an exception.',
  0xc0000029: 'An unwind was asked to stop at a target frame that is not valid.',
  0xc000002a: 'An attempt to unlock a range that was not locked.',
  0xc0000032: 'The file system found corrupt on-disk structures; run a disk check on that volume.',
  0xc0000034: 'The object name (file, registry key, device) was not found.',
  0xc0000043: 'Another open of the file conflicts with the requested sharing mode.',
  0xc000007b: 'The image is not a valid executable for this system: damaged file or wrong architecture.',
  0xc000008c: 'An array index was outside its declared bounds (on hardware that checks this).',
  0xc000008d: 'A floating-point operand was denormal.',
  0xc000008e: 'A floating-point division by zero.',
  0xc000008f: 'A floating-point result could not be represented exactly.',
  0xc0000090: 'An invalid floating-point operation, such as an operation on NaN.',
  0xc0000091: 'A floating-point result was too large to represent.',
  0xc0000092: 'The x87 floating-point register stack overflowed or underflowed.',
  0xc0000093: 'A floating-point result was too small to represent.',
  0xc0000094: 'An integer division by zero.',
  0xc0000095: 'An integer operation overflowed where overflow is trapped.',
  0xc0000096: 'Privileged instruction: code tried an instruction reserved for a higher privilege level.',
  0xc0000098: 'The file or volume is damaged and cannot be used as is.',
  0xc000009a: 'System resources (often pool memory) ran out, so the request could not be completed.',
  0xc000009c: 'The device reported a data error (bad sector or CRC failure): a sign of failing media.',
  0xc000009d: 'The device is not connected: a disk or USB device dropped off the bus or lost power.',
  0xc000009e: 'The device lost power or failed its power-up.',
  0xc00000a2: 'The media is write-protected.',
  0xc00000b5: 'An I/O request timed out: the device did not answer in time.',
  0xc00000bb: 'The request is not supported by this device, file system or component.',
  0xc00000fd: 'Stack overflow: a thread used up its stack, usually through deep or runaway recursion.',
  0xc0000102: 'A file or directory on disk is corrupt and unreadable; run a disk check.',
  0xc000010a: 'The target process is already terminating.',
  0xc0000120: 'The I/O request was cancelled.',
  0xc000012c: 'The page file quota was exceeded.',
  0xc000012d: 'The commit limit was reached: RAM plus page file is used up.',
  0xc0000135: 'A required DLL could not be found when starting a program.',
  0xc0000138: 'An import by ordinal could not be resolved in the DLL that should export it.',
  0xc0000139: 'A function a program imports is missing from the DLL it expects it in (version mismatch).',
  0xc000013a: 'The program was ended with Ctrl+C or Ctrl+Break.',
  0xc0000142: 'A DLL failed its initialization routine, so the process could not start.',
  0xc0000144: 'An exception was not handled by the process (the usual status of a crashed program).',
  0xc000014c: 'A registry hive is corrupt: its structure or log is damaged.',
  0xc000016a: 'A disk operation failed even after retries.',
  0xc0000182: 'The device is configured incorrectly or its resources conflict.',
  0xc0000184: 'The device is not in a state that allows the request.',
  0xc0000185: 'An I/O device error: the hardware reported a failure; suspect the disk, cable or controller.',
  0xc0000194: 'A possible deadlock was detected on a critical section or resource wait.',
  0xc0000218: 'A registry hive file could not be loaded: missing or damaged.',
  0xc000021a: 'A critical system process (csrss or winlogon) ended, which is fatal to Windows.',
  0xc0000221: 'An executable image is damaged: its checksum does not match its contents.',
  0xc0000225: 'The requested object was not found; at boot, often a missing boot device or BCD entry.',
  0xc0000264: 'A thread released a resource (lock) it does not own.',
  0xc000026e: 'The volume was dismounted while in use.',
  0xc0000354: 'The debugger is not active for an operation that needs one.',
  0xc0000374: 'Heap corruption: the heap manager found its structures damaged, typically by an overrun or double free in the process.',
  0xc0000409: 'Stack buffer overrun or fail-fast: a security check (such as a /GS stack cookie) found corruption and ended the process at once.',
  0xc0000420: 'An assertion in the code failed.',
  0xc0000421: 'Application Verifier stopped the process on a detected error.',
  0xc0000428: 'Invalid image hash: a driver or file failed code-integrity (signature) validation, so Windows refused to load it.',
  0xc0000602: 'A fail-fast exception: the code chose to terminate immediately on a fatal condition.',
  0xc0000709: 'A hardware memory error was reported, so the operation could not complete.',
};

interface Entry {
  name: string;
  common: boolean;
}

let table: ReadonlyMap<number, Entry> | undefined;

function load(): ReadonlyMap<number, Entry> {
  if (table) {
    return table;
  }
  const map = new Map<number, Entry>();
  for (const line of NTSTATUS_TABLE.split('\n')) {
    // "C0000005 ACCESS_VIOLATION*": code, space, name (STATUS_ implied unless '='), '*' when common.
    const code = Number.parseInt(line.slice(0, 8), 16);
    let name = line.slice(9);
    const common = name.endsWith('*');
    if (common) {
      name = name.slice(0, -1);
    }
    name = name.startsWith('=') ? name.slice(1) : `STATUS_${name}`;
    map.set(code, { name, common });
  }
  table = map;
  return map;
}

/** The NTSTATUS entry for an unsigned 32-bit code, or undefined when not in the table. */
export function describeNtStatus(code: number): NtStatusInfo | undefined {
  if (!Number.isInteger(code) || code < 0 || code > 0xffffffff) {
    return undefined;
  }
  const e = load().get(code);
  if (!e) {
    return undefined;
  }
  const meaning = MEANINGS[code];
  return meaning === undefined
    ? { code, name: e.name, common: e.common }
    : { code, name: e.name, meaning, common: e.common };
}

/**
 * An argument as printed by the debugger (`c0000428`, `0xC0000428`,
 * `ffffffffc0000428`, `ffffffff`c0000428`) as an unsigned 32-bit status;
 * undefined when it is not a 32-bit value or its sign extension.
 */
export function ntStatusFromArg(value: string): number | undefined {
  const v = parseDebuggerValue(value);
  return v === undefined ? undefined : fold32(v);
}

/** Every code with an own-words meaning (for reference pages and tests). */
export function ntStatusCodesWithMeaning(): number[] {
  return Object.keys(MEANINGS).map(Number);
}
