/** The line index of the large-text viewer agrees with the analyzers' line splitting. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineIndex } from '../../../src/lib/line-index';

function indexAll(text: string) {
  const index = createLineIndex(text);
  while (!index.build(50)) {
    // more
  }
  return index;
}

describe('createLineIndex', () => {
  it('finds every line of a text of CRLF, LF and lone CR breaks, as split(/\\r\\n|\\r|\\n/) does', () => {
    const unit = fc.constantFrom('a', 'bc', '\n', '\r', '\r\n', ' ');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 400 }), (units) => {
        const text = units.join('');
        const want = text.split(/\r\n|\r|\n/);
        const index = indexAll(text);
        expect(index.lines).toBe(want.length);
        for (let n = 1; n <= want.length; n++) {
          const { start, end } = index.line(n);
          expect(text.slice(start, end)).toBe(want[n - 1]);
        }
      }),
    );
  });

  it('indexes a text of millions of short lines in slices, keeping one line start in 64', () => {
    const text = 'a\n'.repeat(3_000_000);
    let t = 0;
    const index = createLineIndex(text, () => (t += 1));
    let slices = 0;
    while (!index.build(20)) {
      slices++;
    }
    expect(slices).toBeGreaterThan(10);
    expect(index.lines).toBe(3_000_001);
    expect(index.line(2_999_999)).toEqual({ start: 5_999_996, end: 5_999_997 });
    expect(index.line(3_000_001)).toEqual({ start: 6_000_000, end: 6_000_000 });
  });
});
