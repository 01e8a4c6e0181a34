/**
 * Crash dumps built by tests/dump-writer.ts that tell a small story each:
 * a third-party driver faulting on x64, a 32-bit driver at DISPATCH_LEVEL, a
 * power-button crash on ARM64, an application crash in a user minidump. The
 * unit tests read them; `writer-triage-x64.dmp` under tests/fixtures/dumps
 * is `x64DriverCrash()` written to disk for the end-to-end test (a unit test
 * checks the file still equals what the writer builds).
 */
import {
  Bytes,
  contextBytes,
  exceptionRecordBytes,
  writeMinidump,
  writeTriageDump,
  type DriverSpec,
  type MemorySpec,
  type MinidumpSpec,
  type TriageSpec,
} from './dump-writer';

/** Code bytes ending with a call instruction, placed so that the call returns to `ret`. */
export function callBefore(ret: bigint, form: 'e8' | 'ff15' | 'ffd0' | 'bl' | 'blr', target = 0n): MemorySpec {
  const b = new Bytes();
  if (form === 'bl' || form === 'blr') {
    b.u32(0, 0xd503201f).u32(4, form === 'bl' ? 0x94000010 : 0xd63f0100);
    return { address: ret - 8n, bytes: b.toUint8Array() };
  }
  // Eight bytes of filler (nop), then the call, ending exactly at ret.
  for (let k = 0; k < 8; k++) {
    b.u8(k, 0x90);
  }
  if (form === 'e8') {
    const rel = Number(BigInt.asIntN(32, target - ret));
    b.u8(8, 0xe8).u32(9, rel >>> 0);
    return { address: ret - 13n, bytes: b.toUint8Array() };
  }
  if (form === 'ff15') {
    b.u8(8, 0xff).u8(9, 0x15).u32(10, 0x1000);
    return { address: ret - 14n, bytes: b.toUint8Array() };
  }
  b.u8(8, 0xff).u8(9, 0xd0);
  return { address: ret - 10n, bytes: b.toUint8Array() };
}

/** Code bytes before `ret` that are no call (the value is data). */
export function noCallBefore(ret: bigint): MemorySpec {
  const b = new Bytes();
  for (let k = 0; k < 16; k++) {
    b.u8(k, 0xcc);
  }
  return { address: ret - 16n, bytes: b.toUint8Array() };
}

const NT64 = 0xfffff8047ba00000n;
const WDF64 = 0xfffff804799d0000n;
const CONTOSO64 = 0xfffff8048b580000n;

/** The usual x64 drivers: the kernel, the HAL, WDF (Microsoft) and one third-party driver. */
export const X64_DRIVERS: readonly DriverSpec[] = [
  { name: '\\SystemRoot\\system32\\ntoskrnl.exe', base: NT64, size: 0x1046000, timestamp: 0xd8333e6 },
  { name: '\\SystemRoot\\system32\\hal.dll', base: 0xfffff80479440000n, size: 0x6000, timestamp: 0x1a7be8e9 },
  { name: '\\SystemRoot\\system32\\drivers\\Wdf01000.sys', base: WDF64, size: 0xd1000, timestamp: 0xb5f3f4a2 },
  { name: '\\SystemRoot\\system32\\drivers\\contosodrv.sys', base: CONTOSO64, size: 0x3b000, timestamp: 0x5def1b37 },
  { name: '\\SystemRoot\\system32\\drivers\\fabrikamflt.sys', base: 0xfffff8048c000000n, size: 0x20000, timestamp: 0x4f712051 },
  { name: '\\SystemRoot\\system32\\drivers\\northwindnet.sys', base: 0xfffff8048c100000n, size: 0x20000, timestamp: 0x5f000000 },
  { name: '\\SystemRoot\\system32\\drivers\\tailspinaud.sys', base: 0xfffff8048c200000n, size: 0x20000, timestamp: 0x5e000000 },
  { name: '\\SystemRoot\\system32\\drivers\\adatumusb.sys', base: 0xfffff8048c300000n, size: 0x20000, timestamp: 0x5d000000 },
];

/**
 * 0x1000007E in contosodrv.sys on x64: the exception and context records the
 * arguments point to are in the dump, the scanned stack holds two confirmed
 * return addresses (contosodrv → nt), one refuted value and one whose code is
 * not in the dump.
 */
