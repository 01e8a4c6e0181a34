/**
 * Analyzer worker: message in → `analyze()` → message out. Nothing else lives
 * here, so the analysis of a large paste never blocks typing or scrolling.
 */
import { analyze } from '../analyzers/index';
import type { WorkerRequest, WorkerResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type !== 'analyze') {
    return;
  }
  let response: WorkerResponse;
  try {
    response = { type: 'result', id: request.id, report: analyze(request.text) };
  } catch (err) {
    response = { type: 'error', id: request.id, message: err instanceof Error ? err.message : String(err) };
  }
  scope.postMessage(response);
};
