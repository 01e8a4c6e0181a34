// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzers/index';
import { OutlineSection } from '../../src/components/outline/OutlineSection';
import s04 from '../fixtures/seeds/s04-9f-power-irp-zteusbnet.txt?raw';
import s11 from '../fixtures/seeds/s11-24-ntfs-minifilter-refs.txt?raw';
import { makeReport, renderWithApp } from '../render';

describe('OutlineSection', () => {
  it('lists every command with its line span (s04)', () => {
    const report = analyze(s04);
    renderWithApp(<OutlineSection report={report} />, { report });
    const items = within(screen.getByRole('list', { name: 'Commands in the input' })).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([
      '(bugcheck output)line 3',
      '!lockslines 23–41',
      '!thread fffffa8007005660lines 42–85',
      '!irp fffffa8008f5cc10 7lines 86–150',
      '!devobj fffffa800c089050lines 151–165',
      'lm vm ZTEusbnetlines 166–178',
    ]);
  });

  it('shows a command in the editor when it is clicked', async () => {
    const report = analyze(s04);
    const { store, user } = renderWithApp(<OutlineSection report={report} />, { report });
    await user.click(screen.getByRole('button', { name: /!irp fffffa8008f5cc10 7/ }));
    expect(store.getState().reveal?.line).toBe(86);
  });

  it('filters a long outline (s11)', async () => {
    const report = analyze(s11);
    const { user } = renderWithApp(<OutlineSection report={report} />, { report });
    await user.type(screen.getByRole('searchbox', { name: 'Filter commands' }), 'fltkd');
    const items = within(screen.getByRole('list', { name: 'Commands in the input' })).getAllByRole('listitem');
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.textContent?.includes('fltkd'))).toBe(true);
  });

  it('says how much of the input was read', () => {
    const report = analyze(s04);
    renderWithApp(<OutlineSection report={report} />, { report });
    expect(screen.getByText(/^178 lines read/)).toBeInTheDocument();
  });

  it('renders nothing without commands', () => {
    const report = makeReport();
    renderWithApp(<OutlineSection report={report} />, { report });
    expect(screen.queryByRole('region', { name: 'Outline' })).toBeNull();
  });
});
