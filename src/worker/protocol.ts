/**
 * Messages between the app and the analyzer worker. Every request carries an
 * id; the worker answers with the same id, so the client can drop answers to
 * requests that a newer one has superseded.
 */
import type { AnalyzeProgress } from '../analyzers/index';
import type { AnalysisReport } from '../analyzers/types';
import type { ReportSummary } from './summarize';

/** App → worker: analyze this text. */
export interface AnalyzeRequest {
  type: 'analyze';
  id: number;
  text: string;
  /**
   * Set for a big text: it came in this many `analyze-part` messages of the same
   * id, sent just before (`text` is then empty). Posting a message copies its
   * text on the main thread, so a text of many megabytes is sent in parts.
   */
  parts?: number;
}

/** App → worker: one part of the text of request `id`, in order. */
export interface AnalyzePart {
  type: 'analyze-part';
  id: number;
  text: string;
}

/**
 * App → worker: read this crash dump, derive its debugger-style text and
 * analyze that. The file travels as a Blob (structured clone passes a handle,
 * not the bytes), and the worker reads only the slices it needs.
 */
export interface ReadDumpRequest {
  type: 'read-dump';
  id: number;
  file: Blob;
  /** The file's name, for the derived text's header and messages. */
  name: string;
}

/** Everything the app may send to the worker. */
export type WorkerRequest = AnalyzeRequest | AnalyzePart | ReadDumpRequest;

/** Worker → app: request `id` is under way (sent for long analyses only, a few times a second at most). */
export interface AnalyzeProgressMessage extends AnalyzeProgress {
  type: 'progress';
  id: number;
}

/** Worker → app: the report for request `id`. */
export interface AnalyzeResult {
  type: 'result';
  id: number;
  report: AnalysisReport;
  /** Set when the report was cut down for the page (huge inputs): what was left out. */
  summary?: ReportSummary;
}

/**
 * Worker → app: the verdict of request `id` without the report's long lists,
 * sent just before the result when the report is large, so that the page can
 * show the verdict before it renders thousands of rows.
 */
export interface AnalyzeVerdict {
  type: 'verdict';
  id: number;
  report: AnalysisReport;
}

/** Worker → app: request `id` failed (a bug of ours: `analyze` should never throw). */
export interface AnalyzeError {
  type: 'error';
  id: number;
  message: string;
}

/** Worker → app: the dump of request `id`, read: its derived text and the report of that text. */
export interface DumpResult {
  type: 'dump';
  id: number;
  text: string;
  report: AnalysisReport;
  summary?: ReportSummary;
  /** Milliseconds spent reading the dump and deriving the text, then analyzing the text (worker clock). */
  readMs: number;
  analyzeMs: number;
}

/** Worker → app: the file of request `id` is not a dump this reader can read (empty, not a dump, another OS…). */
export interface DumpRefused {
  type: 'dump-refused';
  id: number;
  problem: 'empty' | 'not-a-dump' | 'not-windows' | 'unreadable';
  reason: string;
}

/** Everything the worker may send back. */
export type WorkerResponse = AnalyzeResult | AnalyzeError | AnalyzeProgressMessage | AnalyzeVerdict | DumpResult | DumpRefused;

/** Narrow an unknown message event payload to a `WorkerResponse`. */
export function isWorkerResponse(value: unknown): value is WorkerResponse {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const v = value as { type?: unknown; id?: unknown };
  return (
    (v.type === 'result' || v.type === 'error' || v.type === 'progress' || v.type === 'verdict' || v.type === 'dump' || v.type === 'dump-refused') &&
    typeof v.id === 'number'
  );
}
