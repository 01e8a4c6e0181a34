/**
 * Analyzer worker: message in → `analyze()` → message out (for a crash dump:
 * `readDump()` → its derived text → `analyze()`). Nothing else lives here, so
 * the analysis of a large paste never blocks typing or scrolling.
 * Long analyses report their progress (at most ten times a second); the report
 * of a huge input is cut down for the page (see summarize.ts), and a large one
 * is preceded by its verdict alone, which the page can show at once. A superseded
 * analysis is not cancelled here: the client terminates this worker instead,
 * since a synchronous analysis cannot read messages until it ends.
 */
import { analyze } from '../analyzers/index';
import { blobSource, readDump } from '../dump/index';
import { MAX_INPUT_CHARS } from './limits';
import type { ReadDumpRequest, WorkerRequest, WorkerResponse } from './protocol';
import { PREVIEW_ABOVE_ITEMS, reportItems, summarizeReport, verdictPreview } from './summarize';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** Minimum time between two progress messages. */
const PROGRESS_INTERVAL_MS = 100;

/**
 * A crash dump: read by slices of the Blob (a multi-gigabyte kernel dump is
 * never loaded whole), its derived text analyzed like a paste; the text comes
 * back with the report, to be shown in the editor.
 */
async function readDumpRequest(request: ReadDumpRequest): Promise<void> {
  let response: WorkerResponse;
  try {
    const started = performance.now();
    const r = await readDump(blobSource(request.file), request.name);
    const read = performance.now();
    if (!r.ok) {
      response = { type: 'dump-refused', id: request.id, problem: r.problem, reason: r.reason };
    } else {
      const { report, summary } = summarizeReport(analyze(r.text, { maxChars: MAX_INPUT_CHARS }));
      const base = { type: 'dump', id: request.id, text: r.text, report, readMs: read - started, analyzeMs: performance.now() - read } as const;
      response = summary ? { ...base, summary } : base;
    }
  } catch (err) {
    response = { type: 'error', id: request.id, message: err instanceof Error ? err.message : String(err) };
  }
  scope.postMessage(response);
}

/** Parts of a big text received so far, for the request of this id. */
let parts: { id: number; texts: string[] } | null = null;

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const message = event.data;
  if (message.type === 'read-dump') {
    void readDumpRequest(message);
    return;
  }
  if (message.type === 'analyze-part') {
    if (parts?.id !== message.id) {
      parts = { id: message.id, texts: [] };
    }
    parts.texts.push(message.text);
    return;
  }
  if (message.type !== 'analyze') {
    return;
  }
  let request = message;
  if (message.parts !== undefined) {
    const texts = parts?.id === message.id ? parts.texts : [];
    parts = null;
    if (texts.length !== message.parts) {
      scope.postMessage({ type: 'error', id: message.id, message: `the text arrived in ${texts.length} of ${message.parts} parts` } satisfies WorkerResponse);
      return;
    }
    request = { ...message, text: texts.join('') };
  }
  let response: WorkerResponse;
  try {
    let last = performance.now();
    const report = analyze(request.text, {
      maxChars: MAX_INPUT_CHARS,
      onProgress(progress) {
        const now = performance.now();
        if (now - last >= PROGRESS_INTERVAL_MS) {
          last = now;
          scope.postMessage({ type: 'progress', id: request.id, ...progress } satisfies WorkerResponse);
        }
      },
    });
    const { report: cut, summary } = summarizeReport(report);
    if (reportItems(cut) > PREVIEW_ABOVE_ITEMS) {
      scope.postMessage({ type: 'verdict', id: request.id, report: verdictPreview(cut) } satisfies WorkerResponse);
    }
    response = summary ? { type: 'result', id: request.id, report: cut, summary } : { type: 'result', id: request.id, report: cut };
  } catch (err) {
    response = { type: 'error', id: request.id, message: err instanceof Error ? err.message : String(err) };
  }
  scope.postMessage(response);
};
