/**
 * A RuleTester for verdict rules, after ESLint's: each rule's test lists the
 * smallest texts that must make it fire (`invalid`, with what it must produce)
 * and texts that must not (`valid`). The whole analysis runs on each text and
 * only what carries the rule's id is looked at, so a rule is tested with the
 * context the others give it.
 */
import { describe, expect, it } from 'vitest';
import { runText } from '../../../src/analyzers/run';
import { judgeWithTrace, type SignalKind } from '../../../src/analyzers/verdict/index';
import type { Rule } from '../../../src/analyzers/verdict/rule';

/** What a rule produced on one text. */
export interface RuleOutput {
  /** Modules it added evidence against (weight > 0), with the weights. */
  evidence: { module: string; weight: number; text: string; line?: number }[];
  /** Remarks it attached to modules (weight 0: shown with a suspect's reasons, never evidence). */
  remarks: { module: string; text: string }[];
  findings: { id: string; title: string; lines: number[] }[];
  signals: SignalKind[];
  /** The final report's top suspect and category, for context. */
  top: string | undefined;
  category: string;
}

/** Run the whole verdict on `text` and keep what `rule` produced. */
export function produced(rule: Rule, text: string): RuleOutput {
  const { verdict, evidence, signals } = judgeWithTrace(runText(text));
  return {
    evidence: evidence.filter((e) => e.rule === rule.id && e.weight > 0).map(({ module, weight, text: t, line }) => (line !== undefined ? { module, weight, text: t, line } : { module, weight, text: t })),
    remarks: evidence.filter((e) => e.rule === rule.id && e.weight === 0).map(({ module, text: t }) => ({ module, text: t })),
    findings: verdict.findings.filter((f) => f.rule === rule.id).map(({ id, title, lines }) => ({ id, title, lines })),
    signals: [...signals].filter(([, s]) => s.rule === rule.id).map(([k]) => k),
    top: verdict.suspects[0]?.module,
    category: verdict.category,
  };
}

export interface InvalidCase {
  /** What the case shows, as a sentence ("blames the owner of a contended ERESOURCE"). */
  name: string;
  text: string;
  /** The rule adds evidence against this module (case-insensitive). */
  blames?: string;
  /** The rule adds a finding with this id. */
  finding?: string;
  /** The rule raises this signal. */
  signal?: SignalKind;
  /** Anything else to check. */
  check?: (out: RuleOutput) => void;
}

export interface ValidCase {
  name: string;
  text: string;
}

/** Declare the tests of one rule. */
export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.id}`, () => {
    it('states its reasoning and a public source', () => {
      expect(rule.reasoning.length).toBeGreaterThan(80);
      expect(rule.source).toMatch(/https?:\/\/|Windows Internals|Debugging/);
    });
    for (const c of cases.invalid) {
      it(`fires: ${c.name}`, () => {
        const out = produced(rule, c.text);
        expect(out.evidence.length + out.remarks.length + out.findings.length + out.signals.length).toBeGreaterThan(0);
        if (c.blames !== undefined) {
          expect(out.evidence.map((e) => e.module.toLowerCase())).toContain(c.blames.toLowerCase());
        }
        if (c.finding !== undefined) {
          expect(out.findings.map((f) => f.id)).toContain(c.finding);
        }
        if (c.signal !== undefined) {
          expect(out.signals).toContain(c.signal);
        }
        c.check?.(out);
      });
    }
    for (const c of cases.valid) {
      it(`stays silent: ${c.name}`, () => {
        const out = produced(rule, c.text);
        expect(out.evidence).toEqual([]);
        expect(out.remarks).toEqual([]);
        expect(out.findings).toEqual([]);
        expect(out.signals).toEqual([]);
      });
    }
  });
}
