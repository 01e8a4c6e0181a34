// Offline after one visit: the service worker precaches the app shell, Monaco and the workers,
// so with the network off a reload still loads the app, which analyzes an opened session. Also:
// the manifest makes the app installable in Chromium.
import { join } from 'node:path';

export default function register({ origin, ROOT, ARTIFACTS, assert, openPage, monacoReady }) {
  const S04 = join(ROOT, 'tests/fixtures/seeds/s04-9f-power-irp-zteusbnet.txt');

  async function serviceWorkerReady(page) {
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.ready;
      if (!reg.active) {
        throw new Error('no active service worker');
      }
    });
  }

  return [
    [
      'after one visit the app loads and analyzes with the network off',
      async () => {
        const { context, page, check } = await openPage();
        await page.goto(origin + '/');
        await page.getByRole('region', { name: 'Verdict' }).waitFor({ state: 'visible', timeout: 20_000 });
        await monacoReady(page);
        await serviceWorkerReady(page);

        await context.setOffline(true);
        await page.reload();
        await monacoReady(page);
        await page.locator('header input[type="file"]').setInputFiles(S04);
        await page.getByRole('region', { name: 'Verdict' }).getByText('DRIVER_POWER_STATE_FAILURE').first().waitFor({ timeout: 20_000 });
        const suspect = (await page.getByRole('region', { name: 'Verdict' }).locator('.suspect-module').first().innerText()).trim();
        assert(/zteusbnet/i.test(suspect), `offline verdict names ${suspect}`);
        // Client-side routes fall back to the app shell offline too.
        await page.goto(origin + '/about');
        await page.getByRole('heading', { level: 1, name: 'About dumplens' }).waitFor({ timeout: 10_000 });
        await page.screenshot({ path: join(ARTIFACTS, 'offline-about-1280.png') });
        await context.setOffline(false);
        check();
        await context.close();
      },
    ],
    [
      'the web manifest names the app with 192, 512 and maskable icons, and Chromium finds it installable',
      async () => {
        const { context, page, check } = await openPage();
        await page.goto(origin + '/');
        await page.getByRole('region', { name: 'Verdict' }).waitFor({ state: 'visible', timeout: 20_000 });
        const href = await page.locator('link[rel="manifest"]').getAttribute('href');
        assert(href, 'no <link rel="manifest">');
        const manifest = await page.evaluate(async (url) => (await fetch(url)).json(), href);
        assert(manifest.name === 'dumplens', `manifest name ${manifest.name}`);
        const sizes = manifest.icons.map((i) => `${i.sizes}/${i.purpose ?? 'any'}`);
        for (const want of ['192x192/any', '512x512/any', '512x512/maskable']) {
          assert(sizes.includes(want), `manifest icons ${sizes.join(', ')} lack ${want}`);
        }
        await serviceWorkerReady(page);
        const cdp = await context.newCDPSession(page);
        // Playwright's contexts are incognito profiles, which Chromium never offers to install into; every other criterion must hold.
        const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
        const errors = installabilityErrors.filter((e) => e.errorId !== 'in-incognito');
        assert(errors.length === 0, `not installable: ${JSON.stringify(errors)}`);
        check();
        await context.close();
      },
    ],
  ];
}
