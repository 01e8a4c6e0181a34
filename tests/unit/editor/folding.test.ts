import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzers/index';
import { commandFoldingRanges } from '../../../src/editor/folding';
import s04 from '../../fixtures/seeds/s04-9f-power-irp-zteusbnet.txt?raw';

describe('folding per command', () => {
  it('folds each command from its prompt line to the end of its output', () => {
    const report = analyze(s04);
    const ranges = commandFoldingRanges(report.commands, report.stats.lines);
    expect(ranges[0]).toEqual({ start: 23, end: 41 });
    expect(ranges).toContainEqual({ start: 86, end: 150 });
    // The one-line bug check banner cannot fold.
    expect(ranges.some((r) => r.start === 3)).toBe(false);
  });

  it('drops ranges past the end of the text and overlapping ones', () => {
    const commands = [
      { command: 'k', line: 1, endLine: 10 },
      { command: 'lm', line: 5, endLine: 12 },
      { command: '!vm', line: 11, endLine: 40 },
    ];
    expect(commandFoldingRanges(commands, 20)).toEqual([
      { start: 1, end: 10 },
      { start: 11, end: 20 },
    ]);
  });
});
