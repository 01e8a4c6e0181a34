/** The call instructions that confirm a return address. */
import { describe, expect, it } from 'vitest';
import { isArm64CallBefore, isX86CallBefore } from '../../../src/dump/calls';

/** Seven code bytes ending at the return address: `tail` right-aligned after filler. */
function code(...tail: number[]): Uint8Array {
  return new Uint8Array([...new Array<number>(7 - tail.length).fill(0xcc), ...tail]);
}

const anywhere = () => true;
const nowhere = () => false;

describe('x86/x64 calls', () => {
  it('accepts each form of CALL that ends at the return address', () => {
    const forms: number[][] = [
      [0xe8, 0x10, 0x00, 0x00, 0x00], // call rel32
      [0xff, 0x15, 0x00, 0x10, 0x00, 0x00], // call [rip+disp32]
      [0xff, 0xd0], // call rax
      [0x41, 0xff, 0xd3], // call r11
      [0xff, 0x10], // call [rax]
      [0xff, 0x14, 0x24], // call [rsp] (sib)
      [0xff, 0x50, 0x08], // call [rax+8]
      [0xff, 0x54, 0x24, 0x08], // call [rsp+8]
      [0xff, 0x90, 0x00, 0x01, 0x00, 0x00], // call [rax+0x100]
      [0xff, 0x94, 0x24, 0x00, 0x01, 0x00, 0x00], // call [rsp+0x100]
      [0xff, 0x14, 0xc5, 0x00, 0x10, 0x00, 0x00], // call [rax*8+disp32]
    ];
    for (const f of forms) {
      expect(isX86CallBefore(code(...f), 0x401000n, true, anywhere), f.map((b) => b.toString(16)).join(' ')).toBe(true);
    }
  });

  it('rejects other instructions, other FF forms and calls to nowhere', () => {
    expect(isX86CallBefore(code(0x90, 0x90), 0x401000n, true, anywhere)).toBe(false);
    expect(isX86CallBefore(code(0xff, 0xe0), 0x401000n, true, anywhere)).toBe(false); // jmp rax (FF /4)
    expect(isX86CallBefore(code(0xff, 0x30), 0x401000n, true, anywhere)).toBe(false); // push [rax] (FF /6)
    expect(isX86CallBefore(code(0xe8, 0x10, 0x00, 0x00, 0x00), 0x401000n, true, nowhere)).toBe(false);
    expect(isX86CallBefore(new Uint8Array(3), 0x401000n, true, anywhere)).toBe(false);
  });

  it('computes the E8 target with a negative displacement', () => {
    const seen: bigint[] = [];
    isX86CallBefore(code(0xe8, 0xf0, 0xff, 0xff, 0xff), 0x401000n, false, (t) => (seen.push(t), true));
    expect(seen).toEqual([0x400ff0n]);
  });
});

describe('ARM64 calls', () => {
  it('accepts BL, BLR and the authenticated BLRA* forms', () => {
    for (const insn of [0x94000010, 0x97ffffff, 0xd63f0100, 0xd73f0811, 0xd63f091f]) {
      expect(isArm64CallBefore(insn), insn.toString(16)).toBe(true);
    }
  });

  it('rejects B, BR, RET and data', () => {
    for (const insn of [0x14000010, 0xd61f0100, 0xd65f03c0, 0, 0xffffffff]) {
      expect(isArm64CallBefore(insn), insn.toString(16)).toBe(false);
    }
  });
});
