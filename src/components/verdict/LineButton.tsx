import { useContext, type ReactNode } from 'react';
import { useAppStore } from '../../store/context';
import { selectRevealLine } from '../../store/selectors';
import { EditorAvailable } from './editor-available';

/**
 * A button that shows input line `line` in the editor; plain text where there
 * is no editor (EditorAvailable is false).
 */
export function LineButton({ line, children, className }: { line: number; children?: ReactNode; className?: string }) {
  const revealLine = useAppStore(selectRevealLine);
  const editor = useContext(EditorAvailable);
  const cls = className ?? 'line-chip';
  if (!editor) {
    return <span className={`${cls} is-static`}>{children ?? `line ${line}`}</span>;
  }
  return (
    <button
      type="button"
      className={cls}
      onClick={() => revealLine(line)}
      title={`Show line ${line} in the editor`}
      aria-label={children ? undefined : `Show line ${line} in the editor`}
    >
      {children ?? `line ${line}`}
    </button>
  );
}
