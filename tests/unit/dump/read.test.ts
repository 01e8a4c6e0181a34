/**
 * From dump bytes to the verdict: the derived text parses into the facts it
 * was written from (bug check, modules with timestamps, frames with module
 * names), the one verdict engine judges it, and its reasons point at lines of
 * the derived text. Bad files get a reason, never an exception.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzers/index';
import { bytesSource, readDump, type ByteSource, type DumpReadResult } from '../../../src/dump/index';
import { writeMemoryDumpHeader, writeMinidump, writeTriageDump } from '../../dump-writer';
import { arm64PowerButton, userAppCrash, x64DriverCrash, x86DriverCrash } from '../../dump-scenarios';
import { expectContractValid } from '../contract';

async function derive(bytes: Uint8Array, name = 'test.dmp'): Promise<Extract<DumpReadResult, { ok: true }>> {
  const r = await readDump(bytesSource(bytes), name);
  if (!r.ok) {
    throw new Error(r.reason);
  }
  return r;
}

describe('a kernel triage dump (x64)', () => {
  it('derives text whose analysis shows the bug check, the modules and the faulting stack, and blames the driver', async () => {
    const r = await derive(writeTriageDump(x64DriverCrash()), 'crash.dmp');
    expect(r.facts).toMatchObject({ kind: 'kernel-triage', arch: 'x64', build: '19041', processors: 16, modules: 8, unloaded: 1, time: '2021-02-21 01:38:22 UTC', codeAddress: { arg: 2, site: 'contosodrv+0x334c' } });
    const lines = r.text.split('\n');
    expect(lines[0]).toMatch(/^\* dumplens derived this text from crash\.dmp: it is not the output of a debugger/);
    const report = analyze(r.text);
    expectContractValid(report);
    expect(report.kind).toBe('kernel');
    expect(report.bugcheck).toMatchObject({ code: '0x1000007E', args: ['0xffffffffc0000005', '0xfffff8048b58334c', '0xffff850429891ee8', '0xffff850429891720'] });
    expect(lines[(report.bugcheck?.line ?? 0) - 1]).toBe('Bugcheck code 1000007E');
    // Every loaded driver once in `lm t n` (and once more in `lmta` for the faulting address), with its timestamp.
    const lm = report.modules.filter((m) => !m.unloaded);
    expect(new Set(lm.map((m) => m.name))).toEqual(new Set(['nt', 'hal', 'Wdf01000', 'contosodrv', 'fabrikamflt', 'northwindnet', 'tailspinaud', 'adatumusb']));
    expect(lm.find((m) => m.name === 'contosodrv')?.timestamp?.epoch).toBe(0x5def1b37);
    // Wdf01000's timestamp lies after the crash: a build hash, not read as a date.
    expect(lm.find((m) => m.name === 'Wdf01000')?.timestamp?.epoch).toBeUndefined();
    expect(report.modules.filter((m) => m.unloaded).map((m) => m.name)).toEqual(['oldcontoso.s']);
    // The faulting stack, after .cxr, with module names.
    const stack = report.stacks.find((s) => s.context === true);
    expect(stack?.frames.map((f) => f.module)).toEqual(['contosodrv', 'contosodrv', 'nt']);
    // The verdict blames the third-party driver, with reasons on lines of the derived text that name it.
    expect(report.category).toBe('driver');
    const top = report.suspects[0];
    expect(top?.module).toBe('contosodrv');
    expect(top?.confidence).toBeGreaterThanOrEqual(0.5);
    for (const reason of top?.reasons ?? []) {
      if (reason.line !== undefined) {
        expect(lines[reason.line - 1]).toMatch(/contosodrv/);
      }
    }
  });
});

describe('a kernel triage dump (x86) and one (ARM64)', () => {
  it('read the 32-bit dump: the instruction address of 0xD1 lies in the driver the EBP chain goes through', async () => {
    const r = await derive(writeTriageDump(x86DriverCrash()));
    expect(r.text).toMatch(/^kd> lmta f7a01111$/m);
    const report = analyze(r.text);
    expect(report.bugcheck?.code).toBe('0x000000D1');
    expect(report.stacks[0]?.frames.map((f) => f.site)).toEqual(['nt+0x100', 'nt+0x1234', 'contoso32+0x2222', 'nt+0x5678']);
    expect(report.suspects[0]?.module).toBe('contoso32');
  });

  it('read the ARM64 power-button dump: no driver is blamed', async () => {
    const r = await derive(writeTriageDump(arm64PowerButton()));
    expect(r.facts.arch).toBe('arm64');
    expect(r.text).toMatch(/Free ARM 64-bit \(AArch64\)/);
    const report = analyze(r.text);
    expect(report.bugcheck?.name).toBe('MANUALLY_INITIATED_POWER_BUTTON_HOLD');
    expect(report.suspects.filter((s) => s.confidence >= 0.5)).toEqual([]);
  });

  it('names an unloaded driver when the instruction address lies in its old range', async () => {
    const spec = x86DriverCrash();
    const r = await derive(writeTriageDump({ ...spec, bugcheck: { code: 0xd1, args: [4n, 2n, 0n, 0xf6001234n] }, unloaded: [{ name: 'gone.sys', start: 0xf6000000n, end: 0xf6010000n }] }));
    expect(r.text).toMatch(/Arg4 f6001234 lies in the range where gone\.sys was loaded before it was unloaded \(\+0x1234\)/);
  });
});

describe('a user-mode minidump', () => {
  it('derives the exception, the faulting module and the stack, and blames the application', async () => {
    const r = await derive(writeMinidump(userAppCrash()), 'app.dmp');
    expect(r.facts).toMatchObject({ kind: 'user', arch: 'x64', build: '10.0.14393', threads: 2, modules: 3, unloaded: 1, exception: { code: 0xc0000005, site: 'app+0xe8da4' } });
    expect(r.text).toMatch(/^\(27a4\.17b4\): Access violation - code c0000005 \(first\/second chance not available\)$/m);
    expect(r.text).toMatch(/^\. {2}0 {2}Id: 27a4\.17b4 Suspend: 0 Teb: 00000000`7ffde000 Unfrozen "main"$/m);
    // The faulting module in detail, with the PDB a symbol server needs.
    expect(r.text).toMatch(/^0:000> lmvm app\n[\s\S]*?^ {4}File version: {5}1\.4\.3\.0$/m);
    expect(r.text).toMatch(/symbols for app\.exe are app\.exe\.pdb with GUID \{ABABABAB-ABAB-ABAB-ABAB-ABABABABABAB\} and age 1/);
    const report = analyze(r.text);
    expectContractValid(report);
    expect(report.kind).toBe('user');
    expect(report.category).toBe('user-app');
    expect(report.suspects[0]).toMatchObject({ module: 'app' });
    expect(report.findings.find((f) => f.id === 'exception.code')?.title).toMatch(/0xc0000005/);
    expect(report.stacks[0]?.frames.map((f) => f.site)).toEqual(['app+0xe8da4', 'app+0xc5ad9']);
  });

  it('does not present a breakpoint as a crash', async () => {
    const spec = userAppCrash();
    const r = await derive(writeMinidump({ ...spec, exception: { ...(spec.exception as NonNullable<typeof spec.exception>), code: 0x80000003 } }));
    expect(r.text).not.toMatch(/\.exr -1/);
    expect(r.text).toMatch(/Break instruction exception - code 80000003/);
    const report = analyze(r.text);
    expect(report.category).toBe('none');
    expect(report.suspects).toEqual([]);
  });

  it('refuses a dump of another operating system with a clear reason', async () => {
    const r = await readDump(bytesSource(writeMinidump(userAppCrash({ platformId: 0x8201 }))), 'linux.dmp');
    expect(r).toMatchObject({ ok: false, problem: 'not-windows', reason: expect.stringMatching(/of a program on Linux 10\.0\.14393, not on Windows/) as string });
  });
});

describe('files that are not dumps, and big ones', () => {
  it('refuse empty files and random bytes with a reason', async () => {
    expect(await readDump(bytesSource(new Uint8Array(0)), 'empty.dmp')).toMatchObject({ ok: false, problem: 'empty' });
    const random = new Uint8Array(4096).map((_, k) => (k * 7919 + 13) % 251);
    expect(await readDump(bytesSource(random), 'random.dmp')).toMatchObject({ ok: false, problem: 'not-a-dump', reason: expect.stringMatching(/^random\.dmp is not a Windows crash dump: it starts with the bytes ([0-9a-f]{2} ){7}[0-9a-f]{2}, not PAGEDU64/) as string });
  });

  /** A 2 GB file that is the given header followed by zeros, recording every read. */
  function bigFile(head: Uint8Array, size = 2 * 1024 ** 3): ByteSource & { reads: [number, number][] } {
    const reads: [number, number][] = [];
    return {
      size,
      reads,
      read(offset, length) {
        reads.push([offset, length]);
        const out = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
        out.set(head.subarray(Math.min(offset, head.length), Math.min(offset + out.length, head.length)));
        return Promise.resolve(out);
      },
    };
  }

  it('read a 2 GB kernel memory dump by slices: header facts, and what to open instead', async () => {
    const src = bigFile(writeMemoryDumpHeader({ dumpType: 6, bugcheck: { code: 0x9f, args: [3n, 0xffffe0015a2c0060n, 0xfffff80128a5e7f0n, 0xffffe0015b29a010n] }, presentPages: 0x60000n }));
    const r = await readDump(src, 'MEMORY.DMP');
    expect(r.ok).toBe(true);
    expect(src.reads.every(([, n]) => n <= 0x4000)).toBe(true);
    if (!r.ok) {
      return;
    }
    expect(r.facts.kind).toBe('kernel-memory');
    expect(r.text).toMatch(/Read: the dump header only/);
    expect(r.text).toMatch(/!analyze -v/);
    expect(analyze(r.text).bugcheck?.code).toBe('0x0000009F');
  });

  it('say when a big memory dump is shorter than its header describes', async () => {
    const src = bigFile(writeMemoryDumpHeader({ dumpType: 6, bugcheck: { code: 0xe2, args: [0n, 0n, 0n, 0n] }, presentPages: 0x100000n }), 64 * 1024 ** 2 + 1);
    const r = await readDump(src, 'cut.dmp');
    // (The header comment wraps: join its lines.)
    expect(r.ok && r.text.replace(/\n\* /g, ' ')).toMatch(/it was cut off while being written or copied/);
  });

  it('refuse 2 GB of garbage after reading eight bytes', async () => {
    const src = bigFile(new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]));
    const r = await readDump(src, 'big.dmp');
    expect(r).toMatchObject({ ok: false, problem: 'not-a-dump' });
    expect(src.reads).toEqual([[0, 8]]);
  });
});
