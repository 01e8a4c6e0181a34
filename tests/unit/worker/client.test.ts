import { describe, expect, it } from 'vitest';
import type { AnalysisReport } from '../../../src/analyzers/types';
import { nextTask } from '../../../src/lib/slices';
import { createAnalyzerClient, POST_PART_CHARS } from '../../../src/worker/client';
import type { WorkerRequest, WorkerResponse } from '../../../src/worker/protocol';

const REPORT = { headline: 'from worker' } as AnalysisReport;
const MAIN_REPORT = { headline: 'from main thread' } as AnalysisReport;

/** A stand-in for `Worker`: records posted requests; the test answers or crashes it. */
class FakeWorker {
  onmessage: ((e: MessageEvent<unknown>) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  onmessageerror: ((e: Event) => void) | null = null;
  posted: WorkerRequest[] = [];
  terminated = false;
  postMessage(msg: WorkerRequest) {
    this.posted.push(msg);
  }
  terminate() {
    this.terminated = true;
  }
  answer(msg: WorkerResponse) {
    this.onmessage?.({ data: msg } as MessageEvent<unknown>);
  }
  crash() {
    this.onerror?.(new Event('error'));
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const mainTexts: string[] = [];
  const client = createAnalyzerClient({
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    },
    analyzeOnMain: (text) => {
      mainTexts.push(text);
      return MAIN_REPORT;
    },
    now: () => 0,
  });
  return { client, workers, mainTexts };
}

describe('analyzer client', () => {
  it('sends the text to the worker and resolves with its report', async () => {
    const { client, workers } = setup();
    const pending = client.analyze('kd> k');
    const w = workers[0]!;
    expect(w.posted).toEqual([{ type: 'analyze', id: 1, text: 'kd> k' }]);
    w.answer({ type: 'result', id: 1, report: REPORT });
    expect(await pending).toEqual({ kind: 'result', report: REPORT, ms: 0, via: 'worker' });
  });

  it('resolves a superseded request at once and restarts a busy worker', async () => {
    const { client, workers } = setup();
    const first = client.analyze('old');
    const second = client.analyze('new');
    expect(await first).toEqual({ kind: 'superseded' });
    expect(workers[0]!.terminated).toBe(true);
    const w = workers[1]!;
    expect(w.posted).toEqual([{ type: 'analyze', id: 2, text: 'new' }]);
    w.answer({ type: 'result', id: 2, report: REPORT });
    expect(await second).toMatchObject({ kind: 'result', report: REPORT });
  });

  it('sends a big text in parts, one per task, then the request naming how many', async () => {
    const { client, workers } = setup();
    const text = 'kd> k\n'.repeat(Math.ceil((2.5 * POST_PART_CHARS) / 6));
    const pending = client.analyze(text);
    const w = workers[0]!;
    // One part now, the others in later tasks.
    expect(w.posted).toHaveLength(1);
    await expect.poll(() => w.posted.at(-1)?.type).toBe('analyze');
    const parts = w.posted.slice(0, -1);
    expect(parts.every((m) => m.type === 'analyze-part' && m.id === 1 && m.text.length <= POST_PART_CHARS)).toBe(true);
    expect(parts.map((m) => (m.type === 'analyze-part' ? m.text : '')).join('')).toBe(text);
    expect(w.posted.at(-1)).toEqual({ type: 'analyze', id: 1, text: '', parts: parts.length });
    w.answer({ type: 'result', id: 1, report: REPORT });
    expect(await pending).toMatchObject({ kind: 'result', report: REPORT });
  });

  it('stops sending the parts of a text superseded meanwhile', async () => {
    const { client, workers } = setup();
    const first = client.analyze('x'.repeat(3 * POST_PART_CHARS));
    const second = client.analyze('kd> k');
    expect(await first).toEqual({ kind: 'superseded' });
    // Past the moment the next part would have gone.
    for (let i = 0; i < 3; i++) {
      await nextTask();
    }
    expect(workers[0]!.posted).toHaveLength(1);
    expect(workers[1]!.posted).toEqual([{ type: 'analyze', id: 2, text: 'kd> k' }]);
    workers[1]!.answer({ type: 'result', id: 2, report: REPORT });
    expect(await second).toMatchObject({ report: REPORT });
  });

  it('drops a stale answer carrying an older id', async () => {
    const { client, workers } = setup();
    const pending = client.analyze('a');
    const w = workers[0]!;
    w.answer({ type: 'result', id: 99, report: MAIN_REPORT });
    w.answer({ type: 'result', id: 1, report: REPORT });
    expect(await pending).toMatchObject({ report: REPORT });
  });

  it('passes a worker error message through as an error outcome', async () => {
    const { client, workers } = setup();
    const pending = client.analyze('a');
    workers[0]!.answer({ type: 'error', id: 1, message: 'parser bug' });
    expect(await pending).toEqual({ kind: 'error', message: 'parser bug', ms: 0 });
  });

  it('falls back to the main thread when the worker crashes, and stays there', async () => {
    const { client, workers, mainTexts } = setup();
    const pending = client.analyze('crashy');
    workers[0]!.crash();
    expect(await pending).toEqual({ kind: 'result', report: MAIN_REPORT, ms: 0, via: 'main' });
    expect(await client.analyze('next')).toMatchObject({ via: 'main' });
    expect(mainTexts).toEqual(['crashy', 'next']);
    expect(workers).toHaveLength(1);
  });

  it('runs on the main thread when workers are unavailable', async () => {
    const mainTexts: string[] = [];
    const client = createAnalyzerClient({
      createWorker: () => null,
      analyzeOnMain: (text) => {
        mainTexts.push(text);
        return MAIN_REPORT;
      },
    });
    expect(await client.analyze('kd> k')).toMatchObject({ kind: 'result', via: 'main', report: MAIN_REPORT });
    expect(mainTexts).toEqual(['kd> k']);
  });

  it('turns a main-thread exception into an error outcome', async () => {
    const client = createAnalyzerClient({
      createWorker: () => null,
      analyzeOnMain: () => {
        throw new Error('bad input handling');
      },
    });
    expect(await client.analyze('x')).toMatchObject({ kind: 'error', message: 'bad input handling' });
  });

  it('analyzes for real on the main thread by default when Worker does not exist (Node)', async () => {
    const client = createAnalyzerClient();
    const outcome = await client.analyze('0: kd> !analyze -v\nBugCheck 9F, {4, 258, fffffa8007005660, fffff800053e83d0}\n');
    expect(outcome.kind).toBe('result');
    if (outcome.kind === 'result') {
      expect(outcome.via).toBe('main');
      expect(outcome.report.schemaVersion).toBe(1);
    }
  });

  it('sends a dump to the worker as a Blob and resolves with its derived text and report', async () => {
    const { client, workers } = setup();
    const file = new Blob([new Uint8Array(8)]);
    const pending = client.readDump(file, 'crash.dmp');
    const w = workers[0]!;
    expect(w.posted).toEqual([{ type: 'read-dump', id: 1, file, name: 'crash.dmp' }]);
    w.answer({ type: 'dump', id: 1, text: 'kd> .bugcheck', report: REPORT, readMs: 3, analyzeMs: 5 });
    expect(await pending).toEqual({ kind: 'dump', text: 'kd> .bugcheck', report: REPORT, ms: 0, readMs: 3, analyzeMs: 5, via: 'worker' });
  });

  it('passes a refusal on, and lets a newer text supersede a dump being read', async () => {
    const { client, workers } = setup();
    const refused = client.readDump(new Blob([]), 'empty.dmp');
    workers[0]!.answer({ type: 'dump-refused', id: 1, problem: 'empty', reason: 'empty.dmp is empty' });
    expect(await refused).toEqual({ kind: 'refused', problem: 'empty', reason: 'empty.dmp is empty' });
    const slow = client.readDump(new Blob([new Uint8Array(8)]), 'big.dmp');
    const text = client.analyze('kd> k');
    expect(await slow).toEqual({ kind: 'superseded' });
    expect(workers[0]!.terminated).toBe(true);
    workers[1]!.answer({ type: 'result', id: 3, report: REPORT });
    expect(await text).toMatchObject({ kind: 'result' });
  });

  it('reads a real dump on the main thread when Worker does not exist (Node)', async () => {
    const client = createAnalyzerClient();
    const noise = new Blob([new Uint8Array(64).fill(7)]);
    expect(await client.readDump(noise, 'noise.dmp')).toMatchObject({ kind: 'refused', problem: 'not-a-dump' });
  });
});
