/**
 * A kernel dump, read: the main header; for a triage dump its driver list,
 * unloaded drivers, stack and memory blocks, the exception and context
 * records a bug check's arguments point at, and the derived stack; for a
 * kernel or full memory dump the header facts and the layout of what it
 * stores. Big files are read by slices: the header, then only what the
 * headers point at.
 */
import { CONTEXT_SIZE, isEmptyContext, readContext } from '../context';
import { EXCEPTION_RECORD_SIZE, readExceptionRecord } from '../exception';
import { MAX_WHOLE_READ, type DumpFile } from '../file';
import { AddressSpace } from '../memory';
import { ModuleMap } from '../modules';
import { walkStack, type StackWalk } from '../stackwalk';
import { fail, ok, type ExceptionRecord, type Registers, type Result } from '../types';
import { ByteView } from '../view';
import { readMemoryDumpLayout, type MemoryDumpLayout } from './full';
import { HEADER_SIZE, kernelSignature, readKernelHeader, type KernelHeader } from './header';
import { readTriage, type TriageDump } from './triage';

/** Words of raw stack listed in the derived text (`dps … L0x400`). */
export const RAW_STACK_WORDS = 0x400;

/**
 * Bug checks whose arguments hold a code address, by argument number (1-based),
 * from Microsoft's bug check reference pages (learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-code-reference2):
 * the exception address of 0x1E/0x7E/0x8E/0x3B, the instruction address of
 * 0xA/0xD1/0x50, the unloaded driver's address of 0xCE.
 */
export const CODE_ADDRESS_ARGS: ReadonlyMap<number, number> = new Map([
  [0x0a, 4],
  [0xd1, 4],
  [0xd5, 4],
  [0xd6, 4],
  [0x50, 3],
  [0x1e, 2],
  [0x7e, 2],
  [0x1000007e, 2],
  [0x8e, 2],
  [0x1000008e, 2],
  [0x3b, 2],
  [0xce, 1],
]);

/** Bug checks whose arguments point at an exception record and a context record (1-based). */
const RECORD_ARGS: ReadonlyMap<number, { exr?: number; cxr: number }> = new Map([
  [0x7e, { exr: 3, cxr: 4 }],
  [0x1000007e, { exr: 3, cxr: 4 }],
  [0x3b, { cxr: 3 }],
]);

/** A record read from memory at an address a bug check argument gave. */
export interface AtAddress<T> {
  address: bigint;
  /** Which argument named it (1-based). */
  arg: number;
  value: T | null;
  /** Why it could not be read. */
  problem?: string;
}

/** Everything the kernel text writer needs. */
export interface KernelDump {
  fileSize: number;
  header: KernelHeader;
  triage: TriageDump | null;
  /** Kernel and full memory dumps: how the stored memory is laid out. */
  layout: MemoryDumpLayout | null;
  modules: ModuleMap;
  /** The processor context the header holds (null when absent or empty). */
  headerContext: Registers | null;
  /** The header's exception record, when it is not the bug check's own breakpoint. */
  headerException: ExceptionRecord | null;
  exr: AtAddress<ExceptionRecord> | null;
  cxr: AtAddress<Registers> | null;
  /** The stack of the faulting context (the bug check's context record, else the header's). */
  walk: StackWalk | null;
  /** Bytes of virtual memory the dump holds. */
  memoryBytes: number;
  notes: string[];
}

/** Does a CONTEXT's flags word announce `arch` (CONTEXT_AMD64 0x100000, CONTEXT_ARM64 0x400000, CONTEXT_i386 0x10000)? */
function contextFlagsMatch(view: ByteView, at: number, arch: KernelHeader['arch']): boolean {
  const flags = view.u32(at + (arch === 'x64' ? 0x30 : 0)) ?? 0;
  const bit = arch === 'x64' ? 0x100000 : arch === 'arm64' ? 0x400000 : arch === 'x86' ? 0x10000 : 0;
  return bit !== 0 && (flags & bit) !== 0;
}

