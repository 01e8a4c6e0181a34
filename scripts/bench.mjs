#!/usr/bin/env node
// Benchmark of `analyze()` on large sessions: `npm run bench`.
//
// Generates sessions of 1, 10 and 100 MB in the debuggers' real formats
// (scripts/bench-sessions.mjs) and a 10 MB adversarial text, then measures
// each case in Node processes of its own (so one case's heap and JIT state do
// not bleed into the next):
//   floor    read the file, split its lines, test one simple regex per line;
//   analyze  `analyze(text)` on the text already in memory (reading excluded).
// The floor and analyze() take turns in one process, several times (a pair:
// floor, then analyze() right after; a first pair warms the JIT up and is not
// counted). MB/s come from the fastest run of each;
// the ratio to the floor is the median over the pairs of analyze()/floor, so
// that each ratio compares two runs made on the machine in the same state.
// Peak memory (RSS) is that of a fresh process running analyze() once.
// Prints MB/s, the ratio to the floor and the peak memory, checks the goals
// and exits non-zero when one fails:
//   - the 100 MB session within 4× the floor,
//   - peak memory (RSS) of the 100 MB run within 12× the input size,
//   - cost linear in size: the 100 MB run within 11× the 10 MB run (the two
//     analysed in turns in one process, median of five pairs' ratios),
//   - the 10 MB adversarial text within 5× the floor,
//   - 4 MB of one-letter lines and 15 MB of `0: kd> k` prompt lines within
//     5× the floor each.
// The command line is then measured end to end on the 100 MB session, as
// `npm run analyze -- --json FILE` runs it (node --expose-gc scripts/analyze.mjs: the bundled CLI):
// from spawning the process to its exit, against a process that reads the
// file, splits its lines and tests one regex per line (the floor, end to end:
// both pay Node's start-up); the two take turns, a first pair warms the disk
// cache and is not counted, and the ratio is the median of three pairs'.
// Goals: its JSON at most 10 MB, within 5× the floor, peak memory (RSS, read
// by a preloaded hook, scripts/bench-rss.mjs) at most 6× the input.
// Children run with --max-old-space-size=8192 (Node 20's default heap is too
// small for a 100 MB string, its lines and the report) and --expose-gc.
//
// Options: --sizes=1,10 (skip the 100 MB case: its goals are then not checked),
//          --cli-only (only the command line on the 100 MB session),
//          --keep (leave the generated files in the temp folder),
//          --no-browser (skip the browser benchmark, scripts/bench-browser.mjs,
//          which otherwise runs last: long tasks while the app opens big sessions).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateAdversarial, generateSession } from './bench-sessions.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);
const MB = 1_000_000;
const NODE_FLAGS = ['--max-old-space-size=8192', '--expose-gc', '--import', 'tsx'];
/** The command line as `npm run analyze` runs it (see package.json), plus the peak-memory hook. */
const CLI = ['--expose-gc', '--import', './scripts/bench-rss.mjs', 'scripts/analyze.mjs'];

// ---------------------------------------------------------------------------
// Child: one measurement, printed as one JSON line.
// ---------------------------------------------------------------------------

/** The floor: what any tool must do to look at every line of the file once. */
function floorOnce(file) {
  const t0 = performance.now();
  const text = readFileSync(file, 'utf8');
  const lines = text.split(/\r\n|\r|\n/);
  const prompt = /^\s*(?:\d+: )?kd> /;
  let n = 0;
  for (let i = 0; i < lines.length; i++) {
    if (prompt.test(lines[i])) {
      n++;
    }
  }
  return { ms: performance.now() - t0, lines: lines.length, prompts: n };
}

/**
 * 'linear': the 10 MB and the 100 MB sessions analysed in turns in one
 * process (a first pair warms up), so that each pair's ratio compares the two
 * sizes on the machine in one state.
 */
async function linearChild(small, large, reps) {
  const { analyze } = await import(pathToFileURL(join(ROOT, 'src/analyzers/index.ts')).href);
  const texts = [readFileSync(small, 'utf8'), readFileSync(large, 'utf8')];
  const ratios = [];
  for (let r = 0; r <= reps; r++) {
    const ms = texts.map((text) => {
      globalThis.gc?.();
      const t0 = performance.now();
      analyze(text);
      return performance.now() - t0;
    });
    if (r > 0) {
      ratios.push(ms[1] / ms[0]);
    }
  }
  process.stdout.write(`${JSON.stringify({ ratios })}\n`);
}

