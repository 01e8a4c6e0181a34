/**
 * Real published debugger sessions (tests/fixtures/sessions, with the
 * conclusion each author reached). Each case must give a contract-valid report
 * and must never blame a driver where the expert blamed none; in aggregate the
 * analyzer must agree with the experts as often as the project's goals say:
 * bug check code ≥ 95%, top suspect ≥ 80%, category ≥ 75%.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzers/index';
import { expectContractValid } from './contract';

interface SessionCase {
  id: string;
  kind: 'kernel' | 'user';
  bugcheck: string | null;
  category: string;
  culprit_top1: string[];
  culprit_top3: string[];
  no_blame: boolean;
  /** False when the code appears only in the poster's prose (never read from prose) or not at all. */
  code_in_output?: boolean;
}

const DIR = join(__dirname, '../fixtures/sessions');
const { cases } = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as { cases: SessionCase[] };
const results = cases.map((c) => ({ c, report: analyze(readFileSync(join(DIR, `${c.id}.txt`), 'utf8')) }));

describe('real published sessions', () => {
  it('holds at least 25 cases, kernel and user mode', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    expect(cases.some((c) => c.kind === 'user')).toBe(true);
    expect(cases.some((c) => c.kind === 'kernel')).toBe(true);
  });

  it.each(results)('$c.id gives a contract-valid report', ({ report }) => {
    expectContractValid(report);
  });

  it.each(results.filter((r) => r.c.no_blame))('$c.id blames no driver, as the expert did not', ({ report }) => {
    expect(report.suspects.filter((s) => s.confidence >= 0.5).map((s) => s.module)).toEqual([]);
  });

  it('reads the expert\'s bug check code in at least 95% of the cases whose output shows it', () => {
    const shown = results.filter(({ c }) => c.code_in_output !== false);
    const ok = shown.filter(({ c, report }) => (report.bugcheck?.code ?? null) === c.bugcheck).length;
    expect(ok / shown.length).toBeGreaterThanOrEqual(0.95);
  });

  it.each(results.filter((r) => r.c.code_in_output === false))('$c.id reports no wrong code when the output does not show it', ({ c, report }) => {
    expect([null, c.bugcheck]).toContain(report.bugcheck?.code ?? null);
  });

  it('ranks the expert\'s culprit first in at least 80% of the cases that blame one', () => {
    const blamed = results.filter(({ c }) => !c.no_blame && c.culprit_top1.length > 0);
    const ok = blamed.filter(({ c, report }) => c.culprit_top1.map((m) => m.toLowerCase()).includes(report.suspects[0]?.module.toLowerCase() ?? ''));
    expect(ok.length / blamed.length).toBeGreaterThanOrEqual(0.8);
  });

  it('puts at least 75% of the sessions in the expert\'s category', () => {
    const ok = results.filter(({ c, report }) => report.category === c.category).length;
    expect(ok / results.length).toBeGreaterThanOrEqual(0.75);
  });
});
