/** User-mode minidumps: the header, the directory and each stream read here. */
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../../src/dump/byte-source';
import { DumpFile } from '../../../src/dump/file';
import { readMinidump } from '../../../src/dump/minidump/index';
import { writeMinidump } from '../../dump-writer';
import { userAppCrash } from '../../dump-scenarios';

async function read(bytes: Uint8Array) {
  return readMinidump(await DumpFile.open(bytesSource(bytes)));
}

describe('the minidump reader', () => {
  it('reads system info, the exception and its context, modules with versions and PDB identity, threads and names', async () => {
    const r = await read(writeMinidump(userAppCrash()));
    expect(r.ok).toBe(true);
    if (!r.ok) {
      return;
    }
    const d = r.value;
    expect(d.notes).toEqual([]);
    expect(d.system).toMatchObject({ arch: 'x64', major: 10, minor: 0, build: 14393, processors: 2, platformId: 2, cpuVendor: 'GenuineIntel' });
    expect(d.otherSystem).toBeNull();
    expect(d.exception?.threadId).toBe(0x17b4);
    expect(d.exception?.record).toMatchObject({ code: 0xc0000005, address: 0x7ff7215d8da4n, params: [1n, 0n] });
    expect(d.exceptionContext?.ip).toBe(0x7ff7215d8da4n);
    expect(d.modules.map((m) => [m.name, m.image])).toEqual([
      ['app', 'app.exe'],
      ['ntdll', 'ntdll.dll'],
      ['kernel32', 'kernel32.dll'],
    ]);
    expect(d.modules[0]).toMatchObject({ version: '1.4.3.0', path: 'C:\\Program Files\\Contoso\\app.exe', pdb: { name: 'app.exe.pdb', age: 1, guid: 'ABABABAB-ABAB-ABAB-ABAB-ABABABABABAB' } });
    expect(d.threads.map((t) => [t.id, t.name])).toEqual([
      [0x17b4, 'main'],
      [0x201c, undefined],
    ]);
    expect(d.unloaded).toEqual([{ name: 'oldplugin', image: 'oldplugin.dll', base: 0x7fff30000000n, end: 0x7fff30010000n, timestamp: 0x50000000 }]);
    expect(d.misc).toMatchObject({ processId: 0x27a4 });
    // Stacks and the memory list.
    expect(d.memory.length).toBe(3);
  });

  it('accepts list streams with four bytes of padding after the count', async () => {
    const r = await read(writeMinidump(userAppCrash({ padLists: true })));
    expect(r.ok && r.value.modules.map((m) => m.name)).toEqual(['app', 'ntdll', 'kernel32']);
    expect(r.ok && r.value.threads).toHaveLength(2);
  });

  it('recognises a dump of another operating system and its writer', async () => {
    const r = await read(writeMinidump(userAppCrash({ platformId: 0x8101, extraStreams: [{ type: 0x43500001, bytes: new Uint8Array(16) }] })));
    expect(r.ok && r.value.otherSystem).toBe('macOS');
    expect(r.ok && r.value.writer).toBe('Crashpad');
  });

  it('fails on a bad signature, version or directory, and notes streams past the end', async () => {
    const good = writeMinidump(userAppCrash());
    const badVersion = good.slice();
    badVersion[4] = 0;
    expect(await read(badVersion)).toMatchObject({ ok: false, reason: expect.stringMatching(/version/) as string });
    const badDir = good.slice();
    new DataView(badDir.buffer).setUint32(12, 0x7ffffff0, true);
    expect(await read(badDir)).toMatchObject({ ok: false, reason: expect.stringMatching(/directory/) as string });
    const badStream = good.slice();
    new DataView(badStream.buffer).setUint32(32 + 8, 0xfffffff0, true); // first stream's RVA
    const r = await read(badStream);
    expect(r.ok && r.value.notes.join(' ')).toMatch(/point past the end of the file/);
    expect(r.ok && r.value.system).toBeNull();
  });
});
