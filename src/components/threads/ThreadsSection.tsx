import type { AnalysisReport, ThreadInfo } from '../../analyzers/types';
import { uniqueLocks } from '../../store/selectors';
import { Section, SubSection } from '../results/Section';
import { SortableTable, type Column } from '../results/SortableTable';
import { LineButton } from '../verdict/LineButton';
import { LockList } from './LockList';
import { ThreadRef } from './ThreadRef';


/** The thread's own id for display: address, else the `Cid`. */
function threadLabel(t: ThreadInfo): string {
  return t.address ?? t.cid ?? `line ${t.line}`;
}

function ThreadTable({ report }: { report: AnalysisReport }) {
  const columns: Column<ThreadInfo>[] = [
    {
      key: 'thread',
      label: 'Thread',
      rowHeader: true,
      sortValue: threadLabel,
      render: (t) => (
        <>
          <ThreadRef report={report} id={t.address ?? t.cid?.split('.')[1] ?? ''} label={threadLabel(t)} />
          {t.cid && t.address ? <span className="muted small cell-sub">Cid {t.cid}</span> : null}
        </>
      ),
    },
    {
      key: 'process',
      label: 'Process',
      sortValue: (t) => t.processImage ?? t.process,
      render: (t) => t.processImage ?? (t.process ? <code>{t.process}</code> : <span className="muted">—</span>),
    },
    {
      key: 'state',
      label: 'State',
      sortValue: (t) => t.state,
      render: (t) => (
        <>
          {t.state ?? '—'}
          {t.waitReason ? <span className="cell-sub">{[t.waitReason, t.waitMode].filter(Boolean).join(', ')}</span> : null}
        </>
      ),
    },
    {
      key: 'wait',
      label: 'Waiting for',
      descendingFirst: true,
      sortValue: (t) => t.waitMs,
      className: 'num',
      render: (t) => (t.waitText ? <span className={t.waitMs !== undefined && t.waitMs >= 60_000 ? 'long-wait' : undefined}>{t.waitText}</span> : '—'),
    },
    {
      key: 'irps',
      label: 'IRPs',
      descendingFirst: true,
      sortValue: (t) => t.irps.length,
      render: (t) =>
        t.irps.length > 0 ? (
          <span className="mono-list">
            {t.irps.slice(0, 3).map((irp) => (
              <code key={irp}>{irp}</code>
            ))}
            {t.irps.length > 3 ? <span className="muted">+{t.irps.length - 3}</span> : null}
          </span>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      key: 'line',
      label: 'Line',
      sortValue: (t) => t.line,
      className: 'num',
      render: (t) => <LineButton line={t.line} />,
    },
  ];
  return (
    <SortableTable caption="Threads" columns={columns} rows={report.threads} rowKey={(t, i) => `${t.line}-${i}`} />
  );
}

function ProcessTable({ report }: { report: AnalysisReport }) {
  type Row = AnalysisReport['processes'][number];
  const columns: Column<Row>[] = [
    { key: 'image', label: 'Image', rowHeader: true, sortValue: (p) => p.image, render: (p) => p.image ?? <span className="muted">unknown</span> },
    { key: 'cid', label: 'Cid', sortValue: (p) => p.cid, render: (p) => (p.cid ? <code>{p.cid}</code> : '—') },
    { key: 'parent', label: 'Parent', sortValue: (p) => p.parentCid, render: (p) => (p.parentCid ? <code>{p.parentCid}</code> : '—') },
    { key: 'address', label: 'EPROCESS', sortValue: (p) => p.address, render: (p) => <code>{p.address}</code> },
    { key: 'line', label: 'Line', sortValue: (p) => p.line, className: 'num', render: (p) => <LineButton line={p.line} /> },
  ];
  return <SortableTable caption="Processes" columns={columns} rows={report.processes} rowKey={(p, i) => `${p.line}-${i}`} />;
}

/** Threads & locks: lock owners and waiters with the chain to the owner's stack, threads with their waits, processes. */
export function ThreadsSection({ report }: { report: AnalysisReport }) {
  if (report.threads.length === 0 && report.locks.length === 0 && report.processes.length === 0) {
    return null;
  }
  return (
    <Section id="threads" label="Threads & locks" className="threads">
      {report.locks.length > 0 ? (
        <SubSection title="Locks" count={uniqueLocks(report).length}>
          <LockList report={report} />
        </SubSection>
      ) : null}
      {report.threads.length > 0 ? (
        <SubSection title="Threads" count={report.threads.length}>
          <ThreadTable report={report} />
        </SubSection>
      ) : null}
      {report.processes.length > 0 ? (
        <SubSection title="Processes" count={report.processes.length}>
          <ProcessTable report={report} />
        </SubSection>
      ) : null}
    </Section>
  );
}
