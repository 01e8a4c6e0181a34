import { formatCount, formatDuration } from '../../lib/text-lines';
import { useAppStore } from '../../store/context';
import { selectDurationMs, selectHasText, selectReport, selectStatus } from '../../store/selectors';

/** Unobtrusive analysis status: running, or done with lines and time. */
export function StatusLine() {
  const status = useAppStore(selectStatus);
  const ms = useAppStore(selectDurationMs);
  const report = useAppStore(selectReport);
  const hasText = useAppStore(selectHasText);
  let text = '';
  if (!hasText) {
    text = '';
  } else if (status === 'running') {
    text = 'Analyzing…';
  } else if (status === 'done' && report) {
    const parts = [`${formatCount(report.stats.lines)} lines`];
    if (report.commands.length > 0) {
      parts.push(`${report.commands.length} command${report.commands.length === 1 ? '' : 's'}`);
    }
    if (ms !== null) {
      parts.push(`analyzed in ${formatDuration(ms)}`);
    }
    text = parts.join(' · ');
  } else if (status === 'error') {
    text = 'Analysis failed';
  }
  return (
    <p className={`status-line status-${status}`} role="status" aria-live="polite">
      {hasText && status === 'running' ? <span className="spinner" aria-hidden="true" /> : null}
      {text}
    </p>
  );
}
