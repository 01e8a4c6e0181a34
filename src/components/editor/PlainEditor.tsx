import { useEffect, useLayoutEffect, useRef } from 'react';
import { lineOffsets } from '../../lib/text-lines';
import { useAppStore } from '../../store/context';
import { selectReveal, selectSetText, selectText } from '../../store/selectors';
import { editorHandoff, type EditorProps } from './editor-context';

/**
 * A plain textarea editor: the light placeholder shown while Monaco loads,
 * the fallback if it cannot load, and the editor used in component tests.
 * It honours reveal requests by selecting the line and scrolling to it, and
 * reports its first use (focus, click) so that Monaco loads at once.
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
    <textarea
      ref={ref}
      className="plain-editor"
      aria-label={label}
      spellCheck={false}
      autoCapitalize="off"
      autoComplete="off"
      autoCorrect="off"
      wrap="off"
      placeholder="Paste debugger output here (for example the output of !analyze -v)…"
      value={text}
      data-revealed-line={reveal?.line}
      onSelect={(e) => noteSelection(e.currentTarget)}
      onChange={(e) => {
        const whole = wholeSelected.current;
        noteSelection(e.currentTarget);
        setText(e.target.value, whole);
      }}
      onFocus={onFirstUse}
      onPointerDown={onFirstUse}
    />
  );
}
