/**
 * Rule blocked-irp: the driver at a blocked IRP's current stack location.
 */
import { irpMajorName, irpMinorName } from '../../knowledge/irp-codes';
import { normalizeAddress } from '../../normalize';
import { blocksOf } from '../../run';
import { addEvidence, addFinding, type VerdictContext } from '../context';
import { isForeign, moduleFromDriverName } from '../modules';
import type { Rule } from '../rule';

export const blockedIrp: Rule = {
  id: 'blocked-irp',
  description: 'The driver at the current stack location of a blocked IRP (!irp), with !devobj/!devstack naming the device owners.',
  reasoning:
    'An IRP that never completes is held by the driver at its current stack location (the line !irp marks with >): that driver was ' +
    'handed the request and did not finish or pass it on. DRIVER_POWER_STATE_FAILURE 0x9F subcode 3 gives the blocked power IRP itself. ' +
    'Experts run !irp on it, then !devobj or !devstack on the device of the current location to name its driver.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-irp; https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-0x9f--driver-power-state-failure',
  apply(ctx: VerdictContext): void {
    const devDriver = new Map<string, string>();
    for (const b of blocksOf(ctx.model, 'devobj')) {
      if (b.data.address && b.data.driver) {
        devDriver.set(normalizeAddress(b.data.address), b.data.driver);
      }
    }
    for (const b of blocksOf(ctx.model, 'devstack')) {
      for (const e of b.data.entries) {
        devDriver.set(normalizeAddress(e.device), e.driver);
      }
    }
    for (const b of blocksOf(ctx.model, 'irp')) {
      const cur = b.data.locations.find((l) => l.current);
      if (!cur) {
        continue;
      }
      const driver = cur.driver ?? (cur.device ? devDriver.get(normalizeAddress(cur.device)) : undefined);
      const major = irpMajorName(cur.major) ?? `major 0x${cur.major.toString(16)}`;
      const minor = irpMinorName(cur.major, cur.minor);
      const what = `[${cur.major.toString(16)},${cur.minor.toString(16)}] ${major}${minor ? ` / ${minor}` : ''}`;
      addFinding(ctx, {
        id: 'irp.current',
        severity: 'warning',
        title: `IRP ${b.data.address ?? ''} waits at its current stack location ${what}${cur.device ? ` on device ${cur.device}` : ''}${driver ? ` (${driver})` : ''}`.replace('IRP  ', 'IRP '),
        lines: [cur.line],
      });
      if (driver) {
        const mod = moduleFromDriverName(driver);
        if (isForeign(mod)) {
          addEvidence(ctx, mod, 0.3, `the blocked IRP sits at ${driver}'s stack location ${what}`, cur.line);
        }
      }
    }
    for (const b of blocksOf(ctx.model, 'devobj')) {
      if (b.data.driver) {
        const lower = b.data.attachedTo?.driver ? `, attached over ${b.data.attachedTo.driver}` : '';
        addFinding(ctx, {
          id: 'devobj.owner',
          severity: 'info',
          title: `Device ${b.data.address ?? ''} belongs to ${b.data.driver}${lower}`,
          lines: [b.data.line],
        });
      }
    }
  },
};
