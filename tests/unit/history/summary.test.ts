import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzers/index';
import { formatSavedAt, historyTitle, summarize, unanalyzedSummary } from '../../../src/history/summary';

const S04 = readFileSync(join(__dirname, '../../fixtures/seeds/s04-9f-power-irp-zteusbnet.txt'), 'utf8');
const S12 = readFileSync(join(__dirname, '../../fixtures/seeds/s12-disk-perf-no-crash.txt'), 'utf8');

describe('History summaries', () => {
  it('keep the bug check, the top suspect and the headline of a report', () => {
    const report = analyze(S04);
    const summary = summarize(report);
    expect(summary).toMatchObject({
      bugcheck: 'DRIVER_POWER_STATE_FAILURE (0x0000009F)',
      suspect: 'ZTEusbnet',
      category: 'driver',
      headline: report.headline,
      lines: report.stats.lines,
    });
    expect(historyTitle(summary)).toBe('DRIVER_POWER_STATE_FAILURE · ZTEusbnet');
  });

  it('name the kind of problem when there is no bug check', () => {
    const summary = summarize(analyze(S12));
    expect(summary.bugcheck).toBeNull();
    expect(historyTitle(summary)).toMatch(/ · /);
    expect(historyTitle(summary)).not.toMatch(/null|undefined/);
    expect(historyTitle(unanalyzedSummary('a\nb\r\nc'))).toBe('Debugger session · no suspect');
    expect(unanalyzedSummary('a\nb\r\nc').lines).toBe(3);
  });

  it('dates read as day, month, year and time', () => {
    expect(formatSavedAt(Date.UTC(2025, 2, 12, 14, 5), 'UTC')).toBe('12 Mar 2025, 14:05');
  });
});
