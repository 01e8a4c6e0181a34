/**
 * Every fact a careful human reader took from a seed session (expected.json
 * 'facts') is surfaced where a user can see it: checked with the patterns in
 * tests/fixtures/seeds/facts-check.json against the report's visible text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzers/index';
import type { AnalysisReport } from '../../src/analyzers/types';

const DIR = join(__dirname, '../fixtures/seeds');
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as { cases: { id: string; facts: string[] }[] };
const checks = JSON.parse(readFileSync(join(DIR, 'facts-check.json'), 'utf8')) as { cases: Record<string, string[][]> };

/** What the verdict, findings and next steps show, as one text. */
function visibleText(r: AnalysisReport): string {
  const parts: string[] = [r.headline];
  if (r.bugcheck) {
    parts.push(r.bugcheck.code, r.bugcheck.name ?? '', r.bugcheck.meaning ?? '');
    for (const a of r.bugcheck.decodedArgs) {
      parts.push(`${a.value} ${a.label} ${a.decoded ?? ''}`);
    }
  }
  for (const s of r.suspects) {
    parts.push(s.module, s.vendor ?? '', s.product ?? '', ...s.reasons.map((x) => x.text));
  }
  for (const f of r.findings) {
    parts.push(f.title, f.detail ?? '');
  }
  for (const n of r.nextSteps) {
    parts.push(n.command, n.why);
  }
  return parts.join('\n');
}

describe.each(expected.cases)('facts of $id', ({ id, facts }) => {
  const report = analyze(readFileSync(join(DIR, `${id}.txt`), 'utf8'));
  const text = visibleText(report);
  const stacks = report.stacks.flatMap((s) => s.frames.map((f) => f.site)).join('\n');
  const processes = report.processes.map((p) => `${p.address} ${p.image ?? ''}`).join('\n');
  const patterns = checks.cases[id] ?? [];

  it('has a check for every fact', () => {
    expect(patterns).toHaveLength(facts.length);
  });

  it.each(facts.map((fact, k) => ({ fact, k })))('surfaces fact $k: $fact', ({ k }) => {
    for (const p of patterns[k] ?? []) {
      if (p.startsWith('PROC:')) {
        expect(processes).toContain(p.slice(5));
      } else if (p.startsWith('STACK:')) {
        expect(stacks).toMatch(new RegExp(p.slice(6).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'));
      } else {
        expect(text).toMatch(new RegExp(p, 'i'));
      }
    }
  });
});
