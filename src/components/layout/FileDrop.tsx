import { useEffect, useRef, useState } from 'react';
import { useLoadFile } from './use-open-file';

function hasFiles(e: DragEvent): boolean {
  return e.dataTransfer?.types.includes('Files') ?? false;
}

/** Accepts a file dropped anywhere on the page (including the editor) and shows a drop hint while dragging. */
export function FileDrop() {
  const loadFile = useLoadFile();
  const [active, setActive] = useState(false);
  const depth = useRef(0);

  useEffect(() => {
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) {
        return;
      }
      e.preventDefault();
      depth.current++;
      setActive(true);
    };
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) {
        return;
      }
      // Capture phase + stopPropagation: the editor must not take the drop as text.
      e.preventDefault();
      e.stopPropagation();
      if (e.dataTransfer) {
        e.dataTransfer.dropEffect = 'copy';
      }
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) {
        return;
      }
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) {
        setActive(false);
      }
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) {
        return;
      }
      e.preventDefault();
      e.stopPropagation();
      depth.current = 0;
      setActive(false);
      const file = e.dataTransfer?.files[0];
      if (file) {
        void loadFile(file);
      }
    };
    window.addEventListener('dragenter', onEnter, true);
    window.addEventListener('dragover', onOver, true);
    window.addEventListener('dragleave', onLeave, true);
    window.addEventListener('drop', onDrop, true);
    return () => {
      window.removeEventListener('dragenter', onEnter, true);
      window.removeEventListener('dragover', onOver, true);
      window.removeEventListener('dragleave', onLeave, true);
      window.removeEventListener('drop', onDrop, true);
    };
  }, [loadFile]);

  if (!active) {
    return null;
  }
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-card">Drop a .dmp, .txt or .log file to open it</div>
    </div>
  );
}
