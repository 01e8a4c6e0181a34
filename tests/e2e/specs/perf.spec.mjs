// Scale and hostile input in the browser:
// - a generated 10 MB session (the benchmark's `!process 0 7`/`~*kb`/`lm t n` mix) opened
//   through the file input is analysed without any main-thread task over 100 ms between
//   the text appearing in the editor and the verdict (PerformanceObserver 'longtask');
// - a file over the size limit is refused politely, by its size, without being read;
// - pasted HTML and script stay text: no dialog, no new element.
import { rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSession } from '../../../scripts/bench-sessions.mjs';

const MARKER = 'dumplens perf check: 10 MB session';
const LONG_TASK_MS = 100;

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
      'a 10 MB session is analysed with no main-thread task over 100 ms once its text is in the editor',
      async () => {
        const text = `${MARKER}\n${generateSession(10_000_000)}`;
        const file = join(tmpdir(), `dumplens-perf-${process.pid}.log`);
        writeFileSync(file, text);
        const lines = text.split('\n').length;
        const { context, page, check } = await openPage();
        await context.addInitScript(recordLongTasks);
        await page.goto(origin + '/');
        await monacoReady(page);
        // The moments the text appears in the editor and the verdict on the page are taken in the
        // page, by a MutationObserver (in the task that makes the change), not by polling from
        // here: Playwright's locators walk the DOM and force layouts, long tasks of their own.
        await page.evaluate(
          ({ marker, want }) => {
            window.__textAt = null;
            window.__verdictAt = null;
            new MutationObserver(() => {
              const now = performance.now();
              if (window.__textAt === null && document.querySelector('.monaco-editor .view-lines')?.textContent?.includes(marker)) {
                window.__textAt = now;
              }
              if (
                window.__textAt !== null &&
                window.__verdictAt === null &&
                document.querySelector('.status-line')?.textContent?.includes(want) &&
                document.querySelector('[aria-label="Verdict"]')?.textContent?.includes('DRIVER_POWER_STATE_FAILURE')
              ) {
                window.__verdictAt = now;
              }
            }).observe(document.body, { subtree: true, childList: true, characterData: true });
          },
          { marker: MARKER.split(' ')[0], want: `${lines.toLocaleString('en-US')} lines` },
        );
        await page.locator('header input[type="file"]').setInputFiles(file);
        await page.waitForFunction(() => window.__verdictAt !== null, null, { polling: 250, timeout: 60_000 });
        const { start, end } = await page.evaluate(() => ({ start: window.__textAt, end: window.__verdictAt }));
        // The details (stacks, threads, modules…) render after the verdict: watch them too, for the record.
        await page.waitForTimeout(1500);
        const tasks = await page.evaluate(() => window.__longTasks);
        const during = tasks.filter((t) => t.start + t.duration >= start && t.start <= end);
        const after = tasks.filter((t) => t.start > end);
        const over = during.filter((t) => t.duration > LONG_TASK_MS);
        await page.getByRole('region', { name: 'Verdict' }).getByText('DRIVER_POWER_STATE_FAILURE').first().waitFor({ timeout: 10_000 });
        await page.screenshot({ path: join(ARTIFACTS, 'perf-10mb-1280.png') });
        // Long tables render only the rows in view.
        const modules = page.locator('[role="region"][aria-label^="Loaded modules"]');
        const rowCount = Number(await modules.locator('table').getAttribute('aria-rowcount'));
        const rendered = await modules.locator('tbody tr[aria-rowindex]').count();
        assert(rowCount > 1000 && rendered > 0 && rendered < 100, `the modules table should be virtual: ${rendered} of ${rowCount} rows rendered`);
        console.log(
          `    10 MB session: verdict ${Math.round(end - start)} ms after the text appeared; ` +
            `long tasks meanwhile: ${during.map((t) => `${t.duration} ms`).join(', ') || 'none'}; ` +
            `while the details render: ${after.map((t) => `${t.duration} ms`).join(', ') || 'none'}`,
        );
        rmSync(file, { force: true });
        assert(over.length === 0, `main-thread tasks over ${LONG_TASK_MS} ms while analysing: ${over.map((t) => `${t.duration} ms at ${t.start}`).join(', ')}`);
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
        const after = await counts();
        assert(JSON.stringify(after) === JSON.stringify(before), `pasted HTML created elements: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
        await page.waitForTimeout(300);
        assert(dialogs.length === 0, `a dialog opened: ${dialogs.join(', ')}`);
        check();
        await context.close();
      },
    ],
  ];
}
