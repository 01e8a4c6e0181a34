/**
 * The `n` items with the highest score, highest first; items of equal score
 * keep their input order (what the first `n` of a stable sort would be). One
 * pass, for lists of a hundred thousand rows (`!poolused`, `lm`) of which a
 * handful are shown.
 */
export function topBy<T>(items: Iterable<T>, score: (item: T) => number, n: number): T[] {
  const top: T[] = [];
  const scores: number[] = [];
  for (const item of items) {
    const s = score(item);
    if (top.length === n && s <= (scores[n - 1] as number)) {
      continue;
    }
    let at = top.length;
    while (at > 0 && (scores[at - 1] as number) < s) {
      at--;
    }
    top.splice(at, 0, item);
    scores.splice(at, 0, s);
    if (top.length > n) {
      top.pop();
      scores.pop();
    }
  }
  return top;
}