export function x64DriverCrash(): TriageSpec {
  const top = 0xffff850429890000n;
  const rsp = top + 0x200n;
  const rip = CONTOSO64 + 0x334cn;
  const retInDriver = CONTOSO64 + 0x313fn;
  const retInNt = NT64 + 0x2e0d7dn;
  const dataInNt = NT64 + 0x500000n;
  const unknownInWdf = WDF64 + 0x96da0n;
  const words: bigint[] = new Array<bigint>(0x100).fill(0n);
  // Stack from `top`; rsp is 0x40 words up.
  const at = (addr: bigint, v: bigint) => {
    words[Number((addr - top) / 8n)] = v;
  };
  at(rsp + 0x28n, retInDriver);
  at(rsp + 0x40n, dataInNt);
  at(rsp + 0x58n, unknownInWdf);
  at(rsp + 0x78n, retInNt);
  const exr = 0xffff850429891ee8n;
  const cxr = 0xffff850429891720n;
  const regs = { rip, rsp, rbp: rsp + 0x80n, rax: 0xffffc08be4da6240n, rcx: 0x20n };
  return {
    arch: 'x64',
    build: 19041,
    processors: 16,
    bugcheck: { code: 0x1000007e, args: [0xffffffffc0000005n, rip, exr, cxr] },
    context: regs,
    drivers: X64_DRIVERS,
    unloaded: [{ name: 'oldcontoso.sys', start: 0xfffff8048d000000n, end: 0xfffff8048d010000n }],
    stack: { top, words },
    blocks: [
      callBefore(retInDriver, 'e8', CONTOSO64 + 0x3300n),
      callBefore(retInNt, 'ff15'),
      noCallBefore(dataInNt),
      { address: exr, bytes: exceptionRecordBytes(true, 0xc0000005, rip, [1n, 0xffffffffffffffffn]) },
      { address: cxr, bytes: contextBytes('x64', regs) },
    ],
    kernBase: NT64,
  };
}

const NT32 = 0x80400000n;
const CONTOSO32 = 0xf7a00000n;

/** 0xD1 on 32-bit x86: the instruction address (Arg4) in contoso32.sys, an EBP chain through it. */
export function x86DriverCrash(): TriageSpec {
  const top = 0xf7000000n;
  const esp = top + 0x40n;
  const ebp0 = top + 0x60n;
  const ebp1 = top + 0x90n;
  const ebp2 = top + 0xc0n;
  const words: bigint[] = new Array<bigint>(0x40).fill(0n);
  const at = (addr: bigint, v: bigint) => {
    words[Number((addr - top) / 4n)] = v;
  };
  // ebp0 → ebp1 → ebp2 → 0; return addresses: nt (KiTrap), contoso, nt.
  at(ebp0, ebp1);
  at(ebp0 + 4n, NT32 + 0x1234n);
  at(ebp1, ebp2);
  at(ebp1 + 4n, CONTOSO32 + 0x2222n);
  at(ebp2, 0n);
  at(ebp2 + 4n, NT32 + 0x5678n);
  return {
    arch: 'x86',
    build: 2600,
    processors: 1,
    bugcheck: { code: 0xd1, args: [0x4n, 0x2n, 0x0n, CONTOSO32 + 0x1111n] },
    context: { eip: NT32 + 0x100n, esp, ebp: ebp0 },
    drivers: [
      { name: '\\WINDOWS\\system32\\ntoskrnl.exe', base: NT32, size: 0x200000, timestamp: 0x41108004 },
      { name: '\\WINDOWS\\system32\\hal.dll', base: 0x806d0000n, size: 0x20000, timestamp: 0x41108005 },
      { name: '\\SystemRoot\\system32\\DRIVERS\\contoso32.sys', base: CONTOSO32, size: 0x10000, timestamp: 0x48f2e192 },
    ],
    stack: { top, words },
    blocks: [callBefore(CONTOSO32 + 0x2222n, 'e8', CONTOSO32 + 0x1000n)],
  };
}

const NTA64 = 0xfffff803f2e00000n;

