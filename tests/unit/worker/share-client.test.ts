/** The Share dialog's client of the share worker, and what the worker prepares. */
import { describe, expect, it } from 'vitest';
import { decodePayload, DEFAULT_REDACT_OPTIONS } from '../../../src/permalink';
import { createShareClient } from '../../../src/worker/share-client';
import { PREVIEW_MAX_LINES, prepareShare, type SharePrepared, type ShareRequest } from '../../../src/worker/share-prepare';
import type { SharePrepareMessage, ShareWorkerResponse } from '../../../src/worker/share-protocol';

const PREPARED = { counts: {}, preview: null, built: { state: 'error', message: 'x' } } as unknown as SharePrepared;

class FakeWorker {
  onmessage: ((e: MessageEvent<unknown>) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  onmessageerror: ((e: Event) => void) | null = null;
  posted: SharePrepareMessage[] = [];
  terminated = false;
  postMessage(msg: SharePrepareMessage) {
    this.posted.push(msg);
  }
  terminate() {
    this.terminated = true;
  }
  answer(msg: ShareWorkerResponse) {
    this.onmessage?.({ data: msg } as MessageEvent<unknown>);
  }
  crash() {
    this.onerror?.(new Event('error'));
  }
}

function request(text: string, overrides: Partial<ShareRequest> = {}): ShareRequest {
  return { text, report: null, mode: 'text', redactOn: true, kinds: { ...DEFAULT_REDACT_OPTIONS }, title: undefined, baseUrl: 'https://dumplens.example/', ...overrides };
}

function setup() {
  const workers: FakeWorker[] = [];
  const onMain: ShareRequest[] = [];
  const client = createShareClient({
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    },
    prepareOnMain: (r) => {
      onMain.push(r);
      return PREPARED;
    },
  });
  return { client, workers, onMain };
}

describe('share client', () => {
  it('sends the request to the worker and resolves with its answer', async () => {
    const { client, workers } = setup();
    const pending = client.prepare(request('kd> k'));
    expect(workers[0]!.posted).toEqual([{ type: 'share-prepare', id: 1, ...request('kd> k') }]);
    workers[0]!.answer({ type: 'share-prepared', id: 1, prepared: PREPARED });
    expect(await pending).toEqual({ kind: 'prepared', prepared: PREPARED, via: 'worker' });
  });

  it('resolves a superseded request at once, restarts a busy worker and drops its late answer', async () => {
    const { client, workers } = setup();
    const first = client.prepare(request('old'));
    const second = client.prepare(request('new'));
    expect(await first).toEqual({ kind: 'superseded' });
    expect(workers[0]!.terminated).toBe(true);
    workers[0]!.answer({ type: 'share-prepared', id: 1, prepared: PREPARED });
    workers[1]!.answer({ type: 'share-error', id: 2, message: 'boom' });
    expect(await second).toEqual({ kind: 'error', message: 'boom' });
  });

  it('prepares on the main thread when the worker crashes or cannot start', async () => {
    const { client, workers, onMain } = setup();
    const pending = client.prepare(request('a'));
    workers[0]!.crash();
    expect(await pending).toMatchObject({ kind: 'prepared', via: 'main' });
    const noWorker = createShareClient({ createWorker: () => null, prepareOnMain: () => PREPARED });
    expect(await noWorker.prepare(request('b'))).toMatchObject({ kind: 'prepared', via: 'main' });
    expect(onMain.map((r) => r.text)).toEqual(['a']);
  });
});

describe('prepareShare', () => {
  const personal = 'Loading Dump File [C:\\Users\\alice\\Desktop\\MEMORY.DMP]\nCOMPUTERNAME=ALICE-PC\nGateway 192.168.1.20\n';

  it('counts every kind, previews the selected ones and links the redacted text', () => {
    const prepared = prepareShare(request(personal, { kinds: { ...DEFAULT_REDACT_OPTIONS, ip: false } }));
    expect(prepared.counts).toMatchObject({ user: 1, host: 1, ip: 1 });
    expect(prepared.preview).toMatchObject({ replacements: 2, lineCount: 2 });
    expect(prepared.preview!.lines[0]!.parts).toEqual(['Loading Dump File [C:\\Users\\', { kind: 'user', original: 'alice', placeholder: '<USER1>' }, '\\Desktop\\MEMORY.DMP]']);
    expect(prepared.built.state).toBe('ready');
    const plan = prepared.built.state === 'ready' ? prepared.built.plan : null;
    const decoded = decodePayload(plan!.ok ? plan!.fragment : '');
    expect(decoded.ok && decoded.payload.kind === 'text' && decoded.payload.text).toBe(
      'Loading Dump File [C:\\Users\\<USER1>\\Desktop\\MEMORY.DMP]\nCOMPUTERNAME=<HOST1>\nGateway 192.168.1.20\n',
    );
  });

  it('lists a bounded number of lines, with context around the replacements of a long one', () => {
    const many = Array.from({ length: PREVIEW_MAX_LINES + 50 }, (_, i) => `host 10.0.${i >> 8}.${i & 255}`).join('\n');
    const prepared = prepareShare(request(many));
    expect(prepared.preview!.lineCount).toBe(PREVIEW_MAX_LINES + 50);
    expect(prepared.preview!.lines).toHaveLength(PREVIEW_MAX_LINES);
    const long = prepareShare(request(`${'x'.repeat(5000)} 192.168.1.20 ${'y'.repeat(5000)}`));
    const parts = long.preview!.lines[0]!.parts;
    expect(parts[0]).toBe('…');
    expect(parts.at(-1)).toBe('…');
    expect(JSON.stringify(parts).length).toBeLessThan(400);
  });
});
