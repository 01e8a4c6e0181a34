import { Component, Suspense, lazy, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { EditorRenderContext } from './editor-context';
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
/** After the load event, let the start-up work (analysis of the sample, first render) finish… */
const SETTLE_MS = 1500;
/** …then wait for an idle moment, but no longer than this. */
const IDLE_TIMEOUT_MS = 2000;

/**
 * Calls `start` once the page has loaded, settled and the browser is idle:
 * Monaco's chunk (megabytes of script) then no longer competes with the first
 * paint and the first verdict for the main thread. Returns a cancel function.
 */
function whenIdleAfterLoad(start: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle: number | undefined;
  const onIdle = () => {
    if (typeof window.requestIdleCallback === 'function') {
      idle = window.requestIdleCallback(start, { timeout: IDLE_TIMEOUT_MS });
    } else {
      start();
    }
  };
  const onLoad = () => {
    timer = setTimeout(onIdle, SETTLE_MS);
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
 * The editing area: a plain textarea first, replaced by Monaco once the page is
 * idle after loading, or as soon as the user focuses or types in the textarea.
 * The text lives in the store and the caret is handed over (editorHandoff).
 */
export function EditorPane() {
  const renderEditor = useContext(EditorRenderContext);
  const [wanted, setWanted] = useState(false);
  const want = useCallback(() => setWanted(true), []);
  useEffect(() => (renderEditor || wanted ? undefined : whenIdleAfterLoad(want)), [renderEditor, wanted, want]);
  if (renderEditor) {
    return renderEditor({ label: LABEL });
  }
  const plain = <PlainEditor label={LABEL} onFirstUse={wanted ? undefined : want} />;
  if (!wanted) {
    return plain;
  }
  return (
    <EditorBoundary fallback={<PlainEditor label={LABEL} />}>
      <Suspense fallback={plain}>
        <MonacoEditor label={LABEL} />
      </Suspense>
    </EditorBoundary>
  );
}
