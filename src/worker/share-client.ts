/**
 * Promise wrapper around the share worker, like the analyzer's client:
 * a newer request supersedes the pending one (which resolves at once as
 * `superseded`; a worker still busy with it is terminated and restarted on
 * demand), and the client always resolves. Without workers (or if the worker
 * fails) the preparation runs on the main thread, loaded on demand.
 */
import type { ShareRequest, SharePrepared } from './share-prepare';
import { isShareWorkerResponse, type SharePrepareMessage } from './share-protocol';

/** What one `prepare` call ends with. */
export type ShareOutcome = { kind: 'prepared'; prepared: SharePrepared; via: 'worker' | 'main' } | { kind: 'error'; message: string } | { kind: 'superseded' };

/** The service the Share dialog talks to. */
export interface ShareService {
  prepare(request: ShareRequest): Promise<ShareOutcome>;
  dispose(): void;
}

/** Hooks for tests; production uses the defaults. */
export interface ShareClientOptions {
  /** Create the worker; return null when workers are unavailable. */
  createWorker?: () => Worker | null;
  /** Prepare on the main thread (fallback). */
  prepareOnMain?: (request: ShareRequest) => SharePrepared | Promise<SharePrepared>;
}

function defaultCreateWorker(): Worker | null {
  if (typeof Worker === 'undefined') {
    return null;
  }
  return new Worker(new URL('./share.worker.ts', import.meta.url), { type: 'module', name: 'dumplens-share' });
}

async function defaultPrepareOnMain(request: ShareRequest): Promise<SharePrepared> {
  const { prepareShare } = await import('./share-prepare');
  return prepareShare(request);
}

interface Pending {
  id: number;
  request: ShareRequest;
  resolve: (outcome: ShareOutcome) => void;
  answered?: boolean;
}

/** Create a client. The worker starts lazily, on the first request. */
export function createShareClient(options: ShareClientOptions = {}): ShareService {
  const createWorker = options.createWorker ?? defaultCreateWorker;
  const prepareOnMain = options.prepareOnMain ?? defaultPrepareOnMain;
  let worker: Worker | null = null;
  let workerBroken = false;
  let nextId = 1;
  let pending: Pending | null = null;

  function settle(p: Pending, outcome: ShareOutcome): void {
    if (pending === p) {
      pending = null;
      p.resolve(outcome);
    }
  }

  function runOnMain(p: Pending): void {
    void (async () => {
      try {
        settle(p, { kind: 'prepared', prepared: await prepareOnMain(p.request), via: 'main' });
      } catch (err) {
        settle(p, { kind: 'error', message: err instanceof Error ? err.message : String(err) });
      }
    })();
  }

  function dropWorker(): void {
    if (worker) {
      worker.onmessage = null;
      worker.onerror = null;
      worker.onmessageerror = null;
      worker.terminate();
      worker = null;
    }
  }

  function onCrash(event?: Event): void {
    event?.preventDefault();
    dropWorker();
    workerBroken = true;
    if (pending) {
      runOnMain(pending);
    }
  }

  function onMessage(event: MessageEvent<unknown>): void {
    const msg = event.data;
    const p = pending;
    if (!isShareWorkerResponse(msg) || !p || msg.id !== p.id) {
      return; // stale: an answer to a superseded request
    }
    p.answered = true;
    settle(p, msg.type === 'share-prepared' ? { kind: 'prepared', prepared: msg.prepared, via: 'worker' } : { kind: 'error', message: msg.message });
  }

  function ensureWorker(): Worker | null {
    if (workerBroken) {
      return null;
    }
    if (!worker) {
      try {
        worker = createWorker();
      } catch {
        worker = null;
      }
      if (!worker) {
        workerBroken = true;
        return null;
      }
      worker.onmessage = onMessage;
      worker.onerror = onCrash;
      worker.onmessageerror = onCrash;
    }
    return worker;
  }

  return {
    prepare(request) {
      if (pending) {
        const old = pending;
        pending = null;
        old.resolve({ kind: 'superseded' });
        // The worker is still busy with the old request: restart it rather than wait.
        if (!old.answered) {
          dropWorker();
        }
      }
      return new Promise<ShareOutcome>((resolve) => {
        const p: Pending = { id: nextId++, request, resolve };
        pending = p;
        const w = ensureWorker();
        if (!w) {
          runOnMain(p);
          return;
        }
        try {
          w.postMessage({ type: 'share-prepare', id: p.id, ...request } satisfies SharePrepareMessage);
        } catch {
          onCrash();
        }
      });
    },
    dispose() {
      if (pending) {
        const old = pending;
        pending = null;
        old.resolve({ kind: 'superseded' });
      }
      dropWorker();
    },
  };
}
