import { useRef } from 'react';
import { MAX_SPLIT, MIN_SPLIT } from '../../store/app-store';
import { useAppStore } from '../../store/context';
import { selectSplitPercent } from '../../store/selectors';

/** Draggable, keyboard-operable separator between the editor and the results. */
export function Splitter({ containerRef }: { containerRef: React.RefObject<HTMLElement | null> }) {
  const percent = useAppStore(selectSplitPercent);
  const setSplitPercent = useAppStore((s) => s.setSplitPercent);
  const dragging = useRef(false);

  const moveTo = (clientX: number) => {
    const box = containerRef.current?.getBoundingClientRect();
    if (!box || box.width === 0) {
      return;
    }
    setSplitPercent(((clientX - box.left) / box.width) * 100);
  };

  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize editor and results"
      aria-valuemin={MIN_SPLIT}
      aria-valuemax={MAX_SPLIT}
      aria-valuenow={Math.round(percent)}
      tabIndex={0}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        e.preventDefault();
      }}
      onPointerMove={(e) => {
        if (dragging.current) {
          moveTo(e.clientX);
        }
      }}
      onPointerUp={(e) => {
        dragging.current = false;
        e.currentTarget.releasePointerCapture(e.pointerId);
      }}
      onDoubleClick={() => setSplitPercent(50)}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 10 : 2;
        if (e.key === 'ArrowLeft') {
          setSplitPercent(percent - step);
        } else if (e.key === 'ArrowRight') {
          setSplitPercent(percent + step);
        } else if (e.key === 'Home') {
          setSplitPercent(MIN_SPLIT);
        } else if (e.key === 'End') {
          setSplitPercent(MAX_SPLIT);
        } else {
          return;
        }
        e.preventDefault();
      }}
    />
  );
}
