import { Component, Suspense, lazy, startTransition, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useAppStore } from '../../store/context';
import { selectText } from '../../store/selectors';
import { EditorRenderContext } from './editor-context';
import { isHugeText, LargeTextView } from './LargeTextView';
import { PlainEditor } from './PlainEditor';

const MonacoEditor = lazy(() => import('./MonacoEditor'));

/** If Monaco fails to load (offline chunk missing, old browser), keep the plain editor. */
class EditorBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

const LABEL = 'Debugger output';
/** Monaco loads once the main thread has had no long task for this long after the load event… */
const QUIET_MS = 3000;
/** …or this long after the load event at the latest. */
const MAX_WAIT_MS = 10_000;
/** A gap this long between two idle periods means a task blocked the main thread meanwhile. */
const BUSY_GAP_MS = 100;

/**
 * Calls `start` once the page has loaded and the main thread has then been idle
 * for QUIET_MS: Monaco's chunk (megabytes of script) no longer competes with the
 * first paint and the first verdict. Returns a cancel function.
 */
function whenQuietAfterLoad(start: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle: number | undefined;
  const onLoad = () => {
    if (typeof window.requestIdleCallback !== 'function') {
      timer = setTimeout(start, QUIET_MS);
      return;
    }
    const giveUpAt = performance.now() + MAX_WAIT_MS;
    let last = performance.now();
    let quietSince = last;
    const tick = (deadline: IdleDeadline) => {
      const now = performance.now();
      if (now - last > BUSY_GAP_MS || deadline.didTimeout) {
        quietSince = now;
      }
      last = now;
      if (now - quietSince >= QUIET_MS || now >= giveUpAt) {
        start();
      } else {
        idle = window.requestIdleCallback(tick, { timeout: 1000 });
      }
    };
    idle = window.requestIdleCallback(tick, { timeout: 1000 });
  };
  if (document.readyState === 'complete') {
    onLoad();
  } else {
    window.addEventListener('load', onLoad, { once: true });
  }
  return () => {
    window.removeEventListener('load', onLoad);
    clearTimeout(timer);
    if (idle !== undefined) {
      window.cancelIdleCallback(idle);
    }
  };
}

/**
 * The editing area: a plain textarea first, replaced by Monaco once the page has
 * loaded and gone quiet, or as soon as the user focuses or clicks the textarea.
 * A text too big to edit (hundreds of thousands of lines) is shown read-only by
 * LargeTextView instead.
 * The switch is a transition: the textarea stays on screen, focused and
 * editable, until Monaco's chunk has loaded; the text lives in the store and
 * the caret is handed over (editorHandoff).
 */
export function EditorPane() {
  const renderEditor = useContext(EditorRenderContext);
  const [wanted, setWanted] = useState(false);
  const want = useCallback(() => startTransition(() => setWanted(true)), []);
  const text = useAppStore(selectText);
  const huge = useMemo(() => isHugeText(text), [text]);
  useEffect(() => (renderEditor || wanted ? undefined : whenQuietAfterLoad(want)), [renderEditor, wanted, want]);
  if (huge) {
    // Too big to edit (see HUGE_TEXT_LINES): a read-only view, with or without Monaco loaded.
    return <LargeTextView label={LABEL} />;
  }
  if (renderEditor) {
    return renderEditor({ label: LABEL });
  }
  const plain = <PlainEditor label={LABEL} />;
  return (
    <EditorBoundary fallback={plain}>
      <Suspense fallback={plain}>{wanted ? <MonacoEditor label={LABEL} /> : <PlainEditor label={LABEL} onFirstUse={want} />}</Suspense>
    </EditorBoundary>
  );
}
