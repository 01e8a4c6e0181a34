/**
 * The words the verdict derives from its structured fields, rebuilt for a
 * report that was not made here (a report-only share link): the headline, the
 * bug check's name, meaning and argument labels, a suspect's origin and vendor.
 *
 * This is the one place that reaches into the analyzers for them; it stands in
 * for functions the analyzers are to export from `analyzers/index.ts`:
 *
 *     describeHeadline(v: Pick<AnalysisReport, 'kind' | 'bugcheck' | 'category' | 'suspects'>): string
 *     describeBugcheck(code: number, args: readonly string[], line: number, printedName?: string): BugcheckReport
 *         (args as `resolveBugcheck` gives them: '' for an argument not shown)
 *     describeModuleOrigin(name: string): { origin: ModuleOrigin; vendor?: string; product?: string }
 *
 * Until then: the headline comes from `buildHeadline` (whose context argument
 * it does not read), the bug check from `analyze()` of a `BugCheck X, {…}`
 * banner (the public entry, so the decoding is exactly the analysis's), and the
 * origin from the module tables, as the verdict does.
 */
import { analyze } from '../analyzers/index';
import { classifyModule, describeDriver } from '../analyzers/knowledge/modules';
import type { AnalysisReport, BugcheckReport, ModuleOrigin } from '../analyzers/types';
import type { Verdict, VerdictContext } from '../analyzers/verdict';
import { buildHeadline } from '../analyzers/verdict-text';

/** What `describeResolved` writes for an argument the input did not show. */
const NOT_SHOWN = 'not shown in the input';

/** The one-sentence headline of a verdict, from its structured fields. */
export function describeHeadline(v: Pick<AnalysisReport, 'kind' | 'bugcheck' | 'category' | 'suspects'>): string {
  const verdict: Verdict = { kind: v.kind, bugcheck: v.bugcheck, category: v.category, suspects: v.suspects, findings: [], headline: '', nextSteps: [] };
  // buildHeadline reads only the verdict; its context parameter is unused.
  return buildHeadline(verdict, undefined as unknown as VerdictContext);
}

/**
 * The bug check as the analysis reports it, from its code (`0x0000009F`) and
 * four arguments (lower-case hex; null for one the input did not show).
 * `printedName` is kept when the tables do not know the code.
 */
export function describeBugcheck(code: string, args: readonly (string | null)[], line: number, printedName: string | null): BugcheckReport {
  const hex = (a: string | null) => (a ?? '0x0').replace(/^0x/i, '');
  const rebuilt = analyze(`BugCheck ${code.replace(/^0x/i, '')}, {${args.map(hex).join(', ')}}`).bugcheck;
  const report: BugcheckReport = rebuilt ?? { code, name: null, args: args.map((a) => a ?? '0x0'), line, decodedArgs: [] };
  report.line = line;
  report.name ??= printedName;
  report.decodedArgs = report.decodedArgs.map((a, k) => (args[k] === null ? { value: a.value, label: a.label, decoded: NOT_SHOWN } : a));
  return report;
}

/** Is this decoded argument one the input did not show? */
export function isNotShown(arg: { value: string; decoded?: string }): boolean {
  return arg.value === '0x0' && arg.decoded === NOT_SHOWN;
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
