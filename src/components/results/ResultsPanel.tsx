import { memo, startTransition, useEffect, useState, type ComponentType } from 'react';
import type { AnalysisReport } from '../../analyzers/types';
import { publishEditorReport } from '../../editor/report-bridge';
import { nextTask } from '../../lib/slices';
import { useAppStore } from '../../store/context';
import { selectError, selectHasText, selectReport, selectStatus } from '../../store/selectors';
import { DevicesSection } from '../devices/DevicesSection';
import { HardwareSection } from '../hardware/HardwareSection';
import { MemorySection } from '../memory/MemorySection';
import { ModulesSection } from '../modules/ModulesSection';
import { OutlineSection } from '../outline/OutlineSection';
import { StacksPanel } from '../stacks/StacksPanel';
import { ThreadsSection } from '../threads/ThreadsSection';
import { FindingsSection } from '../verdict/FindingsSection';
import { NextStepsSection } from '../verdict/NextStepsSection';
import { VerdictSection } from '../verdict/VerdictSection';
import { EmptyState } from './EmptyState';
import { SectionNav } from './SectionNav';
import { resultSections } from './sections';
import { StatusLine } from './StatusLine';
import './workspace.css';

/** The sections below the verdict, in display order. */
const DETAIL_SECTIONS: readonly ComponentType<{ report: AnalysisReport }>[] = [
  StacksPanel,
  ThreadsSection,
  MemorySection,
  ModulesSection,
  DevicesSection,
  HardwareSection,
  OutlineSection,
];

/** One section, rendered again only when the report it is given changes. */
const DetailSection = memo(function DetailSection({ section: Section, report }: { section: ComponentType<{ report: AnalysisReport }>; report: AnalysisReport }) {
  return <Section report={report} />;
});

/**
 * Everything below the verdict, brought up to date one section per task: for a
 * big dump a section is thousands of rows, charts that measure their labels and
 * tables that measure their rows, and all of them in one commit kept the page
 * busy for hundreds of milliseconds. Each update is a transition (its render can
 * be interrupted by input); each section commits on its own. Until every section
 * shows the current report, the details are marked busy and dimmed.
 */
function Details({ report }: { report: AnalysisReport }) {
  // The report each section shows (null: not rendered yet). The first report too
  // starts with none: the verdict shows at once, the details follow.
  const [shown, setShown] = useState<readonly (AnalysisReport | null)[]>(() => DETAIL_SECTIONS.map(() => null));
  const behind = shown.findIndex((r) => r !== report);
  useEffect(() => {
    if (behind === -1) {
      return;
    }
    let cancelled = false;
    void nextTask().then(() => {
      if (!cancelled) {
        startTransition(() => setShown((prev) => prev.map((r, i) => (i === behind ? report : r))));
      }
    });
    return () => {
      cancelled = true;
    };
  }, [behind, report]);
  const busy = behind !== -1;
  return (
    <div className={`details${busy ? ' is-stale' : ''}`} aria-busy={busy}>
      {DETAIL_SECTIONS.map((section, i) => {
        const r = shown[i];
        return r ? <DetailSection key={i} section={section} report={r} /> : null;
      })}
    </div>
  );
}

function Sections({ report }: { report: AnalysisReport }) {
  return (
    <>
      <VerdictSection report={report} />
      <FindingsSection report={report} />
      <NextStepsSection steps={report.nextSteps} />
      <Details report={report} />
    </>
  );
}

/** The right-hand side: status and section nav, then every section the report has data for. */
export function ResultsPanel() {
  const report = useAppStore(selectReport);
  const status = useAppStore(selectStatus);
  const error = useAppStore(selectError);
  const hasText = useAppStore(selectHasText);
  const shown = hasText && report && !report.inputProblem ? report : null;

  // The editor folds per command and explains evidence lines from the same report.
  useEffect(() => {
    publishEditorReport(shown);
  }, [shown]);

  let body;
  if (!hasText) {
    body = <EmptyState />;
  } else if (status === 'error') {
    body = (
      <div className="card notice notice-error" role="alert">
        <h2 className="section-title">The analysis failed</h2>
        <p>{error ?? 'Unknown error.'}</p>
        <p className="muted">Your text is still in the editor. This is a bug in dumplens; please report it with the input that caused it.</p>
      </div>
    );
  } else if (!report) {
    body = (
      <div className="card placeholder-card" aria-hidden="true">
        <div className="skeleton skeleton-title" />
        <div className="skeleton" />
        <div className="skeleton skeleton-short" />
      </div>
    );
  } else if (report.inputProblem) {
    body = (
      <div className="card notice notice-warning" role="alert">
        <h2 className="section-title">This input cannot be analyzed</h2>
        <p>{report.inputProblem}</p>
        <p className="muted">The text stays in the editor, untouched.</p>
      </div>
    );
  } else {
    body = <Sections report={report} />;
  }

  return (
    <div className={`results${status === 'running' && report ? ' is-stale' : ''}`}>
      <div className="results-head">
        <div className="results-bar">
          <h2 className="results-title">Analysis</h2>
          <StatusLine />
        </div>
        {shown && status !== 'error' ? <SectionNav sections={resultSections(shown)} /> : null}
      </div>
      <div className="results-body">{body}</div>
    </div>
  );
}
