/**
 * Messages between the Share dialog and the share worker (share.worker.ts).
 * Like the analyzer's protocol: every request carries an id, the answer
 * repeats it, and the client drops answers to superseded requests.
 */
import type { ShareRequest, SharePrepared } from './share-prepare';

/** Dialog → worker: prepare the preview and the link for this state of the dialog. */
export interface SharePrepareMessage extends ShareRequest {
  type: 'share-prepare';
  id: number;
}

/** Worker → dialog: the answer to request `id`. */
export interface SharePreparedMessage {
  type: 'share-prepared';
  id: number;
  prepared: SharePrepared;
}

/** Worker → dialog: request `id` failed (a bug of ours: `prepareShare` should never throw). */
export interface ShareErrorMessage {
  type: 'share-error';
  id: number;
  message: string;
}

export type ShareWorkerResponse = SharePreparedMessage | ShareErrorMessage;

/** Narrow an unknown message event payload to a `ShareWorkerResponse`. */
export function isShareWorkerResponse(value: unknown): value is ShareWorkerResponse {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const v = value as { type?: unknown; id?: unknown };
  return (v.type === 'share-prepared' || v.type === 'share-error') && typeof v.id === 'number';
}
