/**
 * The latest report, for the editor's folding and evidence hovers. The
 * workspace publishes it (ResultsPanel); Monaco providers read it and listen
 * for changes. No Monaco import here: the first screen's chunk may use it.
 */
import type { AnalysisReport } from '../analyzers/types';

let current: AnalysisReport | null = null;
const listeners = new Set<() => void>();

/** Make `report` the one the editor describes (null when there is none). */
export function publishEditorReport(report: AnalysisReport | null): void {
  if (report === current) {
    return;
  }
  current = report;
  for (const l of listeners) {
    l();
  }
}

export function editorReport(): AnalysisReport | null {
  return current;
}

/** Called after each change of the published report; returns the unsubscribe function. */
export function onEditorReportChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
