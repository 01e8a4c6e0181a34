/**
 * Everything the Share dialog needs from a text, computed off the page's
 * thread (share.worker.ts; on the main thread only where workers are missing):
 * how many identifiers of each kind the text holds, a preview of the
 * replacements, the redacted text analyzed again when only the report is
 * shared, and the compressed link. On a 10 MB session this is about a second
 * of work: done on the page, it froze it.
 *
 * Pure apart from one memo (the counts of the last text, which do not change
 * while the user toggles kinds).
 */
import { analyze } from '../analyzers/index';
import type { AnalysisReport } from '../analyzers/types';
import {
  DEFAULT_REDACT_OPTIONS,
  planShare,
  REDACT_KINDS,
  redactDetailed,
  type RedactionSpan,
  type RedactKind,
  type SharePayload,
  type SharePlan,
} from '../permalink';
import { MAX_INPUT_CHARS } from './limits';
import { summarizeReport } from './summarize';

/** Most lines the preview lists; the rest are counted. */
export const PREVIEW_MAX_LINES = 200;
/** Characters of context kept around the replacements of a long line. */
const CONTEXT = 60;

/** What to share, as the dialog's controls say. */
export interface ShareRequest {
  text: string;
  /** The workspace's report (shared as it is when the text is not redacted). */
  report: AnalysisReport | null;
  mode: 'text' | 'report';
  redactOn: boolean;
  kinds: Record<RedactKind, boolean>;
  title: string | undefined;
  /** The page the link opens (`https://host/`). */
  baseUrl: string;
}

/** A piece of a preview line: text as it is, or one replacement. */
export type PreviewPart = string | { kind: RedactKind; original: string; placeholder: string };

/** One line of the preview: its replacements with a little context (`…` where cut). */
export interface PreviewLine {
  line: number;
  parts: PreviewPart[];
}

/** The replacements the selected kinds make. */
export interface SharePreview {
  replacements: number;
  /** Lines with at least one replacement. */
  lineCount: number;
  /** The first `PREVIEW_MAX_LINES` of them. */
  lines: PreviewLine[];
}

/** The link, or why there is none. */
export type ShareBuilt = { state: 'error'; message: string } | { state: 'ready'; plan: SharePlan };

/** The answer to a `ShareRequest`. */
export interface SharePrepared {
  /** Identifiers of each kind in the text, all kinds on (shown beside each toggle). */
  counts: Record<RedactKind, number>;
  /** Null when redaction is off. */
  preview: SharePreview | null;
  built: ShareBuilt;
}

function previewLine(line: number, text: string, spans: readonly RedactionSpan[]): PreviewLine {
  const parts: PreviewPart[] = [];
  const first = spans[0]!.start;
  const last = spans[spans.length - 1]!.end;
  let pos = Math.max(0, first - CONTEXT);
  if (pos > 0) {
    parts.push('…');
  }
  for (const s of spans) {
    if (s.start > pos) {
      parts.push(text.slice(pos, s.start));
    }
    parts.push({ kind: s.kind, original: s.original, placeholder: s.placeholder });
    pos = s.end;
  }
  const end = Math.min(text.length, last + CONTEXT);
  parts.push(text.slice(pos, end));
  if (end < text.length) {
    parts.push('…');
  }
  return { line, parts };
}

function previewOf(spans: readonly RedactionSpan[], lineText: (line: number) => string): SharePreview {
  const lines: PreviewLine[] = [];
  let lineCount = 0;
  for (let i = 0; i < spans.length; ) {
    const line = (spans[i] as RedactionSpan).line;
    let j = i;
    while (j < spans.length && (spans[j] as RedactionSpan).line === line) {
      j++;
    }
    lineCount++;
    if (lines.length < PREVIEW_MAX_LINES) {
      lines.push(previewLine(line, lineText(line), spans.slice(i, j)));
    }
    i = j;
  }
  return { replacements: spans.length, lineCount, lines };
}

function countKinds(spans: readonly RedactionSpan[]): Record<RedactKind, number> {
  const counts = Object.fromEntries(REDACT_KINDS.map((k) => [k, 0])) as Record<RedactKind, number>;
  for (const s of spans) {
    counts[s.kind]++;
  }
  return counts;
}

/** The counts of the last text seen (toggling kinds does not change them). */
let memo: { text: string; counts: Record<RedactKind, number> } | null = null;

/** Prepare the preview and the link for one state of the Share dialog. Never throws. */
export function prepareShare(req: ShareRequest): SharePrepared {
  const allOn = REDACT_KINDS.every((k) => req.kinds[k]);
  let counts = memo !== null && memo.text === req.text ? memo.counts : null;
  let preview: SharePreview | null = null;
  let redactedText = req.text;
  if (req.redactOn) {
    const r = redactDetailed(req.text, req.kinds);
    redactedText = r.text;
    preview = previewOf(r.spans, r.lineText);
    if (allOn) {
      counts ??= countKinds(r.spans);
    }
  }
  counts ??= countKinds(redactDetailed(req.text, DEFAULT_REDACT_OPTIONS).spans);
  memo = { text: req.text, counts };

  let payload: SharePayload;
  try {
    if (req.mode === 'text') {
      payload = { kind: 'text', text: redactedText, title: req.title, redacted: req.redactOn };
    } else {
      // Only the report leaves: of the redacted text, analyzed again here, cut as the page shows it.
      const report = req.redactOn || req.report === null ? summarizeReport(analyze(redactedText, { maxChars: MAX_INPUT_CHARS })).report : req.report;
      payload = { kind: 'report', report, title: req.title, redacted: req.redactOn };
    }
    return { counts, preview, built: { state: 'ready', plan: planShare(payload, req.baseUrl) } };
  } catch (err) {
    return { counts, preview, built: { state: 'error', message: `The link could not be prepared: ${err instanceof Error ? err.message : String(err)}` } };
  }
}
