/**
 * A small crash dump writer for tests: builds kernel triage dumps (x64, x86,
 * ARM64), the header of kernel memory dumps, and user-mode minidumps from a
 * description, with the layouts of ../shared/dumps/FORMATS.md. Its offset
 * tables are written out here again on purpose, rather than imported from
 * src/dump, so that a wrong offset in the reader is not mirrored by the test.
 *
 * Nothing here tries to be a faithful Windows writer: it writes what the
 * reader reads, in the places the public headers give.
 */

/** A growable little-endian byte buffer. */
export class Bytes {
  private buf = new Uint8Array(0x4000);
  length = 0;

  private ensure(end: number): void {
    if (end > this.buf.length) {
      const next = new Uint8Array(Math.max(end, this.buf.length * 2));
      next.set(this.buf);
      this.buf = next;
    }
    this.length = Math.max(this.length, end);
  }

  u8(at: number, v: number): this {
    this.ensure(at + 1);
    this.buf[at] = v & 0xff;
    return this;
  }

  u16(at: number, v: number): this {
    return this.u8(at, v).u8(at + 1, v >>> 8);
  }

  u32(at: number, v: number): this {
    this.ensure(at + 4);
    new DataView(this.buf.buffer).setUint32(at, v >>> 0, true);
    return this;
  }

  u64(at: number, v: bigint): this {
    this.ensure(at + 8);
    new DataView(this.buf.buffer).setBigUint64(at, BigInt.asUintN(64, v), true);
    return this;
  }

  ptr(at: number, v: bigint, is64: boolean): this {
    return is64 ? this.u64(at, v) : this.u32(at, Number(BigInt.asUintN(32, v)));
  }

  set(at: number, bytes: Uint8Array): this {
    this.ensure(at + bytes.length);
    this.buf.set(bytes, at);
    return this;
  }

  ascii(at: number, text: string): this {
    for (let k = 0; k < text.length; k++) {
      this.u8(at + k, text.charCodeAt(k));
    }
    return this;
  }

  utf16(at: number, text: string): this {
    for (let k = 0; k < text.length; k++) {
      this.u16(at + 2 * k, text.charCodeAt(k));
    }
    return this;
  }

  /** Append `bytes` at the end, aligned to `align`; returns their offset. */
  append(bytes: Uint8Array, align = 8): number {
    const at = Math.ceil(this.length / align) * align;
    this.set(at, bytes);
    return at;
  }

  /** Reserve `size` zero bytes at the end, aligned; returns their offset. */
  reserve(size: number, align = 8): number {
    const at = Math.ceil(this.length / align) * align;
    this.ensure(at + size);
    return at;
  }

  /** Fill [at, at+size) with the repeated tag (the kernel header's `PAGE` filler). */
  fill(at: number, size: number, tag: string): this {
    for (let k = 0; k < size; k += tag.length) {
      this.ascii(at + k, tag.slice(0, Math.min(tag.length, size - k)));
    }
    return this;
  }

