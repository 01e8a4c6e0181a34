// Share, keep and export in the built app: a share link opened in a fresh browser profile gives
// the same verdict (full text and analysis only), a text too long for a link goes through a
// .dumplens share file, a malformed link explains itself without touching the draft, the draft
// survives a reload, History reopens and deletes on real IndexedDB, exports download, and the
// Content Security Policy lets Monaco and the workers run (no CSP error in the console).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export default function register({ origin, ROOT, ARTIFACTS, assert, openPage, monacoReady }) {
  const S04 = join(ROOT, 'tests/fixtures/seeds/s04-9f-power-irp-zteusbnet.txt');
  const S13 = join(ROOT, 'tests/fixtures/seeds/s13-109-driver-object-hook.txt');

  /** A fresh profile, plus a list of console messages that mention the Content Security Policy. */
  async function open(options) {
    const opened = await openPage(options);
    const csp = [];
    opened.page.on('console', (msg) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(msg.text())) {
        csp.push(msg.text());
      }
    });
    const check = () => {
      opened.check();
      assert(csp.length === 0, `Content Security Policy violations: ${csp.join(' | ')}`);
    };
    return { ...opened, check };
  }

  async function openFile(page, file) {
    await page.locator('header input[type="file"]').setInputFiles(file);
  }

  async function verdictOf(page) {
    const verdict = page.getByRole('region', { name: 'Verdict' });
    await verdict.waitFor({ state: 'visible', timeout: 20_000 });
    await verdict.locator('.bugcheck-name').first().waitFor({ timeout: 20_000 });
    const bugcheck = (await verdict.locator('.bugcheck-name').first().innerText()).trim();
    const suspect = (await verdict.locator('.suspect-module').first().innerText()).trim();
    return { bugcheck, suspect };
  }

  async function shareLink(page, { mode = 'text' } = {}) {
    await page.getByRole('button', { name: 'Share' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share' });
    await dialog.waitFor();
    if (mode === 'report') {
      await dialog.getByRole('radio', { name: /Analysis only/ }).check();
    }
    const url = dialog.getByRole('textbox', { name: 'Share link' });
    await url.waitFor({ timeout: 20_000 });
    return { dialog, link: await url.inputValue() };
  }

  /** Values of an IndexedDB store of the app, as one string (whatever their format). */
  function stored(page, storeName) {
    return page.evaluate(
      (name) =>
        new Promise((resolve) => {
          const open = indexedDB.open('dumplens');
          open.onerror = () => resolve('');
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains(name)) {
              db.close();
              resolve('');
              return;
            }
            const all = db.transaction(name).objectStore(name).getAll();
            all.onsuccess = () => {
              db.close();
              resolve(JSON.stringify(all.result));
            };
            all.onerror = () => resolve('');
          };
        }),
      storeName,
    );
  }

  /** Wait until IndexedDB's `storeName` holds something that `test` accepts (no fixed pause). */
  async function waitForStored(page, storeName, test, what) {
    const deadline = Date.now() + 15_000;
    while (!test(await stored(page, storeName))) {
      assert(Date.now() < deadline, `${what} was not saved`);
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    }
  }

  async function editorText(page) {
    await monacoReady(page);
    return (await page.locator('.monaco-editor .view-lines').innerText()).replace(/\u00a0/g, ' ');
  }

  return [
    [
      'a share link opened in a fresh browser profile restores the text and the same verdict',
      async () => {
        const a = await open();
        await a.page.goto(origin + '/');
        await monacoReady(a.page);
        await openFile(a.page, S04);
        await a.page.locator('.source-name', { hasText: 's04-9f-power-irp-zteusbnet.txt' }).waitFor({ timeout: 10_000 });
        await a.page.getByRole('region', { name: 'Verdict' }).getByText('DRIVER_POWER_STATE_FAILURE').first().waitFor({ timeout: 20_000 });
        const expected = await verdictOf(a.page);
        const { dialog, link } = await shareLink(a.page);
        assert(link.startsWith(`${origin}/#v1.`), `unexpected link ${link.slice(0, 60)}`);
        const advice = await dialog.locator('.share-advice').innerText();
        assert(/characters/.test(advice), `no length advice: ${advice}`);
        await a.page.screenshot({ path: join(ARTIFACTS, 'share-dialog-1280.png') });
        a.check();
        await a.context.close();

        const b = await open();
        await b.page.goto(link);
        const got = await verdictOf(b.page);
        assert(got.bugcheck === expected.bugcheck && got.suspect === expected.suspect, `verdict differs: ${JSON.stringify(got)} vs ${JSON.stringify(expected)}`);
        assert(!new URL(b.page.url()).hash, `the fragment stayed in the address bar: ${b.page.url()}`);
        assert((await editorText(b.page)).includes('!locks'), 'the shared text is not in the editor');
        await b.page.getByRole('status').filter({ hasText: 'Opened a shared link' }).waitFor({ timeout: 5_000 });
        b.check();
        await b.context.close();
      },
    ],
    [
      'an analysis-only link opens the shared report without the text',
      async () => {
        const a = await open();
        await a.page.goto(origin + '/');
        await openFile(a.page, S13);
        await a.page.locator('.source-name', { hasText: 's13' }).waitFor({ timeout: 10_000 });
        await a.page.getByRole('region', { name: 'Verdict' }).locator('.suspect-module').first().waitFor({ timeout: 20_000 });
        const expected = await verdictOf(a.page);
        const { link } = await shareLink(a.page, { mode: 'report' });
        a.check();
        await a.context.close();

        const b = await open({ viewport: { width: 768, height: 1024 } });
        await b.page.goto(link);
        await b.page.getByRole('heading', { level: 1, name: /Shared analysis/ }).waitFor({ timeout: 20_000 });
        assert(new URL(b.page.url()).pathname === '/shared', `not on /shared: ${b.page.url()}`);
        const got = await verdictOf(b.page);
        assert(got.bugcheck === expected.bugcheck && got.suspect === expected.suspect, `verdict differs: ${JSON.stringify(got)} vs ${JSON.stringify(expected)}`);
        assert((await b.page.locator('.monaco-editor').count()) === 0, 'the shared report page shows an editor');
        await b.page.screenshot({ path: join(ARTIFACTS, 'shared-report-768.png'), fullPage: false });
        // A reload of /shared in the same tab keeps the report.
        await b.page.reload();
        await verdictOf(b.page);
        b.check();
        await b.context.close();
      },
    ],
    [
      'a text too long for a link is shared as a .dumplens file that Open file restores',
      async () => {
        // The seed plus incompressible raw memory: far past what a link can carry.
        let seed = 12345;
        const hex = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 0).toString(16).padStart(8, '0');
        const rows = [];
        for (let i = 0; i < 3000; i++) {
          rows.push(`fffff880\`${hex()}  ${hex()}\`${hex()} ${hex()}\`${hex()}`);
        }
        const text = `${readFileSync(S04, 'utf8')}\n0: kd> dps\n${rows.join('\n')}\n`;
        const a = await open({ colorScheme: 'dark' });
        await a.page.goto(origin + '/');
        await a.page.locator('header input[type="file"]').setInputFiles({ name: 'big-session.log', mimeType: 'text/plain', buffer: Buffer.from(text) });
        await a.page.getByRole('region', { name: 'Verdict' }).getByText('DRIVER_POWER_STATE_FAILURE').first().waitFor({ timeout: 20_000 });
        const expected = await verdictOf(a.page);
        await a.page.getByRole('button', { name: 'Share' }).click();
        const dialog = a.page.getByRole('dialog', { name: 'Share' });
        const advice = dialog.locator('.share-advice');
        await advice.waitFor({ timeout: 20_000 });
        assert((await advice.getAttribute('data-advice')) === 'too-long', `advice is ${await advice.getAttribute('data-advice')}`);
        assert(await dialog.getByRole('button', { name: 'Copy link' }).isDisabled(), 'Copy link is offered for a link that is too long');
        await a.page.screenshot({ path: join(ARTIFACTS, 'share-too-long-dark-1280.png') });
        const [download] = await Promise.all([a.page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download share file' }).click()]);
        const name = download.suggestedFilename();
        assert(name.endsWith('.dumplens'), `share file named ${name}`);
        const bytes = readFileSync(await download.path());
        a.check();
        await a.context.close();

        const b = await open();
        await b.page.goto(origin + '/');
        await b.page.locator('header input[type="file"]').setInputFiles({ name, mimeType: 'application/json', buffer: bytes });
        await b.page.getByRole('status').filter({ hasText: 'Opened a shared file' }).waitFor({ timeout: 20_000 });
        const got = await verdictOf(b.page);
        assert(got.bugcheck === expected.bugcheck && got.suspect === expected.suspect, `verdict differs: ${JSON.stringify(got)} vs ${JSON.stringify(expected)}`);
        b.check();
        await b.context.close();
      },
    ],
    [
      'a malformed or truncated link shows a clear message and keeps the draft, which also survives a reload',
      async () => {
        const { context, page, check } = await open();
        await page.goto(origin + '/');
        await openFile(page, S13);
        await page.locator('.source-name', { hasText: 's13' }).waitFor({ timeout: 10_000 });
        await verdictOf(page);
        // The draft is saved a moment after the change.
        await waitForStored(page, 'draft', (s) => s.includes('Driver Object Corruption Triggers Bugcheck 109'), 'the draft');
        await page.reload();
        await page.locator('.source-name', { hasText: 's13-109-driver-object-hook.txt' }).waitFor({ timeout: 10_000 });
        assert((await editorText(page)).includes('Driver Object Corruption Triggers Bugcheck 109'), 'the draft did not survive the reload');
        await verdictOf(page);

        // Opened on load (a full navigation)…
        await page.goto(origin + '/about#v1.eNoLycgsVgCi4pLMvHQA');
        const alert = page.getByRole('alert').filter({ hasText: 'This share link cannot be opened' });
        await alert.waitFor({ timeout: 10_000 });
        assert(/not changed/.test(await alert.innerText()), 'the message does not say the text is untouched');
        assert(!new URL(page.url()).hash, 'the bad fragment stayed in the address bar');
        await page.screenshot({ path: join(ARTIFACTS, 'share-bad-link-1280.png') });
        assert(new URL(page.url()).pathname === '/', `a bad link did not land in the workspace: ${page.url()}`);
        await alert.getByRole('button', { name: /Dismiss/ }).click();
        await page.locator('.source-name', { hasText: 's13-109-driver-object-hook.txt' }).waitFor({ timeout: 10_000 });
        assert((await editorText(page)).includes('Driver Object Corruption Triggers Bugcheck 109'), 'the draft was lost');

        // …and pasted into the address bar of the open tab (a fragment change), unknown version.
        await page.goto(origin + '/#v9.abc');
        await page.getByRole('alert').filter({ hasText: 'newer dumplens' }).waitFor({ timeout: 10_000 });
        assert((await editorText(page)).includes('Driver Object Corruption Triggers Bugcheck 109'), 'the draft was lost after a second bad link');
        check();
        await context.close();
      },
    ],
    [
      'History keeps analyses in IndexedDB, reopens one, deletes one and clears all',
      async () => {
        const { context, page, check } = await open();
        await page.goto(origin + '/');
        await openFile(page, S04);
        await page.getByRole('region', { name: 'Verdict' }).getByText('DRIVER_POWER_STATE_FAILURE').first().waitFor({ timeout: 20_000 });
        // Each analysis is kept in History a moment after it is shown.
        await waitForStored(page, 'history', (s) => s.includes('DRIVER_POWER_STATE_FAILURE'), 'the History entry of s04');
        await openFile(page, S13);
        await page.locator('.source-name', { hasText: 's13' }).waitFor({ timeout: 10_000 });
        await verdictOf(page);
        await waitForStored(page, 'history', (s) => s.includes('CRITICAL_STRUCTURE_CORRUPTION'), 'the History entry of s13');
        await page.getByRole('button', { name: 'History' }).click();
        const drawer = page.getByRole('dialog', { name: 'History' });
        const list = drawer.getByRole('list', { name: 'Recent analyses' });
        await list.waitFor({ timeout: 5_000 });
        assert((await list.getByRole('listitem').count()) === 2, `expected 2 entries, got ${await list.getByRole('listitem').count()}`);
        const titles = await list.locator('.history-title').allInnerTexts();
        assert(titles.some((t) => t.includes('DRIVER_POWER_STATE_FAILURE')), `no 0x9F entry in ${titles.join(' | ')}`);
        await page.screenshot({ path: join(ARTIFACTS, 'history-1280.png') });
        await list.getByRole('button', { name: /^Open DRIVER_POWER_STATE_FAILURE/ }).click();
        await page.locator('.source-name', { hasText: 's04' }).waitFor({ timeout: 10_000 });
        await page.getByRole('region', { name: 'Verdict' }).getByText('DRIVER_POWER_STATE_FAILURE').first().waitFor({ timeout: 20_000 });

        await page.getByRole('button', { name: 'History' }).click();
        await list.waitFor();
        await list.getByRole('button', { name: /^Delete DRIVER_POWER_STATE_FAILURE/ }).click();
        await page.waitForFunction(() => document.querySelectorAll('.history-entry').length === 1, null, { timeout: 5_000 });
        await drawer.getByRole('button', { name: 'Clear all…' }).click();
        await drawer.getByRole('button', { name: 'Delete all' }).click();
        await drawer.getByText('No analyses yet.').waitFor({ timeout: 5_000 });
        // Gone from IndexedDB too: still empty after a reload.
        await page.reload();
        await page.getByRole('button', { name: 'History' }).click();
        await page.getByRole('dialog', { name: 'History' }).getByText('No analyses yet.').waitFor({ timeout: 5_000 });
        check();
        await context.close();
      },
    ],
    [
      'the Export menu downloads the report as JSON and copies it as Markdown',
      async () => {
        const { context, page, check } = await open();
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
        await page.goto(origin + '/');
        await openFile(page, S04);
        await page.getByRole('region', { name: 'Verdict' }).getByText('DRIVER_POWER_STATE_FAILURE').first().waitFor({ timeout: 20_000 });
        await page.getByRole('button', { name: 'Export' }).click();
        await page.getByRole('menu', { name: 'Export the report' }).waitFor();
        await page.screenshot({ path: join(ARTIFACTS, 'export-menu-1280.png') });
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /Download as JSON/ }).click()]);
        assert(download.suggestedFilename().endsWith('.json'), `JSON export named ${download.suggestedFilename()}`);
        const report = JSON.parse(readFileSync(await download.path(), 'utf8'));
        assert(report.bugcheck?.name === 'DRIVER_POWER_STATE_FAILURE', `JSON export has bug check ${report.bugcheck?.name}`);
        await page.getByRole('button', { name: 'Export' }).click();
        await page.getByRole('menuitem', { name: 'Copy as Markdown' }).click();
        const markdown = await page.evaluate(() => navigator.clipboard.readText());
        assert(markdown.startsWith('#') && /DRIVER\\?_POWER\\?_STATE\\?_FAILURE/.test(markdown), `clipboard holds ${markdown.slice(0, 80)}`);
        // The print stylesheet shows the results and hides the editor.
        await page.emulateMedia({ media: 'print' });
        assert(!(await page.locator('.pane-editor').isVisible()), 'the editor is visible in print');
        assert(await page.getByRole('region', { name: 'Verdict' }).isVisible(), 'the verdict is hidden in print');
        await page.screenshot({ path: join(ARTIFACTS, 'print-1280.png'), fullPage: true });
        await page.emulateMedia({ media: 'screen' });
        check();
        await context.close();
      },
    ],
  ];
}
