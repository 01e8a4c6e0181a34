/**
 * The words the verdict derives from its structured fields, rebuilt for a
 * report that was not made here (a report-only share link): the headline, the
 * bug check's name, meaning and argument labels, a suspect's origin and vendor,
 * through the functions the analyzers export for it.
 */
import { describeBugcheckReport, describeHeadline as headlineOf, describeModuleOrigin as originOf } from '../analyzers/index';
import type { AnalysisReport, BugcheckReport, ModuleOrigin } from '../analyzers/types';

/** What `describeResolved` writes for an argument the input did not show. */
const NOT_SHOWN = 'not shown in the input';

/** The one-sentence headline of a verdict, from its structured fields. */
export function describeHeadline(v: Pick<AnalysisReport, 'kind' | 'bugcheck' | 'category' | 'suspects'>): string {
  return headlineOf(v);
}

/**
 * The bug check as the analysis reports it, from its code (`0x0000009F`) and
 * four arguments (lower-case hex; null for one the input did not show).
 * `printedName` is kept when the tables do not know the code.
 */
export function describeBugcheck(code: string, args: readonly (string | null)[], line: number, printedName: string | null): BugcheckReport {
  const value = Number.parseInt(code.replace(/^0x/i, ''), 16);
  if (!Number.isFinite(value)) {
    return { code, name: printedName, args: args.map((a) => a ?? '0x0'), line, decodedArgs: [] };
  }
  const report = describeBugcheckReport(value, args.map((a) => a ?? ''), line, printedName ?? undefined);
  report.name ??= printedName;
  return report;
}

/** Is this decoded argument one the input did not show? */
export function isNotShown(arg: { value: string; decoded?: string }): boolean {
  return arg.value === '0x0' && arg.decoded === NOT_SHOWN;
}

/** Origin, vendor and product of a module, by the tables the verdict uses. */
export function describeModuleOrigin(name: string): { origin: ModuleOrigin; vendor?: string; product?: string } {
  return originOf(name);
}
