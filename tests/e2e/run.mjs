// End-to-end tests against the built app (`vite build` first): starts `vite preview`
// on a free localhost port, drives Debian's Chromium with playwright-core (never
// downloads a browser), and ends with a line `N passed, N failed`.
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startPreview } from '../../scripts/preview-server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = join(ROOT, 'tests/e2e/artifacts');
const FIXTURE = join(ROOT, 'tests/fixtures/seeds/s04-9f-power-irp-zteusbnet.txt');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TEST_TIMEOUT_MS = 60_000;

mkdirSync(ARTIFACTS, { recursive: true });

function assert(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]);
}

const server = await startPreview(ROOT);
const { origin } = server;

let browser;
let passed = 0;
let failed = 0;

/** A fresh context (fresh storage: a first visit) with request and error tracking. */
async function openPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  const foreign = [];
  const errors = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') {
      return;
    }
    if (url.origin !== origin) {
      foreign.push(req.url());
    }
  });
  page.on('pageerror', (err) => errors.push(err.message));
  const check = () => {
    assert(foreign.length === 0, `requests left the preview server: ${foreign.join(', ')}`);
    assert(errors.length === 0, `uncaught errors in the page: ${errors.join(' | ')}`);
  };
  return { context, page, check };
}

async function monacoReady(page) {
  await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: 20_000 });
}

const tests = [
  [
    'the built app loads with the sample and shows a verdict',
    async () => {
      const { context, page, check } = await openPage();
      await page.goto(origin + '/');
      const verdict = page.getByRole('region', { name: 'Verdict' });
      await verdict.waitFor({ state: 'visible', timeout: 20_000 });
      const headline = (await verdict.locator('.headline').innerText()).trim();
      assert(headline.length > 0, 'the verdict has no headline');
      await monacoReady(page);
      // Monaco renders spaces as no-break spaces.
      const editorText = (await page.locator('.monaco-editor .view-lines').innerText()).replace(/\u00a0/g, ' ');
      assert(editorText.includes('Microsoft (R) Windows Debugger'), 'the editor does not show the sample session');
      await page.getByRole('region', { name: 'Stacks' }).waitFor({ state: 'visible', timeout: 10_000 });
      await page.screenshot({ path: join(ARTIFACTS, 'sample-1280.png') });
      check();
      await context.close();
    },
  ],
  [
    'a file opened through the file input is analyzed and a reason reveals its line in the editor',
    async () => {
      const { context, page, check } = await openPage();
      await page.goto(origin + '/');
      await monacoReady(page);
      await page.locator('header input[type="file"]').setInputFiles(FIXTURE);
      await page.locator('.source-name', { hasText: 's04-9f-power-irp-zteusbnet.txt' }).waitFor({ timeout: 10_000 });
      const verdict = page.getByRole('region', { name: 'Verdict' });
      await verdict.getByText('DRIVER_POWER_STATE_FAILURE').first().waitFor({ timeout: 20_000 });
      const suspect = verdict.locator('li.suspect', { has: page.locator('.suspect-module', { hasText: /^ZTEusbnet$/i }) });
      await suspect.first().waitFor({ timeout: 10_000 });
      const reason = suspect.first().locator('button.reason').first();
      const lineText = await reason.locator('.line-ref').innerText();
      const line = Number(/\d+/.exec(lineText)?.[0]);
      assert(Number.isInteger(line) && line > 0, `the reason has no line number (${lineText})`);
      await reason.click();

      const host = page.locator(`.monaco-host[data-revealed-line="${line}"]`);
      await host.waitFor({ timeout: 5_000 });
      // The line number is rendered (only lines in the viewport are), inside the editor's box…
      const lineNumber = page.locator('.monaco-editor .margin-view-overlays .line-numbers').filter({ hasText: new RegExp(`^${line}$`) });
      await lineNumber.waitFor({ state: 'visible', timeout: 5_000 });
      const editorBox = await page.locator('.monaco-editor').first().boundingBox();
      const numberBox = await lineNumber.boundingBox();
      assert(editorBox && numberBox, 'no bounding boxes for the editor or the line number');
      assert(
        numberBox.y >= editorBox.y && numberBox.y + numberBox.height <= editorBox.y + editorBox.height,
        `line ${line} is outside the editor viewport`,
      );
      // …and the highlight decoration sits on that same row.
      const highlight = page.locator('.monaco-editor .view-overlays .dl-reveal-line');
      await highlight.first().waitFor({ state: 'attached', timeout: 5_000 });
      const rows = await highlight.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
      assert(
        rows.some((top) => Math.abs(top - numberBox.y) < 3),
        `the highlight is not on line ${line} (highlight rows at ${rows.join(', ')}, line at ${numberBox.y})`,
      );
      await page.screenshot({ path: join(ARTIFACTS, 'reveal-s04-1280.png') });
      check();
      await context.close();
    },
  ],
  [
    'a file dropped on the editor replaces the text and is analyzed',
    async () => {
      const { context, page, check } = await openPage();
      await page.goto(origin + '/');
      await monacoReady(page);
      const text = readFileSync(FIXTURE, 'utf8');
      await page.locator('.monaco-editor').first().evaluate((target, content) => {
        const dt = new DataTransfer();
        dt.items.add(new File([content], 'dropped.log', { type: 'text/plain' }));
        for (const type of ['dragenter', 'dragover', 'drop']) {
          target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
        }
      }, text);
      await page.locator('.source-name', { hasText: 'dropped.log' }).waitFor({ timeout: 10_000 });
      await page.getByRole('region', { name: 'Verdict' }).getByText('DRIVER_POWER_STATE_FAILURE').first().waitFor({ timeout: 20_000 });
      assert((await page.locator('.drop-overlay').count()) === 0, 'the drop overlay stayed on screen');
      check();
      await context.close();
    },
  ],
  [
    'on a narrow screen the editor sits above the results',
    async () => {
      const { context, page, check } = await openPage({ viewport: { width: 768, height: 1024 } });
      await page.goto(origin + '/');
      await page.getByRole('region', { name: 'Verdict' }).waitFor({ state: 'visible', timeout: 20_000 });
      await monacoReady(page);
      const input = await page.getByRole('region', { name: 'Input' }).boundingBox();
      const results = await page.getByRole('region', { name: 'Results' }).boundingBox();
      assert(input && results, 'no bounding boxes for the panes');
      assert(results.y >= input.y + input.height - 1, 'the results are not below the editor');
      await page.screenshot({ path: join(ARTIFACTS, 'sample-768.png'), fullPage: true });
      check();
      await context.close();
    },
  ],
  [
    'the app follows a dark system theme',
    async () => {
      const { context, page, check } = await openPage({ colorScheme: 'dark' });
      await page.goto(origin + '/');
      await page.getByRole('region', { name: 'Verdict' }).waitFor({ state: 'visible', timeout: 20_000 });
      await monacoReady(page);
      const theme = await page.evaluate(() => document.documentElement.dataset.theme);
      assert(theme === 'dark', `data-theme is ${theme}`);
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert(bg !== 'rgb(255, 255, 255)' && bg !== 'rgb(246, 247, 249)', `the page background stayed light (${bg})`);
      await page.screenshot({ path: join(ARTIFACTS, 'sample-dark-1280.png') });
      check();
      await context.close();
    },
  ],
  [
    'the About page and the not-found page render through the browser router',
    async () => {
      const { context, page, check } = await openPage();
      await page.goto(origin + '/about');
      await page.getByRole('heading', { level: 1, name: 'About dumplens' }).waitFor({ timeout: 10_000 });
      assert((await page.content()).includes('Nothing you paste or open is uploaded'), 'the privacy statement is missing');
      await page.screenshot({ path: join(ARTIFACTS, 'about-1280.png') });
      await page.goto(origin + '/no/such/page');
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor({ timeout: 10_000 });
      check();
      await context.close();
    },
  ],
];

