/** Kernel dump headers (64- and 32-bit), the triage dump's parts and the memory-dump layout. */
import { describe, expect, it } from 'vitest';
import { readKernelHeader } from '../../../src/dump/kernel/header';
import { readTriage } from '../../../src/dump/kernel/triage';
import { readMemoryDumpLayout } from '../../../src/dump/kernel/full';
import { ByteView } from '../../../src/dump/view';
import { writeMemoryDumpHeader, writeTriageDump } from '../../dump-writer';
import { arm64PowerButton, x64DriverCrash, x86DriverCrash } from '../../dump-scenarios';

const view = (b: Uint8Array) => new ByteView(b, 0);

describe('the kernel dump header', () => {
  it('reads the 64-bit header and treats PAGE-filled fields as absent', () => {
    const h = readKernelHeader(view(writeTriageDump(x64DriverCrash())));
    expect(h.ok).toBe(true);
    if (!h.ok) {
      return;
    }
    expect(h.value).toMatchObject({ is64: true, headerSize: 0x2000, build: 19041, arch: 'x64', processors: 16, dumpType: 4, comment: null, attributes: null });
    expect(h.value.bugcheck).toEqual({ code: 0x1000007e, args: [0xffffffffc0000005n, 0xfffff8048b58334cn, 0xffff850429891ee8n, 0xffff850429891720n] });
    expect(h.value.physicalMemory).toBeNull();
  });

  it('reads the 32-bit header', () => {
    const h = readKernelHeader(view(writeTriageDump(x86DriverCrash())));
    expect(h.ok && h.value).toMatchObject({ is64: false, headerSize: 0x1000, build: 2600, arch: 'x86', dumpType: 4, contextOffset: 0x320 });
    expect(h.ok && h.value.bugcheck?.args).toEqual([4n, 2n, 0n, 0xf7a01111n]);
  });

  it('says the header is cut off, or is not a kernel dump', () => {
    const b = writeTriageDump(x64DriverCrash());
    const cut = readKernelHeader(view(b.slice(0, 0x800)));
    expect(cut).toEqual({ ok: false, reason: expect.stringMatching(/cut off: the file has 2048 of its 8,192 bytes/) as string });
    expect(readKernelHeader(view(new Uint8Array(64))).ok).toBe(false);
  });
});

describe('the triage dump', () => {
  it('reads drivers (names from the string pool), unloaded drivers, the stack and memory blocks on x64', () => {
    const b = writeTriageDump(x64DriverCrash());
    const t = readTriage(view(b), 0x2000, true);
    expect(t.ok).toBe(true);
    if (!t.ok) {
      return;
    }
    expect(t.value.complete).toBe(true);
    expect(t.value.notes).toEqual([]);
    expect(t.value.drivers.map((d) => d.name)).toEqual(['nt', 'hal', 'Wdf01000', 'contosodrv', 'fabrikamflt', 'northwindnet', 'tailspinaud', 'adatumusb']);
    expect(t.value.drivers[3]).toMatchObject({ image: 'contosodrv.sys', path: '\\SystemRoot\\system32\\drivers\\contosodrv.sys', base: 0xfffff8048b580000n, size: 0x3b000, timestamp: 0x5def1b37 });
    expect(t.value.unloaded).toEqual([{ name: 'oldcontoso', image: 'oldcontoso.s', base: 0xfffff8048d000000n, end: 0xfffff8048d010000n }]);
    expect(t.value.stack).toMatchObject({ start: 0xffff850429890000n, size: 0x800 });
    expect(t.value.blocks).toHaveLength(5);
    expect(t.value.kernBase).toBe(0xfffff8047ba00000n);
  });

  it('derives the driver entry size from the gap to the string pool', () => {
    const b = writeTriageDump({ ...x64DriverCrash(), driverEntrySize: 0xa0 });
    const t = readTriage(view(b), 0x2000, true);
    expect(t.ok && t.value.drivers.map((d) => d.image)).toContain('contosodrv.sys');
    expect(t.ok && t.value.drivers[3]?.base).toBe(0xfffff8048b580000n);
  });

  it('reads the 32-bit and ARM64 layouts', () => {
    const t32 = readTriage(view(writeTriageDump(x86DriverCrash())), 0x1000, false);
    expect(t32.ok && t32.value.drivers.map((d) => [d.name, d.base])).toEqual([
      ['nt', 0x80400000n],
      ['hal', 0x806d0000n],
      ['contoso32', 0xf7a00000n],
    ]);
    const ta = readTriage(view(writeTriageDump(arm64PowerButton())), 0x2000, true);
    expect(ta.ok && ta.value.unloaded[0]?.image).toBe('dump_storpor');
  });

  it('notes a cut-off file and counts that do not fit, and still reads the rest', () => {
    const b = writeTriageDump(x64DriverCrash());
    const cut = readTriage(view(b.slice(0, b.length - 100)), 0x2000, true);
    expect(cut.ok && cut.value.complete).toBe(false);
    expect(cut.ok && cut.value.notes.join(' ')).toMatch(/cut off/);
    const bad = b.slice();
    new DataView(bad.buffer).setUint32(0x2000 + 0x34, 0x3000, true); // DriverCount
    new DataView(bad.buffer).setUint32(0x2000 + 0x7c, 0x7fffffff, true); // DataBlocksCount
    const t = readTriage(view(bad), 0x2000, true);
    expect(t.ok && t.value.drivers).toEqual([]);
    expect(t.ok && t.value.notes.join(' ')).toMatch(/driver list .* runs past the end of the file/);
    expect(t.ok && t.value.notes.join(' ')).toMatch(/memory block list claims 2147483647 entries/);
    expect(t.ok && t.value.unloaded).toHaveLength(1);
  });
});

describe('kernel and full memory dumps', () => {
  it('read the bitmap header and the size it implies', () => {
    const b = writeMemoryDumpHeader({ dumpType: 6, bugcheck: { code: 0x9f, args: [3n, 1n, 2n, 4n] }, presentPages: 0x80000n });
    const l = readMemoryDumpLayout(view(b), 0x2000, 6, 0x80000n);
    expect(l).toEqual({ form: 'bitmap', signature: 'SDMP', firstPage: 0x10000n, presentPages: 0x80000n, expectedSize: 0x10000n + 0x80000n * 0x1000n });
  });

  it('read a full dump\'s page count from the physical memory block', () => {
    const b = writeMemoryDumpHeader({ dumpType: 1, bugcheck: { code: 0xe2, args: [0n, 0n, 0n, 0n] }, presentPages: 0x100n });
    const h = readKernelHeader(view(b));
    expect(h.ok && h.value.physicalMemory).toEqual({ runs: 1, pages: 0x100n });
    expect(readMemoryDumpLayout(view(b), 0x2000, 1, 0x100n)).toMatchObject({ form: 'raw', expectedSize: 0x2000n + 0x100000n });
  });
});
