/** Helpers on line-oriented text (no knowledge of debugger output). */

/**
 * Character offsets of 1-based line `line` in `text` (`end` excludes the line
 * break). Lines past the end clamp to the last line. CRLF, CR and LF each end
 * one line.
 */
export function lineOffsets(text: string, line: number): { start: number; end: number } {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const lf = text.indexOf('\n', start);
    const cr = text.indexOf('\r', start);
    let brk = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
    if (brk === -1) {
      break;
    }
    if (text[brk] === '\r' && text[brk + 1] === '\n') {
      brk++;
    }
    start = brk + 1;
  }
  let end = start;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') {
    end++;
  }
  return { start, end };
}

/** Format a duration for people: `12 ms`, `1.4 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) {
    return `${Math.max(0, Math.round(ms))} ms`;
  }
  return `${(ms / 1000).toFixed(ms < 10000 ? 1 : 0)} s`;
}

/** Format a count with thousands separators, in English. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * A count and its noun, in English: `countOf(1, 'line')` → `1 line`,
 * `countOf(2, 'line')` → `2 lines`; irregular plurals are given (`entry`, `entries`).
 */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/**
 * `text` cut to at most `max` characters, the last one an ellipsis when it
 * was cut; a surrogate pair is never split.
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) {
    end--;
  }
  return `${text.slice(0, end)}…`;
}
