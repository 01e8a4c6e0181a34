/** Stacks without symbols: scanning confirmed by call instructions, and frame-pointer chains. */
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../../src/dump/byte-source';
import { DumpFile } from '../../../src/dump/file';
import { readKernelDump } from '../../../src/dump/kernel/read-kernel';
import { AddressSpace } from '../../../src/dump/memory';
import { ModuleMap } from '../../../src/dump/modules';
import { walkStack } from '../../../src/dump/stackwalk';
import { writeTriageDump } from '../../dump-writer';
import { arm64PowerButton, x64DriverCrash, x86DriverCrash } from '../../dump-scenarios';

async function kernel(bytes: Uint8Array) {
  const r = await readKernelDump(await DumpFile.open(bytesSource(bytes)));
  if (!r.ok) {
    throw new Error(r.reason);
  }
  return r.value;
}

describe('the x64 scan', () => {
  it('lists as frames only the values a call instruction precedes, from the bug check\'s context record', async () => {
    const d = await kernel(writeTriageDump(x64DriverCrash()));
    const w = d.walk;
    expect(d.cxr?.value?.ip).toBe(0xfffff8048b58334cn);
    expect(w?.method).toBe('scan');
    expect(w?.frames.map((f) => [f.site, f.how])).toEqual([
      ['contosodrv+0x334c', 'context'],
      ['contosodrv+0x313f', 'call-confirmed'],
      ['nt+0x2e0d7d', 'call-confirmed'],
    ]);
    expect(w).toMatchObject({ candidates: 4, confirmed: 2, refuted: 1 });
    // Child-SP of a frame is just above the slot of its return address; RetAddr is the next frame's address.
    expect(w?.frames[1]?.sp).toBe(0xffff850429890200n + 0x30n);
    expect(w?.frames[0]?.retAddr).toBe(0xfffff8048b58313fn);
    // The raw stack shows every value, named when it lies in a module.
    expect(w?.slots.find((s) => s.value === 0xfffff804799d0000n + 0x96da0n)).toMatchObject({ site: 'Wdf01000+0x96da0', call: 'unknown' });
  });
});

describe('frame-pointer chains', () => {
  it('follow EBP on x86', async () => {
    const d = await kernel(writeTriageDump(x86DriverCrash()));
    expect(d.walk?.method).toBe('frame-chain');
    expect(d.walk?.frames.map((f) => f.site)).toEqual(['nt+0x100', 'nt+0x1234', 'contoso32+0x2222', 'nt+0x5678']);
    // ChildEBP of each row and the three arguments above its return address.
    expect(d.walk?.frames.map((f) => f.fp)).toEqual([0xf7000060n, 0xf7000090n, 0xf70000c0n, 0n]);
  });

  it('follow x29 on ARM64 and strip pointer-authentication codes', async () => {
    const d = await kernel(writeTriageDump(arm64PowerButton()));
    expect(d.walk?.frames.map((f) => f.site)).toEqual(['nt+0x4de014', 'nt+0x5442a0', 'nt+0x29ff1c', 'nt+0x207de4']);
  });

  it('stop at a loop or a link that goes down, within the captured stack', async () => {
    const spec = x86DriverCrash();
    const words = [...spec.stack.words];
    // ebp1 → ebp0: a link that goes back down.
    words[(0x90 / 4) | 0] = spec.stack.top + 0x60n;
    const d = await kernel(writeTriageDump({ ...spec, stack: { top: spec.stack.top, words } }));
    expect(d.walk?.frames.length).toBeLessThanOrEqual(4);
    expect(d.walk?.frames.map((f) => f.site)).toEqual(['nt+0x100', 'nt+0x1234', 'contoso32+0x2222']);
  });
});

describe('walkStack without memory', () => {
  it('shows the instruction pointer alone when the stack was not captured', async () => {
    const file = await DumpFile.open(bytesSource(new Uint8Array(16)));
    const w = await walkStack({
      arch: 'x64',
      is64: true,
      regs: { arch: 'x64', values: [], ip: 0x1010n, sp: 0x9000n, fp: 0n, flags: 0 },
      memory: new AddressSpace(file, []),
      modules: new ModuleMap([{ name: 'foo', image: 'foo.sys', base: 0x1000n, size: 0x100, timestamp: 0, checksum: 0 }]),
      unloaded: [],
      rawWords: 16,
    });
    expect(w).toMatchObject({ noStack: true, slots: [] });
    expect(w.frames.map((f) => f.site)).toEqual(['foo+0x10']);
  });
});
