import { SAMPLES, type SampleKind } from '../../samples';
import { useAppStore } from '../../store/context';
import { selectLoadText } from '../../store/selectors';
import { OpenFileButton } from '../layout/OpenFileButton';

const KIND_LABEL: Record<SampleKind, string> = {
  crash: 'Driver crash',
  hang: 'Hang',
  leak: 'Pool leak',
  hardware: 'Hardware',
};

/** The built-in sessions as cards; a click loads one into the editor. */
export function SampleGallery() {
  const loadText = useAppStore(selectLoadText);
  return (
    <ul className="sample-gallery" aria-label="Sample sessions">
      {SAMPLES.map((s) => (
        <li key={s.id} className={`sample-card kind-${s.kind}`}>
          <span className="sample-kind">{KIND_LABEL[s.kind]}</span>
          <h3 className="sample-title">{s.title}</h3>
          <p className="sample-desc">{s.description}</p>
          <div className="sample-commands">
            {s.commands.map((c) => (
              <code key={c}>{c}</code>
            ))}
          </div>
          <button type="button" className="button button-small" onClick={() => loadText(s.text, s.title)} aria-label={`Open the sample: ${s.title}`}>
            Open sample
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Shown when the editor is empty: what to paste and how to start, and the sample gallery. */
export function EmptyState() {
  const loadText = useAppStore(selectLoadText);
  const first = SAMPLES[0]!;
  return (
    <div className="empty-wrap">
      <div className="empty-state">
        <h2>Paste a debugger session</h2>
        <p>
          Paste the output of WinDbg, kd or cdb into the editor — for example <code>!analyze -v</code>, a stack (
          <code>kv</code>), <code>lm</code>, <code>!thread</code>, <code>!locks</code> or <code>!vm</code> — or open a crash dump (
          <code>.dmp</code>, for example from <code>C:\Windows\Minidump</code>) or a saved <code>.txt</code> / <code>.log</code> file. You can also
          drop a file anywhere on the page.
        </p>
        <div className="empty-actions">
          <OpenFileButton label="Open a file…" primary />
          <button type="button" className="button" onClick={() => loadText(first.text, first.title)}>
            Load the sample
          </button>
        </div>
        <p className="muted small">Everything runs in this browser tab. Nothing you paste or open is uploaded.</p>
      </div>
      <h2 className="gallery-title">Or start from a sample</h2>
      <SampleGallery />
    </div>
  );
}
