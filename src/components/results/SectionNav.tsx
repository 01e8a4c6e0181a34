import { useEffect, useRef, useState } from 'react';
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

/** After a jump, the spy leaves the clicked section marked while the smooth scroll runs. */
const JUMP_SETTLE_MS = 900;

/**
 * The section in view (scroll spy): the last one whose top has passed just
 * under the sticky head. Listens to scrolling anywhere (the results pane on
 * wide screens, the page on narrow ones).
 */
function useSectionInView(sections: readonly SectionInfo[]): SectionId | null {
  const [current, setCurrent] = useState<SectionId | null>(null);
  const key = sections.map((s) => s.id).join(' ');
  useEffect(() => {
    const ids = key.split(' ') as SectionId[];
    let frame = 0;
    const update = () => {
      frame = 0;
      const head = document.querySelector('.results-head')?.getBoundingClientRect().bottom ?? 0;
      // At the end of the results the last sections cannot reach the top: then the
      // mark goes to the last one whose top is in the upper half of the window.
      const lastBottom = document.getElementById(sectionDomId(ids[ids.length - 1] ?? 'verdict'))?.getBoundingClientRect().bottom ?? 0;
      const line = lastBottom <= window.innerHeight + 4 ? Math.max(head + 24, window.innerHeight / 2) : head + 24;
      let found: SectionId | null = null;
      for (const id of ids) {
        const top = document.getElementById(sectionDomId(id))?.getBoundingClientRect().top;
        if (top !== undefined && top <= line) {
          found = id;
        }
      }
      setCurrent(found ?? ids[0] ?? null);
    };
    const onScroll = () => {
      if (frame === 0) {
        frame = requestAnimationFrame(update);
      }
    };
    document.addEventListener('scroll', onScroll, { capture: true, passive: true });
    window.addEventListener('resize', onScroll, { passive: true });
    onScroll();
    return () => {
      document.removeEventListener('scroll', onScroll, { capture: true });
      window.removeEventListener('resize', onScroll);
      if (frame !== 0) {
        cancelAnimationFrame(frame);
      }
    };
  }, [key]);
  return current;
}

/** Compact jump links to the sections present, with counts; the one in view is marked. */
export function SectionNav({ sections }: { sections: readonly SectionInfo[] }) {
  const [pinned, setPinned] = useState<SectionId | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const spied = useSectionInView(sections);
  const current = pinned ?? spied;
  useEffect(
    () => () => {
      if (timer.current !== null) {
        clearTimeout(timer.current);
      }
    },
    [],
  );
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
              onClick={() => {
                setPinned(s.id);
                if (timer.current !== null) {
                  clearTimeout(timer.current);
                }
                timer.current = setTimeout(() => setPinned(null), JUMP_SETTLE_MS);
                jumpToSection(s.id);
              }}
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
