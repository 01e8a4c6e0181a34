// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StatusLine } from '../../src/components/results/StatusLine';
import { makeReport, renderWithApp } from '../render';

describe('StatusLine', () => {
  it('shows a progress bar filled to the share done while a long analysis runs', () => {
    const { store, container } = renderWithApp(<StatusLine />, { text: '0: kd> !process 0 7' });
    act(() => store.setState({ status: 'running', progress: 0.42 }));
    expect(screen.getByRole('status')).toHaveTextContent('Analyzing…');
    const bar = container.querySelector('.status-progress');
    expect(bar).toHaveAttribute('data-percent', '42');
    expect(container.querySelector('.status-progress-bar')).toHaveStyle({ width: '42%' });
    expect(container.querySelector('.spinner')).toBeNull();
  });

  it('shows a spinner while an analysis runs that reports no progress', () => {
    const { store, container } = renderWithApp(<StatusLine />, { text: '0: kd> k' });
    act(() => store.setState({ status: 'running', progress: null }));
    expect(container.querySelector('.spinner')).not.toBeNull();
    expect(container.querySelector('.status-progress')).toBeNull();
  });

  it('does not call a complete report shortened', () => {
    renderWithApp(<StatusLine />, { report: makeReport({ stats: { lines: 2_000_000, blocks: 9, skippedLines: 0, truncated: true } }) });
    expect(screen.getByRole('status')).not.toHaveTextContent('shortened');
  });

  it('names the lists a shortened report leaves out', () => {
    const { store } = renderWithApp(<StatusLine />, { report: makeReport({ stats: { lines: 2_000_000, blocks: 9, skippedLines: 0, truncated: true } }) });
    act(() => store.setState({ summary: { sections: [{ field: 'stacks', label: 'stacks', total: 30901, kept: 1000 }] } }));
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('2,000,000 lines');
    expect(status).toHaveTextContent('shortened for display: To keep the page responsive, the report lists 1,000 of 30,901 stacks');
  });

  it('says "1 line" and "1 command" for a one-line input', () => {
    renderWithApp(<StatusLine />, { report: makeReport({ commands: [{ command: 'k', line: 1, endLine: 1 }], stats: { lines: 1, blocks: 1, skippedLines: 0, truncated: false } }) });
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent(/^1 line · 1 command · analyzed in/);
  });
});
