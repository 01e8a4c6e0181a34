/**
 * Share worker: message in → `prepareShare()` → message out. Redaction,
 * re-analysis and compression of a large session take about a second; here
 * they never block the page. A superseded request is not cancelled here: the
 * client terminates this worker instead.
 */
import { prepareShare } from './share-prepare';
import type { SharePrepareMessage, ShareWorkerResponse } from './share-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<SharePrepareMessage>) => {
  const { type, id, ...request } = event.data;
  if (type !== 'share-prepare') {
    return;
  }
  let response: ShareWorkerResponse;
  try {
    response = { type: 'share-prepared', id, prepared: prepareShare(request) };
  } catch (err) {
    response = { type: 'share-error', id, message: err instanceof Error ? err.message : String(err) };
  }
  scope.postMessage(response);
};
