import { useEffect, useId, useMemo, useState } from 'react';
import type { AnalysisReport } from '../../analyzers/types';
import { summarize, historyTitle } from '../../history/summary';
import { copyText } from '../../lib/clipboard';
import { formatCount } from '../../lib/text-lines';
import {
  DEFAULT_REDACT_OPTIONS,
  MAX_URL_LENGTH,
  REDACT_KIND_INFO,
  REDACT_KINDS,
  SAFE_URL_LENGTH,
  SHARE_FILE_MIME,
  shareFileName,
  shareFileOfFragment,
  shareUrl,
  type RedactKind,
} from '../../permalink';
import { useAppStore } from '../../store/context';
import { selectReport, selectStatus, selectText } from '../../store/selectors';
import type { ShareRequest, SharePrepared } from '../../worker/share-prepare';
import { downloadBytes } from '../export/download';
import { Dialog } from './Dialog';
import { RedactionPreview } from './RedactionPreview';
import { useShareService } from './share-client';

export type ShareMode = 'text' | 'report';

type Result = { state: 'pending' } | { state: 'error'; message: string } | { state: 'ready'; prepared: SharePrepared };

/** The page the link opens: the site root (the fragment carries the payload, on any path). */
function baseUrl(): string {
  return `${window.location.origin}/`;
}

const ADVICE_TEXT = {
  ok: 'Fits anywhere: browsers, forums, chat and mail.',
  long: `Opens in browsers, but forums, chat and mail often cut links longer than ${formatCount(SAFE_URL_LENGTH)} characters. A share file is safer.`,
  'too-long': `Too long for a link (browsers and forums do not reliably open links over ${formatCount(MAX_URL_LENGTH)} characters). Download a share file instead: it opens in dumplens with Open file or by dropping it on the page.`,
} as const;

/**
 * Share the current analysis as a link or a share file, optionally redacted.
 * The redaction preview, the counts and the link are prepared by the share
 * worker (see worker/share-prepare.ts): the page stays responsive on a large
 * session while they are computed.
 */