async function child(mode, file, reps) {
  const { analyze } = await import(pathToFileURL(join(ROOT, 'src/analyzers/index.ts')).href);
  const text = readFileSync(file, 'utf8');
  const floorTimes = [];
  const times = [];
  let extra = {};
  // 'pair': the floor and analyze() take turns, so that each pair runs on the
  // machine in the same state (a shared VM's speed drifts by a third within
  // seconds); 'memory': one analyze() in a fresh process, for its peak RSS.
  // In 'pair' mode a first pair warms the JIT up and is not counted.
  const warmUp = mode === 'pair' ? 1 : 0;
  for (let r = 0; r < reps + warmUp; r++) {
    let floorMs = 0;
    if (mode === 'pair') {
      globalThis.gc?.();
      floorMs = floorOnce(file).ms;
    }
    globalThis.gc?.();
    const t0 = performance.now();
    const report = analyze(text);
    const ms = performance.now() - t0;
    if (r < warmUp) {
      continue;
    }
    times.push(ms);
    if (mode === 'pair') {
      floorTimes.push(floorMs);
    }
    extra = {
      lines: report.stats.lines,
      stacks: report.stacks.length,
      threads: report.threads.length,
      modules: report.modules.length,
      poolTags: report.memory.poolUsed.reduce((n, p) => n + p.tags.length, 0),
      irps: report.irpFind.length,
      verdict: report.bugcheck?.name ?? report.category,
    };
  }
  const maxRssMb = (process.resourceUsage().maxRSS * 1024) / MB; // maxRSS is in KiB
  const out = { ms: Math.min(...times), times, maxRssMb, ...extra };
  if (mode === 'pair') {
    out.floorMs = Math.min(...floorTimes);
    out.floorTimes = floorTimes;
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

// ---------------------------------------------------------------------------
// Parent: generate, measure, report.
// ---------------------------------------------------------------------------

/** Wall time of a process from spawn to exit, with its standard output and error. */
function timed(args, options = {}) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, maxBuffer: 1 << 30, ...options });
  const ms = performance.now() - t0;
  if (r.status !== 0) {
    throw new Error(`${args.join(' ')} failed (status ${r.status}):\n${r.stderr}`);
  }
  return { ms, stdout: r.stdout, stderr: String(r.stderr) };
}

/**
 * The command line end to end on `file`: pairs of (floor process, CLI
 * process), a first pair not counted. Returns the CLI's output size, times,
 * the pairs' ratios and its peak memory.
 */
function measureCli(file, reps) {
  const floorTimes = [];
  const times = [];
  let bytesOut = 0;
  let maxRssMb = 0;
  for (let r = 0; r <= reps; r++) {
    const floor = timed([SELF, '--child', 'floor-process', file]);
    const cli = timed([...CLI, '--json', file]);
    const rss = /\{"benchMaxRssKb":(\d+)\}\s*$/.exec(cli.stderr);
    if (!rss) {
      throw new Error(`the CLI did not report its memory:\n${cli.stderr}`);
    }
    bytesOut = cli.stdout.length;
    if (r === 0) {
      // Not counted: the first run may also build the CLI's bundle (scripts/analyze.mjs).
      // The output must be the JSON report and nothing else.
      const report = JSON.parse(cli.stdout.toString('utf8'));
      if (report.schemaVersion !== 1 || !Array.isArray(report.stackGroups)) {
        throw new Error('the CLI printed no JSON report');
      }
      continue;
    }
    floorTimes.push(floor.ms);
    times.push(cli.ms);
    maxRssMb = Math.max(maxRssMb, (Number(rss[1]) * 1024) / MB);
  }
  return { bytesOut, times, floorTimes, ratio: pairedRatio(times, floorTimes), maxRssMb };
}

function measure(mode, file, reps, other = '') {
  const r = spawnSync(process.execPath, [...NODE_FLAGS, SELF, '--child', mode, file, String(reps), other], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) {
    throw new Error(`${mode} of ${file} failed (status ${r.status}):\n${r.stderr}`);
  }
  const last = r.stdout.trim().split('\n').pop();
  return JSON.parse(last);
}

/**
 * The ratio to the floor: the median over the pairs of analyze()/floor. The
 * two halves of a pair run back to back, so each ratio compares them on the
 * machine in one state; the fastest analyze() over the fastest floor would
 * pair runs made seconds apart (a shared VM's speed drifts by a third).
 */
