/**
 * The decoded model of a crash dump, shared by the structure readers, the
 * stack walker and the text writer. Names follow the public headers
 * (mindumpdef.h, minidumpapiset.h) where a field comes straight from one.
 */

/** A reader's answer: the value, or why the bytes could not give it. Never an exception. */
export type Result<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Shorthand for a failed `Result`. */
export function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

/** Shorthand for a successful `Result`. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** Processor architecture of the crashed system or process. */
export type Arch = 'x64' | 'x86' | 'arm64' | 'arm' | 'unknown';

/** A register context (CONTEXT), decoded. */
export interface Registers {
  arch: Arch;
  /** Registers in the order the debugger's `r` prints them. */
  values: readonly (readonly [string, bigint])[];
  /** Instruction pointer (rip, eip, pc). */
  ip: bigint;
  /** Stack pointer (rsp, esp, sp). */
  sp: bigint;
  /** Frame pointer (rbp, ebp, fp/x29). */
  fp: bigint;
  /** ARM64 link register (lr/x30); undefined elsewhere. */
  lr?: bigint;
  /** EFLAGS / CPSR. */
  flags: number;
  /** Segment selectors (x86, x64): cs, ss, ds, es, fs, gs. */
  segments?: Readonly<Record<'cs' | 'ss' | 'ds' | 'es' | 'fs' | 'gs', number>>;
}

/** EXCEPTION_RECORD32/64 or MINIDUMP_EXCEPTION. */
export interface ExceptionRecord {
  code: number;
  flags: number;
  record: bigint;
  address: bigint;
  /** ExceptionInformation[0..NumberParameters) (at most 15). */
  params: readonly bigint[];
}

/** A module (driver or DLL) loaded at the time of the crash. */
export interface LoadedModule {
  /** The name the debugger gives it: `nt`, `hal`, `amdppm`, `ntdll`, `electron`. */
  name: string;
  /** Image file name: `ntoskrnl.exe`, `amdppm.sys`. */
  image: string;
  /** Full path when the dump records it (user minidumps). */
  path?: string;
  base: bigint;
  size: number;
  /** Link timestamp (seconds since 1970), or a build hash on Windows 10+ inbox images. */
  timestamp: number;
  checksum: number;
  /** File version `10.0.14393.0` (user minidumps). */
  version?: string;
  /** CodeView identity: PDB name, GUID and age (user minidumps). */
  pdb?: { name: string; guid: string; age: number };
}

/** A module unloaded before the crash (triage unloaded drivers, MDMP UnloadedModuleList). */
export interface UnloadedModule {
  name: string;
  image: string;
  base: bigint;
  end: bigint;
  timestamp?: number;
}

/** Where bytes of virtual memory sit in the file. */
export interface MemoryRegion {
  /** Virtual address of the first byte. */
  start: bigint;
  size: number;
  /** Absolute file offset of the first byte. */
  fileOffset: number;
}
