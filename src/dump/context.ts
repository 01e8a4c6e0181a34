/**
 * CONTEXT records (the saved registers of a thread or processor), for AMD64,
 * ARM64 and x86, as laid out in winnt.h (summarised in ../shared/dumps/FORMATS.md §5):
 *   AMD64  0x4D0 bytes: EFlags 0x44, Rax 0x78 … R15 0xF0, Rip 0xF8 (Rsp 0x98, Rbp 0xA0)
 *   ARM64  0x390 bytes: Cpsr 0x04, X0–X28 from 0x08, Fp 0xF0, Lr 0xF8, Sp 0x100, Pc 0x108
 *   x86    0x2CC bytes: Edi 0x9C … Eax 0xB0, Ebp 0xB4, Eip 0xB8, EFlags 0xC0, Esp 0xC4
 * Breakpad and Crashpad write the same layouts for Windows processes.
 */
import { fail, ok, type Arch, type Registers, type Result } from './types';
import type { ByteView } from './view';

/** Size of each CONTEXT layout. */
export const CONTEXT_SIZE: Readonly<Record<'x64' | 'arm64' | 'x86', number>> = { x64: 0x4d0, arm64: 0x390, x86: 0x2cc };

// AMD64 general registers in `r` order, with their offsets.
const AMD64: readonly (readonly [string, number])[] = [
  ['rax', 0x78],
  ['rbx', 0x90],
  ['rcx', 0x80],
  ['rdx', 0x88],
  ['rsi', 0xa8],
  ['rdi', 0xb0],
  ['rip', 0xf8],
  ['rsp', 0x98],
  ['rbp', 0xa0],
  ['r8', 0xb8],
  ['r9', 0xc0],
  ['r10', 0xc8],
  ['r11', 0xd0],
  ['r12', 0xd8],
  ['r13', 0xe0],
  ['r14', 0xe8],
  ['r15', 0xf0],
];

// x86 general registers in `r` order, with their offsets.
const X86: readonly (readonly [string, number])[] = [
  ['eax', 0xb0],
  ['ebx', 0xa4],
  ['ecx', 0xac],
  ['edx', 0xa8],
  ['esi', 0xa0],
  ['edi', 0x9c],
  ['eip', 0xb8],
  ['esp', 0xc4],
  ['ebp', 0xb4],
];

/** Decode a CONTEXT of `arch` at absolute `offset`; fails when the bytes are not all there. */
export function readContext(view: ByteView, offset: number, arch: Arch): Result<Registers> {
  if (arch === 'x64') {
    if (!view.has(offset, CONTEXT_SIZE.x64)) {
      return fail('the AMD64 register context is cut off');
    }
    const values = AMD64.map(([name, at]) => [name, view.u64(offset + at) as bigint] as const);
    const get = (name: string) => (values.find(([n]) => n === name) as readonly [string, bigint])[1];
    const seg = (at: number) => view.u16(offset + at) as number;
    return ok({
      arch,
      values,
      ip: get('rip'),
      sp: get('rsp'),
      fp: get('rbp'),
      flags: view.u32(offset + 0x44) as number,
      segments: { cs: seg(0x38), ds: seg(0x3a), es: seg(0x3c), fs: seg(0x3e), gs: seg(0x40), ss: seg(0x42) },
    });
  }
  if (arch === 'arm64') {
    if (!view.has(offset, CONTEXT_SIZE.arm64)) {
      return fail('the ARM64 register context is cut off');
    }
    const values: (readonly [string, bigint])[] = [];
    for (let k = 0; k <= 28; k++) {
      values.push([`x${k}`, view.u64(offset + 0x08 + 8 * k) as bigint]);
    }
    const fp = view.u64(offset + 0xf0) as bigint;
    const lr = view.u64(offset + 0xf8) as bigint;
    const sp = view.u64(offset + 0x100) as bigint;
    const pc = view.u64(offset + 0x108) as bigint;
    values.push(['fp', fp], ['lr', lr], ['sp', sp], ['pc', pc]);
    return ok({ arch, values, ip: pc, sp, fp, lr, flags: view.u32(offset + 0x04) as number });
  }
  if (arch === 'x86') {
    if (!view.has(offset, CONTEXT_SIZE.x86)) {
      return fail('the x86 register context is cut off');
    }
    const values = X86.map(([name, at]) => [name, BigInt(view.u32(offset + at) as number)] as const);
    const get = (name: string) => (values.find(([n]) => n === name) as readonly [string, bigint])[1];
    const seg = (at: number) => (view.u32(offset + at) as number) & 0xffff;
    return ok({
      arch,
      values,
      ip: get('eip'),
      sp: get('esp'),
      fp: get('ebp'),
      flags: view.u32(offset + 0xc0) as number,
      segments: { gs: seg(0x8c), fs: seg(0x90), es: seg(0x94), ds: seg(0x98), cs: seg(0xbc), ss: seg(0xc8) },
    });
  }
  return fail(`registers of a ${arch} processor are not decoded`);
}

/** Is every general register zero (a context nobody filled in)? */
export function isEmptyContext(r: Registers): boolean {
  return r.values.every(([, v]) => v === 0n);
}
