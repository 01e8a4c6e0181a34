/**
 * The HTTP headers a static host must send: the build ships them (`public/_headers`, copied to
 * `dist/`), `vite preview` sends them (so the end-to-end tests run under them), and the README's
 * nginx and Apache snippets say the same.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHeadersFile } from '../../vite.config';

const ROOT = join(__dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The policy of index.html's meta tag (what a page opened from disk or a host without headers gets). */
function metaPolicy(): string {
  const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(read('index.html'));
  expect(m).not.toBeNull();
  return m![1]!;
}

describe('the security headers', () => {
  const headers = readHeadersFile(read('public/_headers'));

  it('are shipped for every path, with the meta tag’s policy plus what only a header can say', () => {
    const csp = headers['Content-Security-Policy'];
    expect(csp).toBe(`${metaPolicy()}; frame-ancestors 'none'`);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['X-Frame-Options']).toBe('DENY');
    expect(headers['Referrer-Policy']).toBe('no-referrer');
  });

  it('are sent by vite preview', async () => {
    const { default: config } = await import('../../vite.config');
    expect(config.preview?.headers).toEqual(headers);
  });

  it('are documented for nginx and Apache in the README with the same values', () => {
    const readme = read('README.md');
    for (const [name, value] of Object.entries(headers)) {
      expect(readme).toContain(`add_header ${name} "${value}" always;`);
      expect(readme).toContain(`Header always set ${name} "${value}"`);
    }
  });
});
