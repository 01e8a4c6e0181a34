/** The command line with dump files: `npm run analyze` and `npm run check:dumps`. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectContractValid } from '../contract';

const ROOT = join(__dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const DUMPS = join(ROOT, 'tests/fixtures/dumps');

function run(script: string, args: string[]) {
  return spawnSync(TSX, [join(ROOT, 'src/cli', script), ...args], { encoding: 'utf8', cwd: ROOT, timeout: 60000 });
}

describe('the analyze command on dumps', () => {
  it('reads a .dmp by its first bytes and prints the report of its derived text', () => {
    const r = run('analyze.ts', ['--json', join(DUMPS, 'writer-triage-x64.dmp')]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expectContractValid(report);
    expect(report.bugcheck.code).toBe('0x1000007E');
    expect(report.suspects[0].module).toBe('contosodrv');
  });

  it('prints the derived text with --derived, and one line on standard error for a dump it refuses', () => {
    const d = run('analyze.ts', ['--derived', join(DUMPS, 'user_test_x86.dmp')]);
    expect(d.status).toBe(0);
    expect(d.stdout).toMatch(/^0:000> \.exr -1$/m);
    const mac = run('analyze.ts', [join(DUMPS, 'user_crashpad_macos.dmp')]);
    expect(mac.status).toBe(2);
    expect(mac.stdout).toBe('');
    expect(mac.stderr.trim().split('\n')).toHaveLength(1);
    expect(mac.stderr).toMatch(/macOS 10\.15\.7, not on Windows/);
  });
});

describe('check:dumps', () => {
  it('summarises every dump of a folder', () => {
    const r = run('check-dumps.ts', [DUMPS]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/user_test_x86\.dmp\n {2}kind {8}user minidump \(Breakpad\)\n {2}arch {8}x86, 1 processor\n {2}build {7}5\.1\.2600 \(Service Pack 2\)\n {2}process {5}test_app\.exe\n {2}crash {7}exception 0xc0000005 at 0x40429e \(test_app\+0x429e\)/);
    expect(r.stdout).toMatch(/modules {5}58 loaded, 0 unloaded; 14 threads/);
    expect(r.stdout).toMatch(/writer-triage-x64\.dmp[\s\S]*?code at {5}Arg2 0xfffff8048b58334c = contosodrv\+0x334c[\s\S]*?verdict {5}driver; top suspect: contosodrv \(\d+%\)/);
    expect(r.stdout).toMatch(/user_crashpad_macos\.dmp\n {2}not read {4}.*macOS/);
    expect(r.stdout).not.toMatch(/README/);
  });
});
