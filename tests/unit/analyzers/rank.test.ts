import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { topBy } from '../../../src/analyzers/rank';

describe('topBy', () => {
  it('keeps the n highest scores, highest first, in input order among equals', () => {
    const rows = [
      { id: 'a', n: 3 },
      { id: 'b', n: 9 },
      { id: 'c', n: 3 },
      { id: 'd', n: 9 },
      { id: 'e', n: 1 },
    ];
    expect(topBy(rows, (r) => r.n, 3).map((r) => r.id)).toEqual(['b', 'd', 'a']);
    expect(topBy(rows, (r) => r.n, 10).map((r) => r.id)).toEqual(['b', 'd', 'a', 'c', 'e']);
    expect(topBy([], (r: number) => r, 5)).toEqual([]);
  });

  it('equals the first n of a stable descending sort', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 60 }), fc.integer({ min: 1, max: 10 }), (scores, n) => {
        const items = scores.map((s, k) => ({ s, k }));
        const sorted = [...items].sort((x, y) => y.s - x.s).slice(0, n);
        expect(topBy(items, (x) => x.s, n)).toEqual(sorted);
      }),
      { numRuns: 3000 },
    );
  });
});
