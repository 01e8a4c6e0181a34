// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzers/index';
import { ModulesSection } from '../../src/components/modules/ModulesSection';
import hangSample from '../../src/samples/hang-contososync-cs-deadlock.txt?raw';
import s04 from '../fixtures/seeds/s04-9f-power-irp-zteusbnet.txt?raw';
import s13 from '../fixtures/seeds/s13-109-driver-object-hook.txt?raw';
import s14 from '../fixtures/seeds/s14-paged-pool-leak-se-tag.txt?raw';
import { makeReport, renderWithApp } from '../render';

/** 2024-06-01, so ages measured from "today" do not change as the years pass. */
const NOW = Date.UTC(2024, 5, 1);

const bodyRows = () => within(screen.getByRole('table', { name: 'Loaded modules' })).getAllByRole('row').slice(1);
const names = () => bodyRows().map((r) => within(r).getByRole('rowheader').querySelector('.module-button')?.textContent);

describe('ModulesSection', () => {
  it('lists a module with vendor, product, range, link date, age, symbols and flags (s04)', () => {
    const report = analyze(s04);
    renderWithApp(<ModulesSection report={report} now={NOW} />, { report });
    const row = bodyRows()[0]!;
    expect(row).toHaveTextContent('ZTEusbnet');
    expect(row).toHaveTextContent('fffff8800ae8e000–fffff8800aebc000');
    expect(row).toHaveTextContent('Third party');
    expect(row).toHaveTextContent('ZTE · USB mobile-broadband network adapter driver');
    expect(row).toHaveTextContent('2008-10-13');
    expect(row).toHaveTextContent('15.6 y');
    expect(within(row).getByText('in the verdict')).toBeInTheDocument();
    expect(within(row).getByText('old')).toBeInTheDocument();
    // In the Symbols column and as a flag.
    expect(within(row).getAllByText('no symbols')).toHaveLength(2);
    expect(row).toHaveClass('is-suspect');
    expect(screen.getByText(/Age measured from today/)).toBeInTheDocument();
  });

  it('measures ages from the newest module when the list has link dates (hang sample)', () => {
    const report = analyze(hangSample);
    renderWithApp(<ModulesSection report={report} now={NOW} />, { report });
    expect(screen.getByText(/Age measured from the newest module \(2023-09-12\)/)).toBeInTheDocument();
    const fabrikam = bodyRows().find((r) => r.textContent?.includes('fabrikamdb'))!;
    expect(fabrikam).toHaveTextContent('7.3 y');
    expect(within(fabrikam).getByText('old')).toBeInTheDocument();
    // Microsoft modules are never flagged old, whatever their date.
    const ucrt = bodyRows().find((r) => r.textContent?.includes('ucrtbase'))!;
    expect(ucrt).toHaveTextContent('2.6 y');
    expect(within(ucrt).queryByText('old')).toBeNull();
  });

  it('sorts by a column from its header button, and reverses on a second press, with the keyboard too', async () => {
    const report = analyze(s14);
    const { user } = renderWithApp(<ModulesSection report={report} now={NOW} />, { report });
    const header = screen.getByRole('columnheader', { name: /Module/ });
    const button = within(header).getByRole('button');
    button.focus();
    await user.keyboard('{Enter}');
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    const ascending = names();
    expect(ascending).toEqual([...ascending].sort((a, b) => a!.localeCompare(b!, 'en', { sensitivity: 'base' })));
    await user.keyboard(' ');
    expect(header).toHaveAttribute('aria-sort', 'descending');
    expect(names()).toEqual([...ascending].reverse());
  });

  it('filters by text and by origin', async () => {
    const report = analyze(s14);
    const { user } = renderWithApp(<ModulesSection report={report} now={NOW} />, { report });
    const all = bodyRows().length;
    await user.click(screen.getByRole('checkbox', { name: 'Not Microsoft only' }));
    expect(bodyRows().length).toBeLessThan(all);
    expect(names()).not.toContain('nt');
    await user.click(screen.getByRole('checkbox', { name: 'Not Microsoft only' }));
    await user.type(screen.getByRole('searchbox', { name: 'Filter modules' }), 'symantec');
    expect(names()).toEqual(['eeCtrl']);
    await user.clear(screen.getByRole('searchbox', { name: 'Filter modules' }));
    await user.type(screen.getByRole('searchbox', { name: 'Filter modules' }), 'no-such-module');
    expect(screen.getByText('No module matches.')).toBeInTheDocument();
  });

  it('flags a module that another driver object points into as hooking it (s13 plus an lm row)', () => {
    // s13 has no lm output: add the row that `lm m vicm` would print.
    const report = { ...analyze(s13), modules: [{ name: 'vicm', origin: 'unknown' as const, line: 1 }] };
    renderWithApp(<ModulesSection report={report} now={NOW} />, { report });
    const vicm = bodyRows()[0]!;
    expect(within(vicm).getByText('hooks a driver')).toBeInTheDocument();
    expect(within(vicm).getByText('in the verdict')).toBeInTheDocument();
  });

  it('reveals the module line when its name is clicked', async () => {
    const report = analyze(s04);
    const { store, user } = renderWithApp(<ModulesSection report={report} now={NOW} />, { report });
    await user.click(screen.getByRole('button', { name: 'ZTEusbnet' }));
    expect(store.getState().reveal?.line).toBe(report.modules[0]!.line);
  });

  it('renders nothing without modules', () => {
    const report = makeReport();
    renderWithApp(<ModulesSection report={report} now={NOW} />, { report });
    expect(screen.queryByRole('region', { name: 'Modules' })).toBeNull();
  });
});
