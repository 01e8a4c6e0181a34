/**
 * Real minidumps from public repositories (tests/fixtures/dumps/README.md),
 * and the writer-built triage dump the end-to-end test opens.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzers/index';
import { bytesSource, readDump } from '../../../src/dump/index';
import { x64DriverCrashBytes } from '../../dump-scenarios';

const DIR = join(__dirname, '../../fixtures/dumps');
const load = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));

describe('real user-mode minidumps', () => {
  it('user_test_x86.dmp: Windows XP SP2, an access violation inside test_app.exe, blamed on it', async () => {
    const r = await readDump(bytesSource(load('user_test_x86.dmp')), 'user_test_x86.dmp');
    expect(r.ok).toBe(true);
    if (!r.ok) {
      return;
    }
    expect(r.facts).toMatchObject({ kind: 'user', arch: 'x86', build: '5.1.2600 (Service Pack 2)', process: 'test_app.exe', threads: 2, modules: 13, exception: { code: 0xc0000005, address: 0x40429en, site: 'test_app+0x429e' } });
    expect(r.text).toMatch(/^Windows XP Version 2600 \(Service Pack 2\) UP \(1 procs\) Free x86 compatible$/m);
    const report = analyze(r.text);
    expect(report).toMatchObject({ kind: 'user', category: 'user-app' });
    expect(report.suspects[0]?.module).toBe('test_app');
    // The EBP chain: test_app's own frames, then kernel32.
    expect(report.stacks[0]?.frames.map((f) => f.module)).toEqual(['test_app', 'test_app', 'test_app', 'kernel32']);
  });

  it('user_electron_x64.dmp: Windows 10 1607, an access violation inside electron.exe', async () => {
    const r = await readDump(bytesSource(load('user_electron_x64.dmp')), 'user_electron_x64.dmp');
    expect(r.ok && r.facts).toMatchObject({ arch: 'x64', build: '10.0.14393', threads: 14, modules: 58, exception: { code: 0xc0000005, address: 0x7ff7215f8da4n, site: 'electron+0xe8da4' } });
    const report = analyze(r.ok ? r.text : '');
    expect(report.suspects[0]).toMatchObject({ module: 'electron' });
    // 58 modules in `lm t n` (electron once more in `lmvm electron`).
    expect(new Set(report.modules.filter((m) => !m.unloaded).map((m) => m.start)).size).toBe(58);
  });

  it('user_crashpad_macos.dmp: a Crashpad dump from macOS is refused with a clear reason', async () => {
    const r = await readDump(bytesSource(load('user_crashpad_macos.dmp')), 'user_crashpad_macos.dmp');
    expect(r).toEqual({
      ok: false,
      problem: 'not-windows',
      reason: expect.stringMatching(/^user_crashpad_macos\.dmp is a minidump written by Crashpad of a program on macOS 10\.15\.7, not on Windows\./) as string,
    });
  });
});

describe('the writer-built triage dump of the end-to-end test', () => {
  it('is what the writer builds today', () => {
    const built = x64DriverCrashBytes();
    if (process.env.UPDATE_DUMP_FIXTURES === '1') {
      writeFileSync(join(DIR, 'writer-triage-x64.dmp'), built);
    }
    expect(Buffer.from(load('writer-triage-x64.dmp')).equals(Buffer.from(built))).toBe(true);
  });
});
