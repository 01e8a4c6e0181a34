/** Counts read as English: "1 line", "2 lines"; a size just over a limit is not shown as the limit itself. */
import { describe, expect, it } from 'vitest';
import { blankReport } from '../../src/analyzers/report';
import { formatReport } from '../../src/cli/format';
import { toBBCode, toMarkdown, toPlainText } from '../../src/export';
import { countOf } from '../../src/lib/text-lines';
import { fileSizeProblem, MAX_FILE_BYTES } from '../../src/worker/limits';

describe('counts in words', () => {
  it('use the singular for one and the plural otherwise', () => {
    expect(countOf(1, 'line')).toBe('1 line');
    expect(countOf(0, 'line')).toBe('0 lines');
    expect(countOf(12_345, 'frame')).toBe('12,345 frames');
    expect(countOf(1, 'entry', 'entries')).toBe('1 entry');
    expect(countOf(2, 'entry', 'entries')).toBe('2 entries');
  });

  it('read "1 command, 1 line, 1 block" in the command line summary', () => {
    const report = { ...blankReport('x', 1), commands: [{ command: 'k', line: 1, endLine: 1 }], stats: { lines: 1, blocks: 1, skippedLines: 0, truncated: false } };
    expect(formatReport(report)).toContain('1 command, 1 line, 1 block parsed');
  });

  it('say "1 more frame" in the exports of a stack cut by one frame', () => {
    const frames = Array.from({ length: 25 }, (_, i) => ({ site: `nt!F${i}`, module: 'nt', symbol: `F${i}`, offset: null, line: i + 2 }));
    const report = { ...blankReport('x', 30), stacks: [{ frames, format: 'kn' as const, line: 1, endLine: 26, source: 'k' }] };
    for (const text of [toMarkdown(report), toBBCode(report), toPlainText(report)]) {
      expect(text).toContain('… 1 more frame\n');
    }
  });
});

describe('the file size message', () => {
  it('does not call a file just over the limit as large as the limit', () => {
    const message = fileSizeProblem({ name: 'big.log', size: MAX_FILE_BYTES + 1 })!;
    expect(message).not.toMatch(/is 100 MB/);
    expect(message).toMatch(/big\.log is just over 100 MB/);
  });

  it('gives the size of a file well over the limit', () => {
    expect(fileSizeProblem({ name: 'huge.log', size: 250_400_000 })).toMatch(/^huge\.log is 250 MB; dumplens reads files up to 100 MB\./);
    expect(fileSizeProblem({ name: 'ok.log', size: MAX_FILE_BYTES })).toBeNull();
  });
});
