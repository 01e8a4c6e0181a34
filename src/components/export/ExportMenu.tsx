import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { EXPORT_FORMATS, exportReport, type ExportFormat } from '../../export';
import type { ExportOptions } from '../../export';
import { copyText } from '../../lib/clipboard';
import { useAppStore } from '../../store/context';
import { useMenu } from '../layout/use-menu';
import { downloadBytes } from './download';
import { exportFileName, installPrintExpansion } from './export-file';

const SHORT_LABEL: Record<ExportFormat, string> = { markdown: 'Markdown', bbcode: 'BBCode', text: 'plain text', json: 'JSON' };
/** Key of the notice shown when an export fails. */
const EXPORT_NOTICE_KEY = 'export';

/** The report on screen: the shared one on /shared, else the workspace's finished analysis. */
function useVisibleReport() {
  const { pathname } = useLocation();
  const shared = useAppStore((s) => s.sharedReport);
  const report = useAppStore((s) => (s.status === 'done' && s.text.trim() !== '' && s.report && !s.report.inputProblem ? s.report : null));
  if (pathname === '/shared') {
    return shared ? { report: shared.report, options: { redacted: shared.redacted } satisfies ExportOptions } : null;
  }
  return pathname === '/' && report ? { report, options: {} satisfies ExportOptions } : null;
}

/** Export menu: copy or download the report as Markdown, BBCode, plain text or JSON, or print it. */
export function ExportMenu() {
  const visible = useVisibleReport();
  const { open, setOpen, menuId, rootRef, buttonRef, onMenuKey } = useMenu();
  const [status, setStatus] = useState('');
  const showNotice = useAppStore((s) => s.showNotice);
  const dismissNotice = useAppStore((s) => s.dismissNotice);

  useEffect(() => installPrintExpansion(), []);

  const run = async (format: ExportFormat, how: 'copy' | 'download') => {
    if (!visible) {
      return;
    }
    const spec = EXPORT_FORMATS.find((f) => f.id === format)!;
    let text: string;
    try {
      text = exportReport(visible.report, format, visible.options);
    } catch (err) {
      // A report no analysis makes (a crafted shared one) must not fail silently.
      setStatus('');
      setOpen(false);
      buttonRef.current?.focus();
      showNotice({
        key: EXPORT_NOTICE_KEY,
        tone: 'error',
        title: `The report could not be exported as ${SHORT_LABEL[format]}`,
        message: `${err instanceof Error ? err.message : String(err)}. Nothing was copied or downloaded.`,
      });
      return;
    }
    dismissNotice(EXPORT_NOTICE_KEY);
    if (how === 'copy') {
      const ok = await copyText(text);
      setStatus(ok ? `Copied as ${SHORT_LABEL[format]}.` : 'The browser refused to copy; use Download instead.');
    } else {
      downloadBytes(text, exportFileName(visible.report, spec.extension), `${spec.mime};charset=utf-8`);
      setStatus(`Downloaded as ${SHORT_LABEL[format]}.`);
    }
    setOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <div className="menu-root" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={!visible}
        title={visible ? 'Copy, download or print the report' : 'Nothing to export yet'}
        onClick={() => {
          setStatus('');
          setOpen((o) => !o);
        }}
      >
        <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
          <g fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" strokeLinejoin="round">
            <path d="M8 2.5v7.5M5 7l3 3 3-3" />
            <path d="M3 10.5v2a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1v-2" />
          </g>
        </svg>
        <span className="button-label button-label-wide">Export</span>
        <svg className="icon icon-chevron" viewBox="0 0 16 16" aria-hidden="true">
          <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      <span className="visually-hidden" role="status" aria-live="polite">
        {status}
      </span>
      {open && visible ? (
        <div id={menuId} role="menu" className="menu export-menu" aria-label="Export the report" onKeyDown={onMenuKey}>
          {EXPORT_FORMATS.map((f) => (
            <div key={f.id} role="group" aria-label={f.label} className="export-row">
              <span className="export-label" aria-hidden="true">
                {f.label}
              </span>
              <button type="button" role="menuitem" className="button button-small" aria-label={`Copy as ${SHORT_LABEL[f.id]}`} onClick={() => void run(f.id, 'copy')}>
                Copy
              </button>
              <button type="button" role="menuitem" className="button button-small" aria-label={`Download as ${SHORT_LABEL[f.id]} (${f.extension})`} onClick={() => void run(f.id, 'download')}>
                Download
              </button>
            </div>
          ))}
          <div className="menu-separator" role="separator" />
          <button
            type="button"
            role="menuitem"
            className="menu-item"
            onClick={() => {
              setOpen(false);
              // After the menu closes, so it is not in the printout.
              setTimeout(() => window.print(), 0);
            }}
          >
            <span className="menu-item-title">Print…</span>
            <span className="menu-item-desc">The results only, without the editor (or save them as PDF).</span>
          </button>
        </div>
      ) : null}
    </div>
  );
}
