/**
 * The words the verdict derives from its structured fields, for a report that
 * was not made here (an analysis-only share link): rebuilt from the fields,
 * never taken from the sender.
 */
import { classifyModule, describeDriver } from '../knowledge/modules';
import type { AnalysisReport, BugcheckReport, ModuleOrigin } from '../types';
import { describeResolved } from './describe-bugcheck';
import { buildHeadline } from './headline';

/** The one-sentence headline of a verdict, from its category, bug check and suspects. */
export function describeHeadline(v: Pick<AnalysisReport, 'kind' | 'bugcheck' | 'category' | 'suspects'>): string {
  return buildHeadline({ kind: v.kind, bugcheck: v.bugcheck, category: v.category, suspects: v.suspects, findings: [], headline: '', nextSteps: [] });
}

/**
 * The bug check as the analysis reports it, from its code and four arguments
 * (normalized hex, `''` for one the input did not show), the line it was read
 * on, and the name the debugger printed (kept when the tables do not know the code).
 */
export function describeBugcheckReport(code: number, args: readonly string[], line: number, printedName?: string): BugcheckReport {
  const four = [0, 1, 2, 3].map((k) => args[k] ?? '');
  return describeResolved({
    code,
    args: four,
    line,
    argLines: four.map(() => line),
    source: 'analyze',
    ...(printedName !== undefined ? { printedName } : {}),
  });
}

/** Origin, vendor and product of a module, by the tables the verdict uses. */
export function describeModuleOrigin(name: string): { origin: ModuleOrigin; vendor?: string; product?: string } {
  const out: { origin: ModuleOrigin; vendor?: string; product?: string } = { origin: classifyModule(name) };
  const driver = describeDriver(name);
  if (driver) {
    out.vendor = driver.vendor;
    if (driver.product !== undefined) {
      out.product = driver.product;
    }
  }
  return out;
}
