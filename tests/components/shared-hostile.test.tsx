// @vitest-environment jsdom
/**
 * A report-only share link is the sender's claim: it is capped like the
 * worker's own reports, its derived words are rebuilt here, inconsistent
 * values are refused, and the page says it was not re-checked.
 */
import { screen, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyze } from '../../src/analyzers/index';
import type { AnalysisReport, StackFrame } from '../../src/analyzers/types';
import { ExportMenu } from '../../src/components/export/ExportMenu';
import { applyShared } from '../../src/components/share/open-shared';
import { Notices } from '../../src/components/share/Notices';
import SharedPage from '../../src/pages/SharedPage';
import { decodePayload, encodePayload, type DecodeResult, type SharePayload } from '../../src/permalink';
import { SHARED_TEXT_MAX, SHARED_TITLE_MAX } from '../../src/permalink/shared-report';
import { createAppStore } from '../../src/store/app-store';
import { REPORT_LIMITS } from '../../src/worker/summarize';
import { fakeClient, renderWithApp } from '../render';

const S04 = readFileSync(join(__dirname, '../fixtures/seeds/s04-9f-power-irp-zteusbnet.txt'), 'utf8');
const S04_REPORT = analyze(S04);

/** What decoding a link carrying `payload` gives (the codec itself is tested in tests/unit/permalink). */
function decoded(payload: SharePayload): DecodeResult {
  return { ok: true, payload, version: 1 };
}

function report(overrides: Partial<AnalysisReport> = {}): AnalysisReport {
  return { ...structuredClone(S04_REPORT), ...overrides };
}

/** Open a report-only payload, then render the page it leads to (with the notices above it). */
async function openShared(payload: SharePayload) {
  const store = createAppStore({ client: fakeClient() });
  const route = await applyShared(store, null, decoded(payload), 'link');
  const result = renderWithApp(
    <>
      <Notices />
      <ExportMenu />
      <SharedPage />
    </>,
    { store, route: '/shared' },
  );
  return { ...result, route };
}

afterEach(() => {
  vi.restoreAllMocks();
  sessionStorage.clear();
});

describe('a report-only link with long strings', () => {
  it('caps its title and every string of its report, and lets long words break', async () => {
    const long = 'W'.repeat(1 << 20);
    const shared = report({
      suspects: [{ ...S04_REPORT.suspects[0]!, reasons: [{ text: long, line: 3, rule: 'faulting-stack' }] }],
      findings: [{ id: 'x', severity: 'warning', title: long, detail: long, lines: [1] }],
    });
    const { store, route } = await openShared({ kind: 'report', report: shared, title: long, redacted: false });
    expect(route).toBe('/shared');
    const open = store.getState().sharedReport!;
    expect(open.title!.length).toBeLessThanOrEqual(SHARED_TITLE_MAX);
    expect(open.title!.endsWith('…')).toBe(true);
    const strings = JSON.stringify(open.report).match(/"(?:[^"\\]|\\.)*"/g) ?? [];
    expect(Math.max(...strings.map((s) => s.length))).toBeLessThanOrEqual(SHARED_TEXT_MAX + 2);
    const heading = screen.getByRole('heading', { level: 1 });
    expect(heading.textContent!.length).toBeLessThan(SHARED_TITLE_MAX + 40);
    expect(document.title.length).toBeLessThan(SHARED_TITLE_MAX + 40);
  });

  it('is shown in a page whose text wraps inside long words', () => {
    const css = readFileSync(join(__dirname, '../../src/styles/app.css'), 'utf8');
    const rule = /\.shared-page\s*\{([^}]*)\}/.exec(css);
    expect(rule?.[1]).toMatch(/overflow-wrap:\s*(?:anywhere|break-word)/);
    const history = /\.history-open\s*\{([^}]*)\}/.exec(css);
    expect(history?.[1]).toMatch(/overflow-wrap:\s*anywhere/);
  });
});

describe('a text link with a long title', () => {
  it('names the text with its title capped', async () => {
    const store = createAppStore({ client: fakeClient() });
    expect(await applyShared(store, null, decoded({ kind: 'text', text: S04, title: 'W'.repeat(1 << 20), redacted: false }), 'link')).toBe('/');
    expect(store.getState().sourceName!.length).toBeLessThanOrEqual(SHARED_TITLE_MAX);
  });
});

describe('a report-only link with very long lists', () => {
  it('is cut to the caps of the worker’s own reports, with the same notice', async () => {
    const frames: StackFrame[] = Array.from({ length: 120_000 }, (_, i) => ({ site: `evil!F${i}+0x1`, module: 'evil', symbol: `F${i}`, offset: '0x1', line: 10 }));
    const reasons = Array.from({ length: 200_000 }, (_, i) => ({ text: `reason ${i}`, line: 5, rule: 'faulting-stack' }));
    const shared = report({
      suspects: [{ ...S04_REPORT.suspects[0]!, reasons }],
      stacks: [{ frames, format: 'kn', line: 10, endLine: 10, source: 'kn' }],
    });
    const { store, container } = await openShared({ kind: 'report', report: shared, redacted: false });
    const open = store.getState().sharedReport!.report;
    expect(open.stacks[0]!.frames.length).toBe(REPORT_LIMITS.framesPerStack);
    expect(open.suspects[0]!.reasons.length).toBe(REPORT_LIMITS.reasonsPerSuspect);
    expect(open.stats.truncated).toBe(true);
    const notice = screen.getByText('Very large shared report').closest('[role="status"]')!;
    expect(notice).toHaveTextContent('To keep the page responsive, the report lists 100 of 200,000 reasons and leaves out 119,000 frames of very deep stacks, evidence first.');
    expect(notice).not.toHaveTextContent('The verdict used everything');
    expect(container.querySelectorAll('*').length).toBeLessThan(20_000);
  });
});

