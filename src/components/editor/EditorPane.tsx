import { Component, Suspense, lazy, useContext, type ReactNode } from 'react';
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

/** The editing area: Monaco, loaded lazily behind a plain textarea. */
export function EditorPane() {
  const renderEditor = useContext(EditorRenderContext);
  if (renderEditor) {
    return renderEditor({ label: LABEL });
  }
  const plain = <PlainEditor label={LABEL} />;
  return (
    <EditorBoundary fallback={plain}>
      <Suspense fallback={plain}>
        <MonacoEditor label={LABEL} />
      </Suspense>
    </EditorBoundary>
  );
}
