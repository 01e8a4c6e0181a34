/**
 * Folding per debugger command: one range from each command's prompt line to
 * the end of its output, from the report's `commands`. Pure, so it is tested
 * without Monaco.
 */
import type { CommandSpan } from '../analyzers/types';

/** 1-based inclusive line ranges that can fold: at least two lines, within the text, not overlapping. */
export function commandFoldingRanges(commands: readonly CommandSpan[], lineCount: number): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  let lastEnd = 0;
  for (const c of [...commands].sort((a, b) => a.line - b.line)) {
    const start = c.line;
    const end = Math.min(c.endLine, lineCount);
    if (start <= lastEnd || end <= start) {
      continue;
    }
    ranges.push({ start, end });
    lastEnd = end;
  }
  return ranges;
}
