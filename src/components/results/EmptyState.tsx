import { DEFAULT_SAMPLE } from '../../samples';
import { OpenFileButton } from '../layout/OpenFileButton';
import { useAppStore } from '../../store/context';
import { selectLoadText } from '../../store/selectors';

/** Shown when the editor is empty: what to paste and how to start. */
export function EmptyState() {
  const loadText = useAppStore(selectLoadText);
  return (
    <div className="empty-state">
      <h2>Paste a debugger session</h2>
      <p>
        Paste the output of WinDbg, kd or cdb into the editor — for example <code>!analyze -v</code>, a stack (
        <code>kv</code>), <code>lm</code>, <code>!thread</code>, <code>!locks</code> or <code>!vm</code> — or open a saved{' '}
        <code>.txt</code> / <code>.log</code> file. You can also drop a file anywhere on the page.
      </p>
      <div className="empty-actions">
        <OpenFileButton label="Open a file…" primary />
        <button type="button" className="button" onClick={() => loadText(DEFAULT_SAMPLE.text, DEFAULT_SAMPLE.title)}>
          Load the sample
        </button>
      </div>
      <p className="muted small">Everything runs in this browser tab. Nothing you paste is uploaded.</p>
    </div>
  );
}
