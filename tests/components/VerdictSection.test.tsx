// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AnalysisReport } from '../../src/analyzers/types';
import { VerdictSection } from '../../src/components/verdict/VerdictSection';
import { makeReport, renderWithApp } from '../render';

const D1: AnalysisReport = makeReport({
  category: 'driver',
  headline: 'DRIVER_IRQL_NOT_LESS_OR_EQUAL (0xD1): acmenet touched paged memory at DISPATCH_LEVEL.',
  bugcheck: {
    code: '0x000000D1',
    name: 'DRIVER_IRQL_NOT_LESS_OR_EQUAL',
    args: ['0xffffb30e2c7a1010', '0x2', '0x0', '0xfffff802517a41c7'],
    line: 38,
    meaning: 'A driver used a pageable or invalid address at a raised IRQL.',
    decodedArgs: [
      { value: '0xffffb30e2c7a1010', label: 'Memory referenced' },
      { value: '0x2', label: 'IRQL', decoded: 'DISPATCH_LEVEL' },
      { value: '0x0', label: 'Access', decoded: 'read' },
      { value: '0xfffff802517a41c7', label: 'Faulting instruction' },
    ],
  },
  suspects: [
    {
      module: 'acmenet',
      confidence: 0.86,
      origin: 'third-party',
      vendor: 'Acme Networks',
      product: 'Gigabit NIC driver',
      reasons: [
        { text: 'First third-party frame on the faulting stack', line: 127, rule: 'faulting-stack' },
        { text: 'The debugger names it (MODULE_NAME)', line: 139, rule: 'faulting-stack' },
        { text: 'No symbols could be loaded for it', rule: 'faulting-stack' },
      ],
    },
    { module: 'ndis', confidence: 0.62, origin: 'microsoft', reasons: [{ text: 'Faulting instruction in ndis', line: 125, rule: 'faulting-stack' }] },
    { module: 'tcpip', confidence: 0.2, origin: 'unknown', reasons: [] },
  ],
});

