/** Cutting big texts into slices for work spread over many tasks. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adaptiveSize, nextTask, sliceEnd, sliceText } from '../../../src/lib/slices';

describe('sliceText', () => {
  it('cuts after a line break when one falls in the second half of a slice', () => {
    expect(sliceText('aaaa\nbbbb\ncccc\n', 7)).toEqual(['aaaa\n', 'bbbb\n', 'cccc\n']);
  });

  it('never splits a CRLF or a surrogate pair, even in a line longer than a slice', () => {
    expect(sliceEnd('abc\r\ndef', 0, 4)).toBe(5);
    expect(sliceEnd('abc\u{1F600}def', 0, 4)).toBe(3);
    expect(sliceEnd('\u{1F600}def', 0, 1)).toBe(2);
  });

  it('gives back the text when the slices are joined, whatever the text and the size', () => {
    const unit = fc.constantFrom('a', 'b', '\n', '\r', '\r\n', '\u{1F600}', ' ', '\u00e9');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), (units, size) => {
        const text = units.join('');
        const parts = sliceText(text, size);
        expect(parts.join('')).toBe(text);
        for (const [i, part] of parts.entries()) {
          expect(part.length).toBeGreaterThan(0);
          const next = parts[i + 1];
          if (next !== undefined) {
            expect(part.endsWith('\r') && next.startsWith('\n')).toBe(false);
            expect(/[\ud800-\udbff]$/.test(part)).toBe(false);
          }
        }
      }),
    );
  });
});

describe('adaptiveSize', () => {
  it('grows when slices are quick (at most doubling) and shrinks when they are slow, within its bounds', () => {
    const size = adaptiveSize({ initial: 1000, min: 100, max: 3000, targetMs: 20 });
    expect(size.next(2)).toBe(2000);
    expect(size.next(2)).toBe(3000);
    expect(size.next(60)).toBe(1000);
    expect(size.next(10_000)).toBe(100);
  });
});

describe('nextTask', () => {
  it('resolves in order, in later tasks', async () => {
    const seen: number[] = [];
    await Promise.all([nextTask().then(() => seen.push(1)), nextTask().then(() => seen.push(2))]);
    expect(seen).toEqual([1, 2]);
  });
});
