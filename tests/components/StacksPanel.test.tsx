// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AnalysisReport, StackFrame } from '../../src/analyzers/types';
import { StacksPanel } from '../../src/components/stacks/StacksPanel';
import { makeReport, renderWithApp } from '../render';

function frame(site: string, line: number, extra: Partial<StackFrame> = {}): StackFrame {
  const bang = site.indexOf('!');
  const plus = site.indexOf('+');
  const module = bang > 0 ? site.slice(0, bang) : plus > 0 ? site.slice(0, plus) : null;
  return { site, module, symbol: bang > 0 ? site.slice(bang + 1) : null, offset: null, line, ...extra };
}

const REPORT: AnalysisReport = makeReport({
  suspects: [{ module: 'nvlddmkm', confidence: 0.9, origin: 'third-party', reasons: [] }],
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
        frame('nt!KiIdleLoop+0x9e', 48, { index: 7 }),
      ],
    },
    { source: 'kv on processor 1', format: 'x64', line: 60, endLine: 62, frames: [frame('hal!HalpTimerClockInterrupt+0x63', 61)] },
  ],
});

describe('StacksPanel', () => {
  it('shows every stack with its source label', () => {
    renderWithApp(<StacksPanel report={REPORT} />, { report: REPORT });
    const panel = screen.getByRole('region', { name: 'Stacks' });
    expect(within(panel).getByText('STACK_TEXT of !analyze -v')).toBeInTheDocument();
    expect(within(panel).getByText('kv on processor 1')).toBeInTheDocument();
  });

  it('collapses consecutive identical frames into one row marked ×N', () => {
    renderWithApp(<StacksPanel report={REPORT} />, { report: REPORT });
    const frames = within(screen.getByRole('list', { name: 'Frames of STACK_TEXT of !analyze -v' })).getAllByRole('listitem');
    expect(frames).toHaveLength(6);
    expect(frames[2]).toHaveTextContent('nvlddmkm+0x1e2b');
    expect(within(frames[2]!).getByLabelText('repeated 3 times')).toHaveTextContent('×3');
    expect(frames[3]).toHaveTextContent('zzunknowndrv+0x10');
    expect(within(frames[3]!).queryByText(/×/)).toBeNull();
  });

  it('badges each frame by module origin', () => {
    renderWithApp(<StacksPanel report={REPORT} />, { report: REPORT });
    const frames = within(screen.getByRole('list', { name: 'Frames of STACK_TEXT of !analyze -v' })).getAllByRole('listitem');
    expect(within(frames[0]!).getByText('Microsoft')).toBeInTheDocument();
    expect(within(frames[2]!).getByText('Third party')).toBeInTheDocument();
    expect(within(frames[3]!).getByText('Unknown origin')).toBeInTheDocument();
    expect(within(frames[4]!).getByText('no module')).toBeInTheDocument();
  });

  it('marks trap frames and highlights frames of suspect modules', () => {
    renderWithApp(<StacksPanel report={REPORT} />, { report: REPORT });
    const frames = within(screen.getByRole('list', { name: 'Frames of STACK_TEXT of !analyze -v' })).getAllByRole('listitem');
    expect(within(frames[1]!).getByText('trap frame')).toBeInTheDocument();
    expect(frames[2]).toHaveClass('is-suspect');
    expect(within(frames[2]!).getByText('suspect')).toBeInTheDocument();
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
