// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzers/index';
import { DevicesSection } from '../../src/components/devices/DevicesSection';
import s04 from '../fixtures/seeds/s04-9f-power-irp-zteusbnet.txt?raw';
import s08 from '../fixtures/seeds/s08-1a-41790-pte-corruption.txt?raw';
import s09 from '../fixtures/seeds/s09-hang-vmms-critsec-ndis-miniport.txt?raw';
import s11 from '../fixtures/seeds/s11-24-ntfs-minifilter-refs.txt?raw';
import s13 from '../fixtures/seeds/s13-109-driver-object-hook.txt?raw';
import { makeReport, renderWithApp } from '../render';

describe('DevicesSection', () => {
  it('shows the IRP stack location it waits at, named, with the driver from !devobj, and folds unused locations (s04)', async () => {
    const report = analyze(s04);
    const { user } = renderWithApp(<DevicesSection report={report} />, { report });
    const region = screen.getByRole('region', { name: 'Devices & IRPs' });
    expect(within(region).getByText(/Waiting at/).parentElement).toHaveTextContent('IRP_MJ_PNP / IRP_MN_SURPRISE_REMOVAL in \\Driver\\ZTEusbnet');
    const table = within(region).getByRole('table', { name: 'Stack locations of IRP fffffa8008f5cc10' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('[1b,17] IRP_MJ_PNP / IRP_MN_SURPRISE_REMOVAL');
    expect(rows[0]).toHaveTextContent('current');
    expect(rows[0]).toHaveTextContent('\\Driver\\ZTEusbnet');
    expect(rows[0]).toHaveClass('is-current');
    await user.click(within(region).getByRole('button', { name: 'Show 9 unused locations' }));
    expect(within(table).getAllByRole('row').slice(1)).toHaveLength(10);
  });

  it('names the IRP status once the NTSTATUS table has loaded (s04)', async () => {
    const report = analyze(s04);
    renderWithApp(<DevicesSection report={report} />, { report });
    await waitFor(() => expect(screen.getByText(/STATUS_NOT_SUPPORTED/)).toBeInTheDocument());
  });

  it('draws the device stack from the attached device down to the bus driver (s04)', () => {
    const report = analyze(s04);
    renderWithApp(<DevicesSection report={report} />, { report });
    const chain = screen.getByRole('list', { name: /Device fffffa800c089050: attached devices, top to bottom/ });
    const nodes = within(chain).getAllByRole('listitem');
    expect(nodes.map((n) => n.textContent)).toEqual([expect.stringContaining('\\Driver\\ZTEusbnet'), expect.stringContaining('\\Driver\\usbccgp')]);
    expect(nodes[0]).toHaveTextContent('asked about');
  });

  it('counts outstanding IRPs per driver in a table view of the chart (s08)', async () => {
    const report = analyze(s08);
    const { user } = renderWithApp(<DevicesSection report={report} />, { report });
    const figure = screen.getByRole('figure', { name: 'Outstanding IRPs per driver' });
    await user.click(within(figure).getByRole('button', { name: 'Table' }));
    const top = within(figure).getAllByRole('row')[1]!;
    expect(top).toHaveTextContent('\\Driver\\aswNdisFlt');
    expect(top).toHaveTextContent('9');
    expect(top).toHaveTextContent('60%');
    await user.click(screen.getByText('All 15 IRPs found by !irpfind'));
    expect(within(screen.getByRole('table', { name: 'IRPs found by !irpfind' })).getAllByRole('row')).toHaveLength(16);
  });

  it('highlights driver-object routines that point outside the driver: hooks (s13)', () => {
    const report = analyze(s13);
    renderWithApp(<DevicesSection report={report} />, { report });
    const hooked = screen.getAllByRole('row').filter((r) => r.classList.contains('is-hooked'));
    expect(hooked.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['DriverUnloadhook', 'FastIoQueryOpenhook']);
    expect(hooked[0]).toHaveTextContent('vicm');
    expect(hooked[1]).toHaveTextContent('no module');
    expect(screen.getByText('2 hooked')).toBeInTheDocument();
  });

  it('lists minifilters, their instances by altitude and the volumes (s11)', () => {
    const report = analyze(s11);
    renderWithApp(<DevicesSection report={report} />, { report });
    expect(screen.getByRole('table', { name: 'Minifilters' })).toHaveTextContent('fltdrv1388920');
    const instances = within(screen.getByRole('table', { name: 'Filter instances' })).getAllByRole('row').slice(1);
    const altitudes = instances.map((r) => Number((r as HTMLTableRowElement).cells[1]?.textContent));
    expect(altitudes).toEqual([...altitudes].sort((a, b) => b - a));
    expect(instances.some((r) => r.textContent?.includes('DKRtWrt Instance'))).toBe(true);
    expect(screen.getByRole('table', { name: 'Volumes' })).toHaveTextContent('\\Device\\HarddiskVolume4NTFS4');
  });

  it('puts a network miniport stuck in a reset first and shows the pending OID (s09)', () => {
    const report = analyze(s09);
    renderWithApp(<DevicesSection report={report} />, { report });
    const first = within(screen.getByRole('table', { name: 'Network miniports' })).getAllByRole('row')[1]!;
    expect(first).toHaveTextContent('FooBar Network Adapter #2');
    expect(first).toHaveTextContent('RESET_IN_PROGRESS');
    expect(first).toHaveTextContent('NDIS_STATUS_RESET_IN_PROGRESS');
    expect(within(screen.getByRole('list', { name: 'NDIS requests (OIDs)' })).getByRole('listitem')).toHaveTextContent('OID_RECEIVE_FILTER_SET_FILTER pending');
    expect(screen.getByRole('table', { name: 'Miniport driver handlers' })).toHaveTextContent('FooDRV');
  });

  it('renders nothing without devices or IRPs', () => {
    const report = makeReport();
    renderWithApp(<DevicesSection report={report} />, { report });
    expect(screen.queryByRole('region', { name: 'Devices & IRPs' })).toBeNull();
  });
});
