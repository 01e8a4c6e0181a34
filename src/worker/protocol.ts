/**
 * Messages between the app and the analyzer worker. Every request carries an
 * id; the worker answers with the same id, so the client can drop answers to
 * requests that a newer one has superseded.
 */
import type { AnalysisReport } from '../analyzers/types';

/** App → worker: analyze this text. */
export interface AnalyzeRequest {
  type: 'analyze';
  id: number;
  text: string;
}

/** Everything the app may send to the worker. */
export type WorkerRequest = AnalyzeRequest;

/** Worker → app: the report for request `id`. */
export interface AnalyzeResult {
  type: 'result';
  id: number;
  report: AnalysisReport;
}

/** Worker → app: request `id` failed (a bug of ours: `analyze` should never throw). */
export interface AnalyzeError {
  type: 'error';
  id: number;
  message: string;
}

/** Everything the worker may send back. */
export type WorkerResponse = AnalyzeResult | AnalyzeError;

/** Narrow an unknown message event payload to a `WorkerResponse`. */
export function isWorkerResponse(value: unknown): value is WorkerResponse {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const v = value as { type?: unknown; id?: unknown };
  return (v.type === 'result' || v.type === 'error') && typeof v.id === 'number';
}
