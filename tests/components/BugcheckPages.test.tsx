// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzers/index';
import { allBugchecks } from '../../src/analyzers/knowledge/bugcheck-codes';
import { App } from '../../src/App';
import { matchesBugcheck } from '../../src/components/reference/BugcheckIndex';
import s04 from '../fixtures/seeds/s04-9f-power-irp-zteusbnet.txt?raw';
import { renderWithApp } from '../render';

describe('bug check reference', () => {
  it('lists every stop code on the index page and finds one by code', async () => {
    const { user } = renderWithApp(<App />, { route: '/bugcheck' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Bug check reference' }, { timeout: 8000 })).toBeInTheDocument();
    const total = allBugchecks().length;
    expect(within(screen.getByRole('main')).getByRole('status')).toHaveTextContent(`${total} codes`);
    await user.type(screen.getByRole('searchbox', { name: 'Search by code or name' }), '0x9F');
    const first = screen.getAllByRole('link').find((a) => a.getAttribute('href')?.startsWith('/bugcheck/'));
    expect(first).toHaveAttribute('href', '/bugcheck/0x0000009F');
    expect(first).toHaveTextContent('DRIVER_POWER_STATE_FAILURE');
  });

  it('finds stop codes by words of their name', async () => {
    const { user } = renderWithApp(<App />, { route: '/bugcheck' });
    await user.type(await screen.findByRole('searchbox', { name: 'Search by code or name' }, { timeout: 8000 }), 'irql not less');
    const links = screen.getAllByRole('link').filter((a) => a.getAttribute('href')?.startsWith('/bugcheck/0x'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual(expect.arrayContaining(['/bugcheck/0x0000000A', '/bugcheck/0x000000D1']));
    expect(within(screen.getByRole('main')).getByRole('status')).toHaveTextContent(new RegExp(`^\\d+ of ${allBugchecks().length} codes$`));
  });

  it('matches codes written with or without 0x and leading zeros', () => {
    const d1 = allBugchecks().find((b) => b.code === 0xd1)!;
    for (const q of ['d1', '0xD1', '0x000000d1', 'DRIVER_IRQL', 'driver irql']) {
      expect(matchesBugcheck(d1, q)).toBe(true);
    }
    expect(matchesBugcheck(d1, '9f')).toBe(false);
  });

  it('shows a code page with its parameters, their values, causes and next steps', async () => {
    renderWithApp(<App />, { route: '/bugcheck/0x0000009F' });
    expect(await screen.findByRole('heading', { level: 1, name: /0x0000009F DRIVER_POWER_STATE_FAILURE/ }, { timeout: 8000 })).toBeInTheDocument();
    const params = screen.getByRole('table', { name: 'Parameters of DRIVER_POWER_STATE_FAILURE' });
    const arg1 = within(params).getAllByRole('row')[1]!;
    expect(within(arg1).getByRole('rowheader')).toHaveTextContent('Arg1');
    expect(within(arg1).getByText('0x3')).toBeInTheDocument();
    expect(within(arg1).getByText('device object blocked IRP too long')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Usual causes' })).toBeInTheDocument();
    expect(screen.getByText('!irp <arg4>')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy !irp <arg4>' })).toBeInTheDocument();
  });

  it('accepts a code by name or short hex in the address', async () => {
    renderWithApp(<App />, { route: '/bugcheck/d1' });
    expect(await screen.findByRole('heading', { level: 1, name: /0x000000D1 DRIVER_IRQL_NOT_LESS_OR_EQUAL/ }, { timeout: 8000 })).toBeInTheDocument();
  });

  it('says so for a code that is not in the reference', async () => {
    renderWithApp(<App />, { route: '/bugcheck/0xC0000005' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Unknown bug check' }, { timeout: 8000 })).toBeInTheDocument();
    expect(screen.getByText(/usually NTSTATUS values/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Search the reference' })).toHaveAttribute('href', '/bugcheck');
  });

  it('shows the analyzed session’s arguments on the page of its code, and goes back to the analysis', async () => {
    const report = analyze(s04);
    const { user } = renderWithApp(<App />, { report, text: s04, route: '/' });
    await user.click(within(screen.getByRole('region', { name: 'Verdict' })).getByRole('link', { name: /0x0000009F DRIVER_POWER_STATE_FAILURE/ }));
    const session = await screen.findByRole('table', { name: 'Arguments of the analyzed session' }, { timeout: 8000 });
    expect(within(session).getAllByRole('row')[1]).toHaveTextContent('0x4');
    await user.click(screen.getByRole('link', { name: 'Back to the analysis' }));
    await waitFor(() => expect(screen.getByRole('region', { name: 'Verdict' })).toBeInTheDocument());
  });
});
