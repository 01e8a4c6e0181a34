/** Checks a report against ../shared/contract/REPORT.md (required fields, exact value sets). */
import { expect } from 'vitest';
import { CATEGORIES, type AnalysisReport } from '../../src/analyzers/types';

export function expectContractValid(r: AnalysisReport): void {
  expect(r.schemaVersion).toBe(1);
  expect(['kernel', 'user', 'unknown']).toContain(r.kind);
  expect(CATEGORIES).toContain(r.category);
  if (r.bugcheck !== null) {
    expect(r.bugcheck.code).toMatch(/^0x[0-9A-F]{8}$/);
    expect(r.bugcheck.name === null || typeof r.bugcheck.name === 'string').toBe(true);
    expect(r.bugcheck.args).toHaveLength(4);
    for (const a of r.bugcheck.args) {
      expect(a).toMatch(/^0x(0|[1-9a-f][0-9a-f]*)$/);
    }
    expect(Number.isInteger(r.bugcheck.line) && r.bugcheck.line >= 1).toBe(true);
  }
  expect(Array.isArray(r.suspects)).toBe(true);
  for (const s of r.suspects) {
    expect(typeof s.module).toBe('string');
    expect(s.module).not.toMatch(/\.sys$/i);
    expect(s.confidence).toBeGreaterThanOrEqual(0);
    expect(s.confidence).toBeLessThanOrEqual(1);
    for (const reason of s.reasons) {
      expect(typeof reason.text).toBe('string');
      // Every reason names the verdict rule that produced it.
      expect(reason.rule).toMatch(/^[a-z][a-z0-9-]*$/);
      if (reason.line !== undefined) {
        expect(Number.isInteger(reason.line)).toBe(true);
      }
    }
  }
  for (let i = 1; i < r.suspects.length; i++) {
    expect((r.suspects[i - 1] as { confidence: number }).confidence).toBeGreaterThanOrEqual((r.suspects[i] as { confidence: number }).confidence);
  }
  for (const f of r.findings) {
    expect(typeof f.id).toBe('string');
    expect(['critical', 'warning', 'info']).toContain(f.severity);
    expect(typeof f.title).toBe('string');
    expect(Array.isArray(f.lines)).toBe(true);
  }
  for (const c of r.commands) {
    expect(typeof c.command).toBe('string');
    expect(c.endLine).toBeGreaterThanOrEqual(c.line);
  }
}
