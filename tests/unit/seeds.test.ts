/**
 * The 15 seed cases: each session is analyzed from its raw text (prose,
 * curly quotes, double spacing and all) and compared with what a careful
 * expert concluded (tests/fixtures/seeds/expected.json).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzers/index';
import { expectContractValid } from './contract';

interface SeedCase {
  id: string;
  kind: string | string[];
  bugcheck: string | null;
  name?: string;
  args?: { p1: string; p2: string; p3: string; p4: string };
  category: string;
  culprit_top1: string[];
  culprit_top3: string[];
  facts: string[];
}

const DIR = join(__dirname, '../fixtures/seeds');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as { cases: SeedCase[] };

const lower = (s: string) => s.toLowerCase();

describe.each(expected.cases)('seed case $id', (c) => {
  const text = readFileSync(join(DIR, `${c.id}.txt`), 'utf8');
  const report = analyze(text);

  it('produces a contract-valid report', () => {
    expectContractValid(report);
  });

  it('reports the session kind the expert saw', () => {
    const kinds = Array.isArray(c.kind) ? c.kind : [c.kind];
    expect(kinds).toContain(report.kind);
  });

  it('reads the bug check code, name and arguments of this session (or none)', () => {
    if (c.bugcheck === null) {
      expect(report.bugcheck).toBeNull();
      return;
    }
    expect(report.bugcheck?.code).toBe(c.bugcheck);
    expect(report.bugcheck?.name).toBe(c.name);
    const a = c.args as NonNullable<SeedCase['args']>;
    expect(report.bugcheck?.args).toEqual([a.p1, a.p2, a.p3, a.p4]);
  });

  it('puts the session in the expert\'s category', () => {
    expect(report.category).toBe(c.category);
  });

  it('ranks the expert\'s culprit first, and within the first three', () => {
    const names = report.suspects.map((s) => lower(s.module));
    if (c.culprit_top1.length > 0) {
      expect(c.culprit_top1.map(lower)).toContain(names[0]);
    }
    if (c.culprit_top3.length > 0) {
      expect(names.slice(0, 3).some((n) => c.culprit_top3.map(lower).includes(n))).toBe(true);
    }
  });

  it('blames no driver when the expert blamed none', () => {
    if (c.culprit_top1.length === 0 && c.culprit_top3.length === 0) {
      expect(report.suspects.filter((s) => s.confidence >= 0.5)).toEqual([]);
    }
  });

  it('links every suspect reason with a line to a real input line', () => {
    const n = text.split(/\r\n|\r|\n/).length;
    for (const s of report.suspects) {
      expect(s.reasons.length).toBeGreaterThan(0);
      for (const r of s.reasons) {
        if (r.line !== undefined) {
          expect(r.line).toBeGreaterThanOrEqual(1);
          expect(r.line).toBeLessThanOrEqual(n);
        }
      }
    }
  });
});
