/**
 * Is a value on the stack a return address? It is when the instruction just
 * before it is a call. Read from the code bytes the dump holds (a triage
 * dump keeps 256-byte windows around addresses referenced from the stack;
 * a minidump rarely keeps code at all):
 *
 *   x86/x64  E8 rel32            call rel32            (5 bytes; the target must lie in a module
 *                                                        or in the import stubs after one)
 *            FF 15 disp32        call [rip+disp32]     (6 bytes; [disp32] on x86)
 *            FF /2               call r/m: FF D0–D7 (2), FF 10–17 (2), FF 14 sib (3),
 *                                FF 50–57 disp8 (3), FF 54 sib disp8 (4),
 *                                FF 90–97 disp32 (6), FF 94 sib disp32 (7), FF 14 sib disp32 (7)
 *   ARM64    BL imm26            0x94000000 under mask 0xFC000000
 *            BLR Xn              0xD63F0000 under mask 0xFFFFFC1F
 *            BLRAA/BLRAB, …Z     pointer-authenticated forms
 *
 * Sources: Intel SDM vol. 2 (CALL, ModR/M encoding); Arm ARM (BL, BLR, BLRA*).
 */
import type { Arch } from './types';

/** What the bytes before a candidate return address say. */
export type CallCheck = 'call' | 'no-call' | 'unknown';

/** How many bytes before a return address the x86/x64 check reads. */
export const X86_CALL_WINDOW = 7;

/**
 * Check x86/x64 code: `code` holds the X86_CALL_WINDOW bytes before `ret`
 * (code[6] is the byte at ret − 1). `inModule` says whether an E8 call's
 * target lies in a loaded module (a stray E8 byte usually points nowhere).
 */
export function isX86CallBefore(code: Uint8Array, ret: bigint, is64: boolean, inModule: (target: bigint) => boolean): boolean {
  if (code.length < X86_CALL_WINDOW) {
    return false;
  }
  const at = (back: number) => code[X86_CALL_WINDOW - back] as number;
  // E8 rel32: call to ret + rel32.
  if (at(5) === 0xe8) {
    const rel = (at(4) | (at(3) << 8) | (at(2) << 16) | (at(1) << 24)) >> 0;
    const mask = is64 ? 0xffffffffffffffffn : 0xffffffffn;
    if (inModule((ret + BigInt(rel)) & mask)) {
      return true;
    }
  }
  // FF with a ModR/M byte whose reg field is 2 (CALL r/m), ending exactly at ret.
  const modrm = (back: number, mod: number) => at(back + 1) === 0xff && (at(back) & 0xc0) === mod && ((at(back) >> 3) & 7) === 2;
  // FF 15 disp32 (mod 00, rm 101) and FF 9x disp32 (mod 10), 6 bytes.
  if (modrm(5, 0x00) && (at(5) & 7) === 5) {
    return true;
  }
  if (modrm(5, 0x80) && (at(5) & 7) !== 4) {
    return true;
  }
  // FF 94 sib disp32, 7 bytes.
  if (modrm(6, 0x80) && (at(6) & 7) === 4) {
    return true;
  }
  // FF Dx: call register, 2 bytes.
  if (modrm(1, 0xc0)) {
    return true;
  }
  // FF 1x: call [reg], 2 bytes (not sib, not disp32).
  if (modrm(1, 0x00) && (at(1) & 7) !== 4 && (at(1) & 7) !== 5) {
    return true;
  }
  // FF 14 sib, 3 bytes (sib base 101 would add a disp32: not this form).
  if (modrm(2, 0x00) && (at(2) & 7) === 4 && (at(1) & 7) !== 5) {
    return true;
  }
  // FF 14 sib disp32 with sib base 101 (no base register), 7 bytes.
  if (modrm(6, 0x00) && (at(6) & 7) === 4 && (at(5) & 7) === 5) {
    return true;
  }
  // FF 5x disp8, 3 bytes; FF 54 sib disp8, 4 bytes.
  if (modrm(2, 0x40) && (at(2) & 7) !== 4) {
    return true;
  }
  return modrm(3, 0x40) && (at(3) & 7) === 4;
}

/** Check ARM64 code: `insn` is the 32-bit instruction at ret − 4. */
export function isArm64CallBefore(insn: number): boolean {
  const i = insn >>> 0;
  return (
    (i & 0xfc000000) >>> 0 === 0x94000000 || // BL
    (i & 0xfffffc1f) >>> 0 === 0xd63f0000 || // BLR
    (i & 0xfffff800) >>> 0 === 0xd73f0800 || // BLRAA, BLRAB (bit 10 picks the key)
    (i & 0xfffff81f) >>> 0 === 0xd63f081f // BLRAAZ, BLRABZ
  );
}

/** Does the architecture's check apply? (32-bit ARM is not checked.) */
export function canCheckCalls(arch: Arch): boolean {
  return arch === 'x64' || arch === 'x86' || arch === 'arm64';
}
