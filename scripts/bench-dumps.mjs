// Crash dumps in Chromium, measured: `npm run build` first, then
//   npm run bench:dumps [-- DIR]
// Starts `vite preview`, drives Debian's Chromium (/usr/bin/chromium, headless) with
// playwright-core, and opens through the app's file input:
//   - a 2 GB sparse file with a real kernel memory dump header, and one with garbage: the time
//     to the header facts or the message, the longest main-thread task, the page's JS heap and
//     the browser's total memory before and after;
//   - a 3 MB triage dump: the time to the verdict in the app, and the worker's own time to
//     read it and analyze its text (the built analyzer worker, driven directly); then its
//     derived text opened as a .txt file, for comparison (the page's work without the dump);
//   - every .dmp in DIR (for example ../shared/dumps), with a screenshot of each in
//     tests/e2e/artifacts/bench-dumps/ and the verdict's headline or the notice.
// Figures are printed, not asserted (the machine is shared: see the README).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'tests/e2e/artifacts/bench-dumps');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
mkdirSync(OUT, { recursive: true });

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/** Total resident memory of the browser's processes, in MB (Linux /proc). */
function browserRssMb(pid) {
  const pids = [pid];
  for (let k = 0; k < pids.length; k++) {
    const out = spawnSync('pgrep', ['-P', String(pids[k])], { encoding: 'utf8' }).stdout.trim();
    pids.push(...out.split('\n').filter(Boolean).map(Number));
  }
  let kb = 0;
  for (const p of pids) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      kb += m ? Number(m[1]) : 0;
    } catch {
      // the process ended
    }
  }
  return Math.round(kb / 1024);
}

/** Record long tasks from the page's start, and when the verdict or a notice appears. */
function instrument() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__longTasks.push(Math.round(e.duration));
      (window.__longTaskAt ??= []).push([Math.round(e.startTime), Math.round(e.duration)]);
    }
  }).observe({ type: 'longtask', buffered: true });
}

