import { useMemo } from 'react';
import { canonicalModuleName, classifyModule } from '../../analyzers/knowledge/modules';
import type { AnalysisReport, Stack } from '../../analyzers/types';
import { useAppStore } from '../../store/context';
import { collapseFrames, selectRevealLine, suspectModuleSet } from '../../store/selectors';
import { LineButton } from '../verdict/LineButton';
import { OriginBadge } from '../verdict/OriginBadge';

/** Stacks shown open by default; the rest start folded. */
const OPEN_BY_DEFAULT = 3;

function frameNumber(index: number | undefined, position: number): string {
  return (index ?? position).toString(16).padStart(2, '0');
}

function StackCard({ stack, suspects, open }: { stack: Stack; suspects: ReadonlySet<string>; open: boolean }) {
  const revealLine = useAppStore(selectRevealLine);
  const rows = useMemo(() => collapseFrames(stack.frames), [stack.frames]);
  const suspectFrames = stack.frames.filter((f) => f.module !== null && suspects.has(canonicalModuleName(f.module))).length;
  return (
    <details className="stack" open={open}>
      <summary className="stack-summary">
        <span className="stack-source">{stack.source}</span>
        <span className="stack-meta">
          {stack.frames.length} frame{stack.frames.length === 1 ? '' : 's'}
          {suspectFrames > 0 ? <span className="badge badge-suspect">suspect frames</span> : null}
        </span>
      </summary>
      <div className="stack-body">
        <div className="stack-tools">
          <span className="muted">Printed at</span>
          <LineButton line={stack.line} />
          {stack.thread ? <span className="muted">· thread {stack.thread}</span> : null}
          {stack.context ? <span className="badge">set context</span> : null}
        </div>
        <ol className="frames" aria-label={`Frames of ${stack.source}`}>
          {rows.map(({ frame, position, count }) => {
            const origin = frame.module === null ? 'none' : classifyModule(frame.module);
            const isSuspect = frame.module !== null && suspects.has(canonicalModuleName(frame.module));
            const classes = ['frame', `frame-${origin}`];
            if (isSuspect) {
              classes.push('is-suspect');
            }
            if (frame.trapFrame) {
              classes.push('is-trap');
            }
            return (
              <li key={position} className={classes.join(' ')}>
                <button type="button" className="frame-button" onClick={() => revealLine(frame.line)} title={`Show line ${frame.line} in the editor`}>
                  <span className="frame-no">{frameNumber(frame.index, position)}</span>
                  <OriginBadge origin={origin} compact />
                  <span className="frame-site">
                    {frame.module !== null ? <span className="frame-module">{frame.module}</span> : null}
                    {frame.module !== null && frame.site.startsWith(frame.module) ? frame.site.slice(frame.module.length) : frame.module === null ? frame.site : ` ${frame.site}`}
                  </span>
                  {count > 1 ? (
                    <span className="frame-repeat" aria-label={`repeated ${count} times`}>
                      ×{count}
                    </span>
                  ) : null}
                  {frame.trapFrame ? <span className="badge badge-trap">trap frame</span> : null}
                  {isSuspect ? <span className="badge badge-suspect">suspect</span> : null}
                  <span className="frame-line">L{frame.line}</span>
                </button>
              </li>
            );
          })}
        </ol>
      </div>
    </details>
  );
}

/** Every stack in the report, with module badges; repeated frames collapsed. */
export function StacksPanel({ report }: { report: AnalysisReport }) {
  const suspects = suspectModuleSet(report);
  if (report.stacks.length === 0) {
    return null;
  }
  const firstSuspectStack = report.stacks.findIndex((s) =>
    s.frames.some((f) => f.module !== null && suspects.has(canonicalModuleName(f.module))),
  );
  return (
    <section aria-label="Stacks" className="card stacks">
      <h2 className="section-title">
        Stacks <span className="count">{report.stacks.length}</span>
      </h2>
      {report.stacks.map((stack, i) => (
        <StackCard
          key={`${stack.line}-${i}`}
          stack={stack}
          suspects={suspects}
          open={i < OPEN_BY_DEFAULT || i === firstSuspectStack}
        />
      ))}
    </section>
  );
}