// More tests live in tests/e2e/specs/*.spec.mjs: each default-exports a function that
// receives the harness and returns [name, async fn] pairs.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const harness = {
  origin,
  ROOT,
  ARTIFACTS,
  CHROMIUM,
  CHROMIUM_ARGS,
  chromium,
  assert,
  openPage,
  monacoReady,
  get browser() {
    return browser;
  },
};
const specDir = join(ROOT, 'tests/e2e/specs');
// E2E_ONLY=dumps runs only the specs whose file name contains that text (and none of the tests above).
const only = process.env.E2E_ONLY;
if (only) {
  tests.length = 0;
}
for (const file of existsSync(specDir) ? readdirSync(specDir).filter((f) => f.endsWith('.spec.mjs') && (!only || f.includes(only))).sort() : []) {
  const spec = await import(pathToFileURL(join(specDir, file)).href);
  tests.push(...spec.default(harness));
}

// E2E_ONLY=regex runs only the tests whose name matches; E2E_GREP=text those whose name contains it.
if (process.env.E2E_ONLY) {
  const only = new RegExp(process.env.E2E_ONLY);
  tests.splice(0, tests.length, ...tests.filter(([name]) => only.test(name)));
}
if (process.env.E2E_GREP) {
  const grep = process.env.E2E_GREP;
  tests.splice(0, tests.length, ...tests.filter(([name]) => name.includes(grep)));
}

try {
  await server.ready();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  for (const [name, fn] of tests) {
    try {
      await withTimeout(fn(), TEST_TIMEOUT_MS, name);
      passed++;
      console.log(`ok - ${name}`);
    } catch (err) {
      failed++;
      console.log(`not ok - ${name}\n    ${String(err?.message ?? err).split('\n').join('\n    ')}`);
    }
  }
} catch (err) {
  failed++;
  console.log(`not ok - setup\n    ${err?.message ?? err}\n${server.log()}`);
} finally {
  await browser?.close().catch(() => {});
  server.stop();
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
