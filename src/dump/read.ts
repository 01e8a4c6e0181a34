/**
 * The entry of the dump reader: bytes of a file in, debugger-style text out
 * (or a clear reason why not). Detection is by the file's first bytes, never
 * by its name: `PAGEDU64`/`PAGEDUMP` kernel dumps, `MDMP` minidumps.
 *
 * The text goes to `analyze()` like any paste, so the one verdict engine
 * judges dumps and pasted sessions alike, and its reasons link to lines of
 * the text the user sees.
 */
import type { ByteSource } from './byte-source';
import { DumpFile } from './file';
import { fileTimeSeconds, formatIsoTime } from './format';
import { CODE_ADDRESS_ARGS, readKernelDump, type KernelDump } from './kernel/read-kernel';
import { readUserDump } from './minidump/read-user';
import { siteOf } from './stackwalk';
import { kernelText } from './text/kernel-text';
import { archShort } from './text/system';
import { userText } from './text/user-text';
import { dumpSignature, SIGNATURE_BYTES } from './signature';
import type { Arch } from './types';

/** The facts `check:dumps` prints and the app can show beside the text. */
export interface DumpFacts {
  kind: 'kernel-triage' | 'kernel-memory' | 'user';
  /** In words: `kernel triage dump (type 4)`, `user minidump`. */
  description: string;
  arch: Arch;
  /** `19041`, `10.0.14393`. */
  build: string;
  /** Number of processors, when recorded. */
  processors: number | null;
  /** When the crash happened (kernel) or the dump was written (user), `2021-02-21 01:38:22 UTC`. */
  time: string | null;
  bugcheck: { code: number; args: readonly bigint[] } | null;
  exception: { code: number; address: bigint; site: string | null } | null;
  /** Kernel: the bug check argument that is a code address, and where it lies (`amdppm+0x334c`). */
  codeAddress: { arg: number; value: bigint; site: string | null } | null;
  /** User: the process's image (`electron.exe`). */
  process: string | null;
  modules: number;
  unloaded: number;
  threads: number | null;
}

/** The reader's answer. */
export type DumpReadResult =
  | { ok: true; text: string; facts: DumpFacts }
  | {
      ok: false;
      /** `empty`: no bytes; `not-a-dump`: no dump signature; `not-windows`: a dump of another OS; `unreadable`: a dump this reader cannot read. */
      problem: 'empty' | 'not-a-dump' | 'not-windows' | 'unreadable';
      reason: string;
    };

