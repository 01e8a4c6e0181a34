/** File names and the print action for exports. */
import type { AnalysisReport } from '../../analyzers/types';
import { historyTitle, summarize } from '../../history/summary';

/** `dumplens-DRIVER_POWER_STATE_FAILURE-ZTEusbnet.md`: safe on every file system. */
export function exportFileName(report: AnalysisReport, extension: string): string {
  const words = historyTitle(summarize(report))
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `dumplens-${words || 'analysis'}${extension}`;
}

/**
 * Print the results: every collapsed stack is opened for the printout and
 * closed again afterwards (the print stylesheet hides the editor and the
 * controls). Ctrl+P goes through the same `beforeprint` handler.
 */
export function installPrintExpansion(): () => void {
  let opened: HTMLDetailsElement[] = [];
  const before = () => {
    opened = [...document.querySelectorAll<HTMLDetailsElement>('.pane-results details:not([open]), .shared-page details:not([open])')];
    opened.forEach((d) => (d.open = true));
  };
  const after = () => {
    opened.forEach((d) => (d.open = false));
    opened = [];
  };
  window.addEventListener('beforeprint', before);
  window.addEventListener('afterprint', after);
  return () => {
    window.removeEventListener('beforeprint', before);
    window.removeEventListener('afterprint', after);
  };
}
