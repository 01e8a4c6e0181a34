// Scale and hostile input in the browser:
// - a generated 10 MB session (the benchmark's `!process 0 7`/`~*kb`/`lm t n` mix) opened
//   through the file input is analysed while the page keeps answering, and its long tables
//   render only the rows in view. No timing threshold here (the machine may be busy): the
//   long tasks are measured by `npm run bench:browser`, and only printed here;
// - a file over the size limit is refused politely, by its size, without being read;
// - pasted HTML and script stay text: no dialog, no new element.
import { rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSession } from '../../../scripts/bench-sessions.mjs';

const MARKER = 'dumplens perf check: 10 MB session';

/** Record every long task of the page from its start (buffered observer installed before any script). */
function recordLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__longTasks.push({ start: Math.round(e.startTime), duration: Math.round(e.duration) });
    }
  }).observe({ type: 'longtask', buffered: true });
}

export default function register({ origin, ARTIFACTS, assert, openPage, monacoReady }) {
  return [
    [
      'a 10 MB session is analysed while the page keeps answering, and its long tables render only the rows in view',
      async () => {
        const text = `${MARKER}\n${generateSession(10_000_000)}`;
        const file = join(tmpdir(), `dumplens-perf-${process.pid}.log`);
        writeFileSync(file, text);
        const lines = text.split('\n').length;
        const { context, page, check } = await openPage();
        await context.addInitScript(recordLongTasks);
        await page.goto(origin + '/');
        await monacoReady(page);
        await page.locator('header input[type="file"]').setInputFiles(file);
        // The verdict of this text (its line count in the status line), then every detail section.
        await page.getByRole('status').filter({ hasText: `${lines.toLocaleString('en-US')} lines` }).waitFor({ timeout: 60_000 });
        await page.getByRole('region', { name: 'Verdict' }).getByText('DRIVER_POWER_STATE_FAILURE').first().waitFor({ timeout: 10_000 });
        await page.locator('.details[aria-busy="false"] [aria-label="Outline"]').waitFor({ timeout: 60_000 });
        // The page answers (a frame comes), however busy the machine.
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
        const tasks = await page.evaluate(() => window.__longTasks);
        await page.screenshot({ path: join(ARTIFACTS, 'perf-10mb-1280.png') });
        // Long tables render only the rows in view.
        const modules = page.locator('[role="region"][aria-label^="Loaded modules"]');
        const rowCount = Number(await modules.locator('table').getAttribute('aria-rowcount'));
        const rendered = await modules.locator('tbody tr[aria-rowindex]').count();
        assert(rowCount > 1000 && rendered > 0 && rendered < 100, `the modules table should be virtual: ${rendered} of ${rowCount} rows rendered`);
        // For the record only (npm run bench:browser measures them, on purpose, several times).
        console.log(`    10 MB session: long tasks of the page: ${tasks.map((t) => `${t.duration} ms`).join(', ') || 'none'}`);
        rmSync(file, { force: true });
        check();
        await context.close();
      },
    ],
    [
      'a file over the size limit is refused by its size, with the limit named, and the editor keeps its text',
      async () => {
        const file = join(tmpdir(), `dumplens-too-large-${process.pid}.log`);
        writeFileSync(file, '');
        truncateSync(file, 150_000_000); // sparse: nothing is written or read
        assert(statSync(file).size === 150_000_000, 'could not make the large file');
        const { context, page, check } = await openPage();
        await page.goto(origin + '/');
        await monacoReady(page);
        const before = await page.locator('.monaco-editor .view-lines').innerText();
        await page.locator('header input[type="file"]').setInputFiles(file);
        const notice = page.getByText(/is 150 MB; dumplens reads files up to 100 MB/);
        await notice.waitFor({ timeout: 10_000 });
        const after = await page.locator('.monaco-editor .view-lines').innerText();
        rmSync(file, { force: true });
        assert(after === before, 'the editor text changed after a refused file');
        await page.screenshot({ path: join(ARTIFACTS, 'too-large-1280.png') });
        check();
        await context.close();
      },
    ],
    [
      'pasted HTML and script are shown as text: no dialog, no new element',
      async () => {
        const payload = '0: kd> !analyze -v\n<img src=x onerror=alert(1)><script>alert(2)</script>\nIMAGE_NAME:  <svg onload=alert(3)>.sys\n<iframe src="javascript:alert(4)"></iframe>';
        const { context, page, check } = await openPage();
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
        const dialogs = [];
        page.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        await page.goto(origin + '/');
        await monacoReady(page);
        const counts = () =>
          page.evaluate(() => ({
            img: document.querySelectorAll('img[src="x"], img[onerror]').length,
            script: [...document.scripts].filter((s) => s.textContent?.includes('alert(')).length,
            svg: document.querySelectorAll('svg[onload]').length,
            iframe: document.querySelectorAll('iframe').length,
          }));
        const before = await counts();
        await page.locator('.monaco-editor .view-lines').first().click();
        await page.keyboard.press('Control+A');
        // A real paste through the clipboard (what a user does), not typing: typing would auto-close brackets and quotes.
        await page.evaluate((text) => navigator.clipboard.writeText(text), payload);
        await page.keyboard.press('Control+V');
        await page.getByRole('status').filter({ hasText: '4 lines' }).waitFor({ timeout: 15_000 });
        const editor = (await page.locator('.monaco-editor .view-lines').innerText()).replace(/\u00a0/g, ' ');
        assert(editor.includes('<img src=x onerror=alert(1)><script>alert(2)</script>'), 'the editor does not show the pasted HTML as text');
        // The analysis of the pasted text is shown: anything it rendered is in the page by now.
        await page.getByRole('region', { name: 'Verdict' }).waitFor({ timeout: 15_000 });
        const after = await counts();
        assert(JSON.stringify(after) === JSON.stringify(before), `pasted HTML created elements: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
        assert(dialogs.length === 0, `a dialog opened: ${dialogs.join(', ')}`);
        check();
        await context.close();
      },
    ],
  ];
}
