// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzers/index';
import { ResultsPanel } from '../../src/components/results/ResultsPanel';
import { editorReport } from '../../src/editor/report-bridge';
import { DEFAULT_SAMPLE, SAMPLES } from '../../src/samples';
import poolSample from '../../src/samples/pool-fbnetflt-nonpaged-leak.txt?raw';
import s04 from '../fixtures/seeds/s04-9f-power-irp-zteusbnet.txt?raw';
import { makeReport, renderWithApp } from '../render';

describe('ResultsPanel', () => {
  it('shows an input problem as a clear message and leaves the text alone', () => {
    const text = '\u0000\u0001MDMP binary junk';
    const report = makeReport({
      kind: 'unknown',
      inputProblem: 'This looks like a binary file, not debugger text.',
    });
    const { store } = renderWithApp(<ResultsPanel />, { report, text });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('This input cannot be analyzed');
    expect(alert).toHaveTextContent('This looks like a binary file, not debugger text.');
    expect(screen.queryByRole('region', { name: 'Verdict' })).toBeNull();
    expect(store.getState().text).toBe(text);
  });

  it('welcomes an empty editor and loads the built-in sample on request', async () => {
    const { store, user } = renderWithApp(<ResultsPanel />, { text: '' });
    expect(screen.getByRole('heading', { name: 'Paste a debugger session' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load the sample' }));
    expect(store.getState().text).toBe(DEFAULT_SAMPLE.text);
    expect(store.getState().sourceName).toBe(DEFAULT_SAMPLE.title);
    await waitFor(() => expect(screen.getByRole('region', { name: 'Verdict' })).toBeInTheDocument());
  });

  it('groups findings by severity, most severe first, with clickable lines', async () => {
    const report = makeReport({
      findings: [
        { id: 'sym.missing', severity: 'info', title: 'Symbols missing for acmenet', lines: [25] },
        { id: 'driver.stale', severity: 'warning', title: 'acmenet.sys is from 2011', detail: 'Old drivers often predate fixes.', lines: [170, 171] },
        { id: 'pool.exhausted', severity: 'critical', title: 'Nonpaged pool exhausted', lines: [90] },
      ],
    });
    const { store, user } = renderWithApp(<ResultsPanel />, { report });
    const findings = screen.getByRole('region', { name: 'Findings' });
    const groups = within(findings).getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(groups).toEqual(['Critical 1', 'Warning 1', 'Info 1']);
    expect(within(findings).getByText('Old drivers often predate fixes.')).toBeInTheDocument();
    await user.click(within(findings).getByRole('button', { name: 'Show line 171 in the editor' }));
    expect(store.getState().reveal?.line).toBe(171);
  });

  it('lists next steps as debugger commands with a copy button', () => {
    const report = makeReport({
      nextSteps: [
        { command: 'lmvm acmenet', why: 'See the driver version and date.' },
        { command: '!irp fffffa8008f5cc10', why: 'Find who holds the IRP.' },
      ],
    });
    renderWithApp(<ResultsPanel />, { report });
    const steps = screen.getByRole('region', { name: 'Next steps' });
    expect(within(steps).getByText('lmvm acmenet')).toBeInTheDocument();
    expect(within(steps).getByText('Find who holds the IRP.')).toBeInTheDocument();
    expect(within(steps).getByRole('button', { name: 'Copy lmvm acmenet' })).toBeInTheDocument();
    expect(within(steps).getAllByRole('button', { name: /^Copy [!l]/ })).toHaveLength(2);
    expect(within(steps).getByRole('button', { name: 'Copy all commands' })).toBeInTheDocument();
  });

  it('shows the analysis status unobtrusively', () => {
    const report = makeReport({ stats: { lines: 1234, blocks: 3, skippedLines: 0, truncated: false } });
    renderWithApp(<ResultsPanel />, { report });
    expect(screen.getByRole('status')).toHaveTextContent('1,234 lines · analyzed in 7 ms');
  });

  it('reports a failed analysis without losing the text', () => {
    const { store } = renderWithApp(<ResultsPanel />, { text: 'kd> k' });
    act(() => store.setState({ status: 'error', error: 'analyzer exploded', report: null }));
    expect(screen.getByRole('alert')).toHaveTextContent('analyzer exploded');
    expect(store.getState().text).toBe('kd> k');
  });

  it('shows only the sections the report has data for, and a nav that jumps to each', async () => {
    const report = analyze(s04);
    const { user } = renderWithApp(<ResultsPanel />, { report, text: s04 });
    const nav = screen.getByRole('navigation', { name: 'Result sections' });
    const links = within(nav).getAllByRole('button').map((b) => b.textContent);
    expect(links).toEqual(['Verdict', 'Findings' + report.findings.length, 'Next steps' + report.nextSteps.length, 'Stacks1', 'Threads & locks', 'Modules1', 'Devices & IRPs', 'Outline6']);
    // The details come a section per task after the verdict (however long a busy machine takes).
    for (const name of ['Verdict', 'Stacks', 'Threads & locks', 'Modules', 'Devices & IRPs', 'Outline']) {
      expect(await screen.findByRole('region', { name }, { timeout: 20_000 })).toBeInTheDocument();
    }
    expect(screen.queryByRole('region', { name: 'Memory' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Hardware' })).toBeNull();
    await user.click(within(nav).getByRole('button', { name: /^Devices & IRPs/ }));
    expect(screen.getByRole('region', { name: 'Devices & IRPs' })).toHaveFocus();
  });

  it('shows the memory section for a pool leak, and not the device section', async () => {
    const report = analyze(poolSample);
    renderWithApp(<ResultsPanel />, { report, text: poolSample });
    expect(await screen.findByRole('region', { name: 'Memory' }, { timeout: 20_000 })).toBeInTheDocument();
    await waitFor(() => expect(document.querySelector('.details')).toHaveAttribute('aria-busy', 'false'), { timeout: 20_000 });
    expect(screen.queryByRole('region', { name: 'Devices & IRPs' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Threads & locks' })).toBeNull();
  });

  it('hands the report to the editor for folding and evidence hovers', () => {
    const report = analyze(s04);
    renderWithApp(<ResultsPanel />, { report, text: s04 });
    expect(editorReport()).toBe(report);
  });

  it('offers every built-in sample from the empty state', async () => {
    const { store, user } = renderWithApp(<ResultsPanel />, { text: '' });
    const gallery = screen.getByRole('list', { name: 'Sample sessions' });
    expect(within(gallery).getAllByRole('listitem')).toHaveLength(SAMPLES.length);
    const hang = SAMPLES.find((s) => s.kind === 'hang')!;
    await user.click(within(gallery).getByRole('button', { name: `Open the sample: ${hang.title}` }));
    expect(store.getState().text).toBe(hang.text);
    expect(store.getState().sourceName).toBe(hang.title);
  });
});
