import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnalysisReport } from '../../../src/analyzers/types';
import { blankReport } from '../../../src/analyzers/report';
import { createAppStore } from '../../../src/store/app-store';
import { collapseFrames, evidenceLines, findingsBySeverity } from '../../../src/store/selectors';
import type { AnalyzeOutcome, AnalyzerClient, DumpOutcome } from '../../../src/worker/client';

function report(headline: string, extra: Partial<AnalysisReport> = {}): AnalysisReport {
  return {
    ...blankReport(headline, 1),
    kind: 'kernel',
    stats: { lines: 1, blocks: 0, skippedLines: 0, truncated: false },
    ...extra,
  };
}

/** A client whose answers the test releases by hand. */
function manualClient() {
  const calls: { text: string; resolve: (o: AnalyzeOutcome) => void }[] = [];
  const dumps: { name: string; resolve: (o: DumpOutcome) => void }[] = [];
  const client: AnalyzerClient = {
    analyze: (text) => new Promise((resolve) => calls.push({ text, resolve })),
    readDump: (_file, name) => new Promise((resolve) => dumps.push({ name, resolve })),
    dispose() {},
  };
  return { client, calls, dumps };
}

describe('app store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('analyzes edited text only after the pause, once for a burst of edits', async () => {
    const { client, calls } = manualClient();
    const store = createAppStore({ client, debounceMs: 300 });
    store.getState().setText('k');
    store.getState().setText('kd');
    store.getState().setText('kd> k');
    await vi.advanceTimersByTimeAsync(299);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.text)).toEqual(['kd> k']);
    expect(store.getState().status).toBe('running');
    calls[0]!.resolve({ kind: 'result', report: report('done'), ms: 12.4, via: 'worker' });
    await vi.runAllTimersAsync();
    expect(store.getState()).toMatchObject({ status: 'done', durationMs: 12, error: null });
    expect(store.getState().report?.headline).toBe('done');
  });

  it('analyzes loaded text at once, bumps the text version and clears the reveal', async () => {
    const { client, calls } = manualClient();
    const store = createAppStore({ client });
    store.getState().revealLine(5);
    store.getState().loadText('0: kd> !analyze -v', 'crash.log');
    expect(calls).toHaveLength(1);
    expect(store.getState()).toMatchObject({ text: '0: kd> !analyze -v', sourceName: 'crash.log', textVersion: 1, reveal: null });
  });

  it('forgets the file name when an edit replaces the whole text or empties it, not after a partial edit', () => {
    const { client } = manualClient();
    const store = createAppStore({ client });
    store.getState().loadText('0: kd> !analyze -v', 'crash.log');
    store.getState().setText('0: kd> !analyze -v\n');
    expect(store.getState().sourceName).toBe('crash.log');
    store.getState().setText('1: kd> k', true);
    expect(store.getState().sourceName).toBeNull();
    store.getState().loadText('0: kd> !analyze -v', 'crash.log');
    store.getState().setText('   ');
    expect(store.getState().sourceName).toBeNull();
  });

  it('keeps only the newest outcome when analyses overlap', async () => {
    const { client, calls } = manualClient();
    const store = createAppStore({ client });
    store.getState().loadText('first', null);
    store.getState().loadText('second', null);
    calls[1]!.resolve({ kind: 'result', report: report('second'), ms: 1, via: 'worker' });
    calls[0]!.resolve({ kind: 'result', report: report('first'), ms: 1, via: 'worker' });
    await vi.runAllTimersAsync();
    expect(store.getState().report?.headline).toBe('second');
  });

  it('does not analyze blank text and returns to idle', async () => {
    const { client, calls } = manualClient();
    const store = createAppStore({ client, debounceMs: 10 });
    store.getState().setText('   \n ');
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toHaveLength(0);
    expect(store.getState()).toMatchObject({ status: 'idle', report: null });
  });

  it('stores an error outcome as an error status with its message', async () => {
    const { client, calls } = manualClient();
    const store = createAppStore({ client });
    store.getState().loadText('kd> k', null);
    calls[0]!.resolve({ kind: 'error', message: 'boom', ms: 3 });
    await vi.runAllTimersAsync();
    expect(store.getState()).toMatchObject({ status: 'error', error: 'boom', report: null });
  });

  it('numbers reveal requests so the same line can be revealed twice', () => {
    const store = createAppStore({ client: manualClient().client });
    store.getState().revealLine(42);
    const first = store.getState().reveal;
    store.getState().revealLine(42);
    expect(store.getState().reveal?.line).toBe(42);
    expect(store.getState().reveal).not.toBe(first);
  });

  it('clamps the splitter and persists theme changes through the callback', () => {
    const saved: string[] = [];
    const store = createAppStore({ client: manualClient().client, onThemeChange: (t) => saved.push(t) });
    store.getState().setSplitPercent(5);
    expect(store.getState().splitPercent).toBe(25);
    store.getState().setSplitPercent(99);
    expect(store.getState().splitPercent).toBe(75);
    store.getState().setThemePreference('dark');
    expect(store.getState().themePreference).toBe('dark');
    expect(saved).toEqual(['dark']);
  });
});

