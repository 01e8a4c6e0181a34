/**
 * Selectors and memoized derivations of the report. Components select
 * narrowly; derived lists are computed once per report object (WeakMap).
 */
import { canonicalModuleName } from '../analyzers/knowledge/modules';
import type { AnalysisReport, Finding, Severity, StackFrame } from '../analyzers/types';
import type { AppState } from './app-store';

export const selectText = (s: AppState) => s.text;
export const selectSourceName = (s: AppState) => s.sourceName;
export const selectTextVersion = (s: AppState) => s.textVersion;
export const selectReport = (s: AppState) => s.report;
export const selectStatus = (s: AppState) => s.status;
export const selectError = (s: AppState) => s.error;
export const selectDurationMs = (s: AppState) => s.durationMs;
export const selectReveal = (s: AppState) => s.reveal;
export const selectRevealLine = (s: AppState) => s.revealLine;
export const selectLoadText = (s: AppState) => s.loadText;
export const selectSetText = (s: AppState) => s.setText;
export const selectThemePreference = (s: AppState) => s.themePreference;
export const selectSplitPercent = (s: AppState) => s.splitPercent;
export const selectHasText = (s: AppState) => s.text.trim() !== '';

function memoByReport<T>(fn: (report: AnalysisReport) => T): (report: AnalysisReport) => T {
  const cache = new WeakMap<AnalysisReport, T>();
  return (report) => {
    let value = cache.get(report);
    if (value === undefined) {
      value = fn(report);
      cache.set(report, value);
    }
    return value;
  };
}

/** Canonical (lower-case) names of the modules the report blames or suspects. */
export const suspectModuleSet = memoByReport(
  (report) => new Set(report.suspects.map((s) => canonicalModuleName(s.module))),
);

export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

/** Findings grouped by severity, most severe first; empty groups left out. */
export const findingsBySeverity = memoByReport((report) => {
  const groups: { severity: Severity; findings: Finding[] }[] = [];
  for (const severity of SEVERITIES) {
    const findings = report.findings.filter((f) => f.severity === severity);
    if (findings.length > 0) {
      groups.push({ severity, findings });
    }
  }
  return groups;
});

/** Kinds of evidence lines the editor marks in its gutter. */
export type EvidenceKind = Severity | 'suspect' | 'bugcheck';

/** Lines of the input that carry evidence, one entry per line (strongest kind wins). */
export const evidenceLines = memoByReport((report) => {
  const rank: Record<EvidenceKind, number> = { bugcheck: 0, suspect: 1, critical: 2, warning: 3, info: 4 };
  const byLine = new Map<number, EvidenceKind>();
  const add = (line: number | undefined, kind: EvidenceKind) => {
    if (line === undefined || line < 1) {
      return;
    }
    const old = byLine.get(line);
    if (old === undefined || rank[kind] < rank[old]) {
      byLine.set(line, kind);
    }
  };
  if (report.bugcheck) {
    add(report.bugcheck.line, 'bugcheck');
  }
  for (const s of report.suspects) {
    for (const r of s.reasons) {
      add(r.line, 'suspect');
    }
  }
  for (const f of report.findings) {
    for (const line of f.lines) {
      add(line, f.severity);
    }
  }
  return [...byLine].map(([line, kind]) => ({ line, kind })).sort((a, b) => a.line - b.line);
});

/** One displayed stack row: a frame, or several identical consecutive frames collapsed. */
export interface FrameRow {
  frame: StackFrame;
  /** Position of the first frame of the row in the stack (0-based). */
  position: number;
  count: number;
}

/** Collapse runs of consecutive frames with the same call site (recursion, loops) into one row. */
export function collapseFrames(frames: readonly StackFrame[]): FrameRow[] {
  const rows: FrameRow[] = [];
  frames.forEach((frame, position) => {
    const last = rows[rows.length - 1];
    if (last && last.frame.site.toLowerCase() === frame.site.toLowerCase() && !frame.trapFrame && !last.frame.trapFrame) {
      last.count++;
    } else {
      rows.push({ frame, position, count: 1 });
    }
  });
  return rows;
}