export function ShareDialog({ onClose }: { onClose: () => void }) {
  const text = useAppStore(selectText);
  const report = useAppStore(selectReport);
  const status = useAppStore(selectStatus);
  const getService = useShareService();
  const reportReady = status === 'done' && report !== null && !report.inputProblem;

  const [mode, setMode] = useState<ShareMode>('text');
  const [redactOn, setRedactOn] = useState(true);
  const [kinds, setKinds] = useState<Record<RedactKind, boolean>>({ ...DEFAULT_REDACT_OPTIONS });
  const [result, setResult] = useState<{ request: ShareRequest; result: Result } | null>(null);
  const [copiedFor, setCopiedFor] = useState<{ request: ShareRequest; value: 'link' | 'failed' } | null>(null);
  const groupId = useId();

  const effectiveMode: ShareMode = mode === 'report' && !reportReady ? 'text' : mode;
  const title = useMemo(() => (report && reportReady ? historyTitle(summarize(report)) : undefined), [report, reportReady]);
  const request = useMemo<ShareRequest>(
    // The workspace's report travels to the worker only when it is shared as it is.
    () => ({ text, report: effectiveMode === 'report' && !redactOn ? (report as AnalysisReport) : null, mode: effectiveMode, redactOn, kinds, title, baseUrl: baseUrl() }),
    [text, report, effectiveMode, redactOn, kinds, title],
  );
  const current: Result = result?.request === request ? result.result : { state: 'pending' };
  // While a new state is prepared, the last answer for the same text keeps its counts and preview on screen.
  const shown = current.state === 'ready' ? current.prepared : result?.result.state === 'ready' && result.request.text === text ? result.result.prepared : null;
  const built = current.state === 'ready' ? current.prepared.built : current;
  const copied = copiedFor?.request === request ? copiedFor.value : null;

  useEffect(() => {
    let live = true;
    void getService()
      .prepare(request)
      .then((outcome) => {
        if (!live || outcome.kind === 'superseded') {
          return;
        }
        setResult({ request, result: outcome.kind === 'prepared' ? { state: 'ready', prepared: outcome.prepared } : { state: 'error', message: `The link could not be prepared: ${outcome.message}` } });
      });
    return () => {
      live = false;
    };
  }, [request, getService]);

  const plan = built.state === 'ready' ? built.plan : null;
  const link = plan?.ok ? shareUrl(baseUrl(), plan.fragment) : null;
  const advice = plan?.ok ? plan.advice : null;

  const copyLink = async () => {
    if (link !== null) {
      setCopiedFor({ request, value: (await copyText(link)) ? 'link' : 'failed' });
    }
  };
  const downloadFile = () => {
    if (built.state === 'ready' && built.plan.ok) {
      downloadBytes(shareFileOfFragment(built.plan.fragment), shareFileName(title), SHARE_FILE_MIME);
    }
  };

  const footer = (
    <div className="share-actions">
      <button type="button" className={`button${advice === 'ok' ? ' button-primary' : ''}`} disabled={link === null || advice === 'too-long'} onClick={() => void copyLink()}>
        Copy link
      </button>
      <button type="button" className={`button${advice === 'long' || advice === 'too-long' ? ' button-primary' : ''}`} disabled={built.state !== 'ready' || !built.plan.ok} onClick={downloadFile}>
        Download share file
      </button>
      <span className="share-copied small" role="status" aria-live="polite">
        {copied === 'link' ? 'Link copied.' : copied === 'failed' ? 'The browser refused to copy: select the link and copy it by hand.' : ''}
      </span>
    </div>
  );

  return (
    <Dialog title="Share" onClose={onClose} className="share-dialog" footer={footer}>
      <fieldset className="field-group">
        <legend className="field-legend">What to share</legend>
        <label className="choice">
          <input type="radio" name={`${groupId}-mode`} checked={effectiveMode === 'text'} onChange={() => setMode('text')} data-autofocus />
          <span>
            <span className="choice-title">Debugger text and analysis</span>
            <span className="choice-desc">The recipient sees your text and can check every line the verdict cites.</span>
          </span>
        </label>
        <label className="choice">
          <input type="radio" name={`${groupId}-mode`} checked={effectiveMode === 'report'} disabled={!reportReady} onChange={() => setMode('report')} />
          <span>
            <span className="choice-title">Analysis only</span>
            <span className="choice-desc">
              {reportReady ? 'The report without your debugger text: verdict, findings, stacks and modules.' : 'Available once the analysis has finished.'}
            </span>
          </span>
        </label>
      </fieldset>

      <fieldset className="field-group">
        <legend className="field-legend">Personal identifiers</legend>
        <label className="choice">
          <input type="checkbox" checked={redactOn} onChange={(e) => setRedactOn(e.target.checked)} />
          <span>
            <span className="choice-title">Replace personal identifiers before sharing</span>
            <span className="choice-desc">
              Each one becomes a placeholder such as <code>&lt;USER1&gt;</code>; the same name always gets the same placeholder.
              {effectiveMode === 'report' && redactOn ? ' The redacted text is analyzed again, on this computer, and only that report is shared.' : ''}
            </span>
          </span>
        </label>
        {redactOn ? (
          <div className="redact-kinds" role="group" aria-label="Kinds of identifiers">
            {REDACT_KINDS.map((k) => (
              <label key={k} className="redact-kind" title={REDACT_KIND_INFO[k].example}>
                <input type="checkbox" checked={kinds[k]} onChange={(e) => setKinds((old) => ({ ...old, [k]: e.target.checked }))} />
                <span>{REDACT_KIND_INFO[k].label}</span>
                {shown ? (
                  <span className="count" aria-label={`${shown.counts[k]} found`}>
                    {shown.counts[k]}
                  </span>
                ) : null}
              </label>
            ))}
          </div>
        ) : (
          <p className="share-warning small" role="note">
            Nothing is replaced: user names, computer names and addresses in your text{effectiveMode === 'report' ? ' (and in the report: paths, thread and process names)' : ''} will be
            visible to anyone with the link.
          </p>
        )}
        {redactOn ? (
          <details className="redaction-details" open={(shown?.preview?.replacements ?? 0) > 0}>
            <summary>Preview of the replacements</summary>
            {shown?.preview ? (
              <RedactionPreview preview={shown.preview} />
            ) : (
              <p className="muted small" role="status">
                <span className="spinner" aria-hidden="true" /> Finding identifiers…
              </p>
            )}
          </details>
        ) : null}
      </fieldset>

      <section className="share-link" aria-label="Link">
        <h3 className="field-legend">Link</h3>
        {built.state === 'pending' ? (
          <p className="muted small" role="status">
            <span className="spinner" aria-hidden="true" /> Preparing the link…
          </p>
        ) : built.state === 'error' ? (
          <p className="share-error" role="alert">
            {built.message}
          </p>
        ) : !built.plan.ok ? (
          <p className="share-error" role="alert">
            {built.plan.reason}
          </p>
        ) : (
          <>
            {advice !== 'too-long' ? (
              <input className="share-url" readOnly value={link ?? ''} aria-label="Share link" onFocus={(e) => e.currentTarget.select()} />
            ) : null}
            <p className={`share-advice advice-${advice}`} data-advice={advice}>
              <strong>{formatCount(built.plan.length)} characters.</strong> {ADVICE_TEXT[advice!]}
            </p>
          </>
        )}
        <p className="muted small">
          The analysis travels inside the link itself (after the <code>#</code>, which browsers never send to a server). Nothing is uploaded.
        </p>
      </section>
    </Dialog>
  );
}
