/**
 * Real published debugger sessions with the conclusion each author reached:
 * the development split (tests/fixtures/sessions, which rules are written
 * from) and the validation split (tests/fixtures/validation, which no rule is
 * written from). Each case must give a contract-valid report; in the
 * development split no driver may be blamed where the expert blamed none. In
 * aggregate the figures may not fall below what the verdict reaches today
 * (README, "Accuracy"): these floors catch a regression, they are not the goals.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzers/index';
import { canonicalModuleName } from '../../src/analyzers/knowledge/modules';
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

function load(folder: string): { c: SessionCase; report: ReturnType<typeof analyze> }[] {
  const dir = join(__dirname, '../fixtures', folder);
  const { cases } = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { cases: SessionCase[] };
  return cases.map((c) => ({ c, report: analyze(readFileSync(join(dir, `${c.id}.txt`), 'utf8')) }));
}

/** Share of the cases that blame a culprit whose expected culprit comes first. */
function top1(rs: ReturnType<typeof load>): number {
  const blamed = rs.filter(({ c }) => !c.no_blame && c.culprit_top1.length > 0);
  // Names compare as WinDbg spells them (case, `-` and `.` aside: foo-bar.sys is foo_bar).
  const ok = blamed.filter(({ c, report }) => c.culprit_top1.map((m) => canonicalModuleName(m)).includes(canonicalModuleName(report.suspects[0]?.module ?? '')));
  return ok.length / blamed.length;
}

/** Share of the cases in the expert's category. */
function category(rs: ReturnType<typeof load>): number {
  return rs.filter(({ c, report }) => report.category === c.category).length / rs.length;
}

const results = load('sessions');
const cases = results.map((r) => r.c);
const validation = load('validation');

describe('the validation split (no rule written from it)', () => {
  it('holds a third of the corpus or more, kernel and user mode', () => {
    expect(validation.length * 3).toBeGreaterThanOrEqual((validation.length + results.length) * 0.95);
    expect(validation.some(({ c }) => c.kind === 'user')).toBe(true);
    expect(validation.some(({ c }) => c.kind === 'kernel')).toBe(true);
  });

  it.each(validation)('$c.id gives a contract-valid report', ({ report }) => {
    expectContractValid(report);
  });

  it('keeps its figures close to where the README reports them (top-1 68%, category 79%)', () => {
    expect(top1(validation)).toBeGreaterThanOrEqual(0.66);
    expect(category(validation)).toBeGreaterThanOrEqual(0.77);
  });
});

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

  it('ranks the expert\'s culprit first nearly as often as the README reports (78%)', () => {
    expect(top1(results)).toBeGreaterThanOrEqual(0.77);
  });

  it('puts the sessions in the expert\'s category nearly as often as the README reports (86%)', () => {
    expect(category(results)).toBeGreaterThanOrEqual(0.85);
  });
});
