import type { ReactNode } from 'react';
import { sectionDomId, type SectionId } from './sections';

/**
 * One result section: a labelled region (the nav jumps to it and focuses it),
 * a title with an optional count, optional tools on the right, and the body.
 */
export function Section({
  id,
  label,
  count,
  tools,
  className,
  children,
}: {
  id: SectionId;
  label: string;
  count?: number;
  tools?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section id={sectionDomId(id)} aria-label={label} tabIndex={-1} className={`card result-section${className ? ` ${className}` : ''}`}>
      <div className="section-head">
        <h2 className="section-title">
          {label} {count !== undefined ? <span className="count">{count}</span> : null}
        </h2>
        {tools ? <div className="section-tools">{tools}</div> : null}
      </div>
      {children}
    </section>
  );
}

/** A titled part of a section (`<h3>`), optionally with tools beside the title. */
export function SubSection({ title, count, tools, children }: { title: string; count?: number; tools?: ReactNode; children: ReactNode }) {
  return (
    <div className="subsection">
      <div className="subsection-head">
        <h3 className="subsection-title">
          {title} {count !== undefined ? <span className="count">{count}</span> : null}
        </h3>
        {tools ? <div className="section-tools">{tools}</div> : null}
      </div>
      {children}
    </div>
  );
}