/** The first bytes of a file in hex, for a message about what it is not. */
function firstBytes(head: Uint8Array): string {
  return [...head.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

/**
 * Read a crash dump and derive its debugger-style text. Never throws: a bad
 * file (empty, not a dump, a dump of another system, truncated or corrupt)
 * gives `{ ok: false, problem, reason }` with a sentence for the user.
 */
export async function readDump(source: ByteSource, fileName: string): Promise<DumpReadResult> {
  try {
    return await readDumpUnsafe(source, fileName);
  } catch (err) {
    // A bug of ours (or an I/O error) must not become an exception in the worker or the CLI.
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, problem: 'unreadable', reason: `${fileName} could not be read (${message}). If it is a Windows crash dump, please report this with the file.` };
  }
}

async function readDumpUnsafe(source: ByteSource, fileName: string): Promise<DumpReadResult> {
  if (source.size === 0) {
    return { ok: false, problem: 'empty', reason: `${fileName} is empty (0 bytes): there is nothing to read.` };
  }
  const head = await source.read(0, Math.min(SIGNATURE_BYTES, source.size));
  const sig = dumpSignature(head);
  if (sig === null) {
    return {
      ok: false,
      problem: 'not-a-dump',
      reason: `${fileName} is not a Windows crash dump: it starts with the bytes ${firstBytes(head)}, not PAGEDU64, PAGEDUMP or MDMP. dumplens reads kernel dumps (C:\\Windows\\MEMORY.DMP, C:\\Windows\\Minidump\\*.dmp), user-mode minidumps and debugger output saved as text.`,
    };
  }
  const file = await DumpFile.open(source);
  if (sig === 'minidump') {
    const r = await readUserDump(file);
    if (!r.ok) {
      return { ok: false, problem: 'unreadable', reason: `${fileName} starts like a minidump but cannot be read: ${r.reason}.` };
    }
    const u = r.value;
    if (u.dump.otherSystem !== null) {
      const sys = u.dump.system;
      // Breakpad records the other system's version in the same fields (macOS 10.15.7).
      const version = sys !== null && sys.major > 0 && sys.major < 100 ? ` ${sys.major}.${sys.minor}.${sys.build}` : '';
      return {
        ok: false,
        problem: 'not-windows',
        reason: `${fileName} is a minidump${u.dump.writer !== null ? ` written by ${u.dump.writer}` : ''} of a program on ${u.dump.otherSystem}${version}, not on Windows. dumplens reads Windows crash dumps only; a tool such as minidump-stackwalk (rust-minidump) or Breakpad's minidump_stackwalk reads this one.`,
      };
    }
    if (u.dump.system === null) {
      return { ok: false, problem: 'unreadable', reason: `${fileName} is a minidump without its system information stream: the processor and the system it came from are unknown, so it cannot be read.` };
    }
    const sys = u.dump.system;
    const ex = u.dump.exception;
    return {
      ok: true,
      text: userText(u, fileName),
      facts: {
        kind: 'user',
        description: `user minidump${u.dump.writer !== null ? ` (${u.dump.writer})` : ''}`,
        arch: sys.arch,
        build: `${sys.major}.${sys.minor}.${sys.build}${u.dump.csdVersion !== null && u.dump.csdVersion !== '' ? ` (${u.dump.csdVersion})` : ''}`,
        processors: sys.processors,
        time: u.dump.header.timestamp > 0 ? formatIsoTime(u.dump.header.timestamp) : null,
        bugcheck: null,
        exception: ex === null ? null : { code: ex.record.code, address: ex.record.address, site: siteOf(ex.record.address, u.modules, u.dump.unloaded) },
        codeAddress: null,
        process: u.dump.modules[0]?.image ?? null,
        modules: u.dump.modules.length,
        unloaded: u.dump.unloaded.length,
        threads: u.dump.threads.length,
      },
    };
  }
  const r = await readKernelDump(file);
  if (!r.ok) {
    return { ok: false, problem: 'unreadable', reason: `${fileName} starts like a kernel dump but cannot be read: ${r.reason}.` };
  }
  const k = r.value;
  const triage = k.triage !== null;
  const crashTime = k.header.systemTime !== null ? fileTimeSeconds(k.header.systemTime) : null;
  return {
    ok: true,
    text: kernelText(k, fileName),
    facts: {
      kind: triage ? 'kernel-triage' : 'kernel-memory',
      description: `kernel ${triage ? 'triage dump' : 'memory dump'} (type ${k.header.dumpType ?? '?'})`,
      arch: k.header.arch,
      build: String(k.header.build),
      processors: k.header.processors,
      time: crashTime !== null ? formatIsoTime(crashTime) : null,
      bugcheck: k.header.bugcheck,
      exception: null,
      codeAddress: codeAddressOf(k),
      process: null,
      modules: k.triage?.drivers.length ?? 0,
      unloaded: k.triage?.unloaded.length ?? 0,
      threads: null,
    },
  };
}

/** The bug check argument that holds a code address, and the module+offset it lies at. */
function codeAddressOf(k: KernelDump): DumpFacts['codeAddress'] {
  const bc = k.header.bugcheck;
  const arg = bc !== null ? CODE_ADDRESS_ARGS.get(bc.code) : undefined;
  const value = arg !== undefined ? bc?.args[arg - 1] : undefined;
  if (arg === undefined || value === undefined || value === 0n) {
    return null;
  }
  return { arg, value, site: siteOf(value, k.modules, k.triage?.unloaded ?? []) };
}

/** A one-line summary of the facts (for `check:dumps`). */
export function describeArch(arch: Arch): string {
  return archShort(arch);
}