  toUint8Array(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

export type WriterArch = 'x64' | 'x86' | 'arm64';

/** Register values by name: rip/rsp/rbp…, eip/esp/ebp…, pc/sp/fp/lr/x0…. */
export type RegisterSpec = Readonly<Record<string, bigint>>;

const AMD64_OFFSETS: Record<string, number> = {
  rax: 0x78, rcx: 0x80, rdx: 0x88, rbx: 0x90, rsp: 0x98, rbp: 0xa0, rsi: 0xa8, rdi: 0xb0,
  r8: 0xb8, r9: 0xc0, r10: 0xc8, r11: 0xd0, r12: 0xd8, r13: 0xe0, r14: 0xe8, r15: 0xf0, rip: 0xf8,
};
const X86_OFFSETS: Record<string, number> = { edi: 0x9c, esi: 0xa0, ebx: 0xa4, edx: 0xa8, ecx: 0xac, eax: 0xb0, ebp: 0xb4, eip: 0xb8, esp: 0xc4 };

/** A CONTEXT record for `arch` with the given registers (others zero) and its ContextFlags set. */
export function contextBytes(arch: WriterArch, regs: RegisterSpec): Uint8Array {
  const b = new Bytes();
  if (arch === 'x64') {
    b.reserve(0x4d0);
    b.u32(0x30, 0x10001f).u32(0x44, 0x246).u16(0x38, 0x10).u16(0x42, 0x18);
    for (const [name, v] of Object.entries(regs)) {
      const at = AMD64_OFFSETS[name];
      if (at !== undefined) {
        b.u64(at, v);
      }
    }
  } else if (arch === 'arm64') {
    b.reserve(0x390);
    b.u32(0, 0x400007).u32(4, 0x80000144);
    for (const [name, v] of Object.entries(regs)) {
      const x = /^x(\d+)$/.exec(name);
      const at = x ? 0x08 + 8 * Number(x[1]) : ({ fp: 0xf0, lr: 0xf8, sp: 0x100, pc: 0x108 } as Record<string, number>)[name];
      if (at !== undefined) {
        b.u64(at, v);
      }
    }
  } else {
    b.reserve(0x2cc);
    b.u32(0, 0x10007).u32(0xc0, 0x246).u32(0xbc, 0x8).u32(0xc8, 0x10);
    for (const [name, v] of Object.entries(regs)) {
      const at = X86_OFFSETS[name];
      if (at !== undefined) {
        b.u32(at, Number(BigInt.asUintN(32, v)));
      }
    }
  }
  return b.toUint8Array();
}

/** An EXCEPTION_RECORD64/32. */
export function exceptionRecordBytes(is64: boolean, code: number, address: bigint, params: readonly bigint[] = []): Uint8Array {
  const b = new Bytes();
  b.reserve(is64 ? 0x98 : 0x50);
  b.u32(0, code).u32(4, 0).ptr(is64 ? 0x10 : 0x0c, address, is64).u32(is64 ? 0x18 : 0x10, params.length);
  params.forEach((p, k) => b.ptr(is64 ? 0x20 + 8 * k : 0x14 + 4 * k, p, is64));
  return b.toUint8Array();
}

/** Words as little-endian bytes. */
export function wordBytes(words: readonly bigint[], is64: boolean): Uint8Array {
  const b = new Bytes();
  words.forEach((w, k) => b.ptr(k * (is64 ? 8 : 4), w, is64));
  b.reserve(0);
  return b.toUint8Array();
}

/** A loaded driver of a triage dump. */
export interface DriverSpec {
  /** The path the string pool holds (`\SystemRoot\system32\drivers\foo.sys`) or a file name. */
  name: string;
  base: bigint;
  size: number;
  timestamp: number;
  checksum?: number;
}

/** A block of memory a dump holds. */
export interface MemorySpec {
  address: bigint;
  bytes: Uint8Array;
}

/** What a kernel triage dump holds. */
export interface TriageSpec {
  arch: WriterArch;
  build?: number;
  processors?: number;
  bugcheck: { code: number; args: readonly [bigint, bigint, bigint, bigint] };
  /** FILETIME of the crash (default: 2021-02-21 01:38:22 UTC). */
  systemTime?: bigint;
  context: RegisterSpec;
  drivers: readonly DriverSpec[];
  unloaded?: readonly { name: string; start: bigint; end: bigint }[];
  /** The faulting thread's stack: its lowest address (TopOfStack) and words from there. */
  stack: { top: bigint; words: readonly bigint[] };
  /** Memory blocks (code pages, records). */
  blocks?: readonly MemorySpec[];
  kernBase?: bigint;
  /** Driver entry size (default 0x90 on 64-bit, 0x4C on 32-bit). */
  driverEntrySize?: number;
}

/** 2021-02-21 01:38:22 UTC as a FILETIME. */
export const DEFAULT_FILETIME = 132583451020000000n;

/** Build a kernel triage dump (dump type 4). */
export function writeTriageDump(spec: TriageSpec): Uint8Array {
  const is64 = spec.arch !== 'x86';
  const b = new Bytes();
  const headerSize = is64 ? 0x2000 : 0x1000;
  b.fill(0, headerSize, 'PAGE');
  b.ascii(0, is64 ? 'PAGEDU64' : 'PAGEDUMP');
  b.u32(0x08, 0xf).u32(0x0c, spec.build ?? 19041);
  const machine = spec.arch === 'x64' ? 0x8664 : spec.arch === 'arm64' ? 0xaa64 : 0x14c;
  const ctx = contextBytes(spec.arch, spec.context);
  if (is64) {
    b.u64(0x10, 0x1ad000n).u64(0x20, 0xfffff8047c62a390n).u32(0x30, machine).u32(0x34, spec.processors ?? 4);
    b.u32(0x38, spec.bugcheck.code);
    spec.bugcheck.args.forEach((a, k) => b.u64(0x40 + 8 * k, a));
    b.set(0x348, ctx);
    b.set(0xf00, exceptionRecordBytes(true, 0x80000003, spec.context.rip ?? spec.context.pc ?? 0n));
    b.u32(0xf98, 4).u64(0xfa8, spec.systemTime ?? DEFAULT_FILETIME).u64(0x1030, 37470697n);
    b.u32(0x1038, 0xcff).u32(0x1040, 1).u32(0x1044, 0x110);
  } else {
    b.u32(0x10, 0x1ad000).u32(0x18, 0x8055a420).u32(0x20, machine).u32(0x24, spec.processors ?? 1);
    b.u32(0x28, spec.bugcheck.code);
    spec.bugcheck.args.forEach((a, k) => b.u32(0x2c + 4 * k, Number(BigInt.asUintN(32, a))));
    b.set(0x320, ctx);
    b.set(0x7d0, exceptionRecordBytes(false, 0x80000003, spec.context.eip ?? 0n));
    b.u32(0xf88, 4).u32(0xf8c, 0xcff).u32(0xf94, 1).u32(0xf98, 0x100).u64(0xfc0, spec.systemTime ?? DEFAULT_FILETIME);
  }
  const t = headerSize;
  b.reserve(is64 ? 0x100 : 0x80);
  // Unloaded drivers: count, padding to the pointer size, entries.
  const unloaded = spec.unloaded ?? [];
  const uEntry = is64 ? 0x38 : 0x28;
  const uAt = b.reserve((is64 ? 8 : 4) + unloaded.length * uEntry);
  b.u32(uAt, unloaded.length);
  unloaded.forEach((u, k) => {
    const e = uAt + (is64 ? 8 : 4) + k * uEntry;
    const name = u.name.slice(0, 12);
    b.u16(e, u.name.length * 2).u16(e + 2, u.name.length * 2);
    b.utf16(e + (is64 ? 0x10 : 0x08), name);
    b.ptr(e + (is64 ? 0x28 : 0x20), u.start, is64).ptr(e + (is64 ? 0x30 : 0x24), u.end, is64);
  });
  // The faulting thread's stack.
  const stackBytes = wordBytes(spec.stack.words, is64);
  const stackAt = b.append(stackBytes);
  // Driver list, then the string pool right after it (the reader derives the entry size from the gap).
  const stride = spec.driverEntrySize ?? (is64 ? 0x90 : 0x4c);
  const listAt = b.reserve(spec.drivers.length * stride);
  const poolAt = listAt + spec.drivers.length * stride;
  let p = poolAt;
  spec.drivers.forEach((d, k) => {
    const e = listAt + k * stride;
    b.u32(e, p);
    b.ptr(e + (is64 ? 0x38 : 0x1c), d.base, is64).u32(e + (is64 ? 0x48 : 0x24), d.size);
    b.u32(e + (is64 ? 0x80 : 0x44), d.checksum ?? 0).u32(e + (is64 ? 0x88 : 0x48), d.timestamp);
    b.u32(p, d.name.length).utf16(p + 4, d.name).u16(p + 4 + 2 * d.name.length, 0);
    p += Math.ceil((4 + 2 * d.name.length + 2) / 8) * 8;
  });
  b.reserve(p - b.length, 1);
  const poolSize = p - poolAt;
  // Debugger data block (KDBG) with KernBase.
  const kdbgAt = b.reserve(0x80);
  b.ascii(kdbgAt + 0x10, 'KDBG').u64(kdbgAt + 0x18, spec.kernBase ?? spec.drivers[0]?.base ?? 0n);
  // Memory blocks: the table, then their bytes.
  const blocks = spec.blocks ?? [];
  const tableAt = b.reserve(blocks.length * 16);
  blocks.forEach((m, k) => {
    const at = b.append(m.bytes, 1);
    b.u64(tableAt + 16 * k, m.address).u32(tableAt + 16 * k + 8, at).u32(tableAt + 16 * k + 12, m.bytes.length);
  });
  const sizeOfDump = Math.ceil((b.length + 4) / 8) * 8;
  b.ascii(sizeOfDump - 4, 'TRGD');
  // The triage header.
  b.u32(t, 0).u32(t + 4, sizeOfDump).u32(t + 8, sizeOfDump - 4);
  b.u32(t + 0x0c, is64 ? 0x348 : 0x320).u32(t + 0x10, is64 ? 0xf00 : 0x7d0);
  b.u32(t + 0x18, uAt).u32(t + 0x28, stackAt).u32(t + 0x2c, stackBytes.length);
  b.u32(t + 0x30, listAt).u32(t + 0x34, spec.drivers.length).u32(t + 0x38, poolAt).u32(t + 0x3c, poolSize);
  b.u32(t + 0x40, 0).u32(t + 0x44, 0xffffffff);
  if (is64) {
    b.u64(t + 0x48, spec.stack.top).u32(t + 0x70, kdbgAt).u32(t + 0x74, 0x80).u32(t + 0x78, tableAt).u32(t + 0x7c, blocks.length);
  } else {
    b.u32(t + 0x48, Number(spec.stack.top)).u32(t + 0x58, kdbgAt).u32(t + 0x5c, 0x80).u32(t + 0x60, tableAt).u32(t + 0x64, blocks.length);
  }
  return b.toUint8Array();
}

/** The headers of a kernel memory dump (types 1, 5, 6) without its pages: for size and truncation tests. */
export function writeMemoryDumpHeader(spec: { dumpType: 1 | 5 | 6; bugcheck: TriageSpec['bugcheck']; presentPages: bigint; context?: RegisterSpec }): Uint8Array {
  const b = new Bytes();
  b.fill(0, 0x2000, 'PAGE');
  b.ascii(0, 'PAGEDU64').u32(0x08, 0xf).u32(0x0c, 19041).u32(0x30, 0x8664).u32(0x34, 8).u32(0x38, spec.bugcheck.code);
  spec.bugcheck.args.forEach((a, k) => b.u64(0x40 + 8 * k, a));
  b.u32(0x88, 1).u64(0x90, spec.presentPages);
  b.set(0x348, contextBytes('x64', spec.context ?? { rip: 0xfffff8047bdf5a80n, rsp: 0xffff850429892000n }));
  b.u32(0xf98, spec.dumpType).u64(0xfa8, DEFAULT_FILETIME);
  if (spec.dumpType !== 1) {
    b.ascii(0x2000, spec.dumpType === 5 ? 'FDMP' : 'SDMP').ascii(0x2004, 'DUMP');
    b.u64(0x2020, 0x10000n).u64(0x2028, spec.presentPages).u64(0x2030, spec.presentPages);
    b.reserve(0x40, 1);
  }
  return b.toUint8Array();
}

// ---------------------------------------------------------------------------
// User-mode minidumps
// ---------------------------------------------------------------------------

/** A module of a minidump. */
export interface ModuleSpec {
  path: string;
  base: bigint;
  size: number;
  timestamp: number;
  version?: readonly [number, number, number, number];
  pdb?: { guid: Uint8Array; age: number; name: string };
}

/** A thread of a minidump. */
export interface ThreadSpec {
  id: number;
  stack: { start: bigint; words: readonly bigint[] };
  context: RegisterSpec;
  teb?: bigint;
  name?: string;
}

/** What a minidump holds. */
export interface MinidumpSpec {
  arch: WriterArch;
  /** PlatformId: 2 Windows NT (default), 0x8101 macOS, 0x8201 Linux… */
  platformId?: number;
  version?: readonly [number, number, number];
  processors?: number;
  csd?: string;
  /** Seconds since 1970 (default 2016-10-13). */
  timestamp?: number;
  processId?: number;
  exception?: { threadId: number; code: number; address: bigint; params?: readonly bigint[]; context: RegisterSpec };
  threads: readonly ThreadSpec[];
  modules: readonly ModuleSpec[];
  unloaded?: readonly { path: string; base: bigint; size: number; timestamp: number }[];
  memory?: readonly MemorySpec[];
  /** Put four bytes of padding after the counts of list streams (some writers do). */
  padLists?: boolean;
  /** Streams of other writers (Breakpad 0x4767…, Crashpad 0x4350…). */
  extraStreams?: readonly { type: number; bytes: Uint8Array }[];
}

function minidumpString(b: Bytes, text: string): number {
  const at = b.reserve(4 + 2 * text.length + 2, 4);
  b.u32(at, 2 * text.length).utf16(at + 4, text).u16(at + 4 + 2 * text.length, 0);
  return at;
}

/** Build a user-mode minidump. */
export function writeMinidump(spec: MinidumpSpec): Uint8Array {
  const b = new Bytes();
  const is64 = spec.arch !== 'x86';
  const pad = spec.padLists === true ? 4 : 0;
  const streams: { type: number; size: number; rva: number }[] = [];
  const extra = spec.extraStreams ?? [];
  const streamCount = 8 + extra.length;
  b.reserve(32 + streamCount * 12, 4);
  const put = (type: number, bytes: Uint8Array) => {
    streams.push({ type, size: bytes.length, rva: b.append(bytes, 4) });
  };
  // System info.
  const [major, minor, build] = spec.version ?? [10, 0, 14393];
  const csdRva = spec.csd !== undefined ? minidumpString(b, spec.csd) : 0;
  const sys = new Bytes();
  sys.reserve(56);
  sys.u16(0, spec.arch === 'x64' ? 9 : spec.arch === 'arm64' ? 12 : 0).u16(2, 6).u8(6, spec.processors ?? 2).u8(7, 1);
  sys.u32(8, major).u32(12, minor).u32(16, build).u32(20, spec.platformId ?? 2).u32(24, csdRva).u16(28, 0x100);
  sys.ascii(0x20, 'GenuineIntel');
  put(7, sys.toUint8Array());
  // Memory: thread stacks and extra blocks.
  const contexts = new Map<number, number>();
  const stackRvas = new Map<number, { rva: number; size: number }>();
  for (const th of spec.threads) {
    const words = wordBytes(th.stack.words, is64);
    stackRvas.set(th.id, { rva: b.append(words, 4), size: words.length });
    contexts.set(th.id, b.append(contextBytes(spec.arch, th.context), 4));
  }
  const blocks = (spec.memory ?? []).map((m) => ({ address: m.address, size: m.bytes.length, rva: b.append(m.bytes, 4) }));
  // Thread list.
  const tl = new Bytes();
  tl.u32(0, spec.threads.length);
  spec.threads.forEach((th, k) => {
    const e = 4 + pad + k * 48;
    const s = stackRvas.get(th.id) as { rva: number; size: number };
    tl.u32(e, th.id).u64(e + 0x10, th.teb ?? 0x7ffde000n + BigInt(k) * 0x2000n);
    tl.u64(e + 0x18, th.stack.start).u32(e + 0x20, s.size).u32(e + 0x24, s.rva);
    tl.u32(e + 0x28, spec.arch === 'x64' ? 0x4d0 : spec.arch === 'arm64' ? 0x390 : 0x2cc).u32(e + 0x2c, contexts.get(th.id) as number);
  });
  tl.reserve(0, 1);
  put(3, tl.toUint8Array());
  // Module list.
  const names = spec.modules.map((m) => minidumpString(b, m.path));
  const cvs = spec.modules.map((m) => {
    if (m.pdb === undefined) {
      return { rva: 0, size: 0 };
    }
    const cv = new Bytes();
    cv.ascii(0, 'RSDS').set(4, m.pdb.guid).u32(20, m.pdb.age).ascii(24, m.pdb.name).u8(24 + m.pdb.name.length, 0);
    const bytes = cv.toUint8Array();
    return { rva: b.append(bytes, 4), size: bytes.length };
  });
  const ml = new Bytes();
  ml.u32(0, spec.modules.length);
  spec.modules.forEach((m, k) => {
    const e = 4 + pad + k * 108;
    ml.u64(e, m.base).u32(e + 8, m.size).u32(e + 0x10, m.timestamp).u32(e + 0x14, names[k] as number);
    if (m.version !== undefined) {
      const [a, c, d, f] = m.version;
      ml.u32(e + 0x18, 0xfeef04bd).u32(e + 0x20, (a << 16) | c).u32(e + 0x24, (d << 16) | f);
    }
    const cv = cvs[k] as { rva: number; size: number };
    ml.u32(e + 0x4c, cv.size).u32(e + 0x50, cv.rva);
  });
  ml.reserve(0, 1);
  ml.reserve(4 + pad + spec.modules.length * 108 - ml.length, 1);
  put(4, ml.toUint8Array());
  // Memory list.
  const mem = new Bytes();
  mem.u32(0, blocks.length);
  blocks.forEach((m, k) => mem.u64(4 + pad + 16 * k, m.address).u32(12 + pad + 16 * k, m.size).u32(16 + pad + 16 * k, m.rva));
  mem.reserve(4 + pad + blocks.length * 16 - mem.length, 1);
  put(5, mem.toUint8Array());
  // Exception.
  if (spec.exception !== undefined) {
    const ctxRva = b.append(contextBytes(spec.arch, spec.exception.context), 4);
    const ex = new Bytes();
    ex.reserve(0xa8);
    ex.u32(0, spec.exception.threadId).set(8, exceptionRecordBytes(true, spec.exception.code, spec.exception.address, spec.exception.params ?? []));
    ex.u32(0xa0, spec.arch === 'x64' ? 0x4d0 : spec.arch === 'arm64' ? 0x390 : 0x2cc).u32(0xa4, ctxRva);
    put(6, ex.toUint8Array());
  } else {
    streams.push({ type: 0, size: 0, rva: 0 });
  }
  // Misc info (process id and creation time).
  const misc = new Bytes();
  misc.u32(0, 24).u32(4, 3).u32(8, spec.processId ?? 0x27a4).u32(12, (spec.timestamp ?? 1476397020) - 8);
  misc.reserve(24 - misc.length, 1);
  put(15, misc.toUint8Array());
  // Unloaded modules.
  const unloaded = spec.unloaded ?? [];
  const unames = unloaded.map((u) => minidumpString(b, u.path));
  const ul = new Bytes();
  ul.u32(0, 12).u32(4, 24).u32(8, unloaded.length);
  unloaded.forEach((u, k) => ul.u64(12 + 24 * k, u.base).u32(20 + 24 * k, u.size).u32(28 + 24 * k, u.timestamp).u32(32 + 24 * k, unames[k] as number));
  ul.reserve(12 + 24 * unloaded.length - ul.length, 1);
  put(14, ul.toUint8Array());
  // Thread names.
  const named = spec.threads.filter((t) => t.name !== undefined);
  const tnames = named.map((t) => minidumpString(b, t.name as string));
  const tn = new Bytes();
  tn.u32(0, named.length);
  named.forEach((t, k) => tn.u32(4 + 12 * k, t.id).u64(8 + 12 * k, BigInt(tnames[k] as number)));
  tn.reserve(4 + 12 * named.length - tn.length, 1);
  put(24, tn.toUint8Array());
  for (const s of extra) {
    put(s.type, s.bytes);
  }
  // Header and directory.
  b.ascii(0, 'MDMP').u32(4, 0xa793).u32(8, streams.length).u32(12, 32).u32(0x14, spec.timestamp ?? 1476397020);
  streams.forEach((s, k) => b.u32(32 + 12 * k, s.type).u32(36 + 12 * k, s.size).u32(40 + 12 * k, s.rva));
  return b.toUint8Array();
}
