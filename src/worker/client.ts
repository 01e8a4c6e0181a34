/**
 * Promise wrapper around the analyzer worker.
 *
 * - Every call gets a fresh request id; a newer call supersedes the pending
 *   one, which resolves at once with `{ kind: 'superseded' }`, and any late
 *   answer to it is dropped. A worker still busy with a superseded request is
 *   terminated (a new one starts on demand), so a huge paste never delays the
 *   analysis of the text the user sees now.
 * - The client always resolves. If `Worker` is unavailable, fails to start or
 *   crashes, the analysis runs on the main thread instead (the analyzers are
 *   then loaded with a dynamic import, so they stay out of the first bundle).
 * - Long analyses report progress through `onProgress`; the report of a huge
 *   input arrives cut down for the page, with a `summary` of what was left out
 *   (summarize.ts), whichever thread ran it.
 */
import type { AnalyzeProgress } from '../analyzers/index';
import type { AnalysisReport } from '../analyzers/types';
import { nextTask, sliceText } from '../lib/slices';
import { isWorkerResponse, type WorkerRequest } from './protocol';
import type { ReportSummary } from './summarize';

/** What one `analyze` call ends with. */
export type AnalyzeOutcome =
  | { kind: 'result'; report: AnalysisReport; ms: number; via: 'worker' | 'main'; summary?: ReportSummary }
  | { kind: 'error'; message: string; ms: number }
  | { kind: 'superseded' };

/** What one `readDump` call ends with: the derived text and its report, a refusal, an error, or superseded. */
export type DumpOutcome =
  | {
      kind: 'dump';
      text: string;
      report: AnalysisReport;
      ms: number;
      /** Reading and deriving, then analyzing, as the thread that did it measured them. */
      readMs: number;
      analyzeMs: number;
      via: 'worker' | 'main';
      summary?: ReportSummary;
    }
  | { kind: 'refused'; problem: 'empty' | 'not-a-dump' | 'not-windows' | 'unreadable'; reason: string }
  | { kind: 'error'; message: string; ms: number }
  | { kind: 'superseded' };

/** Options of one `analyze` call. */
export interface AnalyzeCallOptions {
  /** Hears how far the analysis has come (worker only, a few times a second for long analyses). */
  onProgress?: (progress: AnalyzeProgress) => void;
  /**
   * Receives the verdict of a large report before the report itself (worker
   * only); the result then follows after the next frame, so that the page paints
   * the verdict before it renders the long lists.
   */
  onVerdict?: (report: AnalysisReport, ms: number) => void;
}

/** The analysis service the store talks to. */
export interface AnalyzerClient {
  analyze(text: string, options?: AnalyzeCallOptions): Promise<AnalyzeOutcome>;
  /**
   * Read a crash dump (a File or Blob, read by slices), derive its
   * debugger-style text and analyze it. Supersedes, and is superseded by,
   * `analyze` calls like any other request.
   */
  readDump(file: Blob, name: string): Promise<DumpOutcome>;
  /** Stop the worker and resolve any pending request as superseded. */
  dispose(): void;
}

/** Hooks for tests; production uses the defaults. */
export interface AnalyzerClientOptions {
  /** Create the worker; return null when workers are unavailable. */
  createWorker?: () => Worker | null;
  /** Run the analysis on the main thread (fallback). */
  analyzeOnMain?: (text: string) => AnalysisReport | Promise<AnalysisReport>;
  /** Read a dump on the main thread (fallback). */
  readDumpOnMain?: (file: Blob, name: string) => Promise<DumpOutcome>;
  now?: () => number;
}

function defaultCreateWorker(): Worker | null {
  if (typeof Worker === 'undefined') {
    return null;
  }
  return new Worker(new URL('./analyzer.worker.ts', import.meta.url), { type: 'module', name: 'dumplens-analyzer' });
}

async function defaultAnalyzeOnMain(text: string): Promise<AnalysisReport> {
  const [{ analyze }, { MAX_INPUT_CHARS }] = await Promise.all([import('../analyzers/index'), import('./limits')]);
  return analyze(text, { maxChars: MAX_INPUT_CHARS });
}

