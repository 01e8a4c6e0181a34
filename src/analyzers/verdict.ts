/** STUB verdict — replaced next. */
import type { SessionModel } from './run';
import type { BugcheckReport, Category, Finding, NextStep, SessionKind, Suspect } from './types';

export interface Verdict {
  kind: SessionKind;
  bugcheck: BugcheckReport | null;
  category: Category;
  suspects: Suspect[];
  findings: Finding[];
  headline: string;
  nextSteps: NextStep[];
}

export function judge(model: SessionModel): Verdict {
  return {
    kind: model.segments.some((s) => s.prompt?.mode === 'kernel') ? 'kernel' : 'unknown',
    bugcheck: null,
    category: 'unknown',
    suspects: [],
    findings: model.findings,
    headline: 'Not enough evidence yet.',
    nextSteps: [],
  };
}
