/** Device object → driver, from `!devobj` and `!devstack` output, to name the driver at an IRP's stack location. */
import type { AnalysisReport } from '../../analyzers/types';
import { normalizeThreadId } from '../../store/selectors';

export function deviceDrivers(report: AnalysisReport): Map<string, string> {
  const map = new Map<string, string>();
  const add = (device: string | undefined, driver: string | undefined) => {
    if (device && driver) {
      const key = normalizeThreadId(device);
      if (!map.has(key)) {
        map.set(key, driver);
      }
    }
  };
  for (const d of report.devices) {
    add(d.address, d.driver);
    add(d.attachedTo?.address, d.attachedTo?.driver);
    add(d.attachedDevice?.address, d.attachedDevice?.driver);
  }
  for (const s of report.devStacks) {
    for (const e of s.entries) {
      add(e.device, e.driver);
    }
  }
  for (const r of report.irpFind) {
    add(r.device, r.driver);
  }
  return map;
}

/** `\Driver\ZTEusbnet` → `ZTEusbnet`. */
export function driverShortName(driver: string): string {
  return driver.replace(/^\\(?:Driver|FileSystem)\\/i, '');
}
