import type { AnalysisReport } from '../../analyzers/types';
import { useAppStore } from '../../store/context';
import { selectFocusStack, stackOfThread } from '../../store/selectors';

/** A thread id or address, with a button to its stack in the Stacks section when the input printed one. */
export function ThreadRef({ report, id, label }: { report: AnalysisReport; id: string; label?: string }) {
  const focusStack = useAppStore(selectFocusStack);
  const stack = stackOfThread(report, id);
  return (
    <span className="thread-ref">
      <code className="thread-id">{label ?? id}</code>
      {stack ? (
        <button
          type="button"
          className="link-button"
          onClick={() => focusStack(stack.line)}
          aria-label={`Show the stack of thread ${id}`}
          title={`Show ${stack.label} (line ${stack.line}) in Stacks`}
        >
          stack
        </button>
      ) : null}
    </span>
  );
}
