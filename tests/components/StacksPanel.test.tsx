// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzers/index';
import type { AnalysisReport, Stack, StackFrame } from '../../src/analyzers/types';
import { StacksPanel } from '../../src/components/stacks/StacksPanel';
import hangSample from '../../src/samples/hang-contososync-cs-deadlock.txt?raw';
import s03 from '../fixtures/seeds/s03-7f-double-fault-nonpaged-exhaustion.txt?raw';
import { makeReport, renderWithApp } from '../render';

function frame(site: string, line: number, extra: Partial<StackFrame> = {}): StackFrame {
  const bang = site.indexOf('!');
  const plus = site.indexOf('+');
  const module = bang > 0 ? site.slice(0, bang) : plus > 0 ? site.slice(0, plus) : null;
  return { site, module, symbol: bang > 0 ? site.slice(bang + 1) : null, offset: null, line, ...extra };
}

const REPORT: AnalysisReport = makeReport({
  suspects: [{ module: 'nvlddmkm', confidence: 0.9, origin: 'third-party', reasons: [{ text: 'first third-party frame', line: 45, rule: 'faulting-stack' }] }],
  stacks: [
    {
      source: 'STACK_TEXT of !analyze -v',
      format: 'x64',
      line: 40,
      endLine: 49,
      frames: [
        frame('nt!KeBugCheckEx', 41, { index: 0 }),
        frame('nt!KiPageFault+0x463', 42, { index: 1, trapFrame: 'ffffc4813a45f410' }),
        frame('nvlddmkm+0x1e2b', 43, { index: 2 }),
        frame('nvlddmkm+0x1e2b', 44, { index: 3 }),
        frame('nvlddmkm+0x1e2b', 45, { index: 4 }),
        frame('zzunknowndrv+0x10', 46, { index: 5 }),
        frame('0xfffff80212345678', 47, { index: 6, module: null }),
        frame('nvlddmkm+0x2000', 48, { index: 7 }),
        frame('nt!KiIdleLoop+0x9e', 49, { index: 8 }),
      ],
    },
    { source: 'kv on processor 1', format: 'x64', line: 60, endLine: 62, frames: [frame('hal!HalpTimerClockInterrupt+0x63', 61)] },
  ],
});

const frameItems = (name: string) => within(screen.getByRole('list', { name: `Frames of ${name}` })).getAllByRole('listitem');

describe('StacksPanel', () => {
  it('shows every stack with its source label', () => {
    renderWithApp(<StacksPanel report={REPORT} />, { report: REPORT });
    const panel = screen.getByRole('region', { name: 'Stacks' });
    expect(within(panel).getByText('STACK_TEXT of !analyze -v')).toBeInTheDocument();
    expect(within(panel).getByText('kv on processor 1')).toBeInTheDocument();
  });

  it('collapses consecutive identical frames into one row marked ×N', () => {
    renderWithApp(<StacksPanel report={REPORT} />, { report: REPORT });
    const frames = frameItems('STACK_TEXT of !analyze -v');
    expect(frames).toHaveLength(7);
    expect(frames[2]).toHaveTextContent('nvlddmkm+0x1e2b');
    expect(within(frames[2]!).getByLabelText('repeated 3 times')).toHaveTextContent('×3');
    expect(frames[3]).toHaveTextContent('zzunknowndrv+0x10');
    expect(within(frames[3]!).queryByText(/×/)).toBeNull();
  });

  it('badges each frame by module origin', () => {
    renderWithApp(<StacksPanel report={REPORT} />, { report: REPORT });
    const frames = frameItems('STACK_TEXT of !analyze -v');
    expect(within(frames[0]!).getByText('Microsoft')).toBeInTheDocument();
    expect(within(frames[2]!).getByText('Third party')).toBeInTheDocument();
    expect(within(frames[3]!).getByText('Unknown origin')).toBeInTheDocument();
    expect(within(frames[4]!).getByText('no module')).toBeInTheDocument();
  });

  it('marks trap frames, highlights the frame a reason cites as driving the verdict, and other suspect frames as suspects', () => {
    renderWithApp(<StacksPanel report={REPORT} />, { report: REPORT });
    const frames = frameItems('STACK_TEXT of !analyze -v');
    expect(within(frames[1]!).getByText('trap frame')).toBeInTheDocument();
    // Line 45 is cited; it sits in the collapsed ×3 row.
    expect(frames[2]).toHaveClass('is-driving');
    expect(within(frames[2]!).getByText('drives the verdict')).toBeInTheDocument();
    expect(frames[5]).toHaveClass('is-suspect');
    expect(frames[5]).not.toHaveClass('is-driving');
    expect(within(frames[5]!).getByText('suspect')).toBeInTheDocument();
    expect(frames[0]).not.toHaveClass('is-suspect');
  });

  it('reveals the frame line in the editor when a frame is clicked', async () => {
    const { store, user } = renderWithApp(<StacksPanel report={REPORT} />, { report: REPORT });
    await user.click(screen.getByRole('button', { name: /zzunknowndrv\+0x10/ }));
    expect(store.getState().reveal?.line).toBe(46);
    // A collapsed row reveals its first frame.
    await user.click(screen.getByRole('button', { name: /nvlddmkm\+0x1e2b/ }));
    expect(store.getState().reveal?.line).toBe(43);
  });

  it('renders nothing when the report has no stacks', () => {
    const report = makeReport();
    renderWithApp(<StacksPanel report={report} />, { report });
    expect(screen.queryByRole('region', { name: 'Stacks' })).toBeNull();
  });
});

