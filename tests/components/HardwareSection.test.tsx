// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzers/index';
import { HardwareSection, ratedMhz } from '../../src/components/hardware/HardwareSection';
import hwSample from '../../src/samples/hw-124-whea-icache.txt?raw';
import s05 from '../fixtures/seeds/s05-f4-csrss-inpage-io.txt?raw';
import s06 from '../fixtures/seeds/s06-124-whea-cpu-cache.txt?raw';
import { makeReport, renderWithApp } from '../render';

describe('HardwareSection', () => {
  it('shows the WHEA record: error type, severity, MCA error, processor, bank and status (s06)', () => {
    const report = analyze(s06);
    renderWithApp(<HardwareSection report={report} />, { report });
    const card = screen.getByRole('article', { name: 'WHEA error record fffffa80031f8028' });
    expect(within(card).getByText('Cache error')).toBeInTheDocument();
    expect(within(card).getByText('Fatal')).toBeInTheDocument();
    expect(card).toHaveTextContent('DCACHEL1_DRD_ERR on processor 3, MCA bank 0');
    expect(card).toHaveTextContent('Data Read');
    expect(card).toHaveTextContent('L1');
    expect(card).toHaveTextContent('0xb64720001a000135');
    expect(screen.getByText('AMD Phenom(tm) II X4 840 Processor')).toBeInTheDocument();
  });

  it('flags a CPU running well above its rated speed, and lists the machine (hardware sample)', () => {
    const report = analyze(hwSample);
    renderWithApp(<HardwareSection report={report} />, { report });
    expect(screen.getByText('4704 MHz (rated 3700 MHz)')).toBeInTheDocument();
    expect(screen.getByText('Runs 27% above its rated speed: probably overclocked.')).toBeInTheDocument();
    expect(screen.getByText('PRIME Z370-A')).toBeInTheDocument();
  });

  it('lists the Driver Verifier checks that were on (s05)', () => {
    const report = analyze(s05);
    renderWithApp(<HardwareSection report={report} />, { report });
    const checks = within(screen.getByRole('list', { name: 'Verifier checks enabled' })).getAllByRole('listitem');
    expect(checks[0]).toHaveTextContent('Special pool');
    expect(checks).toHaveLength(9);
    expect(screen.getByText('flags 0xdbb')).toBeInTheDocument();
  });

  it('reads the rated speed from the processor name', () => {
    expect(ratedMhz('Intel(R) Core(TM) i7-8700K CPU @ 3.70GHz')).toBe(3700);
    expect(ratedMhz('AMD Phenom(tm) II X4 840 Processor')).toBeUndefined();
  });

  it('renders nothing without hardware data', () => {
    const report = makeReport();
    renderWithApp(<HardwareSection report={report} />, { report });
    expect(screen.queryByRole('region', { name: 'Hardware' })).toBeNull();
  });
});
