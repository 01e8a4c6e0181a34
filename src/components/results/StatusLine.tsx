import { countOf, formatDuration } from '../../lib/text-lines';
import type { AppState } from '../../store/app-store';
import { useAppStore } from '../../store/context';
import { selectDurationMs, selectHasText, selectReport, selectStatus } from '../../store/selectors';
import { describeSummary } from '../../worker/summarize';

const selectProgress = (s: AppState) => s.progress;
const selectSummary = (s: AppState) => s.summary;

/**
 * Unobtrusive analysis status: running (a progress bar for long analyses), or
 * done with lines and time, and a note when a huge input's report was shortened.
 */
export function StatusLine() {
  const status = useAppStore(selectStatus);
  const ms = useAppStore(selectDurationMs);
  const report = useAppStore(selectReport);
  const hasText = useAppStore(selectHasText);
  const progress = useAppStore(selectProgress);
  const summary = useAppStore(selectSummary);
  const running = hasText && status === 'running';
  let text = '';
  if (!hasText) {
    text = '';
  } else if (status === 'running') {
    text = 'Analyzing…';
  } else if (status === 'done' && report) {
    const parts = [countOf(report.stats.lines, 'line')];
    if (report.commands.length > 0) {
      parts.push(countOf(report.commands.length, 'command'));
    }
    if (ms !== null) {
      parts.push(`analyzed in ${formatDuration(ms)}`);
    }
    text = parts.join(' · ');
  } else if (status === 'error') {
    text = 'Analysis failed';
  }
  const percent = progress === null ? null : Math.round(Math.min(1, Math.max(0, progress)) * 100);
  const note = hasText && status === 'done' && summary ? describeSummary(summary) : null;
  return (
    <p className={`status-line status-${status}`} role="status" aria-live="polite">
      {running && percent === null ? <span className="spinner" aria-hidden="true" /> : null}
      {running && percent !== null ? (
        // The live region announces "Analyzing…" once; the bar itself is not read out at every step.
        <span className="status-progress" aria-hidden="true" data-percent={percent}>
          <span className="status-progress-bar" style={{ width: `${percent}%` }} />
        </span>
      ) : null}
      {text}
      {note !== null ? (
        <span className="status-summary" title={note}>
          {'· '}shortened for display
          <span className="visually-hidden">: {note}</span>
        </span>
      ) : null}
    </p>
  );
}
