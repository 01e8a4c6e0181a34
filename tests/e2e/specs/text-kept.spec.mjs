// Hostile input and lost text (issue 14 §5), in the built app:
// - a share link of five million short lines, and a 15 MB file picked as soon as the page has
//   loaded (before Monaco), leave the page answering: no big text ever goes into a textarea;
// - a reload right after typing keeps the edit (a synchronous copy when the page goes);
// - two tabs keep a draft each (the last one to save does not overwrite the other's);
// - when IndexedDB refuses every write (a full quota), the text typed after the failure survives
//   a reload of the tab, and one notice says where it is;
// - a file that is not valid UTF-8 is read as Windows-1252 with a notice saying so.
// No timing thresholds: "the page answers" means a frame comes within a generous bound.
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { generateSession } from '../../../scripts/bench-sessions.mjs';

/** A frame of the page within `ms` (a page frozen by one long task gives none). */
async function answers(page, ms, what) {
  let timer;
  const frame = page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(true))));
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the page did not answer within ${ms / 1000} s ${what}`)), ms);
  });
  try {
    await Promise.race([frame, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Everything the app keeps in IndexedDB's draft store, as one string (whatever its format). */
function storedDrafts(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('dumplens');
        open.onerror = () => resolve('');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('draft')) {
            db.close();
            resolve('');
            return;
          }
          const all = db.transaction('draft').objectStore('draft').getAll();
          all.onsuccess = () => {
            db.close();
            resolve(JSON.stringify(all.result));
          };
          all.onerror = () => resolve('');
        };
      }),
  );
}

async function waitForStoredDraft(page, marker, assert) {
  const deadline = Date.now() + 15_000;
  while (!(await storedDrafts(page)).includes(marker)) {
    assert(Date.now() < deadline, `the draft holding "${marker}" was not saved`);
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
  }
}

export default function register({ origin, ARTIFACTS, assert, openPage, monacoReady }) {
  async function editorText(page) {
    await monacoReady(page);
    return (await page.locator('.monaco-editor .view-lines').innerText()).replace(/\u00a0/g, ' ');
  }

  /** Replace the editor's text by typing `text` (Monaco). */
  async function typeOver(page, text) {
    await monacoReady(page);
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text);
  }

  return [
    [
      'hostile: a share link of five million short lines leaves a fresh tab answering, with no big text in a textarea',
      async () => {
        const json = JSON.stringify({ kind: 'text', text: 'a\n'.repeat(5_000_000), redacted: false });
        const link = `${origin}/#v1.${deflateSync(Buffer.from(json), { level: 9 }).toString('base64url')}`;
        assert(link.length < 32_768, `the link is ${link.length} characters`);
        const { context, page, check } = await openPage();
        await page.goto(link, { waitUntil: 'commit' });
        await page.locator('.pane-editor').waitFor({ timeout: 20_000 });
        for (let i = 0; i < 5; i++) {
          await answers(page, 10_000, `(check ${i + 1} of 5 after opening the link)`);
          const inTextarea = await page.evaluate(() => Math.max(0, ...[...document.querySelectorAll('textarea')].map((t) => t.value.length)));
          assert(inTextarea <= 100_000, `a textarea holds ${inTextarea} characters`);
        }
        // The whole text is shown, read-only: 5,000,001 lines (the last one empty).
        await page.locator('.large-text[data-lines="5000001"]').waitFor({ timeout: 60_000 });
        await answers(page, 10_000, 'once the text is indexed');
        await page.screenshot({ path: join(ARTIFACTS, 'hostile-5m-lines-1280.png') });
        check();
        await context.close();
      },
    ],
    [
      'hostile: a 15 MB file picked as soon as the page has loaded (before Monaco) leaves the page answering',
      async () => {
        const file = join(tmpdir(), `dumplens-early-${process.pid}.log`);
        writeFileSync(file, generateSession(15_000_000));
        const { context, page, check } = await openPage();
        await page.goto(origin + '/');
        await page.locator('header input[type="file"]').setInputFiles(file);
        const verdict = page.getByRole('region', { name: 'Verdict' }).getByText('DRIVER_POWER_STATE_FAILURE').first();
        const deadline = Date.now() + 50_000;
        while (!(await verdict.isVisible())) {
          assert(Date.now() < deadline, 'no verdict within 50 s');
          await answers(page, 10_000, 'while the file is opened and analysed');
          const inTextarea = await page.evaluate(() => Math.max(0, ...[...document.querySelectorAll('textarea')].map((t) => t.value.length)));
          assert(inTextarea <= 100_000, `a textarea holds ${inTextarea} characters`);
        }
        rmSync(file, { force: true });
        check();
        await context.close();
      },
    ],
    [
      'text kept: a reload right after typing keeps the edit',
      async () => {
        const { context, page, check } = await openPage();
        await page.goto(origin + '/');
        await monacoReady(page);
        await page.locator('.monaco-editor .view-lines').first().click();
        await page.keyboard.press('Control+Home');
        await page.keyboard.type('KEPT-AFTER-RELOAD ');
        // At once: no time for the draft's IndexedDB save to even start.
        await page.reload();
        const deadline = Date.now() + 20_000;
        while (!(await editorText(page)).includes('KEPT-AFTER-RELOAD')) {
          assert(Date.now() < deadline, `the edit was lost by the reload: ${(await editorText(page)).slice(0, 80)}`);
          await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
        }
        check();
        await context.close();
      },
    ],
    [
      'text kept: two tabs keep a draft each',
      async () => {
        const { context, page: a, check } = await openPage();
        await a.goto(origin + '/');
        await typeOver(a, 'kd> k text of tab A');
        await waitForStoredDraft(a, 'text of tab A', assert);
        const b = await context.newPage();
        await b.goto(origin + '/');
        await typeOver(b, 'kd> k text of tab B');
        await waitForStoredDraft(b, 'text of tab B', assert);
        // Tab A is reloaded: its own text, not the one tab B saved last.
        await a.reload();
        const deadline = Date.now() + 20_000;
        let text = '';
        while (!(text = await editorText(a)).includes('text of tab')) {
          assert(Date.now() < deadline, `tab A shows neither text after a reload: ${text.slice(0, 80)}`);
          await a.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
        }
        assert(text.includes('text of tab A'), `tab A shows another tab's draft after a reload: ${text.slice(0, 80)}`);
        check();
        await context.close();
      },
    ],
    [
      'text kept: with IndexedDB full, text typed after the failure survives a reload, under one notice',
      async () => {
        const { context, page, check } = await openPage();
        // Every IndexedDB write fails as a full quota does, once the test says so (kept across reloads).
        await context.addInitScript(() => {
          const put = IDBObjectStore.prototype.put;
          IDBObjectStore.prototype.put = function (...args) {
            if (sessionStorage.getItem('test.failWrites') === '1') {
              throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
            }
            return put.apply(this, args);
          };
        });
        await page.goto(origin + '/');
        await monacoReady(page);
        await page.evaluate(() => sessionStorage.setItem('test.failWrites', '1'));
        await page.locator('.monaco-editor .view-lines').first().click();
        await page.keyboard.press('Control+Home');
        await page.keyboard.type('TYPED-AFTER-FAILURE ');
        // The draft fails at once; the History entry of the new analysis a moment later.
        await page.locator('.app-notice', { hasText: /History/ }).first().waitFor({ timeout: 20_000 });
        const notices = await page.locator('.app-notice').allInnerTexts();
        assert(notices.length === 1, `${notices.length} notices: ${notices.join(' | ')}`);
        await page.screenshot({ path: join(ARTIFACTS, 'storage-full-1280.png') });
        await page.reload();
        const deadline = Date.now() + 20_000;
        while (!(await editorText(page)).includes('TYPED-AFTER-FAILURE')) {
          assert(Date.now() < deadline, 'the text typed after the storage failure was lost by a reload');
          await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
        }
        check();
        await context.close();
      },
    ],
    [
      'hostile: a file that is not valid UTF-8 is read as Windows-1252, and a notice says so',
      async () => {
        const { context, page, check } = await openPage();
        await page.goto(origin + '/');
        const bytes = Buffer.concat([Buffer.from('0: kd> !analyze -v\nBugCheck 9F, {3, fffffa80026ae060, fffff80000b9c518, fffffa8003166010}\nPROCESS_NAME:  '), Buffer.from([0x93, 0x63, 0x61, 0x66, 0xe9, 0x94]), Buffer.from('\n')]);
        await page.locator('header input[type="file"]').setInputFiles({ name: 'ansi.log', mimeType: 'text/plain', buffer: bytes });
        await page.locator('.source-name', { hasText: 'ansi.log' }).waitFor({ timeout: 10_000 });
        await page.locator('.app-notice', { hasText: /ansi\.log is not valid UTF-8.*Windows-1252/ }).waitFor({ timeout: 5_000 });
        check();
        await context.close();
      },
    ],
  ];
}