describe('VerdictSection', () => {
  it('shows the headline, the bug check code, name, meaning and category', () => {
    renderWithApp(<VerdictSection report={D1} />, { report: D1 });
    const verdict = screen.getByRole('region', { name: 'Verdict' });
    expect(within(verdict).getByText(D1.headline)).toBeInTheDocument();
    expect(within(verdict).getByText('0x000000D1')).toBeInTheDocument();
    expect(within(verdict).getByText('DRIVER_IRQL_NOT_LESS_OR_EQUAL')).toBeInTheDocument();
    expect(within(verdict).getByText('A driver used a pageable or invalid address at a raised IRQL.')).toBeInTheDocument();
    expect(within(verdict).getByText('Faulty driver')).toBeInTheDocument();
  });

  it('lists the four arguments with their labels and decoded meanings', () => {
    renderWithApp(<VerdictSection report={D1} />, { report: D1 });
    const table = screen.getByRole('table', { name: 'Bug check arguments' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(4);
    expect(within(rows[1]!).getByRole('rowheader')).toHaveTextContent('Arg2');
    expect(rows[1]).toHaveTextContent('0x2');
    expect(rows[1]).toHaveTextContent('IRQL');
    expect(rows[1]).toHaveTextContent('DISPATCH_LEVEL');
    expect(rows[3]).toHaveTextContent('Faulting instruction');
  });

  it('ranks suspects with origin, vendor and confidence in percent and words', () => {
    renderWithApp(<VerdictSection report={D1} />, { report: D1 });
    const items = within(screen.getByRole('region', { name: 'Verdict' })).getAllByRole('listitem').filter((li) => li.classList.contains('suspect'));
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('acmenet');
    expect(items[0]).toHaveTextContent('Third party');
    expect(items[0]).toHaveTextContent('Acme Networks · Gigabit NIC driver');
    expect(within(items[0]!).getByRole('meter', { name: 'Confidence' })).toHaveAttribute('aria-valuenow', '86');
    expect(items[0]).toHaveTextContent('86% strong');
    expect(items[1]).toHaveTextContent('Microsoft');
    expect(items[1]).toHaveTextContent('62% likely');
    expect(items[2]).toHaveTextContent('Unknown origin');
    expect(items[2]).toHaveTextContent('20% weak / not blamed');
  });

  it('shows each reason, with the rule that produced it and its line number when it has one', () => {
    renderWithApp(<VerdictSection report={D1} />, { report: D1 });
    const evidence = screen.getByRole('list', { name: 'Evidence against acmenet' });
    const reasons = within(evidence).getAllByRole('listitem');
    expect(reasons).toHaveLength(3);
    expect(within(reasons[0]!).getByRole('button')).toHaveTextContent('First third-party frame on the faulting stackrule: faulting-stackline 127');
    expect(within(reasons[2]!).queryByRole('button')).toBeNull();
    expect(reasons[2]).toHaveTextContent('No symbols could be loaded for it');
  });

  it('requests a reveal of the reason line in the editor when a reason is clicked', async () => {
    const { store, user } = renderWithApp(<VerdictSection report={D1} />, { report: D1 });
    expect(store.getState().reveal).toBeNull();
    await user.click(screen.getByRole('button', { name: /The debugger names it/ }));
    expect(store.getState().reveal?.line).toBe(139);
    const first = store.getState().reveal!.seq;
    await user.click(screen.getByRole('button', { name: /The debugger names it/ }));
    expect(store.getState().reveal?.line).toBe(139);
    expect(store.getState().reveal!.seq).toBeGreaterThan(first);
  });

  it('reveals the bug check line from its line button', async () => {
    const { store, user } = renderWithApp(<VerdictSection report={D1} />, { report: D1 });
    await user.click(screen.getByRole('button', { name: 'Show line 38 in the editor' }));
    expect(store.getState().reveal?.line).toBe(38);
  });

  it('says plainly that no driver is blamed, and why, when there are no suspects', () => {
    const report = makeReport({
      category: 'hardware',
      headline: 'The processor reported an uncorrectable cache error: a hardware fault, not a driver.',
    });
    renderWithApp(<VerdictSection report={report} />, { report });
    const verdict = screen.getByRole('region', { name: 'Verdict' });
    expect(within(verdict).getByText('No driver is blamed.')).toBeInTheDocument();
    expect(within(verdict).getByRole('note')).toHaveTextContent('Why: The processor reported an uncorrectable cache error');
    expect(within(verdict).queryByRole('meter')).toBeNull();
    expect(within(verdict).getByText('Hardware fault')).toBeInTheDocument();
  });

  it("speaks of a module, not a driver, when a program's fault blames nobody", () => {
    const report = makeReport({ kind: 'user', category: 'user-app', headline: 'A fault in a user-mode application; not enough evidence to blame a module — run the next steps.' });
    renderWithApp(<VerdictSection report={report} />, { report });
    expect(within(screen.getByRole('region', { name: 'Verdict' })).getByText('No module is blamed.')).toBeInTheDocument();
  });

  it('gives the evidence that decided the category as the reason, rather than the headline again', () => {
    const report = makeReport({
      category: 'os-corruption',
      headline: 'IRQL_NOT_LESS_OR_EQUAL (0xA) points to damaged or unsigned system files.',
      findings: [{ id: 'signal.os-corruption', severity: 'warning', title: 'Evidence of damaged system files: 2 crashes fail at the same place (nt!KiSetSchedulerAssistPriority)', lines: [6], rule: 'several-crashes' }],
    });
    renderWithApp(<VerdictSection report={report} />, { report });
    expect(within(screen.getByRole('region', { name: 'Verdict' })).getByRole('note')).toHaveTextContent('Why: 2 crashes fail at the same place (nt!KiSetSchedulerAssistPriority)');
  });

  it('says when the input has no bug check at all', () => {
    const report = makeReport({ category: 'none', headline: 'A live kernel session: nothing crashed.' });
    renderWithApp(<VerdictSection report={report} />, { report });
    expect(screen.getByText(/No bug check in this input/)).toBeInTheDocument();
    expect(screen.getByText('Nothing wrong found')).toBeInTheDocument();
  });

  it('links the bug check code and name to its reference page', () => {
    renderWithApp(<VerdictSection report={D1} />, { report: D1 });
    const link = screen.getByRole('link', { name: /0x000000D1 DRIVER_IRQL_NOT_LESS_OR_EQUAL/ });
    expect(link).toHaveAttribute('href', '/bugcheck/0x000000D1');
  });

  it('links to the reference index when there is no bug check', () => {
    const report = makeReport({ category: 'hang-deadlock', headline: 'A hang.' });
    renderWithApp(<VerdictSection report={report} />, { report });
    expect(screen.getByRole('link', { name: 'Browse the bug check reference' })).toHaveAttribute('href', '/bugcheck');
  });

  it('shows the first four suspects and the rest on request', async () => {
    const suspects = ['a', 'b', 'c', 'd', 'e', 'f'].map((m, i) => ({ module: `drv${m}`, confidence: 0.9 - i * 0.1, origin: 'unknown' as const, reasons: [] }));
    const report = makeReport({ suspects });
    const { user } = renderWithApp(<VerdictSection report={report} />, { report });
    const items = () => within(screen.getByRole('region', { name: 'Verdict' })).getAllByRole('listitem').filter((li) => li.classList.contains('suspect'));
    expect(items()).toHaveLength(4);
    await user.click(screen.getByRole('button', { name: 'Show 2 more suspects' }));
    expect(items()).toHaveLength(6);
    expect(items()[5]).toHaveTextContent('drvf');
  });
});