/** 0x1C8 MANUALLY_INITIATED_POWER_BUTTON_HOLD on ARM64: a frame chain through nt only. */
export function arm64PowerButton(): TriageSpec {
  const top = 0xffffe00e0e4bc000n;
  const sp = top + 0x40n;
  const fp0 = sp;
  const fp1 = top + 0x100n;
  const fp2 = top + 0x180n;
  const words: bigint[] = new Array<bigint>(0x40).fill(0n);
  const at = (addr: bigint, v: bigint) => {
    words[Number((addr - top) / 8n)] = v;
  };
  at(fp0, fp1);
  at(fp0 + 8n, NTA64 + 0x5442a0n);
  at(fp1, fp2);
  // A return address signed by pointer authentication: the reader strips the code.
  at(fp1 + 8n, (NTA64 + 0x29ff1cn) & 0x80ffffffffffffffn);
  at(fp2, 0n);
  at(fp2 + 8n, NTA64 + 0x207de4n);
  return {
    arch: 'arm64',
    build: 22000,
    processors: 8,
    bugcheck: { code: 0x1c8, args: [0x1b58n, 0xfffff803f3a20860n, 0n, 0n] },
    context: { pc: NTA64 + 0x4de014n, sp, fp: fp0, lr: 0n, x25: 0x1b58n },
    drivers: [
      { name: '\\SystemRoot\\system32\\ntoskrnl.exe', base: NTA64, size: 0x103e000, timestamp: 0xdf291b09 },
      { name: '\\SystemRoot\\system32\\hal.dll', base: 0xfffff803f0110000n, size: 0x5000, timestamp: 0x4f8e85a9 },
      { name: '\\SystemRoot\\System32\\drivers\\qcwlan.sys', base: 0xfffff803f5000000n, size: 0x80000, timestamp: 0x5f8555ef },
    ],
    unloaded: [{ name: 'dump_storport.sys', start: 0xfffff80bf0000000n, end: 0xfffff80bf000e000n }],
    stack: { top, words },
    blocks: [callBefore(NTA64 + 0x5442a0n, 'bl'), callBefore(NTA64 + 0x29ff1cn, 'blr')],
  };
}

const APP = 0x00007ff7214f0000n;
const NTDLL = 0x00007fff3e9a0000n;
const KERNEL32 = 0x00007fff3c800000n;

/** An access violation in app.exe, in a Windows 10 x64 minidump. */
export function userAppCrash(overrides: Partial<MinidumpSpec> = {}): MinidumpSpec {
  const start = 0x0000006399dac000n;
  const rsp = start + 0xa18n;
  const rip = APP + 0xe8da4n;
  const words: bigint[] = new Array<bigint>(0x200).fill(0n);
  const retInApp = APP + 0xc5ad9n;
  words[Number((rsp - start) / 8n)] = retInApp;
  words[Number((rsp - start) / 8n) + 6] = KERNEL32 + 0x1234n;
  const context = { rip, rsp, rbp: rsp + 0x68n };
  return {
    arch: 'x64',
    version: [10, 0, 14393],
    processors: 2,
    processId: 0x27a4,
    exception: { threadId: 0x17b4, code: 0xc0000005, address: rip, params: [1n, 0n], context },
    threads: [
      { id: 0x17b4, stack: { start, words }, context, name: 'main' },
      { id: 0x201c, stack: { start: start + 0x100000n, words: [0n, 0n] }, context: { rip: NTDLL + 0x9f6f4n, rsp: start + 0x100000n } },
    ],
    modules: [
      { path: 'C:\\Program Files\\Contoso\\app.exe', base: APP, size: 0x5c0000, timestamp: 0x57ffe1a0, version: [1, 4, 3, 0], pdb: { guid: new Uint8Array(16).fill(0xab), age: 1, name: 'C:\\build\\app.exe.pdb' } },
      { path: 'C:\\Windows\\System32\\ntdll.dll', base: NTDLL, size: 0x1d1000, timestamp: 0x57f7c0d4 },
      { path: 'C:\\Windows\\System32\\kernel32.dll', base: KERNEL32, size: 0xae000, timestamp: 0x57f7bf6c },
    ],
    unloaded: [{ path: 'C:\\Windows\\System32\\oldplugin.dll', base: 0x00007fff30000000n, size: 0x10000, timestamp: 0x50000000 }],
    memory: [callBefore(retInApp, 'e8', APP + 0x1000n)],
    ...overrides,
  };
}

/** The triage dump of `x64DriverCrash`, as bytes. */
export function x64DriverCrashBytes(): Uint8Array {
  return writeTriageDump(x64DriverCrash());
}

/** The minidump of `userAppCrash`, as bytes. */
export function userAppCrashBytes(overrides: Partial<MinidumpSpec> = {}): Uint8Array {
  return writeMinidump(userAppCrash(overrides));
}
