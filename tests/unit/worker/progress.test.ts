import { describe, expect, it } from 'vitest';
import { analyze, type AnalyzeProgress } from '../../../src/analyzers/index';
import type { AnalysisReport } from '../../../src/analyzers/types';
import { createAnalyzerClient } from '../../../src/worker/client';
import { MAX_FILE_BYTES, MAX_INPUT_CHARS, fileSizeProblem } from '../../../src/worker/limits';
import { reportItems, verdictPreview } from '../../../src/worker/summarize';
import type { WorkerRequest, WorkerResponse } from '../../../src/worker/protocol';
import session26 from '../../fixtures/sessions/26-13c-eresource-recursive-deadlock.txt?raw';

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
}

function setup() {
  const workers: FakeWorker[] = [];
  const client = createAnalyzerClient({
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    },
    now: () => 0,
  });
  return { client, workers };
}

const REPORT = { headline: 'done' } as AnalysisReport;

describe('analysis progress', () => {
  it('reports the lines read while parsing, then the verdict, without changing the report', () => {
    // Many blocks, so that progress is reported between them.
    const text = Array.from({ length: 40 }, () => session26).join('\n');
    const seen: AnalyzeProgress[] = [];
    const report = analyze(text, { onProgress: (p) => seen.push(p) });
    expect(report).toEqual(analyze(text));
    const parsing = seen.filter((p) => p.phase === 'parsing');
    expect(parsing.length).toBeGreaterThan(10);
    for (let i = 1; i < parsing.length; i++) {
      expect(parsing[i]!.done).toBeGreaterThan(parsing[i - 1]!.done);
    }
    expect(parsing.every((p) => p.total === report.stats.lines && p.done < p.total)).toBe(true);
    expect(seen.at(-1)).toEqual({ phase: 'judging', done: report.stats.lines, total: report.stats.lines });
  });

  it('hands the worker progress of the current request to the caller and drops that of a superseded one', async () => {
    const { client, workers } = setup();
    const seen: number[] = [];
    const first = client.analyze('old', { onProgress: () => seen.push(-1) });
    const oldWorker = workers[0]!;
    const second = client.analyze('new', { onProgress: (p) => seen.push(p.done) });
    expect(await first).toEqual({ kind: 'superseded' });
    expect(oldWorker.terminated).toBe(true);
    const w = workers[1]!;
    oldWorker.answer({ type: 'progress', id: 1, phase: 'parsing', done: 5, total: 10 });
    w.answer({ type: 'progress', id: 2, phase: 'parsing', done: 3, total: 10 });
    w.answer({ type: 'progress', id: 2, phase: 'parsing', done: 7, total: 10 });
    w.answer({ type: 'result', id: 2, report: REPORT });
    expect(await second).toMatchObject({ kind: 'result', report: REPORT, via: 'worker' });
    expect(seen).toEqual([3, 7]);
  });

  it('passes on the summary of a report the worker shortened', async () => {
    const { client, workers } = setup();
    const pending = client.analyze('huge');
    const summary = { sections: [{ field: 'stacks', label: 'stacks', total: 5000, kept: 1000 }] };
    workers[0]!.answer({ type: 'result', id: 1, report: REPORT, summary });
    expect(await pending).toEqual({ kind: 'result', report: REPORT, ms: 0, via: 'worker', summary });
  });
});

describe('verdict first, details after', () => {
  it('hands over the verdict of a large report at once and the full report only after a paint', async () => {
    const { client, workers } = setup();
    const verdicts: string[] = [];
    let settled = false;
    const pending = client.analyze('large', { onVerdict: (r) => verdicts.push(r.headline) }).then((o) => {
      settled = true;
      return o;
    });
    const w = workers[0]!;
    w.answer({ type: 'verdict', id: 1, report: { headline: 'verdict only' } as AnalysisReport });
    w.answer({ type: 'result', id: 1, report: REPORT });
    expect(verdicts).toEqual(['verdict only']);
    await Promise.resolve();
    expect(settled).toBe(false);
    expect(await pending).toMatchObject({ kind: 'result', report: REPORT });
  });

  it('drops the delayed report when a newer request arrives meanwhile, without restarting the idle worker', async () => {
    const { client, workers } = setup();
    const first = client.analyze('large', { onVerdict: () => {} });
    const w = workers[0]!;
    w.answer({ type: 'verdict', id: 1, report: REPORT });
    w.answer({ type: 'result', id: 1, report: REPORT });
    const second = client.analyze('next');
    expect(await first).toEqual({ kind: 'superseded' });
    expect(w.terminated).toBe(false);
    expect(w.posted.map((r) => (r.type === 'read-dump' ? r.name : r.text))).toEqual(['large', 'next']);
    w.answer({ type: 'result', id: 2, report: REPORT });
    expect(await second).toMatchObject({ kind: 'result' });
  });

  it('makes the preview of a report its verdict without the long lists', () => {
    const report = analyze(Array.from({ length: 40 }, () => session26).join('\n'));
    expect(reportItems(report)).toBeGreaterThan(100);
    const preview = verdictPreview(report);
    expect(preview.headline).toBe(report.headline);
    expect(preview.suspects).toEqual(report.suspects);
    expect(preview.findings).toEqual(report.findings.slice(0, 20));
    expect(preview.stacks).toEqual([]);
    expect(preview.commands).toEqual([]);
    expect(preview.stats.truncated).toBe(true);
    expect(reportItems(preview)).toBe(Math.min(20, report.findings.length));
  });
});

describe('input limits', () => {
  it('refuses a file over the limit by its size, naming the limit, and accepts one at the limit', () => {
    expect(fileSizeProblem({ name: 'huge.log', size: 250_000_000 })).toMatch(/^huge\.log is 250 MB; dumplens reads files up to 100 MB\./);
    expect(fileSizeProblem({ name: 'big.log', size: MAX_FILE_BYTES })).toBeNull();
  });

  it('makes analyze refuse text over the character limit with a message instead of a verdict', () => {
    const report = analyze('0: kd> k\n'.repeat(20), { maxChars: 100 });
    expect(report.inputProblem).toMatch(/^The input is 180 characters long; dumplens analyzes up to 100\./);
    expect(report.suspects).toEqual([]);
    expect(MAX_INPUT_CHARS).toBeGreaterThanOrEqual(100_000_000);
  });
});
