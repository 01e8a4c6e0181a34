// Hostile input and first impressions in the built app: a notice never covers an open menu, and
// the server sends the security headers the build ships (public/_headers).
import { join } from 'node:path';

export default function register({ origin, ARTIFACTS, assert, openPage }) {
  /** The element the pointer would hit at the centre of `locator`'s box. */
  async function hitAtCentre(page, locator) {
    const box = await locator.boundingBox();
    assert(box, 'no bounding box');
    return page.evaluate(([x, y]) => {
      const el = document.elementFromPoint(x, y);
      return el?.closest('[role="menuitem"], .app-notice')?.textContent?.trim() ?? el?.tagName ?? null;
    }, [box.x + box.width / 2, box.y + box.height / 2]);
  }

  return [
    [
      'the preview server sends the shipped security headers, and the app runs under them',
      async () => {
        const { context, page, check } = await openPage();
        const response = await page.goto(origin + '/shared');
        const headers = response.headers();
        assert(/frame-ancestors 'none'/.test(headers['content-security-policy'] ?? ''), `CSP header: ${headers['content-security-policy']}`);
        assert(headers['x-content-type-options'] === 'nosniff', `X-Content-Type-Options: ${headers['x-content-type-options']}`);
        const csp = [];
        page.on('console', (msg) => {
          if (/Content Security Policy|Content-Security-Policy/i.test(msg.text())) {
            csp.push(msg.text());
          }
        });
        await page.goto(origin + '/');
        await page.getByRole('region', { name: 'Verdict' }).waitFor({ state: 'visible', timeout: 20_000 });
        await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: 20_000 });
        assert(csp.length === 0, `Content Security Policy violations: ${csp.join(' | ')}`);
        check();
        await context.close();
      },
    ],
    [
      'a notice does not cover the open Export menu',
      async () => {
        const { context, page, check } = await openPage();
        // A damaged link leaves an error notice (errors stay until dismissed) over the sample analysis.
        await page.goto(origin + '/#v1.AAAA');
        await page.getByRole('alert').filter({ hasText: 'This share link cannot be opened' }).waitFor({ timeout: 20_000 });
        await page.getByRole('region', { name: 'Verdict' }).waitFor({ state: 'visible', timeout: 20_000 });
        await page.getByRole('button', { name: 'Export' }).click();
        const items = page.getByRole('menu', { name: 'Export the report' }).getByRole('menuitem');
        const count = await items.count();
        assert(count >= 9, `the Export menu has ${count} items`);
        await page.screenshot({ path: join(ARTIFACTS, 'export-menu-over-notice-1280.png') });
        for (let i = 0; i < count; i++) {
          const item = items.nth(i);
          const hit = await hitAtCentre(page, item);
          const text = (await item.textContent()).trim();
          assert(hit === text, `menu item "${text}" is covered by ${JSON.stringify(hit)}`);
        }
        check();
        await context.close();
      },
    ],
  ];
}
