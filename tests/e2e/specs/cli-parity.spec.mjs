// The page and the command line run the same analyzers: the verdict shown in the
// browser for a seed case names the same bug check and top suspect as the CLI.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function register({ origin, ROOT, ARTIFACTS, assert, openPage }) {
  return [
    [
      'the browser verdict matches the command line for the 0x109 driver-object hook case',
      async () => {
        const file = join(ROOT, 'tests/fixtures/seeds/s13-109-driver-object-hook.txt');
        const cli = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'src/cli/analyze.ts'), '--json', file], { encoding: 'utf8', cwd: ROOT });
        assert(cli.status === 0, `CLI failed: ${cli.stderr}`);
        const report = JSON.parse(cli.stdout);
        const { context, page, check } = await openPage();
        await page.goto(origin + '/');
        await page.locator('input[type="file"]').setInputFiles(file);
        const verdict = page.getByRole('region', { name: 'Verdict' });
        await verdict.getByText(report.bugcheck.name, { exact: false }).first().waitFor({ timeout: 20_000 });
        const text = await verdict.innerText();
        assert(text.includes(report.suspects[0].module), `the verdict does not name ${report.suspects[0].module}`);
        await page.screenshot({ path: join(ARTIFACTS, 's13-1280.png') });
        check();
        await context.close();
      },
    ],
  ];
}
