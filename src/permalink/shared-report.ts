/**
 * Opening a report-only share: the report is the sender's claim, not an
 * analysis made here, and its link may have been crafted. Before the page
 * shows it:
 *
 * 1. it is copied with only the fields the app defines (`project` of the
 *    load-time check: nothing else a link adds survives) and every string
 *    capped (`SHARED_TEXT_MAX`; the title `SHARED_TITLE_MAX`), so a 1 MiB word
 *    cannot freeze the page or History;
 * 2. values no analysis can produce are refused, with a message naming the
 *    field: a confidence outside 0–1, suspects not ranked best first, a bug
 *    check code or argument that is not hex, a line number that is not a
 *    whole number;
 * 3. every derived word is rebuilt from the structured fields: the headline,
 *    the bug check's name, meaning and argument labels, each suspect's origin
 *    and vendor (confidence words and category labels are derived by the page
 *    itself);
 * 4. its lists are cut to the caps of the worker's own reports
 *    (`summarizeReport`), with the same notice.
 *
 * Loaded on demand (it pulls in the analyzers' tables): see open-shared.ts.
 */
import type { AnalysisReport, Suspect } from '../analyzers/types';
import { clipText as clip } from '../lib/text-lines';
import { summarizeReport, type ReportSummary } from '../worker/summarize';
import { SHARED_TEXT_MAX, SHARED_TITLE_MAX } from './codec';
import { checkReport, project } from './validate';
import { describeBugcheck, describeHeadline, describeModuleOrigin, isNotShown } from './verdict-words';

export { SHARED_TEXT_MAX, SHARED_TITLE_MAX } from './codec';

/** A shared report ready to show, or why it cannot be. */
export type SharedReportResult =
  | { ok: true; report: AnalysisReport; title?: string; summary: ReportSummary | null }
  | { ok: false; reason: string };

const CODE = /^0x[0-9A-F]{8}$/;
const ARG = /^0x(?:0|[1-9a-f][0-9a-f]{0,15})$/;

function isLine(n: number | undefined): boolean {
  return n === undefined || (Number.isInteger(n) && n >= 0);
}

/** The first value no analysis could have written, or null. */
function inconsistency(r: AnalysisReport): string | null {
  const b = r.bugcheck;
  if (b !== null) {
    if (!CODE.test(b.code)) {
      return `its bug check code ${JSON.stringify(clip(b.code, 40))} is not eight hex digits such as 0x0000009F`;
    }
    if (b.args.length !== 4) {
      return `its bug check has ${b.args.length} arguments instead of 4`;
    }
    const bad = b.args.findIndex((a) => !ARG.test(a));
    if (bad >= 0) {
      return `its bug check argument ${bad + 1} (${JSON.stringify(clip(b.args[bad] as string, 40))}) is not a hexadecimal value such as 0x258`;
    }
    if (!isLine(b.line)) {
      return 'its bug check line is not a line number';
    }
  }
  const seen = new Set<string>();
  for (let i = 0; i < r.suspects.length; i++) {
    const s = r.suspects[i] as Suspect;
    if (s.module.trim() === '') {
      return `suspect ${i + 1} has no module name`;
    }
    if (!(s.confidence >= 0 && s.confidence <= 1)) {
      return `the confidence of ${clip(s.module, 60)} is ${s.confidence}, outside 0–1`;
    }
    if (i > 0 && s.confidence > (r.suspects[i - 1] as Suspect).confidence) {
      return 'its suspects are not ranked best first';
    }
    const key = s.module.toLowerCase();
    if (seen.has(key)) {
      return `it lists ${clip(s.module, 60)} twice among the suspects`;
    }
    seen.add(key);
    if (!s.reasons.every((reason) => isLine(reason.line))) {
      return `a reason against ${clip(s.module, 60)} cites a line that is not a line number`;
    }
  }
  if (!r.findings.every((f) => f.lines.every((l) => isLine(l)))) {
    return 'a finding cites a line that is not a line number';
  }
  if (!Number.isInteger(r.stats.lines) || r.stats.lines < 0) {
    return 'its count of input lines is not a whole number';
  }
  return null;
}

/** The report with every derived word rebuilt from its structured fields. */
function rebuild(r: AnalysisReport): AnalysisReport {
  const b = r.bugcheck;
  const bugcheck =
    b === null
      ? null
      : describeBugcheck(
          b.code,
          b.args.map((a, k) => (b.decodedArgs[k] !== undefined && isNotShown(b.decodedArgs[k]) && a === '0x0' ? null : a)),
          b.line,
          // A name the tables do not know is kept only if it reads like one (DRIVER_POWER_STATE_FAILURE).
          b.name !== null && /^[A-Z][A-Z0-9_]{2,80}$/.test(b.name) ? b.name : null,
        );
  const suspects = r.suspects.map((s): Suspect => {
    const { origin, vendor, product } = describeModuleOrigin(s.module);
    const out: Suspect = { module: s.module, confidence: s.confidence, reasons: s.reasons, origin };
    if (vendor !== undefined) {
      out.vendor = vendor;
    }
    if (product !== undefined) {
      out.product = product;
    }
    return out;
  });
  const rebuilt = { ...r, bugcheck, suspects };
  // A report of input that could not be analyzed says why in its headline (see emptyReport).
  return { ...rebuilt, headline: r.inputProblem ?? describeHeadline(rebuilt) };
}

/**
 * Make a decoded report-only share safe to show (see the module comment).
 * `report` has passed the load-time check (`reportProblem`). Never throws.
 */
export function prepareSharedReport(report: AnalysisReport, title: string | undefined): SharedReportResult {
  try {
    const copy = project(checkReport, report, (s) => clip(s, SHARED_TEXT_MAX));
    const problem = inconsistency(copy);
    if (problem !== null) {
      return { ok: false, reason: `The shared report is not consistent: ${problem}. It was probably altered by hand.` };
    }
    const { report: cut, summary } = summarizeReport(rebuild(copy));
    const clippedTitle = title === undefined ? undefined : clip(title.replace(/\s+/g, ' ').trim(), SHARED_TITLE_MAX);
    return clippedTitle === undefined || clippedTitle === '' ? { ok: true, report: cut, summary } : { ok: true, report: cut, title: clippedTitle, summary };
  } catch (err) {
    // Defensive: a bug of ours must not break the page that opened a link.
    return { ok: false, reason: `dumplens could not read the shared report (${err instanceof Error ? err.message : String(err)}).` };
  }
}
