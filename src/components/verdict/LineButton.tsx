import type { ReactNode } from 'react';
import { useAppStore } from '../../store/context';
import { selectRevealLine } from '../../store/selectors';

/** A button that shows input line `line` in the editor. */
export function LineButton({ line, children, className }: { line: number; children?: ReactNode; className?: string }) {
  const revealLine = useAppStore(selectRevealLine);
  return (
    <button
      type="button"
      className={className ?? 'line-chip'}
      onClick={() => revealLine(line)}
      title={`Show line ${line} in the editor`}
      aria-label={children ? undefined : `Show line ${line} in the editor`}
    >
      {children ?? `line ${line}`}
    </button>
  );
}
