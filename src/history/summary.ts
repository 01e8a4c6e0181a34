/**
 * The small summary kept with a history entry (the full report is not
 * stored: reopening an entry analyzes its text again), and its title.
 */
import type { AnalysisReport, Category } from '../analyzers/types';

/** What the History panel shows about one analysis. */
export interface HistorySummary {
  /** `DRIVER_POWER_STATE_FAILURE (0x9F)`, or null without a bug check. */
  bugcheck: string | null;
  /** Top suspect module, or null when nothing is blamed. */
  suspect: string | null;
  confidence: number | null;
  category: Category;
  headline: string;
  lines: number;
}

const CATEGORY_WORDS: Readonly<Record<Category, string>> = {
  driver: 'Driver fault',
  hardware: 'Hardware error',
  'memory-corruption': 'Memory corruption',
  'pool-leak': 'Pool leak',
  'hang-deadlock': 'Hang or deadlock',
  'disk-io': 'Disk I/O error',
  'os-corruption': 'Damaged system files',
  'user-app': 'Application crash',
  manual: 'Forced crash',
  none: 'No crash',
  unknown: 'Debugger session',
};

/** The summary of a report. */
export function summarize(report: AnalysisReport): HistorySummary {
  const b = report.bugcheck;
  const top = report.suspects[0];
  return {
    bugcheck: b === null ? null : b.name !== null ? `${b.name} (${b.code})` : `Bug check ${b.code}`,
    suspect: top?.module ?? null,
    confidence: top?.confidence ?? null,
    category: report.category,
    headline: report.headline,
    lines: report.stats.lines,
  };
}

/** `DRIVER_POWER_STATE_FAILURE · ZTEusbnet`: the bug check (or the kind of problem) and the top suspect. */
export function historyTitle(summary: HistorySummary): string {
  const what = summary.bugcheck !== null ? summary.bugcheck.replace(/\s*\(0x[0-9A-Fa-f]+\)$/, '') : CATEGORY_WORDS[summary.category];
  return `${what} · ${summary.suspect ?? 'no suspect'}`;
}

/** A summary for text that was never analyzed (a draft kept before a shared link replaced it). */
export function unanalyzedSummary(text: string): HistorySummary {
  return {
    bugcheck: null,
    suspect: null,
    confidence: null,
    category: 'unknown',
    headline: 'Not analyzed yet.',
    lines: text === '' ? 0 : text.split(/\r\n|\r|\n/).length,
  };
}

/** A date for people, in English and the user's time zone: `12 Mar 2025, 14:05`. */
export function formatSavedAt(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(ms));
}
