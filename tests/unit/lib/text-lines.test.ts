import { describe, expect, it } from 'vitest';
import { formatDuration, lineOffsets } from '../../../src/lib/text-lines';

describe('lineOffsets', () => {
  const text = 'first\nsecond\r\nthird\rfourth';

  it('finds the first line', () => {
    expect(lineOffsets(text, 1)).toEqual({ start: 0, end: 5 });
  });

  it('counts CRLF as one line break', () => {
    expect(text.slice(lineOffsets(text, 2).start, lineOffsets(text, 2).end)).toBe('second');
    expect(text.slice(lineOffsets(text, 3).start, lineOffsets(text, 3).end)).toBe('third');
  });

  it('counts a lone CR as a line break', () => {
    expect(text.slice(lineOffsets(text, 4).start, lineOffsets(text, 4).end)).toBe('fourth');
  });

  it('clamps lines past the end to the last line', () => {
    expect(lineOffsets(text, 99)).toEqual(lineOffsets(text, 4));
  });
});

describe('formatDuration', () => {
  it('shows short durations in milliseconds and long ones in seconds', () => {
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(1430)).toBe('1.4 s');
    expect(formatDuration(12500)).toBe('13 s');
  });
});