async function defaultReadDumpOnMain(file: Blob, name: string): Promise<DumpOutcome> {
  const [{ analyze }, { blobSource, readDump }, { MAX_INPUT_CHARS }] = await Promise.all([import('../analyzers/index'), import('../dump/index'), import('./limits')]);
  const started = performance.now();
  const r = await readDump(blobSource(file), name);
  const read = performance.now();
  if (!r.ok) {
    return { kind: 'refused', problem: r.problem, reason: r.reason };
  }
  const full = analyze(r.text, { maxChars: MAX_INPUT_CHARS });
  const { report, summary } = await summarizeOnMain(full);
  const analyzed = performance.now();
  const outcome: DumpOutcome = { kind: 'dump', text: r.text, report, ms: analyzed - started, readMs: read - started, analyzeMs: analyzed - read, via: 'main' };
  return summary ? { ...outcome, summary } : outcome;
}

/** Cut a huge report down for the page, as the worker does; a report that cannot be cut passes whole. */
async function summarizeOnMain(report: AnalysisReport): Promise<{ report: AnalysisReport; summary: ReportSummary | null }> {
  try {
    const { summarizeReport } = await import('./summarize');
    return summarizeReport(report);
  } catch {
    return { report, summary: null };
  }
}

/**
 * Posting a message copies its text on the main thread: a text longer than
 * this goes to the worker in parts of this size, one per task.
 */
export const POST_PART_CHARS = 1_000_000;

interface Pending {
  id: number;
  /** What was asked: a text to analyze, or a dump to read. */
  request: { type: 'analyze'; text: string } | { type: 'read-dump'; file: Blob; name: string };
  started: number;
  resolve: (outcome: AnalyzeOutcome | DumpOutcome) => void;
  onProgress?: (progress: AnalyzeProgress) => void;
  onVerdict?: (report: AnalysisReport, ms: number) => void;
  /** A verdict preview was delivered: the result waits for a frame. */
  previewed?: boolean;
  /** The worker has answered: it is idle, no need to restart it if this request is superseded. */
  answered?: boolean;
}

