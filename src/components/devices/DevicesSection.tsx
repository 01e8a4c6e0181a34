import { useMemo } from 'react';
import type { AnalysisReport } from '../../analyzers/types';
import { Section, SubSection } from '../results/Section';
import { DeviceChains } from './DeviceChains';
import { deviceDrivers } from './device-index';
import { DriverObjects } from './DriverObjects';
import { FiltersView } from './FiltersView';
import { IrpCard } from './IrpCard';
import { IrpFindView } from './IrpFindView';
import { NdisView } from './NdisView';

/** Devices & IRPs: IRP stack locations, device stacks, IRPs per driver, driver objects, minifilters, NDIS. */
export function DevicesSection({ report }: { report: AnalysisReport }) {
  const drivers = useMemo(() => deviceDrivers(report), [report]);
  const { irps, irpFind, devices, devStacks, filters, ndis } = report;
  if (irps.length + irpFind.length + devices.length + devStacks.length + report.drivers.length + filters.length + ndis.length === 0) {
    return null;
  }
  return (
    <Section id="devices" label="Devices & IRPs" className="devices">
      {irps.length > 0 ? (
        <SubSection title="IRPs" count={irps.length}>
          <ul className="irp-list-cards">
            {irps.map((irp) => (
              <IrpCard key={irp.line} report={report} irp={irp} drivers={drivers} />
            ))}
          </ul>
        </SubSection>
      ) : null}
      {devices.length + devStacks.length > 0 ? (
        <SubSection title="Device stacks" count={devices.length + devStacks.length}>
          <DeviceChains report={report} />
        </SubSection>
      ) : null}
      {irpFind.length > 0 ? (
        <SubSection title="Outstanding IRPs (!irpfind)" count={irpFind.length}>
          <IrpFindView report={report} />
        </SubSection>
      ) : null}
      {report.drivers.length > 0 ? (
        <SubSection title="Driver objects" count={report.drivers.length}>
          <DriverObjects report={report} />
        </SubSection>
      ) : null}
      {filters.length > 0 ? (
        <SubSection title="File system minifilters">
          <FiltersView report={report} />
        </SubSection>
      ) : null}
      {ndis.length > 0 ? (
        <SubSection title="Network (NDIS)">
          <NdisView report={report} />
        </SubSection>
      ) : null}
    </Section>
  );
}
