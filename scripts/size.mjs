#!/usr/bin/env node
// First-screen JavaScript budget: `npm run size` (after `vite build`).
//
// Sums the gzipped size of the JavaScript the built index.html loads before
// anything is lazy: its classic and module scripts, the chunks it preloads,
// and every chunk those import statically (followed transitively). Dynamic
// imports (Monaco, pages, panels loaded on demand) and workers are excluded,
// and so is Monaco should a chunk of it ever become static (it is counted
// separately). Fails (exit 1) over the budget.
//
// Options: --budget=KB (default 250), --build (run `vite build` first).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const args = process.argv.slice(2);
const budgetArg = args.find((a) => a.startsWith('--budget='));
const BUDGET_KB = budgetArg ? Number(budgetArg.slice(9)) : 250;
const EXCLUDED = /monaco|\.worker|worker-/i;

if (args.includes('--build') || !existsSync(join(DIST, 'index.html'))) {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/vite'), ['build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    process.exit(r.status ?? 1);
  }
}

const html = readFileSync(join(DIST, 'index.html'), 'utf8');
/** Site-absolute paths ("/assets/x.js") of the scripts index.html loads or preloads. */
const entries = [
  ...[...html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"/g)].map((m) => m[1]),
  ...[...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+\.js)"/g)].map((m) => m[1]),
];

// Static imports in Vite/Rolldown output: `import{a as b}from"./x.js"`, `import"./x.js"`,
// `export{a}from"./x.js"`, `export*from"./x.js"`. `import("./x.js")` is dynamic: not matched.
const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g;

const seen = new Map(); // path → { raw, gzip, excluded }
const queue = entries.map((p) => p.replace(/^\//, ''));
while (queue.length > 0) {
  const rel = queue.shift();
  if (seen.has(rel)) {
    continue;
  }
  const file = join(DIST, rel);
  if (!existsSync(file)) {
    console.error(`size: ${rel} is referenced but missing from dist/`);
    process.exit(1);
  }
  const code = readFileSync(file);
  const excluded = EXCLUDED.test(rel);
  seen.set(rel, { raw: code.length, gzip: gzipSync(code, { level: 9 }).length, excluded });
  if (excluded) {
    continue;
  }
  for (const m of code.toString('utf8').matchAll(STATIC_IMPORT)) {
    const spec = m[1];
    if (spec.startsWith('.') || spec.startsWith('/')) {
      queue.push(spec.startsWith('/') ? spec.slice(1) : posix.normalize(posix.join(posix.dirname(rel), spec)));
    }
  }
}

const rows = [...seen.entries()].sort((a, b) => b[1].gzip - a[1].gzip);
const kb = (n) => (n / 1024).toFixed(1);
let total = 0;
let excludedTotal = 0;
console.log('First-screen JavaScript (gzip -9):');
for (const [path, s] of rows) {
  if (s.excluded) {
    excludedTotal += s.gzip;
  } else {
    total += s.gzip;
  }
  console.log(`  ${kb(s.gzip).padStart(7)} KB  (${kb(s.raw).padStart(7)} KB raw)  ${path}${s.excluded ? '  [excluded: Monaco/worker]' : ''}`);
}
if (excludedTotal > 0) {
  console.log(`  (${kb(excludedTotal)} KB of Monaco/worker code is loaded statically but not counted)`);
}
const ok = total <= BUDGET_KB * 1024;
console.log(`${ok ? 'PASS' : 'FAIL'}  ${kb(total)} KB gzipped, budget ${BUDGET_KB} KB`);
process.exitCode = ok ? 0 : 1;