function pairedRatio(times, floorTimes) {
  return median(times.map((t, k) => t / floorTimes[k]));
}

function median(values) {
  const r = [...values].sort((a, b) => a - b);
  const mid = Math.floor(r.length / 2);
  return r.length % 2 === 1 ? r[mid] : (r[mid - 1] + r[mid]) / 2;
}

function pad(s, n, right = false) {
  s = String(s);
  return right ? s.padEnd(n) : s.padStart(n);
}

/** The text of one benchmark case. */
function generateCase(kind, bytes) {
  switch (kind) {
    case 'session':
      return generateSession(bytes);
    case 'letters':
      return 'a\n'.repeat(Math.floor(bytes / 2));
    case 'prompts':
      return '0: kd> k\n'.repeat(Math.floor(bytes / 9));
    default:
      return generateAdversarial(bytes);
  }
}

async function main() {
  const args = process.argv.slice(2);
  const sizesArg = args.find((a) => a.startsWith('--sizes='));
  const sizes = sizesArg ? sizesArg.slice(8).split(',').map(Number) : [1, 10, 100];
  const keep = args.includes('--keep');
  const cliOnly = args.includes('--cli-only');
  const dir = join(tmpdir(), `dumplens-bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });

  const cases = sizes.map((mb) => ({ name: `session ${mb} MB`, mb, kind: 'session', reps: 5 }));
  cases.push({ name: 'adversarial 10 MB', mb: 10, kind: 'adversarial', reps: 5 });
  // Slow shapes once found (issue 14): millions of one-letter lines, and a
  // session of nothing but prompts.
  cases.push({ name: 'one-letter lines 4 MB', mb: 4, kind: 'letters', reps: 5 });
  cases.push({ name: 'prompt lines 15 MB', mb: 15, kind: 'prompts', reps: 3 });
  if (cliOnly) {
    cases.length = 0;
  }

  console.log(`dumplens benchmark — Node ${process.version}, ${NODE_FLAGS.slice(0, 2).join(' ')}`);
  const rows = [];
  let linear = null;
  let cli = null;
  try {
    for (const c of cases) {
      const file = join(dir, `${c.kind}-${c.mb}mb.txt`);
      writeFileSync(file, generateCase(c.kind, c.mb * MB));
      const bytes = statSync(file).size;
      const tty = process.stdout.isTTY === true;
      if (tty) {
        process.stdout.write(`  ${c.name}: ${(bytes / MB).toFixed(1)} MB generated; measuring…\r`);
      }
      const pair = measure('pair', file, c.reps);
      const memory = measure('memory', file, 1);
      const floor = { ms: pair.floorMs, times: pair.floorTimes };
      const run = { ...pair, maxRssMb: memory.maxRssMb };
      rows.push({ ...c, bytes, floor, run, file, ratio: pairedRatio(pair.times, pair.floorTimes) });
      if (tty) {
        process.stdout.write(' '.repeat(70) + '\r');
      }
    }
    const s10 = rows.find((r) => r.name === 'session 10 MB');
    const s100 = rows.find((r) => r.name === 'session 100 MB');
    if (s10 && s100) {
      linear = measure('linear', s10.file, 5, s100.file).ratios;
    }
    if (s100) {
      cli = { ...measureCli(s100.file, 3), bytes: s100.bytes };
    } else if (cliOnly) {
      const file = join(dir, 'session-100mb.txt');
      writeFileSync(file, generateSession(100 * MB));
      cli = { ...measureCli(file, 3), bytes: statSync(file).size };
    }
  } finally {
    if (!keep) {
      rmSync(dir, { recursive: true, force: true });
    } else {
      console.log(`generated files kept in ${dir}`);
    }
  }

  const header = ['case', 'lines', 'floor ms', 'analyze ms', 'MB/s', 'floor MB/s', '× floor', 'peak RSS MB', '× input'];
  const table = rows.map((r) => [
    r.name,
    r.run.lines.toLocaleString('en-US'),
    r.floor.ms.toFixed(0),
    r.run.ms.toFixed(0),
    (r.bytes / MB / (r.run.ms / 1000)).toFixed(1),
    (r.bytes / MB / (r.floor.ms / 1000)).toFixed(0),
    r.ratio.toFixed(2),
    r.run.maxRssMb.toFixed(0),
    (r.run.maxRssMb / (r.bytes / MB)).toFixed(1),
  ]);
  const widths = header.map((h, k) => Math.max(h.length, ...table.map((row) => row[k].length)));
  const line = (cells) => `| ${cells.map((c, k) => pad(c, widths[k], k === 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, k) => (k === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const row of table) {
    console.log(line(row));
  }
  console.log('');
  for (const r of rows) {
    const x = r.run;
    console.log(
      `  ${r.name}: ${x.stacks} stacks, ${x.threads} threads, ${x.modules} modules, ${x.poolTags} pool tags, ${x.irps} IRPs; verdict ${x.verdict}; runs ${x.times.map((t) => t.toFixed(0)).join('/')} ms, floor ${r.floor.times.map((t) => t.toFixed(0)).join('/')} ms; pair ratios ${x.times.map((t, k) => (t / r.floor.times[k]).toFixed(2)).join('/')} (fastest over fastest ${(r.run.ms / r.floor.ms).toFixed(2)})`,
    );
  }
  console.log('');

  const goals = [];
  const by = (name) => rows.find((r) => r.name === name);
  const s10 = by('session 10 MB');
  const s100 = by('session 100 MB');
  const adv = by('adversarial 10 MB');
  if (s100) {
    goals.push(['100 MB session within 4× the floor', s100.ratio, 4, '×']);
    goals.push(['100 MB session peak memory within 12× the input', s100.run.maxRssMb / (s100.bytes / MB), 12, '×']);
  }
  if (s10 && s100 && linear) {
    console.log(`  linear: 100 MB run over 10 MB run, in turns in one process: ${linear.map((x) => x.toFixed(2)).join('/')} (fastest over fastest of the cases above ${(s100.run.ms / s10.run.ms).toFixed(2)})`);
    console.log('');
    goals.push(['linear: 100 MB run within 11× the 10 MB run', median(linear), 11, '×']);
  }
  if (adv) {
    goals.push(['10 MB adversarial text within 5× the floor', adv.ratio, 5, '×']);
  }
  for (const r of rows.filter((x) => x.kind === 'letters' || x.kind === 'prompts')) {
    goals.push([`${r.name} within 5× the floor`, r.ratio, 5, '×']);
  }
  if (cli) {
    const inputMb = cli.bytes / MB;
    console.log(
      `  CLI end to end, npm run analyze -- --json on the 100 MB session: JSON ${(cli.bytesOut / MB).toFixed(2)} MB; runs ${cli.times.map((t) => t.toFixed(0)).join('/')} ms, floor process ${cli.floorTimes.map((t) => t.toFixed(0)).join('/')} ms; pair ratios ${cli.times.map((t, k) => (t / cli.floorTimes[k]).toFixed(2)).join('/')}; peak RSS ${cli.maxRssMb.toFixed(0)} MB (${(cli.maxRssMb / inputMb).toFixed(1)}× the input)`,
    );
    console.log('');
    goals.push(['CLI --json of the 100 MB session at most 10 MB', cli.bytesOut / MB, 10, ' MB']);
    goals.push(['CLI --json of the 100 MB session within 5× the floor, end to end', cli.ratio, 5, '×']);
    goals.push(['CLI --json of the 100 MB session: peak memory within 6× the input', cli.maxRssMb / inputMb, 6, '×']);
  }
  let failed = 0;
  for (const [name, value, limit, unit] of goals) {
    const ok = value <= limit;
    failed += ok ? 0 : 1;
    console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}: ${value.toFixed(2)}${unit} (limit ${limit}${unit})`);
  }
  if (!s100 && !cliOnly) {
    console.log('(100 MB case skipped: its goals were not checked)');
  }
  if (!args.includes('--no-browser')) {
    // The browser's long tasks while a big session opens (scripts/bench-browser.mjs).
    console.log('\nbrowser: npm run bench:browser');
    const browser = spawnSync(process.execPath, [join(ROOT, 'scripts/bench-browser.mjs'), '--build'], { cwd: ROOT, stdio: 'inherit' });
    if (browser.status !== 0) {
      failed++;
      console.log('FAIL  browser benchmark (see above)');
    }
  }
  process.exitCode = failed > 0 ? 1 : 0;
}

if (process.argv[2] === '--child' && process.argv[3] === 'floor-process') {
  // The floor as a process of its own, timed by the parent from spawn to exit.
  floorOnce(process.argv[4]);
} else if (process.argv[2] === '--child' && process.argv[3] === 'linear') {
  await linearChild(process.argv[4], process.argv[6], Number(process.argv[5]));
} else if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4], Number(process.argv[5]));
} else {
  await main();
}
