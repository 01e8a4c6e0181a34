/** The command line, as `npm run analyze -- [--json] FILE|-` runs it. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateSession } from '../../scripts/bench-sessions.mjs';
import { analyze } from '../../src/analyzers/index';
import type { AnalysisReport, Stack } from '../../src/analyzers/types';
import { writeJsonStream } from '../../src/cli/json-stream';
import { GROUP_MEMBERS_MAX, summarizeForCli, type CliReport } from '../../src/cli/summary';
import { evidenceLines, REPORT_LIMITS } from '../../src/worker/summarize';
import { expectContractValid } from './contract';

const ROOT = join(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'src/cli/analyze.ts');
const S04 = join(ROOT, 'tests/fixtures/seeds/s04-9f-power-irp-zteusbnet.txt');

function run(args: string[], input?: string | Buffer) {
  return spawnSync(TSX, [CLI, ...args], { input, encoding: 'utf8', cwd: ROOT, timeout: 60000, maxBuffer: 1 << 28 });
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

  it('runs the same from its bundle, as npm run analyze does', () => {
    const bundled = spawnSync(process.execPath, [join(ROOT, 'scripts/analyze.mjs'), '--json', S04], { encoding: 'utf8', cwd: ROOT, timeout: 120000, maxBuffer: 1 << 28 });
    expect(bundled.stderr).toBe('');
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toBe(run(['--json', S04]).stdout);
  });

  it('exits 2 with usage when no file is given', () => {
    const r = run([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage/);
  });
});

describe('the --json report of a large session', () => {
  // 2 MB: 603 distinct stacks, 387 threads, 2,017 modules, 1,664 IRPs from !irpfind.
  const dir = mkdtempSync(join(tmpdir(), 'dumplens-'));
  const file = join(dir, 'session.txt');
  writeFileSync(file, generateSession(2_000_000));
  const text = readFileSync(file, 'utf8');
  const full = analyze(text);
  const r = run(['--json', file]);
  const json = JSON.parse(r.stdout) as CliReport;

  it('keeps the contract fields and the verdict exactly as analyze() gives them', () => {
    expect(r.status).toBe(0);
    expectContractValid(json as unknown as AnalysisReport);
    for (const key of ['schemaVersion', 'kind', 'bugcheck', 'category', 'suspects', 'findings', 'commands', 'headline', 'nextSteps'] as const) {
      expect(json[key]).toEqual(JSON.parse(JSON.stringify(full[key])));
    }
  });

  it('groups stacks by call sequence with their counts and threads, evidence first', () => {
    expect(json).not.toHaveProperty('stacks');
    expect(json.stackGroups).toHaveLength(REPORT_LIMITS.stacks);
    expect(json.omitted).toContainEqual({ field: 'stackGroups', label: 'distinct stacks (call sequences)', total: 603, kept: 500 });
    const counts = json.stackGroups.map((g) => g.count);
    expect(counts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(full.stacks.length);
    for (const g of json.stackGroups) {
      expect(g.members.length).toBe(Math.min(g.count, GROUP_MEMBERS_MAX));
      expect(g.threads.length).toBe(Math.min(g.threadCount, GROUP_MEMBERS_MAX));
      expect(g.frames.length).toBeGreaterThan(0);
    }
    // A stack the verdict cites (its bug check, a reason or a finding) is in the first group.
    const cited = [...evidenceLines(full, full.findings)];
    const first = json.stackGroups[0]!;
    expect(first.evidence).toBe(true);
    expect(first.members.some((m) => cited.some((l) => l >= m.line && l <= m.endLine))).toBe(true);
  });

  it('gives threads a reference to their stack group instead of its frames', () => {
    expect(json.threads.length).toBe(full.threads.length);
    const withStack = json.threads.filter((t) => t.stack !== null);
    expect(withStack.length).toBeGreaterThan(0);
    for (const t of withStack) {
      expect(t.stack).not.toHaveProperty('frames.0');
      if (t.stack!.group !== null) {
        expect(json.stackGroups[t.stack!.group]!.members.length).toBeGreaterThan(0);
      }
    }
  });

  it('caps the long lists with their totals, keeping the rows the verdict cites', () => {
    expect(json.modules).toHaveLength(REPORT_LIMITS.modules);
    expect(json.irpFind).toHaveLength(REPORT_LIMITS.irpFind);
    expect(json.omitted).toEqual(
      expect.arrayContaining([
        { field: 'modules', label: 'modules', total: full.modules.length, kept: REPORT_LIMITS.modules },
        { field: 'irpFind', label: 'IRPs found by !irpfind', total: full.irpFind.length, kept: REPORT_LIMITS.irpFind },
      ]),
    );
    expect(json.stats.truncated).toBe(true);
    for (const s of full.suspects) {
      expect(json.modules.some((m) => m.name.toLowerCase() === s.module.toLowerCase())).toBe(full.modules.some((m) => m.name.toLowerCase() === s.module.toLowerCase()));
    }
    expect(r.stdout.length).toBeLessThan(JSON.stringify(full, null, 2).length);
  });

  it('--full prints the whole report, byte for byte what JSON.stringify writes', () => {
    const out = run(['--full', file]);
    expect(out.status).toBe(0);
    expect(out.stdout).toBe(`${JSON.stringify(full, null, 2)}\n`);
  });
});

describe('summarizeForCli', () => {
  it('cuts a very deep stack to its top and bottom and says how deep it was', () => {
    const frames = Array.from({ length: 5000 }, (_, i) => ({ site: `evil!F${i % 3}+0x1`, module: 'evil', symbol: `F${i % 3}`, offset: '0x1', line: 2 + i }));
    const stack: Stack = { frames, format: 'kn', line: 1, endLine: 5001, source: 'kn' };
    const report = { ...analyze('kd> kn\n'), stacks: [stack] };
    const out = summarizeForCli(report);
    expect(out.stackGroups[0]!.frames).toHaveLength(REPORT_LIMITS.framesPerStack);
    expect(out.stackGroups[0]!.framesTotal).toBe(5000);
    expect(out.stackGroups[0]!.frames.at(-1)).toEqual(frames.at(-1));
    expect(out.omitted).toContainEqual({ field: 'stackGroups.frames', label: 'frames of very deep stacks', total: 4000, kept: 0 });
  });
});

describe('writeJsonStream', () => {
  it('writes what JSON.stringify writes, in chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 5 }), fc.constantFrom(0, 2), async (value, indent) => {
        const chunks: string[] = [];
        await writeJsonStream(value, (c) => void chunks.push(c), indent);
        expect(chunks.join('')).toBe(JSON.stringify(value, null, indent));
      }),
    );
    const withUndefined = { a: undefined, b: [undefined, 1, () => 2], c: { d: undefined }, e: new Date(0), f: [[]], g: {} };
    const chunks: string[] = [];
    await writeJsonStream(withUndefined, (c) => void chunks.push(c));
    expect(chunks.join('')).toBe(JSON.stringify(withUndefined, null, 2));
  });
});

