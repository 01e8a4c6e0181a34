// The analysis workspace in Chromium: reasons and outline entries reveal their
// line in the editor, the verdict opens the bug check reference, the section nav
// jumps, the editor explains codes on hover and folds per command. Also saves the
// workspace screenshots (crash, hang, pool leak at 1280×800 and 768 px wide) in
// tests/e2e/artifacts; the ones in docs/screenshots are copies checked by eye.
import { join } from 'node:path';

const SAMPLE = {
  crash: /Network driver at DISPATCH_LEVEL/,
  hang: /Service hang: critical-section deadlock/,
  leak: /Non-paged pool leak by a network filter/,
  hardware: /Machine check on an overclocked CPU/,
};

export default function register({ origin, ARTIFACTS, assert, openPage, monacoReady }) {
  async function loadSample(page, name) {
    await page.getByRole('button', { name: 'Samples' }).click();
    await page.getByRole('menuitem', { name: SAMPLE[name] }).click();
    await page.locator('.source-name', { hasText: SAMPLE[name] }).waitFor({ timeout: 10_000 });
    await page.getByRole('region', { name: 'Verdict' }).waitFor({ timeout: 20_000 });
    await monacoReady(page);
  }

  /** Charts draw one per task: wait until every chart on the page has its bars. */
  async function allChartsDrawn(page) {
    await page.waitForFunction(() => [...document.querySelectorAll('.bar-chart')].every((el) => el.querySelector('.recharts-bar-rectangle')), null, { timeout: 10_000 });
  }

  /** The editor shows `line` inside its viewport with the reveal highlight on that row. */
  async function assertRevealed(page, line) {
    await page.locator(`.monaco-host[data-revealed-line="${line}"]`).waitFor({ timeout: 5_000 });
    const number = page.locator('.monaco-editor .margin-view-overlays .line-numbers').filter({ hasText: new RegExp(`^${line}$`) });
    await number.waitFor({ state: 'visible', timeout: 5_000 });
    // Monaco paints decorations a frame or two after the reveal (and the pane may still be
    // settling after a layout change): give the highlight up to 3 s to line up with the number.
    let problem = '';
    for (let tries = 0; tries < 15; tries++) {
      const editorBox = await page.locator('.monaco-editor').first().boundingBox();
      const numberBox = await number.boundingBox();
      const rows = await page.locator('.monaco-editor .view-overlays .dl-reveal-line').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
      if (!editorBox || !numberBox) {
        problem = 'no bounding boxes for the editor or the line number';
      } else if (numberBox.y < editorBox.y || numberBox.y + numberBox.height > editorBox.y + editorBox.height) {
        problem = `line ${line} is outside the editor viewport`;
      } else if (!rows.some((top) => Math.abs(top - numberBox.y) < 3)) {
        problem = `the highlight is not on line ${line}`;
      } else {
        problem = '';
        break;
      }
      await page.waitForTimeout(200);
    }
    assert(problem === '', problem);
  }

  async function jump(page, section) {
    await page.getByRole('navigation', { name: 'Result sections' }).getByRole('button', { name: new RegExp(`^${section}`) }).click();
    const region = page.getByRole('region', { name: section, exact: true });
    await region.waitFor({ state: 'visible', timeout: 5_000 });
    // Smooth scrolling: wait until neither the page nor the results pane moves.
    await page.waitForFunction(
      () => {
        const now = `${window.scrollY}:${document.querySelector('.pane-results')?.scrollTop ?? 0}`;
        const same = window.__lastScroll === now;
        window.__lastScroll = now;
        return same;
      },
      null,
      { polling: 150, timeout: 5_000 },
    );
    return region;
  }

  return [
    [
      'workspace: a suspect reason of the hang sample reveals and highlights its line in the editor',
      async () => {
        const { context, page, check } = await openPage();
        await page.goto(origin + '/');
        await loadSample(page, 'hang');
        const verdict = page.getByRole('region', { name: 'Verdict' });
        const suspect = verdict.locator('li.suspect', { has: page.locator('.suspect-module', { hasText: /^fabrikamdb$/ }) });
        const reason = suspect.locator('button.reason').nth(2);
        const line = Number(/\d+/.exec(await reason.locator('.line-ref').innerText())?.[0]);
        assert(Number.isInteger(line) && line > 0, 'the reason has no line');
        await reason.click();
        await assertRevealed(page, line);
        check();
        await context.close();
      },
    ],
    [
      'workspace: the verdict opens the reference page of its bug check, which leads back to the analysis',
      async () => {
        const { context, page, check } = await openPage();
        await page.goto(origin + '/');
        await page.getByRole('region', { name: 'Verdict' }).waitFor({ timeout: 20_000 });
        await page.getByRole('region', { name: 'Verdict' }).getByRole('link', { name: /0x000000D1 DRIVER_IRQL_NOT_LESS_OR_EQUAL/ }).click();
        await page.getByRole('heading', { level: 1, name: /0x000000D1 DRIVER_IRQL_NOT_LESS_OR_EQUAL/ }).waitFor({ timeout: 10_000 });
        assert(new URL(page.url()).pathname === '/bugcheck/0x000000D1', `unexpected URL ${page.url()}`);
        await page.getByRole('table', { name: 'Arguments of the analyzed session' }).waitFor({ timeout: 5_000 });
        await page.screenshot({ path: join(ARTIFACTS, 'reference-d1-1280.png') });
        await page.getByRole('link', { name: 'Bug check reference' }).first().click();
        await page.getByRole('searchbox', { name: 'Search by code or name' }).fill('124');
        await page.getByRole('link', { name: /0x00000124 WHEA_UNCORRECTABLE_ERROR/ }).waitFor({ timeout: 5_000 });
        await page.goBack();
        await page.getByRole('link', { name: 'Back to the analysis' }).click();
        await page.getByRole('region', { name: 'Verdict' }).waitFor({ timeout: 10_000 });
        await monacoReady(page);
        check();
        await context.close();
      },
    ],
    [
      "workspace: a paste over the whole sample drops the sample's title from the input header",
      async () => {
        const { context, page, check } = await openPage();
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
        await page.goto(origin + '/');
        await loadSample(page, 'crash');
        await page.locator('.monaco-editor .view-lines').first().click();
        await page.keyboard.press('Control+A');
        await page.evaluate((text) => navigator.clipboard.writeText(text), 'Loading Dump File [C:\\Windows\\MEMORY.DMP]\nBugCheck 9F, {4, 258, fffffa8007005660, fffff800053e83d0}');
        await page.keyboard.press('Control+V');
        await page.locator('.source-name', { hasText: 'Pasted text' }).waitFor({ timeout: 10_000 });
        // …and the pasted session is analysed in its place.
        await page.getByRole('region', { name: 'Verdict' }).getByRole('link', { name: /0x0000009F DRIVER_POWER_STATE_FAILURE/ }).waitFor({ timeout: 20_000 });
        check();
        await context.close();
      },
    ],
    [
      'workspace: the outline jumps to a command in the editor',
      async () => {
        const { context, page, check } = await openPage();
        await page.goto(origin + '/');
        await loadSample(page, 'leak');
        const outline = await jump(page, 'Outline');
        const item = outline.getByRole('button', { name: /^!poolused 2/ });
        const line = Number(/lines? (\d+)/.exec(await item.innerText())?.[1]);
        await item.click();
        await assertRevealed(page, line);
        const text = (await page.locator('.monaco-editor .view-lines').innerText()).replace(/\u00a0/g, ' ');
        assert(text.includes('!poolused 2'), 'the editor does not show the command');
        check();
        await context.close();
      },
    ],
    [
      'workspace: the section nav jumps to the memory charts, which have a table view',
      async () => {
        const { context, page, check } = await openPage();
        await page.goto(origin + '/');
        await loadSample(page, 'leak');
        const memory = await jump(page, 'Memory');
        const figure = memory.getByRole('figure', { name: 'Pool and commit against their maximum' });
        await figure.locator('.recharts-bar-rectangle').first().waitFor({ timeout: 10_000 });
        const box = await memory.boundingBox();
        assert(box && box.y < 400, `the Memory section is not at the top of the results (y=${box?.y})`);
        await page.screenshot({ path: join(ARTIFACTS, 'workspace-leak-1280.png') });
        await figure.getByRole('button', { name: 'Table' }).click();
        const row = figure.getByRole('row', { name: /Non-paged pool/ });
        assert((await row.innerText()).includes('99.76%'), `unexpected table row: ${await row.innerText()}`);
        check();
        await context.close();
      },
    ],
    [
      'workspace: the editor explains a bug check name on hover and folds per command',
      async () => {
        const { context, page, check } = await openPage();
        await page.goto(origin + '/');
        await page.getByRole('region', { name: 'Verdict' }).waitFor({ timeout: 20_000 });
        await monacoReady(page);
        // Bring the bug check line (`BUGCHECK_CODE:  d1`) into view through the verdict's line button.
        await page.getByRole('region', { name: 'Verdict' }).locator('.bugcheck .line-chip').click();
        const line = Number(await page.locator('.monaco-host').getAttribute('data-revealed-line'));
        const row = page.locator('.monaco-editor .view-line', { hasText: /^BUGCHECK_CODE:/ }).first();
        await row.waitFor({ state: 'visible', timeout: 5_000 });
        assert(line > 0, 'no line was revealed');
        // Point at the `d1` (columns 17–18): the line's text span is as wide as its characters.
        const text = (await row.innerText()).replace(/\u00a0/g, ' ');
        const box = await row.locator('span').first().boundingBox();
        assert(box && text.startsWith('BUGCHECK_CODE:  d1'), `unexpected line: ${text}`);
        const charWidth = box.width / text.length;
        await page.mouse.move(box.x + charWidth * 16.5, box.y + box.height / 2);
        const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Bug check 0x000000D1' });
        await hover.waitFor({ state: 'visible', timeout: 8_000 });
        await page.screenshot({ path: join(ARTIFACTS, 'editor-hover-1280.png') });
        assert((await hover.innerText()).includes('Arg1'), 'the hover does not list the arguments');
        await page.mouse.move(5, 5);
        // Folding per command: the prompt line of `!analyze -v` gets a folding control.
        const outline = await jump(page, 'Outline');
        const item = outline.getByRole('button', { name: /^!analyze -v/ });
        const foldLine = Number(/lines (\d+)/.exec(await item.innerText())?.[1]);
        await item.click();
        await page.locator(`.monaco-host[data-revealed-line="${foldLine}"]`).waitFor({ timeout: 5_000 });
        const folds = page.locator('.monaco-editor .margin-view-overlays [class*="codicon-folding"]');
        await folds.first().waitFor({ state: 'attached', timeout: 5_000 });
        const tops = await folds.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
        const number = page.locator('.monaco-editor .margin-view-overlays .line-numbers').filter({ hasText: new RegExp(`^${foldLine}$`) });
        const numberTop = Math.round((await number.boundingBox()).y);
        assert(tops.some((t) => Math.abs(t - numberTop) < 3), `no folding control on line ${foldLine} (controls at ${tops.join(', ')}, line at ${numberTop})`);
        check();
        await context.close();
      },
    ],
    // One test per width and theme: together they did too much work for one test's time limit on a busy machine.
    ...[
      ['light', 1280, 800],
      ['light', 768, 1024],
      ['dark', 1280, 800],
      ['dark', 768, 1024],
    ].map(([scheme, width, height]) => [
      `workspace: screenshots of a crash, a hang and a pool leak at ${width} px, ${scheme}`,
      async () => {
        {
          const suffix = scheme === 'dark' ? '-dark' : '';
          {
            const { context, page, check } = await openPage({ viewport: { width, height }, colorScheme: scheme });
            await page.goto(origin + '/');
            // Crash: the default sample, a reason revealed in the editor.
            await page.getByRole('region', { name: 'Verdict' }).waitFor({ timeout: 20_000 });
            await monacoReady(page);
            await page.getByRole('region', { name: 'Verdict' }).locator('button.reason').first().click();
            await page.locator('.monaco-host[data-revealed-line]').waitFor({ timeout: 5_000 });
            await page.locator('.monaco-editor .view-overlays .dl-reveal-line').first().waitFor({ state: 'attached', timeout: 5_000 });
            if (width < 900) {
              await page.evaluate(() => window.scrollTo(0, 0));
            }
            await page.screenshot({ path: join(ARTIFACTS, `workspace-crash-${width}${suffix}.png`) });
            // Hang: the locks, with the chain from the waiters to the owner.
            await loadSample(page, 'hang');
            await jump(page, 'Threads & locks');
            await page.screenshot({ path: join(ARTIFACTS, `workspace-hang-${width}${suffix}.png`) });
            await jump(page, 'Stacks');
            await page.screenshot({ path: join(ARTIFACTS, `workspace-hang-stacks-${width}${suffix}.png`) });
            // Pool leak: the memory charts, then the top pool tags beside the !poolused output.
            await loadSample(page, 'leak');
            const memory = await jump(page, 'Memory');
            await allChartsDrawn(page);
            await page.screenshot({ path: join(ARTIFACTS, `workspace-leak-${width}${suffix}.png`) });
            const outline = await jump(page, 'Outline');
            await outline.getByRole('button', { name: /^!poolused 2/ }).click();
            const tags = page.getByRole('figure', { name: 'Top non-paged pool tags' });
            await tags.locator('.recharts-bar-rectangle').first().waitFor({ timeout: 10_000 });
            await tags.evaluate((el) => el.scrollIntoView({ block: 'end' }));
            await page.locator('.monaco-host[data-revealed-line]').waitFor({ timeout: 5_000 });
            await page.screenshot({ path: join(ARTIFACTS, `workspace-leak-tags-${width}${suffix}.png`) });
            // Hardware.
            await loadSample(page, 'hardware');
            await jump(page, 'Hardware');
            await page.screenshot({ path: join(ARTIFACTS, `workspace-hardware-${width}${suffix}.png`) });
            check();
            await context.close();
          }
        }
      },
    ]),
  ];
}
