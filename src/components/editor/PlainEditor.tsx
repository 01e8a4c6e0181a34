import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { lineOffsets } from '../../lib/text-lines';
import { useAppStore } from '../../store/context';
import { selectReveal, selectSetText, selectText } from '../../store/selectors';
import { editorHandoff, type EditorProps } from './editor-context';

/**
 * A textarea shows at most this many characters…
 * Chromium lays a textarea's whole text out at once: a million short lines
 * take it many seconds, five million minutes, 15 MB of debugger output half a
 * minute, all in one task. A bigger text is shown by its beginning only.
 */
export const PLAIN_PREVIEW_CHARS = 20_000;
/** …and at most this many lines. */
export const PLAIN_PREVIEW_LINES = 500;

/** The beginning of `text` a textarea may show: the whole text when it is small enough. */
export function plainPreview(text: string): string {
  let end = Math.min(text.length, PLAIN_PREVIEW_CHARS);
  let at = -1;
  for (let n = 0; n < PLAIN_PREVIEW_LINES; n++) {
    at = text.indexOf('\n', at + 1);
    if (at === -1 || at >= end) {
      return text.slice(0, end);
    }
  }
  end = at;
  return text.slice(0, end);
}

function describeSize(chars: number): string {
  return chars >= 1_000_000 ? `${(chars / 1_000_000).toFixed(1)} million characters` : `${Math.round(chars / 1000)} thousand characters`;
}

/**
 * A plain textarea editor: the light placeholder shown while Monaco loads,
 * the fallback if it cannot load, and the editor used in component tests.
 * It honours reveal requests by selecting the line and scrolling to it, and
 * reports its first use (focus, click) so that Monaco loads at once.
 *
 * A text too large for a textarea (see PLAIN_PREVIEW_CHARS) is shown by its
 * beginning, read-only, with a note; Monaco is asked for at once, and shows
 * the whole text. A large paste is taken from the clipboard event, never
 * inserted into the textarea by the browser.
 */
export function PlainEditor({ label, onFirstUse }: EditorProps) {
  const text = useAppStore(selectText);
  const setText = useAppStore(selectSetText);
  const reveal = useAppStore(selectReveal);
  const ref = useRef<HTMLTextAreaElement>(null);
  // The whole (non-empty) text is selected: the next edit replaces all of it.
  const wholeSelected = useRef(false);
  const noteSelection = (ta: HTMLTextAreaElement): void => {
    wholeSelected.current = ta.value.length > 0 && ta.selectionStart === 0 && ta.selectionEnd === ta.value.length;
  };
  const shown = useMemo(() => (text.length > PLAIN_PREVIEW_LINES ? plainPreview(text) : text), [text]);
  const partial = shown.length < text.length;

  // A big text: the real editor, now (it shows big texts without freezing the page).
  useEffect(() => {
    if (partial) {
      onFirstUse?.();
    }
  }, [partial, onFirstUse]);

  // Layout cleanup runs before React removes the textarea, while it still has the focus.
  useLayoutEffect(() => {
    const ta = ref.current;
    return () => {
      editorHandoff.focused = ta !== null && document.activeElement === ta;
      editorHandoff.offset = ta?.selectionStart ?? 0;
    };
  }, []);

  useEffect(() => {
    const ta = ref.current;
    if (!reveal || !ta) {
      return;
    }
    const { start, end } = lineOffsets(ta.value, reveal.line);
    ta.focus({ preventScroll: true });
    ta.setSelectionRange(start, end);
    const lineHeight = Number.parseFloat(getComputedStyle(ta).lineHeight) || 20;
    ta.scrollTop = Math.max(0, (reveal.line - 1) * lineHeight - ta.clientHeight / 2);
  }, [reveal]);

  return (
    <>
      <textarea
        ref={ref}
        className="plain-editor"
        aria-label={label}
        aria-describedby={partial ? 'plain-editor-partial' : undefined}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        wrap="off"
        readOnly={partial}
        placeholder="Paste debugger output here (for example the output of !analyze -v)…"
        value={shown}
        data-revealed-line={reveal?.line}
        onSelect={(e) => noteSelection(e.currentTarget)}
        onPaste={(e) => {
          const pasted = e.clipboardData.getData('text/plain');
          if (pasted.length <= PLAIN_PREVIEW_CHARS && !partial) {
            return; // the textarea takes it, as usual
          }
          e.preventDefault();
          if (partial) {
            // Only a paste over the whole text makes sense in a preview.
            if (wholeSelected.current) {
              setText(pasted, true);
            }
            return;
          }
          const ta = e.currentTarget;
          const whole = wholeSelected.current || ta.value.length === 0;
          setText(ta.value.slice(0, ta.selectionStart) + pasted + ta.value.slice(ta.selectionEnd), whole);
        }}
        onChange={(e) => {
          const whole = wholeSelected.current;
          noteSelection(e.currentTarget);
          setText(e.target.value, whole);
        }}
        onFocus={onFirstUse}
        onPointerDown={onFirstUse}
      />
      {partial ? (
        <p id="plain-editor-partial" className="plain-editor-note" role="status">
          {onFirstUse
            ? `Showing the beginning of the text (${describeSize(text.length)}): the editor is loading and will show all of it.`
            : `Showing the beginning of the text (${describeSize(text.length)}): it is too large for this plain editor.`}
        </p>
      ) : null}
    </>
  );
}
