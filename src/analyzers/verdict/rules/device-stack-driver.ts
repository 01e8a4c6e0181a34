/**
 * Rule device-stack-driver: after a 0x9F, the function driver of the device
 * stack that Arg2 names.
 */
import { normalizeAddress } from '../../normalize';
import { blocksOf } from '../../run';
import { addEvidence, arg, type VerdictContext } from '../context';
import { isCandidate, moduleFromDriverName } from '../modules';
import type { Rule } from '../rule';

/**
 * The function driver owns the device's power policy: a strong lead, more than
 * the blocked IRP's current location (0.3) and more than the Microsoft module
 * !analyze names for a 0x9F, which is often only the one waiting for that
 * driver (tcpip!FlpWaitForMiniportToReturnTransmittedPackets).
 */
const FUNCTION_DRIVER = 0.45;

export const deviceStackDriver: Rule = {
  id: 'device-stack-driver',
  description: 'DRIVER_POWER_STATE_FAILURE (0x9F): the function driver of the device stack of the physical device object Arg2 names (!devstack / !devnode), not its bus or filter drivers.',
  reasoning:
    'For a power IRP held too long (0x9F subcode 3) Arg2 is the physical device object of the stack that holds it. Experts run !devstack ' +
    'on it: the bottom entry is the bus driver that enumerated the device, the ones above are the function driver and the filters. The ' +
    "devnode's ServiceName is the function driver, the one that owns the device's power policy and must pass the IRP on: it is the " +
    'usual culprit, while the bus driver at the bottom and the filters are bystanders.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-0x9f--driver-power-state-failure; https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-devstack',
  apply(ctx: VerdictContext): void {
    if (ctx.bugcheck?.code !== 0x9f || arg(ctx, 2) === '') {
      return;
    }
    const pdo = normalizeAddress(arg(ctx, 2).replace(/^0x/i, ''));
    for (const b of blocksOf(ctx.model, 'devstack')) {
      const entries = b.data.entries;
      const bottom = entries[entries.length - 1];
      const named = /^!devstack\s+(?:0x)?([0-9a-f`]+)/i.exec(b.segment.command);
      const ofPdo = (bottom !== undefined && normalizeAddress(bottom.device) === pdo) || (named !== null && normalizeAddress(named[1] as string) === pdo);
      if (!ofPdo || entries.length === 0) {
        continue;
      }
      // The devnode's service is the function driver; else the device right above the PDO.
      const service = b.data.serviceName;
      const fdo = service !== undefined ? entries.find((e) => moduleFromDriverName(e.driver).toLowerCase() === service.toLowerCase()) : entries[entries.length - 2];
      const name = service ?? (fdo ? moduleFromDriverName(fdo.driver) : undefined);
      if (name === undefined || name === '') {
        continue;
      }
      addEvidence(
        ctx,
        name,
        isCandidate(name) ? FUNCTION_DRIVER : FUNCTION_DRIVER / 2,
        `${name} is the function driver of the device stack of Arg2 (PDO ${pdo})${bottom ? `, above the bus driver ${moduleFromDriverName(bottom.driver)}` : ''}`,
        fdo?.line ?? b.line,
      );
    }
  },
};
