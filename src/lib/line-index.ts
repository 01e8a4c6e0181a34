/**
 * Where the lines of a very big text start, found a slice at a time, for a
 * viewer that shows only the lines in view. Line breaks are CRLF, LF and a lone
 * CR, as the analyzers count them (so line numbers agree with the report).
 * Only every CHECKPOINT-th line start is kept: fifty million short lines then
 * take 3 MB, not 200; a line between two checkpoints is found by scanning
 * forward from the one before it.
 */

/** One line start kept out of this many. */
const CHECKPOINT = 64;

export interface LineIndex {
  /** Lines found so far (all of them once `complete`). */
  readonly lines: number;
  readonly complete: boolean;
  /** Look for more lines for about `budgetMs`; true once the whole text is indexed. */
  build(budgetMs: number): boolean;
  /** Offsets of line `n` (1-based, at most `lines`): its first character and the end of its text (before the break). */
  line(n: number): { start: number; end: number };
}

export function createLineIndex(text: string, now: () => number = () => performance.now()): LineIndex {
  // Without a CR, a line break is a LF: indexOf is much faster than a regex. Looked up at
  // the first use, not at creation (which happens while the page renders).
  let hasCr: boolean | null = null;
  const breakRe = /\r\n?|\n/g;
  /** Offset just past the line break found from `from`, and where that break starts; null at the end. */
  const nextBreak = (from: number): { at: number; next: number } | null => {
    hasCr ??= text.indexOf('\r') !== -1;
    if (!hasCr) {
      const at = text.indexOf('\n', from);
      return at === -1 ? null : { at, next: at + 1 };
    }
    breakRe.lastIndex = from;
    const m = breakRe.exec(text);
    return m === null ? null : { at: m.index, next: m.index + m[0].length };
  };

  let checkpoints = new Float64Array(1024);
  checkpoints[0] = 0;
  let lines = 1;
  let pos = 0;
  let complete = false;

  const build = (budgetMs: number): boolean => {
    if (complete) {
      return true;
    }
    const deadline = now() + budgetMs;
    for (;;) {
      for (let k = 0; k < 4096; k++) {
        const b = nextBreak(pos);
        if (b === null) {
          complete = true;
          return true;
        }
        pos = b.next;
        if (lines % CHECKPOINT === 0) {
          const slot = lines / CHECKPOINT;
          if (slot >= checkpoints.length) {
            const grown = new Float64Array(checkpoints.length * 2);
            grown.set(checkpoints);
            checkpoints = grown;
          }
          checkpoints[slot] = pos;
        }
        lines++;
      }
      if (now() >= deadline) {
        return false;
      }
    }
  };

  return {
    get lines() {
      return lines;
    },
    get complete() {
      return complete;
    },
    build,
    line(n) {
      const target = Math.max(1, Math.min(lines, Math.floor(n))) - 1;
      const slot = Math.floor(target / CHECKPOINT);
      let start = checkpoints[slot] ?? 0;
      for (let i = slot * CHECKPOINT; i < target; i++) {
        const b = nextBreak(start);
        if (b === null) {
          break;
        }
        start = b.next;
      }
      const b = nextBreak(start);
      return { start, end: b === null ? text.length : b.at };
    },
  };
}
