// Crash dump files in Chromium: a kernel triage dump built by tests/dump-writer.ts
// (tests/fixtures/dumps/writer-triage-x64.dmp) opened through the file input shows its
// derived text in the editor, the decoded bug check and a verdict whose reason reveals a
// line of that text; a file that is not a dump leaves the editor's text alone; the
// manifest registers the app for .dmp, .txt and .log files.
import { join } from 'node:path';

export default function register({ origin, ROOT, ARTIFACTS, assert, openPage, monacoReady }) {
  const DUMP = join(ROOT, 'tests/fixtures/dumps/writer-triage-x64.dmp');

  async function editorText(page) {
    // Monaco renders spaces as no-break spaces.
    return (await page.locator('.monaco-editor .view-lines').innerText()).replace(/\u00a0/g, ' ');
  }

  return [
    [
      'dumps: a triage dump opened through the file input shows its derived text, bug check and verdict',
      async () => {
        const { context, page, check } = await openPage();
        await page.goto(origin + '/');
        await monacoReady(page);
        await page.locator('header input[type="file"]').setInputFiles(DUMP);
        await page.locator('.source-name', { hasText: 'writer-triage-x64.dmp (derived text)' }).waitFor({ timeout: 20_000 });
        const verdict = page.getByRole('region', { name: 'Verdict' });
        await verdict.getByRole('link', { name: /0x1000007E SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M/ }).waitFor({ timeout: 20_000 });
        for (const arg of ['0xffffffffc0000005', '0xfffff8048b58334c', '0xffff850429891ee8', '0xffff850429891720']) {
          await verdict.getByText(arg).first().waitFor({ timeout: 5_000 });
        }
        const suspect = verdict.locator('li.suspect', { has: page.locator('.suspect-module', { hasText: /^contosodrv$/ }) });
        await suspect.first().waitFor({ timeout: 10_000 });
        const text = await editorText(page);
        assert(text.includes('dumplens derived this text from writer-triage-x64.dmp'), 'the editor does not show the derived text');
        // A reason reveals its line of the derived text, which names the driver.
        const reason = suspect.first().locator('button.reason').first();
        const line = Number(/\d+/.exec(await reason.locator('.line-ref').innerText())?.[0]);
        assert(Number.isInteger(line) && line > 0, 'the reason has no line');
        await reason.click();
        await page.locator(`.monaco-host[data-revealed-line="${line}"]`).waitFor({ timeout: 5_000 });
        const revealed = await page.locator('.monaco-editor .view-line').evaluateAll((els) => els.map((e) => e.textContent?.replace(/\u00a0/g, ' ') ?? ''));
        assert(revealed.some((t) => t.includes('contosodrv')), 'the revealed lines do not name contosodrv');
        await page.screenshot({ path: join(ARTIFACTS, 'dump-triage-1280.png') });
        check();
        await context.close();
      },
    ],
    [
      'dumps: a file that is not a dump, or is empty, leaves the editor text alone and says why',
      async () => {
        const { context, page, check } = await openPage();
        await page.goto(origin + '/');
        await page.getByRole('region', { name: 'Verdict' }).waitFor({ timeout: 20_000 });
        await monacoReady(page);
        const before = await editorText(page);
        assert(before.includes('Microsoft (R) Windows Debugger'), 'the sample is not in the editor');
        const noise = Buffer.from(Array.from({ length: 8192 }, (_, k) => (k * 7919 + 13) % 251));
        await page.locator('header input[type="file"]').setInputFiles({ name: 'random.dmp', mimeType: 'application/octet-stream', buffer: noise });
        await page.getByRole('alert').filter({ hasText: 'random.dmp is binary data but not a Windows crash dump' }).waitFor({ timeout: 10_000 });
        await page.locator('header input[type="file"]').setInputFiles({ name: 'empty.log', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
        await page.getByRole('alert').filter({ hasText: 'empty.log is empty (0 bytes)' }).waitFor({ timeout: 10_000 });
        assert((await editorText(page)) === before, 'the editor text changed');
        assert(!(await page.locator('.source-name').innerText()).includes('random.dmp'), 'the input is named after the refused file');
        await page.screenshot({ path: join(ARTIFACTS, 'dump-refused-1280.png') });
        check();
        await context.close();
      },
    ],
    [
      'dumps: the manifest registers the installed app for .dmp, .txt and .log files',
      async () => {
        const { context, page, check } = await openPage();
        await page.goto(origin + '/');
        const href = await page.locator('link[rel="manifest"]').getAttribute('href');
        const manifest = await page.evaluate(async (url) => (await fetch(url)).json(), href);
        const accepted = (manifest.file_handlers ?? []).flatMap((h) => Object.values(h.accept ?? {}).flat());
        for (const ext of ['.dmp', '.txt', '.log']) {
          assert(accepted.includes(ext), `file_handlers accept ${accepted.join(', ')}, not ${ext}`);
        }
        check();
        await context.close();
      },
    ],
  ];
}
