import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { createLineIndex, type LineIndex } from '../../lib/line-index';
import { nextTask } from '../../lib/slices';
import { formatCount } from '../../lib/text-lines';
import { useAppStore } from '../../store/context';
import { evidenceLines, selectReport, selectReveal, selectSetText, selectText } from '../../store/selectors';
import type { EditorProps } from './editor-context';

/**
 * Texts with more lines than this, or more characters than HUGE_TEXT_CHARS,
 * are shown read-only by LargeTextView instead of Monaco. They are Monaco's
 * own thresholds for a large file; past them, every edit of the model (and a
 * text entering in slices is thousands of edits) copies arrays of one entry a
 * line: 13 ms at 570,000 lines, over 100 ms at five million.
 */
export const HUGE_TEXT_LINES = 300_000;
export const HUGE_TEXT_CHARS = 20_000_000;

/** Is `text` too big for the editor (see HUGE_TEXT_LINES)? Counts lines only up to the limit. */
export function isHugeText(text: string): boolean {
  if (text.length > HUGE_TEXT_CHARS) {
    return true;
  }
  if (text.length <= HUGE_TEXT_LINES) {
    return false;
  }
  let at = -1;
  for (let n = 0; n < HUGE_TEXT_LINES; n++) {
    at = text.indexOf('\n', at + 1);
    if (at === -1) {
      return false;
    }
  }
  return true;
}

const LINE_HEIGHT = 20;
/** Tallest scroll area the viewer makes (browsers lay out at most about 33 million pixels); more lines scroll scaled. */
const MAX_SCROLL_PX = 15_000_000;
/** Characters of a line shown at most (a megabyte-long line would be a megabyte of DOM). */
const MAX_LINE_CHARS = 5000;
/** Time spent finding line starts per task. */
const INDEX_SLICE_MS = 8;

function formatSize(chars: number): string {
  return chars >= 1_000_000 ? `${(chars / 1_000_000).toFixed(1)} MB` : `${Math.round(chars / 1000)} KB`;
}

/**
 * A read-only view of a text too big for the editor: only the lines in view
 * are in the page, found through a line index built a slice per task. It
 * shows line numbers and evidence marks, honours reveal requests (the line is
 * scrolled to the middle and highlighted), copies the selection or, after
 * Ctrl+A, the whole text, and a paste after Ctrl+A replaces the whole text.
 */
