/** The command line, as `npm run analyze -- [--json] FILE|-` runs it. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectContractValid } from './contract';

const ROOT = join(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'src/cli/analyze.ts');
const S04 = join(ROOT, 'tests/fixtures/seeds/s04-9f-power-irp-zteusbnet.txt');

function run(args: string[], input?: string | Buffer) {
  return spawnSync(TSX, [CLI, ...args], { input, encoding: 'utf8', cwd: ROOT, timeout: 60000 });
}

describe('the analyze command', () => {
  it('prints a contract-valid JSON report and nothing else on standard output with --json', () => {
    const r = run(['--json', S04]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expectContractValid(report);
    expect(report.bugcheck.code).toBe('0x0000009F');
  });

  it('reads standard input when the file is -', () => {
    const r = run(['--json', '-'], 'BugCheck 124, {0, fffffa80031f8028, b6472000, 1a000135}\n');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).bugcheck.code).toBe('0x00000124');
  });

  it('prints a readable summary without --json', () => {
    const r = run([S04]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('DRIVER_POWER_STATE_FAILURE');
    expect(r.stdout).toContain('Suspects');
  });

  it('decodes UTF-16 LE files with a BOM', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dumplens-'));
    const file = join(dir, 'utf16.txt');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('BugCheck 7F, {8, 80050033, 406f8, fffff80002e69f2c}\r\n', 'utf16le')]));
    const r = run(['--json', file]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).bugcheck.code).toBe('0x0000007F');
  });

  it('exits 2 with a one-line message for empty input, a missing file or binary data', () => {
    for (const [args, input] of [
      [['--json', '-'], ''],
      [['--json', '/nonexistent/file.txt'], undefined],
      [['--json', '-'], Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
    ] as [string[], string | Buffer | undefined][]) {
      const r = run(args, input);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('exits 2 with usage when no file is given', () => {
    const r = run([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage/);
  });
});
