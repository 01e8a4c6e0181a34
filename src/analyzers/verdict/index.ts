/**
 * The verdict engine: builds the context once, runs THE table of rules
 * (rules/index.ts), combines their evidence into ranked suspects, decides the
 * category, and words the headline and the next steps.
 *
 * Principles (each rule file states its own reasoning and source):
 * - Evidence is a list of (module, weight, reason, line, rule). A suspect's
 *   confidence is 1 − Π(1 − wᵢ) over its evidence (combine.ts): independent
 *   hints add up, but never to certainty. 0.5 or more means "we blame this".
 * - Microsoft framework modules (nt, ndis, fltmgr, win32k…) are where crashes
 *   land, not their cause: their evidence is damped and capped below blame.
 * - Some signals blame no driver at all: a WHEA record (hardware), an in-page
 *   I/O error (disk), a forced crash (0xE2, NMI), an invalid image hash (OS
 *   files). Then the suspect list is empty and the reasons become findings.
 * - Without a crash, a hang or a leak there is nothing to blame: stacks alone
 *   (a how-to article, a live session) produce no suspects.
 */
import { allStacks, type SessionModel } from '../run';
import type { Finding, Stack } from '../types';
import { decideCategory, settleBlame } from './category';
import { combine } from './combine';
import type { Evidence, Signal, SignalKind, Verdict } from './context';
import { describeResolved } from './describe-bugcheck';
import { buildHeadline } from './headline';
import { buildNextSteps } from './next-steps';
import { RULES } from './rules/index';
import { buildContext, decideKind } from './session';

export type { Evidence, Signal, SignalKind, Verdict } from './context';

/** The verdict and what it was built from: every piece of evidence and signal, by rule. */
export interface VerdictTrace {
  verdict: Verdict;
  evidence: readonly Evidence[];
  signals: ReadonlyMap<SignalKind, Signal>;
}

/** Judge a session, keeping the evidence and signals the rules produced. */
export function judgeWithTrace(model: SessionModel, stacks: readonly Stack[] = allStacks(model)): VerdictTrace {
  const ctx = buildContext(model, stacks);
  for (const rule of RULES) {
    ctx.rule = rule.id;
    rule.apply(ctx);
  }
  // Without a crash, an exception, a hang or a leak there is nothing to blame.
  const problem = ctx.crash || ctx.signals.size > 0;
  const ranked = problem ? combine(ctx) : [];
  const category = decideCategory(ctx, ranked);
  const suspects = settleBlame(ctx, category, ranked);
  const verdict: Verdict = {
    kind: decideKind(ctx),
    bugcheck: ctx.bugcheck ? describeResolved(ctx.bugcheck) : null,
    category,
    suspects,
    findings: dedupeFindings(ctx.findings),
    headline: '',
    nextSteps: [],
  };
  verdict.headline = buildHeadline(verdict);
  verdict.nextSteps = buildNextSteps(verdict, ctx);
  return { verdict, evidence: ctx.evidence, signals: ctx.signals };
}

/** Judge a session. */
export function judge(model: SessionModel, stacks: readonly Stack[] = allStacks(model)): Verdict {
  return judgeWithTrace(model, stacks).verdict;
}

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

/** One finding per id and title, most severe first (stable within a severity). */
function dedupeFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    const key = `${f.id}|${f.title}`;
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    out.push(f);
  }
  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