const dir = mkdtempSync(join(tmpdir(), 'dumplens-bench-dumps-'));
const made = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts/make-bench-dumps.ts'), dir], { encoding: 'utf8' });
if (made.status !== 0) {
  throw new Error(made.stderr);
}
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const server = spawn(join(ROOT, 'node_modules/.bin/vite'), ['preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: ROOT, stdio: 'ignore' });
for (let k = 0; k < 100; k++) {
  try {
    if ((await fetch(origin)).ok) {
      break;
    }
  } catch {
    // not up yet
  }
  await new Promise((r) => setTimeout(r, 200));
}
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
// The browser is a child of this process (playwright-core launches it directly).
const browserPid = Number(spawnSync('pgrep', ['-P', String(process.pid), '-f', 'chromium'], { encoding: 'utf8' }).stdout.trim().split('\n')[0]) || null;

/** Open `file` in a fresh page of the app; returns what appeared and the figures. */
async function openInApp(file, screenshot) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  await page.goto(origin + '/');
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
  await page.getByRole('region', { name: 'Verdict' }).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = async () => Math.round(((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1e6);
  const heapBefore = await heap();
  const rssBefore = browserPid ? browserRssMb(browserPid) : null;
  await page.evaluate(() => {
    window.__longTasks = [];
    window.__textAt = null;
    window.__doneAt = null;
    window.__startAt = performance.now();
    const source = document.querySelector('.source-name')?.textContent ?? '';
    new MutationObserver(() => {
      const now = performance.now();
      if (window.__doneAt !== null) {
        return;
      }
      if (document.querySelector('.app-notice')) {
        window.__doneAt = now;
        return;
      }
      // The derived text (named "NAME (derived text)") comes first, its report after the next paint.
      const name = document.querySelector('.source-name')?.textContent ?? '';
      if (window.__textAt === null && name !== source) {
        window.__textAt = now;
      }
      const status = document.querySelector('.status-line');
      if (window.__textAt !== null && status?.classList.contains('status-done') && status.textContent?.includes('analyzed in')) {
        window.__doneAt = now;
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class'] });
  });
  const t0 = Date.now();
  await page.locator('header input[type="file"]').setInputFiles(file);
  await page.waitForFunction(() => window.__doneAt !== null, null, { timeout: 60_000, polling: 50 });
  await page.waitForTimeout(300);
  const result = await page.evaluate(() => ({
    ms: Math.round(window.__doneAt - window.__startAt),
    textMs: window.__textAt === null ? null : Math.round(window.__textAt - window.__startAt),
    longest: Math.max(0, ...window.__longTasks),
    tasks: (window.__longTaskAt ?? []).filter(([t]) => t >= window.__startAt).map(([t, d]) => `${Math.round(t - window.__startAt)}+${d}`).join(' '),
    alert: document.querySelector('.app-notice')?.textContent ?? null,
    headline: document.querySelector('.headline')?.textContent ?? null,
    status: document.querySelector('.status-line')?.textContent ?? null,
  }));
  const wall = Date.now() - t0;
  const heapAfter = await heap();
  const rssAfter = browserPid ? browserRssMb(browserPid) : null;
  if (screenshot) {
    await page.screenshot({ path: join(OUT, `${basename(file)}.png`) });
  }
  await context.close();
  return { ...result, wall, heapBefore, heapAfter, rssBefore, rssAfter };
}

/** The built worker, driven directly: its own read and analyze times for `file`. */
async function workerTimes(file, runs = 5) {
  const worker = readdirSync(join(ROOT, 'dist/assets')).find((f) => /^analyzer\.worker-.*\.js$/.test(f));
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(origin + '/about');
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'bench-file';
    document.body.append(input);
  });
  await page.locator('#bench-file').setInputFiles(file);
  const times = await page.evaluate(
    async ({ url, runs }) => {
      const file = document.getElementById('bench-file').files[0];
      const w = new Worker(url, { type: 'module' });
      const out = [];
      for (let id = 1; id <= runs; id++) {
        const t = performance.now();
        const msg = await new Promise((ok) => {
          w.onmessage = (e) => ok(e.data);
          w.postMessage({ type: 'read-dump', id, file, name: file.name });
        });
        out.push({ type: msg.type, readMs: msg.readMs, analyzeMs: msg.analyzeMs, roundTrip: performance.now() - t, lines: msg.report?.stats?.lines });
      }
      w.terminate();
      return out;
    },
    { url: `/assets/${worker}`, runs },
  );
  await context.close();
  return times;
}

const fmt = (r) =>
  `[long tasks at ms+duration: ${r.tasks}] ${r.alert ? `${r.ms} ms to the message` : `${r.textMs} ms to the text, ${r.ms} ms to the verdict`} (${r.wall} ms wall), longest main-thread task ${r.longest} ms, page JS heap ${r.heapBefore} → ${r.heapAfter} MB, browser RSS ${r.rssBefore} → ${r.rssAfter} MB\n    ${(r.alert ?? `${r.headline ?? ''} [${r.status ?? ''}]`).slice(0, 220)}`;

// REPEAT=N opens the two 2 GB files N times each (the machine's load varies: look at the spread).
const repeat = Number(process.env.REPEAT ?? 1);
try {
  for (const name of Array.from({ length: repeat }, () => ['sparse-header-2g.dmp', 'sparse-garbage-2g.dmp']).flat()) {
    console.log(`${name} (2 GB, sparse)\n  ${fmt(await openInApp(join(dir, name), true))}`);
  }
  const triage = join(dir, 'triage-3mb.dmp');
  console.log(`triage-3mb.dmp (${(readFileSync(triage).length / 1e6).toFixed(2)} MB)\n  ${fmt(await openInApp(triage, true))}`);
  console.log(`triage-3mb.txt (its derived text opened as a text file: the page's own work, for comparison)\n  ${fmt(await openInApp(join(dir, 'triage-3mb.txt'), false))}`);
  const times = await workerTimes(triage);
  for (const t of times) {
    console.log(`  worker: read+derive ${t.readMs.toFixed(1)} ms, analyze ${t.analyzeMs.toFixed(1)} ms (${t.lines} lines), round trip ${t.roundTrip.toFixed(1)} ms`);
  }
  const extra = process.argv[2];
  if (extra) {
    for (const name of readdirSync(extra).filter((f) => /\.dmp$/i.test(f)).sort()) {
      console.log(`${name}\n  ${fmt(await openInApp(join(extra, name), true))}`);
    }
  }
  console.log(`screenshots in ${OUT}`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