/** Run `fn` after the browser has had a chance to paint (a plain task where there are no frames). */
function afterNextPaint(fn: () => void): void {
  if (typeof requestAnimationFrame === 'function') {
    requestAnimationFrame(() => setTimeout(fn, 0));
  } else {
    setTimeout(fn, 0);
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Create a client. The worker itself starts lazily, on the first request. */
export function createAnalyzerClient(options: AnalyzerClientOptions = {}): AnalyzerClient {
  const createWorker = options.createWorker ?? defaultCreateWorker;
  const analyzeOnMain = options.analyzeOnMain ?? defaultAnalyzeOnMain;
  const readDumpOnMain = options.readDumpOnMain ?? defaultReadDumpOnMain;
  const now = options.now ?? (() => performance.now());

  let worker: Worker | null = null;
  /** Set once the worker could not start or crashed: stay on the main thread. */
  let workerBroken = false;
  let nextId = 1;
  let pending: Pending | null = null;

  function settle(p: Pending, outcome: AnalyzeOutcome | DumpOutcome): void {
    if (pending === p) {
      pending = null;
    }
    p.resolve(outcome);
  }

  function runOnMain(p: Pending): void {
    void (async () => {
      let outcome: AnalyzeOutcome | DumpOutcome;
      const req = p.request;
      try {
        if (req.type === 'read-dump') {
          outcome = await readDumpOnMain(req.file, req.name);
          if (pending === p) {
            settle(p, outcome);
          }
          return;
        }
        const full = await analyzeOnMain(req.text);
        const { report, summary } = await summarizeOnMain(full);
        outcome = summary
          ? { kind: 'result', report, ms: now() - p.started, via: 'main', summary }
          : { kind: 'result', report, ms: now() - p.started, via: 'main' };
      } catch (err) {
        outcome = { kind: 'error', message: messageOf(err), ms: now() - p.started };
      }
      // A newer request arrived meanwhile: this one was already resolved as superseded.
      if (pending === p) {
        settle(p, outcome);
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
    if (!isWorkerResponse(msg)) {
      return;
    }
    const p = pending;
    if (!p || msg.id !== p.id) {
      return; // stale: an answer to a superseded request
    }
    if (msg.type === 'progress') {
      p.onProgress?.({ phase: msg.phase, done: msg.done, total: msg.total });
    } else if (msg.type === 'verdict') {
      if (p.onVerdict) {
        p.previewed = true;
        p.onVerdict(msg.report, now() - p.started);
      }
    } else if (msg.type === 'dump') {
      p.answered = true;
      const outcome: DumpOutcome = { kind: 'dump', text: msg.text, report: msg.report, ms: now() - p.started, readMs: msg.readMs, analyzeMs: msg.analyzeMs, via: 'worker' };
      settle(p, msg.summary ? { ...outcome, summary: msg.summary } : outcome);
    } else if (msg.type === 'dump-refused') {
      p.answered = true;
      settle(p, { kind: 'refused', problem: msg.problem, reason: msg.reason });
    } else if (msg.type === 'result') {
      p.answered = true;
      const ms = now() - p.started;
      const outcome: AnalyzeOutcome = msg.summary
        ? { kind: 'result', report: msg.report, ms, via: 'worker', summary: msg.summary }
        : { kind: 'result', report: msg.report, ms, via: 'worker' };
      if (p.previewed) {
        // Still current after the frame? A newer request has resolved this one as superseded otherwise.
        afterNextPaint(() => {
          if (pending === p) {
            settle(p, outcome);
          }
        });
      } else {
        settle(p, outcome);
      }
    } else {
      settle(p, { kind: 'error', message: msg.message, ms: now() - p.started });
    }
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

  /** Start a request: supersede the pending one, then post to the worker or run on the main thread. */
  function start(request: Pending['request'], callOptions: AnalyzeCallOptions): Promise<AnalyzeOutcome | DumpOutcome> {
    const id = nextId++;
    if (pending) {
      const old = pending;
      pending = null;
      old.resolve({ kind: 'superseded' });
      // The worker is still computing the old request: restart it rather than wait.
      if (!old.answered) {
        dropWorker();
      }
    }
    return new Promise<AnalyzeOutcome | DumpOutcome>((resolve) => {
      const p: Pending = { id, request, started: now(), resolve };
      if (callOptions.onProgress) {
        p.onProgress = callOptions.onProgress;
      }
      if (callOptions.onVerdict) {
        p.onVerdict = callOptions.onVerdict;
      }
      pending = p;
      const w = ensureWorker();
      if (!w) {
        runOnMain(p);
        return;
      }
      if (request.type === 'read-dump' || request.text.length <= POST_PART_CHARS) {
        try {
          const message: WorkerRequest = request.type === 'analyze' ? { type: 'analyze', id, text: request.text } : { type: 'read-dump', id, file: request.file, name: request.name };
          w.postMessage(message);
        } catch {
          onCrash();
        }
        return;
      }
      const text = request.text;
      void (async () => {
        const texts = sliceText(text, POST_PART_CHARS);
        for (const part of texts) {
          // Superseded meanwhile (and its worker dropped): stop sending.
          if (pending !== p || worker !== w) {
            return;
          }
          try {
            w.postMessage({ type: 'analyze-part', id, text: part } satisfies WorkerRequest);
          } catch {
            onCrash();
            return;
          }
          await nextTask();
        }
        if (pending === p && worker === w) {
          try {
            w.postMessage({ type: 'analyze', id, text: '', parts: texts.length } satisfies WorkerRequest);
          } catch {
            onCrash();
          }
        }
      })();
    });
  }

  return {
    analyze(text: string, callOptions: AnalyzeCallOptions = {}): Promise<AnalyzeOutcome> {
      return start({ type: 'analyze', text }, callOptions) as Promise<AnalyzeOutcome>;
    },
    readDump(file: Blob, name: string): Promise<DumpOutcome> {
      return start({ type: 'read-dump', file, name }, {}) as Promise<DumpOutcome>;
    },
    dispose(): void {
      if (pending) {
        const old = pending;
        pending = null;
        old.resolve({ kind: 'superseded' });
      }
      dropWorker();
    },
  };
}
