/**
 * The report as JSON: pretty-printed, with a stable key order so two exports
 * of the same analysis diff cleanly. Top-level keys follow the contract
 * (../shared/contract/REPORT.md: schemaVersion, kind, headline, bugcheck,
 * category, suspects, findings, …); keys of nested objects are sorted.
 * The report as the page holds it (for a huge input, cut as the page shows
 * it); `npm run analyze -- --full` prints the whole report in this shape, and
 * `--json` a summary of it (stacks grouped, long lists cut: cli/summary.ts).
 */
import type { AnalysisReport } from '../analyzers/types';

/** Top-level key order; keys not listed follow, sorted. */
export const REPORT_KEY_ORDER: readonly (keyof AnalysisReport)[] = [
  'schemaVersion',
  'kind',
  'headline',
  'inputProblem',
  'bugcheck',
  'category',
  'suspects',
  'findings',
  'nextSteps',
  'commands',
  'stacks',
  'threads',
  'processes',
  'locks',
  'memory',
  'modules',
  'irps',
  'irpFind',
  'devices',
  'devStacks',
  'drivers',
  'hardware',
  'verifier',
  'filters',
  'ndis',
  'stats',
];

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function ordered(obj: Record<string, unknown>, first: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of first) {
    if (Object.prototype.hasOwnProperty.call(obj, k)) {
      out[k] = obj[k];
    }
  }
  const rest = Object.keys(obj)
    .filter((k) => !first.includes(k))
    .sort();
  for (const k of rest) {
    out[k] = obj[k];
  }
  return out;
}

/** Options of `toJson`. */
export interface JsonExportOptions {
  /** Spaces per level (default 2; 0 for one line). */
  indent?: number;
}

/** The report as JSON text (ends with a line break). */
export function toJson(report: AnalysisReport, options: JsonExportOptions = {}): string {
  const indent = options.indent ?? 2;
  const json = JSON.stringify(
    report,
    function (this: unknown, key: string, value: unknown) {
      if (!isPlainObject(value)) {
        return value;
      }
      return ordered(value, key === '' && this !== null && isPlainObject(this) && this[''] === report ? REPORT_KEY_ORDER : []);
    },
    indent,
  );
  return `${json}\n`;
}
