#!/usr/bin/env node
// Lighthouse audit of the built app: `npm run lighthouse` (runs `vite build` first
// when dist/ is missing; `--build` forces it).
//
// Serves dist/ with `vite preview` on a free localhost port and audits it with
// npm's lighthouse driving Debian's Chromium (CHROME_PATH, default
// /usr/bin/chromium; never a downloaded browser). Prints the scores and the
// audits that cost points, and fails when a score is under its goal:
// performance ≥ 90, accessibility ≥ 95, best practices ≥ 95.
//
// Options: --preset=desktop|mobile (default: both), --path=/about (page to audit),
//          --json=FILE (write the full Lighthouse report).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const GOALS = { performance: 90, accessibility: 95, 'best-practices': 95 };
const args = process.argv.slice(2);
const opt = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const presets = opt('preset') ? [opt('preset')] : ['mobile', 'desktop'];
const path = opt('path') ?? '/';

function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

async function waitFor(url, child) {
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) {
      throw new Error(`vite preview exited with code ${child.exitCode}`);
    }
    try {
      if ((await fetch(url)).ok) {
        return;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer at ${url}`);
}

if (args.includes('--build') || !existsSync(join(ROOT, 'dist/index.html'))) {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/vite'), ['build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    process.exit(r.status ?? 1);
  }
}
if (!existsSync(CHROME)) {
  console.error(`Chromium not found at ${CHROME} (set CHROME_PATH, or apt-get install chromium)`);
  process.exit(2);
}

const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const server = spawn(join(ROOT, 'node_modules/.bin/vite'), ['preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
  cwd: ROOT,
  stdio: 'ignore',
});
let chrome;
let failed = 0;
try {
  await waitFor(origin + '/', server);
  chrome = await chromeLauncher.launch({
    chromePath: CHROME,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  for (const preset of presets) {
    const config = preset === 'desktop' ? desktopConfig : undefined;
    const result = await lighthouse(
      origin + path,
      { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: Object.keys(GOALS) },
      config,
    );
    if (!result) {
      throw new Error('lighthouse returned no result');
    }
    const { lhr } = result;
    const json = opt('json');
    if (json) {
      writeFileSync(presets.length > 1 ? json.replace(/(\.json)?$/, `-${preset}.json`) : json, JSON.stringify(lhr, null, 1));
    }
    console.log(`Lighthouse ${lhr.lighthouseVersion}, ${preset}, ${origin}${path} (${lhr.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium'})`);
    for (const [id, goal] of Object.entries(GOALS)) {
      const cat = lhr.categories[id];
      const score = Math.round((cat?.score ?? 0) * 100);
      const ok = score >= goal;
      failed += ok ? 0 : 1;
      console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${cat?.title ?? id}: ${score} (goal ≥ ${goal})`);
      // The audits that cost points in this category, heaviest first.
      const lost = (cat?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1 && lhr.audits[ref.id]?.scoreDisplayMode !== 'notApplicable')
        .sort((a, b) => b.weight - a.weight)
        .slice(0, 6);
      for (const ref of lost) {
        const a = lhr.audits[ref.id];
        console.log(`        - ${a.title}${a.displayValue ? ` (${a.displayValue})` : ''}`);
      }
    }
    const m = (id) => lhr.audits[id]?.displayValue ?? '?';
    console.log(`  metrics: FCP ${m('first-contentful-paint')}, LCP ${m('largest-contentful-paint')}, TBT ${m('total-blocking-time')}, CLS ${m('cumulative-layout-shift')}, SI ${m('speed-index')}`);
  }
} finally {
  await chrome?.kill();
  server.kill('SIGTERM');
}
process.exitCode = failed > 0 ? 1 : 0;
