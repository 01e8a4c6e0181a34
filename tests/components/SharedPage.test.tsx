// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzers/index';
import SharedPage from '../../src/pages/SharedPage';
import { VerdictSection } from '../../src/components/verdict/VerdictSection';
import s04 from '../fixtures/seeds/s04-9f-power-irp-zteusbnet.txt?raw';
import { renderWithApp } from '../render';

const report = analyze(s04);

describe('line references', () => {
  it('are buttons that reveal their line in the workspace', async () => {
    const { store, user } = renderWithApp(<VerdictSection report={report} />, { report, text: s04 });
    const reasons = screen.getAllByRole('button', { name: /line \d+/ });
    expect(reasons.length).toBeGreaterThan(0);
    await user.click(reasons[0]!);
    expect(store.getState().reveal?.line).toBeGreaterThan(0);
  });

  it('are plain text on the shared page, which has no editor to show them in', () => {
    const { store } = renderWithApp(<SharedPage />, { route: '/shared' });
    act(() => store.setState({ sharedReport: { report, title: 'DRIVER_POWER_STATE_FAILURE · ZTEusbnet', redacted: false } }));
    expect(screen.getByRole('heading', { level: 1, name: /Shared analysis/ })).toBeInTheDocument();
    const reason = report.suspects.find((s) => s.reasons.some((r) => r.line !== undefined))?.reasons.find((r) => r.line !== undefined);
    expect(reason).toBeDefined();
    expect(screen.getAllByText(reason!.text).length).toBeGreaterThan(0);
    expect(screen.queryAllByRole('button', { name: /line \d+|Show line/ })).toEqual([]);
    expect(document.querySelectorAll('button.reason, button.frame-button, button.line-chip')).toHaveLength(0);
  });
});