describe('selectors', () => {
  it('group findings by severity, critical first, leaving out empty groups', () => {
    const r = report('x', {
      findings: [
        { id: 'a', severity: 'info', title: 'A', lines: [1] },
        { id: 'b', severity: 'critical', title: 'B', lines: [2] },
      ],
    });
    expect(findingsBySeverity(r).map((g) => [g.severity, g.findings.map((f) => f.id)])).toEqual([
      ['critical', ['b']],
      ['info', ['a']],
    ]);
    expect(findingsBySeverity(r)).toBe(findingsBySeverity(r));
  });

  it('list evidence lines once each, the strongest kind winning', () => {
    const r = report('x', {
      bugcheck: { code: '0x0000009F', name: null, args: [], line: 3, decodedArgs: [] },
      suspects: [{ module: 'z', confidence: 0.9, origin: 'unknown', reasons: [{ text: 'r', line: 7, rule: 'faulting-stack' }, { text: 'no line', rule: 'faulting-stack' }] }],
      findings: [
        { id: 'a', severity: 'info', title: 'A', lines: [7, 9] },
        { id: 'b', severity: 'warning', title: 'B', lines: [3] },
      ],
    });
    expect(evidenceLines(r)).toEqual([
      { line: 3, kind: 'bugcheck' },
      { line: 7, kind: 'suspect' },
      { line: 9, kind: 'info' },
    ]);
  });

  it('collapse runs of identical call sites, case-insensitively, but never trap frames', () => {
    const f = (site: string, line: number, trapFrame?: string) => ({ site, module: null, symbol: null, offset: null, line, ...(trapFrame ? { trapFrame } : {}) });
    const rows = collapseFrames([f('a+0x1', 1), f('A+0x1', 2), f('b', 3), f('t', 4, 'ff'), f('t', 5, 'ff'), f('a+0x1', 6)]);
    expect(rows.map((r) => [r.frame.line, r.count, r.position])).toEqual([
      [1, 2, 0],
      [3, 1, 2],
      [4, 1, 3],
      [5, 1, 4],
      [6, 1, 5],
    ]);
  });
});

describe('app store: crash dump files', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('replaces the text with the text derived from a dump, named after the file, with its report', async () => {
    const { client, dumps } = manualClient();
    const store = createAppStore({ client, initialText: 'kd> k' });
    const pending = store.getState().loadDump(new Blob([new Uint8Array(8)]), 'crash.dmp');
    expect(store.getState()).toMatchObject({ status: 'running', text: 'kd> k' });
    dumps[0]!.resolve({ kind: 'dump', text: '* derived\nkd> .bugcheck', report: report('dump verdict'), ms: 42.2, readMs: 10, analyzeMs: 30, via: 'worker' });
    // The text arrives first; its report after the next paint.
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState()).toMatchObject({ text: '* derived\nkd> .bugcheck', sourceName: 'crash.dmp (derived text)', textVersion: 1 });
    await vi.runAllTimersAsync();
    await pending;
    expect(store.getState()).toMatchObject({ status: 'done', durationMs: 42 });
    expect(store.getState().report?.headline).toBe('dump verdict');
  });

  it('keeps the text and the report when the file is refused, and says why', async () => {
    const { client, calls, dumps } = manualClient();
    const store = createAppStore({ client, initialText: 'kd> k', initialSourceName: 'mine.log' });
    const first = store.getState().analyzeNow();
    calls[0]!.resolve({ kind: 'result', report: report('before'), ms: 1, via: 'worker' });
    await first;
    const pending = store.getState().loadDump(new Blob([]), 'empty.dmp');
    dumps[0]!.resolve({ kind: 'refused', problem: 'empty', reason: 'empty.dmp is empty (0 bytes): there is nothing to read.' });
    await pending;
    expect(store.getState()).toMatchObject({ text: 'kd> k', sourceName: 'mine.log', textVersion: 0, status: 'done' });
    expect(store.getState().report?.headline).toBe('before');
    expect(store.getState().notices).toEqual([{ key: 'file-refused', tone: 'warning', title: 'Empty file', message: 'empty.dmp is empty (0 bytes): there is nothing to read. The editor keeps its text.' }]);
  });

  it('drops a dump that an edit superseded', async () => {
    const { client, dumps } = manualClient();
    const store = createAppStore({ client, initialText: 'kd> k', debounceMs: 10 });
    const pending = store.getState().loadDump(new Blob([new Uint8Array(8)]), 'late.dmp');
    store.getState().setText('kd> kv');
    await vi.advanceTimersByTimeAsync(10);
    dumps[0]!.resolve({ kind: 'dump', text: 'late', report: report('late'), ms: 1, readMs: 0, analyzeMs: 0, via: 'worker' });
    await pending;
    expect(store.getState().text).toBe('kd> kv');
  });
});