export function LargeTextView({ label }: EditorProps) {
  const text = useAppStore(selectText);
  const setText = useAppStore(selectSetText);
  const reveal = useAppStore(selectReveal);
  const report = useAppStore(selectReport);
  const hostRef = useRef<HTMLDivElement>(null);
  const index = useMemo<LineIndex>(() => createLineIndex(text), [text]);
  // How far the index has come, as last shown; reset (during render) for a new text.
  const [progress, setProgress] = useState({ index, lines: index.lines, complete: index.complete });
  const [scroll, setScroll] = useState({ top: 0, height: 600 });
  const [selection, setSelection] = useState<{ index: LineIndex; all: boolean; hint: string | null }>({ index, all: false, hint: null });
  if (progress.index !== index) {
    setProgress({ index, lines: index.lines, complete: index.complete });
  }
  if (selection.index !== index) {
    setSelection({ index, all: false, hint: null });
  }
  const { lines, complete } = progress.index === index ? progress : index;
  const allSelected = selection.index === index && selection.all;
  const hint = selection.index === index ? selection.hint : null;
  const evidence = useMemo(() => new Map(report ? evidenceLines(report).map((e) => [e.line, e.kind] as const) : []), [report]);

  // Index the text a slice per task; the view grows as lines are found.
  useEffect(() => {
    let stopped = false;
    void (async () => {
      let shown = performance.now();
      while (!stopped && !index.build(INDEX_SLICE_MS)) {
        if (performance.now() - shown > 250) {
          shown = performance.now();
          setProgress({ index, lines: index.lines, complete: false });
        }
        await nextTask();
      }
      if (!stopped) {
        setProgress({ index, lines: index.lines, complete: true });
      }
    })();
    return () => {
      stopped = true;
    };
  }, [index]);

  // A new text starts at its top (the scroll event brings the view along).
  useLayoutEffect(() => {
    if (hostRef.current) {
      hostRef.current.scrollTop = 0;
    }
  }, [index]);

  const fullHeight = lines * LINE_HEIGHT;
  const spacer = Math.min(fullHeight, MAX_SCROLL_PX);
  const visible = Math.ceil(scroll.height / LINE_HEIGHT) + 1;
  const maxFirst = Math.max(0, lines - visible + 1);
  const scaled = fullHeight > MAX_SCROLL_PX;
  const scrollRange = Math.max(1, spacer - scroll.height);
  const firstLine = scaled ? 1 + Math.round((scroll.top / scrollRange) * maxFirst) : 1 + Math.floor(scroll.top / LINE_HEIGHT);
  const offset = scaled ? 0 : scroll.top % LINE_HEIGHT;

  // Reveal a line: scroll it to the middle, mark it, focus the view (once the index has reached it).
  const revealed = reveal && (reveal.line <= lines || complete) ? Math.max(1, Math.min(reveal.line, lines)) : null;
  useLayoutEffect(() => {
    const host = hostRef.current;
    if (revealed === null || !host) {
      return;
    }
    const top = scaled ? ((revealed - 1 - visible / 2) / Math.max(1, maxFirst)) * scrollRange : (revealed - 1) * LINE_HEIGHT - host.clientHeight / 2 + LINE_HEIGHT / 2;
    host.scrollTop = Math.max(0, top);
    host.scrollIntoView({ block: 'nearest' });
    host.focus({ preventScroll: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- applied once per request, when it arrives or when the index reaches its line
  }, [reveal, revealed]);

  // The height of the view (and the first one): the scroll event keeps the top.
  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host || typeof ResizeObserver === 'undefined') {
      return;
    }
    const ro = new ResizeObserver(() => setScroll({ top: host.scrollTop, height: host.clientHeight }));
    ro.observe(host);
    return () => ro.disconnect();
  }, []);

  const rows = [];
  // Nothing before the first slice of the index (in a task of its own, not in this render's).
  const last = lines > 1 || complete ? Math.min(lines, firstLine + visible) : 0;
  for (let n = firstLine; n <= last; n++) {
    const { start, end } = index.line(n);
    const cut = end - start > MAX_LINE_CHARS;
    const kind = evidence.get(n);
    rows.push(
      <div key={n} className={`large-text-line${n === revealed ? ' is-revealed' : ''}`} data-line={n}>
        <span className="large-text-number" aria-hidden="true">
          {kind ? <span className={`large-text-mark dl-evidence dl-evidence-${kind}`} /> : null}
          {n}
        </span>
        <span className="large-text-content">
          {text.slice(start, cut ? start + MAX_LINE_CHARS : end)}
          {cut ? <span className="large-text-cut"> … ({formatCount(end - start - MAX_LINE_CHARS)} more characters)</span> : null}
        </span>
      </div>,
    );
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      window.getSelection()?.removeAllRanges();
      setSelection({ index, all: true, hint: null });
    } else if (e.key === 'Escape') {
      setSelection({ index, all: false, hint: null });
    } else if (allSelected && (e.key === 'Delete' || e.key === 'Backspace')) {
      e.preventDefault();
      setText('', true);
    }
  };

  return (
    <>
      <div
        ref={hostRef}
        className={`large-text${allSelected ? ' is-all-selected' : ''}`}
        role="textbox"
        aria-readonly="true"
        aria-multiline="true"
        aria-label={label}
        aria-describedby="large-text-note"
        tabIndex={0}
        data-revealed-line={revealed ?? undefined}
        data-loading={complete ? undefined : 'true'}
        data-lines={complete ? lines : undefined}
        onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
        onKeyDown={onKeyDown}
        onMouseDown={() => allSelected && setSelection({ index, all: false, hint: null })}
        onCopy={(e) => {
          if (allSelected) {
            e.preventDefault();
            e.clipboardData.setData('text/plain', text);
          }
        }}
        onPaste={(e) => {
          e.preventDefault();
          if (allSelected) {
            setText(e.clipboardData.getData('text/plain'), true);
          } else {
            setSelection({ index, all: false, hint: 'Select all (Ctrl+A) first: a paste replaces the whole text.' });
          }
        }}
      >
        <div className="large-text-spacer" style={{ height: spacer }} />
        <div className="large-text-rows" style={{ top: scroll.top - offset }}>
          {rows}
        </div>
      </div>
      <p id="large-text-note" className="editor-loading large-text-note" role="status">
        {hint ??
          `Read-only: ${complete ? formatCount(lines) : `more than ${formatCount(lines)}`} lines (${formatSize(text.length)}) are too many to edit here. Ctrl+A, then paste to replace the text, or open another file.`}
      </p>
    </>
  );
}