describe('StacksPanel on real sessions', () => {
  it('groups the eight identical waiting stacks of the hang sample into one entry with a count', () => {
    const report = analyze(hangSample);
    renderWithApp(<StacksPanel report={report} />, { report });
    const panel = screen.getByRole('region', { name: 'Stacks' });
    expect(within(panel).getByText('14 stacks, 6 distinct: identical stacks are shown once with a count.')).toBeInTheDocument();
    const group = within(panel).getByRole('button', { name: /8 identical stacks/ });
    expect(group).toHaveTextContent('×8');
    expect(group).toHaveAttribute('aria-expanded', 'true');
    // Each member thread is listed and reveals its own stack.
    expect(within(panel).getByRole('button', { name: /thread 3318 · L/ })).toBeInTheDocument();
  });

  it('puts the stack whose frame a reason cites first and opens it', () => {
    const report = analyze(hangSample);
    renderWithApp(<StacksPanel report={report} />, { report });
    const headings = within(screen.getByRole('region', { name: 'Stacks' })).getAllByRole('heading', { level: 3 });
    expect(headings[0]).toHaveTextContent('~*kcn of thread 3 (2e18)');
    const frames = frameItems('~*kcn of thread 3 (2e18)');
    const driving = frames.find((li) => li.classList.contains('is-driving'));
    expect(driving).toHaveTextContent('fabrikamdb!StatementCache::Lookup');
  });

  it('folds and unfolds a stack from its heading button', async () => {
    const report = analyze(hangSample);
    const { user } = renderWithApp(<StacksPanel report={report} />, { report });
    const idle = screen.getByRole('button', { name: /~\*kcn of thread 0 \(1a40\)/ });
    expect(idle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('list', { name: 'Frames of ~*kcn of thread 0 (1a40)' })).toBeNull();
    await user.click(idle);
    expect(idle).toHaveAttribute('aria-expanded', 'true');
    expect(frameItems('~*kcn of thread 0 (1a40)')[0]).toHaveTextContent('ntdll!NtReadFile');
  });

  it('filters stacks by module or thread', async () => {
    const report = analyze(hangSample);
    const { user } = renderWithApp(<StacksPanel report={report} />, { report });
    await user.type(screen.getByRole('searchbox', { name: 'Filter stacks' }), 'rpcrt4');
    const headings = within(screen.getByRole('region', { name: 'Stacks' })).getAllByRole('heading', { level: 3 });
    expect(headings.map((h) => h.textContent)).toEqual([expect.stringContaining('~*kcn of thread 2 (1b10)')]);
  });

  it('opens, scrolls to and focuses a stack asked for from another section', () => {
    const report = analyze(hangSample);
    const { store } = renderWithApp(<StacksPanel report={report} />, { report });
    const idle = screen.getByRole('button', { name: /~\*kcn of thread 0 \(1a40\)/ });
    expect(idle).toHaveAttribute('aria-expanded', 'false');
    const line = report.stacks.find((s) => s.thread === '1a40')!.line;
    act(() => store.getState().focusStack(line));
    expect(idle).toHaveAttribute('aria-expanded', 'true');
    expect(idle).toHaveFocus();
  });

  it('marks recursion in a real double-fault stack as one repeated row', () => {
    const report = analyze(s03);
    renderWithApp(<StacksPanel report={report} />, { report });
    expect(screen.getAllByLabelText('repeated 7 times')[0]).toHaveTextContent('×7');
  });

  it('stays fast with thousands of stacks by showing them a page at a time', async () => {
    const stacks: Stack[] = Array.from({ length: 3000 }, (_, i) => ({
      source: `!thread ${i.toString(16).padStart(16, 'f')}`,
      format: 'x64' as const,
      line: i * 3 + 1,
      endLine: i * 3 + 2,
      frames: [frame('nt!KiSwapContext+0x7a', i * 3 + 2), frame(`drv${i % 1500}!Worker+0x10`, i * 3 + 3)],
    }));
    const report = makeReport({ stacks });
    const { user } = renderWithApp(<StacksPanel report={report} />, { report });
    const panel = screen.getByRole('region', { name: 'Stacks' });
    expect(within(panel).getByText('3000 stacks, 1500 distinct: identical stacks are shown once with a count.')).toBeInTheDocument();
    expect(within(panel).getAllByRole('heading', { level: 3 })).toHaveLength(40);
    await user.click(within(panel).getByRole('button', { name: 'Show 40 more stacks' }));
    expect(within(panel).getAllByRole('heading', { level: 3 })).toHaveLength(80);
    expect(within(panel).getByText('1,420 not shown')).toBeInTheDocument();
  });
});
