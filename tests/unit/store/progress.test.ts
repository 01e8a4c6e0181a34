import { describe, expect, it } from 'vitest';
import { createAppStore, SHORTENED_NOTICE } from '../../../src/store/app-store';
import type { AnalyzeCallOptions, AnalyzeOutcome, AnalyzerClient } from '../../../src/worker/client';
import { makeReport } from '../../render';

/** A client whose answers, and progress, the test sends by hand. */
function manualClient() {
  const calls: { text: string; options: AnalyzeCallOptions | undefined; resolve: (o: AnalyzeOutcome) => void }[] = [];
  const client: AnalyzerClient = {
    analyze: (text, options) => new Promise((resolve) => calls.push({ text, options, resolve })),
    readDump: () => Promise.resolve({ kind: 'superseded' }),
    dispose() {},
  };
  return { client, calls };
}

const SUMMARY = { sections: [{ field: 'stacks', label: 'stacks', total: 30901, kept: 1000 }] };

describe('analysis progress in the store', () => {
  it('shows the share of a long analysis done, and clears it when the report arrives', async () => {
    const { client, calls } = manualClient();
    const store = createAppStore({ client });
    store.getState().loadText('0: kd> !process 0 7', 'big.log');
    expect(store.getState()).toMatchObject({ status: 'running', progress: null });
    calls[0]!.options?.onProgress?.({ phase: 'parsing', done: 50, total: 100 });
    expect(store.getState().progress).toBeCloseTo(0.425);
    calls[0]!.options?.onProgress?.({ phase: 'judging', done: 100, total: 100 });
    expect(store.getState().progress).toBe(0.9);
    calls[0]!.resolve({ kind: 'result', report: makeReport(), ms: 5, via: 'worker' });
    await Promise.resolve();
    expect(store.getState()).toMatchObject({ status: 'done', progress: null, summary: null });
  });

  it('shows the verdict of a large report as soon as it arrives, then the full report', async () => {
    const { client, calls } = manualClient();
    const store = createAppStore({ client });
    store.getState().loadText('huge', null);
    calls[0]!.options?.onVerdict?.(makeReport({ headline: 'verdict first' }), 1234.4);
    expect(store.getState()).toMatchObject({ status: 'done', durationMs: 1234 });
    expect(store.getState().report?.headline).toBe('verdict first');
    calls[0]!.resolve({ kind: 'result', report: makeReport({ headline: 'everything' }), ms: 1300, via: 'worker' });
    await Promise.resolve();
    expect(store.getState().report?.headline).toBe('everything');
  });

  it('ignores progress of an analysis a newer one replaced', () => {
    const { client, calls } = manualClient();
    const store = createAppStore({ client });
    store.getState().loadText('first', null);
    store.getState().loadText('second', null);
    calls[0]!.options?.onProgress?.({ phase: 'parsing', done: 90, total: 100 });
    expect(store.getState().progress).toBeNull();
  });

  it('keeps the summary of a shortened report and says so in a notice, which a complete report removes', async () => {
    const { client, calls } = manualClient();
    const store = createAppStore({ client });
    store.getState().loadText('huge', null);
    calls[0]!.resolve({ kind: 'result', report: makeReport(), ms: 5, via: 'worker', summary: SUMMARY });
    await Promise.resolve();
    expect(store.getState().summary).toEqual(SUMMARY);
    const notice = store.getState().notices.find((n) => n.key === SHORTENED_NOTICE);
    expect(notice?.message).toContain('1,000 of 30,901 stacks');
    store.getState().loadText('small', null);
    calls[1]!.resolve({ kind: 'result', report: makeReport(), ms: 5, via: 'worker' });
    await Promise.resolve();
    expect(store.getState().summary).toBeNull();
    expect(store.getState().notices.some((n) => n.key === SHORTENED_NOTICE)).toBe(false);
  });
});