/** Read a kernel dump from `file`. Fails only when the main header is unreadable. */
export async function readKernelDump(file: DumpFile): Promise<Result<KernelDump>> {
  const head = await file.viewUpTo(0, HEADER_SIZE[64] + 0x100);
  const bits = kernelSignature(head);
  const parsed = readKernelHeader(head);
  if (!parsed.ok || bits === null) {
    return parsed.ok ? fail('not a kernel dump') : parsed;
  }
  const header = parsed.value;
  const notes: string[] = [];
  let triage: TriageDump | null = null;
  let layout: MemoryDumpLayout | null = null;
  let whole: ByteView = head;
  let memory = new AddressSpace(file, []);
  if (header.dumpType === 4) {
    // A triage dump is small: its own SizeOfDump says how much to read whole.
    const sizeOfDump = head.u32(header.headerSize + 4) ?? 0;
    const want = Math.min(file.size, Math.max(sizeOfDump, header.headerSize + 0x80), MAX_WHOLE_READ);
    whole = (await file.view(0, want)) ?? head;
    const t = readTriage(whole, header.headerSize, header.is64);
    if (t.ok) {
      triage = t.value;
      notes.push(...t.value.notes);
      memory = new AddressSpace(file, [...(t.value.stack ? [t.value.stack] : []), ...t.value.blocks]);
    } else {
      notes.push(t.reason);
    }
  } else {
    layout = readMemoryDumpLayout(head, header.headerSize, header.dumpType, header.physicalMemory?.pages ?? null);
    if (layout.expectedSize !== null && layout.expectedSize > BigInt(file.size)) {
      notes.push(`the file is ${file.size.toLocaleString('en-US')} bytes but its headers describe ${layout.expectedSize.toLocaleString('en-US')}: it was cut off while being written or copied`);
    }
  }
  const modules = new ModuleMap(triage?.drivers ?? []);
  const contextAt = triage !== null && triage.header.contextOffset !== 0 ? triage.header.contextOffset : header.contextOffset;
  const ctx = readContext(whole, contextAt, header.arch);
  const headerContext = ctx.ok && !isEmptyContext(ctx.value) ? ctx.value : null;
  if (!ctx.ok) {
    notes.push(`registers: ${ctx.reason}`);
  }
  const exceptionAt = triage !== null && triage.header.exceptionOffset !== 0 ? triage.header.exceptionOffset : header.exceptionOffset;
  const hx = readExceptionRecord(whole, exceptionAt, header.is64);
  // The bug check itself leaves a breakpoint record (0x80000003) here: that is not the crash's exception.
  const headerException = hx.ok && hx.value.code !== 0x80000003 && hx.value.code !== 0 && hx.value.code !== 0x45474150 ? hx.value : null;

  let exr: AtAddress<ExceptionRecord> | null = null;
  let cxr: AtAddress<Registers> | null = null;
  const records = header.bugcheck !== null ? RECORD_ARGS.get(header.bugcheck.code) : undefined;
  if (records !== undefined && header.bugcheck !== null) {
    if (records.exr !== undefined) {
      const address = header.bugcheck.args[records.exr - 1] as bigint;
      const size = header.is64 ? EXCEPTION_RECORD_SIZE[64] : EXCEPTION_RECORD_SIZE[32];
      const b = await memory.read(address, size);
      const rec = b === null ? null : readExceptionRecord(new ByteView(b.view.bytes, 0), 0, header.is64);
      exr = rec?.ok ? { address, arg: records.exr, value: rec.value } : { address, arg: records.exr, value: null, problem: 'the dump does not hold the memory it points to' };
    }
    const address = header.bugcheck.args[records.cxr - 1] as bigint;
    const size = header.arch === 'x64' ? CONTEXT_SIZE.x64 : header.arch === 'arm64' ? CONTEXT_SIZE.arm64 : CONTEXT_SIZE.x86;
    const b = await memory.read(address, size);
    if (b === null) {
      cxr = { address, arg: records.cxr, value: null, problem: 'the dump does not hold the memory it points to' };
    } else {
      const view = new ByteView(b.view.bytes, 0);
      const r = readContext(view, 0, header.arch);
      cxr =
        r.ok && contextFlagsMatch(view, 0, header.arch) && !isEmptyContext(r.value)
          ? { address, arg: records.cxr, value: r.value }
          : { address, arg: records.cxr, value: null, problem: 'the memory it points to does not hold a valid context record' };
    }
  }
  const stackRegs = cxr?.value ?? headerContext;
  const walk =
    stackRegs !== null && triage !== null
      ? await walkStack({ arch: header.arch, is64: header.is64, regs: stackRegs, memory, modules, unloaded: triage.unloaded, rawWords: RAW_STACK_WORDS })
      : null;
  return ok({
    fileSize: file.size,
    header,
    triage,
    layout,
    modules,
    headerContext,
    headerException,
    exr,
    cxr,
    walk,
    memoryBytes: memory.bytes,
    notes,
  });
}