describe('a report-only link is the sender’s claim', () => {
  it('gets its headline, bug check words and module origins rebuilt from its data', async () => {
    const top = S04_REPORT.suspects[0]!;
    const shared = report({
      headline: 'DRIVER_POWER_STATE_FAILURE (0x9F): a driver fault; ZTEusbnet is the likely culprit (84% confidence).',
      suspects: [{ ...top, confidence: 1, origin: 'microsoft', vendor: 'Microsoft', product: 'Windows' }],
      bugcheck: { ...S04_REPORT.bugcheck!, name: 'TOTALLY_HARMLESS', meaning: 'Nothing to see here.', decodedArgs: S04_REPORT.bugcheck!.decodedArgs.map((a) => ({ ...a, label: 'trust me' })) },
    });
    await openShared({ kind: 'report', report: shared, redacted: false });
    const verdict = screen.getByRole('region', { name: 'Verdict' });
    const headline = verdict.querySelector('.headline')!;
    expect(headline).toHaveTextContent('(100% confidence)');
    expect(headline).not.toHaveTextContent('84%');
    expect(verdict).toHaveTextContent('DRIVER_POWER_STATE_FAILURE');
    expect(verdict).not.toHaveTextContent('TOTALLY_HARMLESS');
    expect(verdict).not.toHaveTextContent('Nothing to see here.');
    expect(verdict).not.toHaveTextContent('trust me');
    expect(within(verdict).getByRole('meter', { name: 'Confidence' })).toHaveAttribute('aria-valuenow', '100');
    const suspect = verdict.querySelector('.suspect')!;
    expect(suspect).not.toHaveTextContent('Microsoft · Windows');
    expect(suspect).toHaveTextContent(S04_REPORT.suspects[0]!.vendor!);
  });

  it('says plainly that the report was produced elsewhere and not re-checked', async () => {
    await openShared({ kind: 'report', report: report(), redacted: false });
    const banner = screen.getByRole('heading', { level: 1 }).closest('.shared-banner')!;
    expect(banner).toHaveTextContent(/produced on the sender’s computer/);
    expect(banner).toHaveTextContent(/not re-checked here/);
  });

  it.each([
    ['a confidence above 1', () => report({ suspects: [{ ...S04_REPORT.suspects[0]!, confidence: 1.7 }] }), /confidence/],
    ['suspects out of order', () => report({ suspects: [{ ...S04_REPORT.suspects[0]!, confidence: 0.2 }, { ...S04_REPORT.suspects[0]!, module: 'other', confidence: 0.9 }] }), /best first/],
    ['a malformed bug check code', () => report({ bugcheck: { ...S04_REPORT.bugcheck!, code: '9F; see https://evil.example' } }), /bug check code/],
    ['a bug check argument that is not hex', () => report({ bugcheck: { ...S04_REPORT.bugcheck!, args: ['0x3', 'click here', '0x0', '0x0'] } }), /argument/],
    ['a fractional line number', () => report({ suspects: [{ ...S04_REPORT.suspects[0]!, reasons: [{ text: 'r', line: 2.5, rule: 'faulting-stack' }] }] }), /line/],
  ])('refuses %s with a message and opens nothing', async (_name, make, reason) => {
    const store = createAppStore({ client: fakeClient() });
    expect(await applyShared(store, null, decoded({ kind: 'report', report: make(), redacted: false }), 'link')).toBeNull();
    expect(store.getState().sharedReport).toBeNull();
    const notice = store.getState().notices[0]!;
    expect(notice.tone).toBe('error');
    expect(notice.message).toMatch(reason);
  });
});

describe('Export of a shared report', () => {
  it('ignores a deeply nested field the report does not define, so JSON export works', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) {
      deep = { a: deep };
    }
    const shared = report();
    (shared.stats as unknown as Record<string, unknown>).deep = deep;
    (shared.suspects[0] as unknown as Record<string, unknown>).extra = deep;
    const { user } = await openShared({ kind: 'report', report: shared, redacted: false });
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(screen.getByRole('menuitem', { name: 'Copy as JSON' }));
    const json = JSON.parse(await navigator.clipboard.readText()) as AnalysisReport;
    expect(json.suspects[0]!.module).toBe('ZTEusbnet');
    expect(json.stats).not.toHaveProperty('deep');
    expect(screen.getByText('Copied as JSON.')).toBeInTheDocument();
  });

  it('says so when a report cannot be exported, instead of failing silently', async () => {
    const broken = report();
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) {
      deep = { a: deep };
    }
    (broken.stats as unknown as Record<string, unknown>).deep = deep;
    const { user } = renderWithApp(
      <>
        <Notices />
        <ExportMenu />
      </>,
      { text: S04, report: broken },
    );
    await navigator.clipboard.writeText('before');
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(screen.getByRole('menuitem', { name: 'Copy as JSON' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The report could not be exported as JSON');
    expect(alert).toHaveTextContent(/Maximum call stack size exceeded/);
    expect(await navigator.clipboard.readText()).toBe('before');
  });
});

describe('a shared report opened from a real link', () => {
  it('round-trips through the codec and is rebuilt on open', async () => {
    const store = createAppStore({ client: fakeClient() });
    const fragment = encodePayload({ kind: 'report', report: report({ headline: 'forged headline' }), title: 't', redacted: true });
    expect(await applyShared(store, null, decodePayload(fragment), 'link')).toBe('/shared');
    expect(store.getState().sharedReport!.report.headline).toBe(S04_REPORT.headline);
  });
});
