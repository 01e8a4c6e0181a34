import { useEffect, useState } from 'react';
import { sectionDomId, type SectionId, type SectionInfo } from './sections';

/** Scroll a section into view and move the keyboard focus to it (no URL fragment: it carries permalinks). */
export function jumpToSection(id: SectionId): void {
  const el = document.getElementById(sectionDomId(id));
  if (!el) {
    return;
  }
  const reduce = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  if (typeof el.scrollIntoView === 'function') {
    el.scrollIntoView({ block: 'start', behavior: reduce ? 'auto' : 'smooth' });
  }
  el.focus({ preventScroll: true });
}

/** The section in view: the last one whose top has passed the top of the results (scroll spy). */
function useSectionInView(sections: readonly SectionInfo[]): SectionId | null {
  const [current, setCurrent] = useState<SectionId | null>(null);
  const key = sections.map((s) => s.id).join(' ');
  useEffect(() => {
    if (typeof IntersectionObserver === 'undefined') {
      return;
    }
    const visible = new Map<SectionId, boolean>();
    const ids = key.split(' ') as SectionId[];
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const id = ids.find((s) => sectionDomId(s) === e.target.id);
          if (id) {
            visible.set(id, e.isIntersecting);
          }
        }
        const first = ids.find((id) => visible.get(id));
        if (first) {
          setCurrent(first);
        }
      },
      // The band just under the sticky bar: the section crossing it is "current".
      { rootMargin: '-140px 0px -55% 0px' },
    );
    for (const id of ids) {
      const el = document.getElementById(sectionDomId(id));
      if (el) {
        observer.observe(el);
      }
    }
    return () => observer.disconnect();
  }, [key]);
  return current;
}

/** Compact jump links to the sections present, with counts; the one in view is marked. */
export function SectionNav({ sections }: { sections: readonly SectionInfo[] }) {
  const current = useSectionInView(sections);
  if (sections.length < 2) {
    return null;
  }
  return (
    <nav className="section-nav" aria-label="Result sections">
      <ul>
        {sections.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              className="section-link"
              aria-current={current === s.id ? 'location' : undefined}
              onClick={() => jumpToSection(s.id)}
            >
              {s.label}
              {s.count !== undefined ? <span className="section-link-count">{s.count}</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
