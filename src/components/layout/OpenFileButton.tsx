import { useRef } from 'react';
import { useLoadFile } from './use-open-file';

/** "Open file" button with its hidden file input (.dmp, .txt, .log, .dumplens). */
export function OpenFileButton({ label = 'Open file', primary = false }: { label?: string; primary?: boolean }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const loadFile = useLoadFile();
  return (
    <>
      <button type="button" className={primary ? 'button button-primary' : 'button'} onClick={() => inputRef.current?.click()}>
        <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
          <path
            d="M2 3.5A1.5 1.5 0 0 1 3.5 2h3l1.5 1.5h4.5A1.5 1.5 0 0 1 14 5v7.5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 12.5z"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.3"
            strokeLinejoin="round"
          />
        </svg>
        <span className="button-label">{label}</span>
      </button>
      <input
        ref={inputRef}
        type="file"
        accept=".dmp,.txt,.log,.dumplens,text/plain"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) {
            void loadFile(file);
          }
        }}
      />
    </>
  );
}
