/**
 * Rule ndis-reset: a network miniport stuck in reset, and its driver.
 */
import { normalizeAddress } from '../../normalize';
import { blocksOf } from '../../run';
import { addEvidence, signal, type VerdictContext } from '../context';
import { isForeign } from '../modules';
import type { Rule } from '../rule';

export const ndisReset: Rule = {
  id: 'ndis-reset',
  description: "!ndiskd: a miniport stuck in RESET_IN_PROGRESS with an OID pending blames its miniport driver.",
  reasoning:
    "A network adapter whose miniport is stuck in a reset, with an OID request never completed, holds up every thread that needs the NDIS stack (binding changes, power transitions, management services). !ndiskd.miniport shows the state and the pending OID, !ndiskd.minidriver the handlers: the module they live in is the driver that does not complete.",
  source: "https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-ndiskd-miniport; https://learn.microsoft.com/windows-hardware/drivers/network/miniport-adapter-states-and-operations",
  apply(ctx: VerdictContext): void {
    for (const b of blocksOf(ctx.model, 'ndiskd')) {
      for (const mp of b.data.miniports) {
        const stuck = mp.flags.some((f) => /RESET_IN_PROGRESS/i.test(f)) || /RESET_IN_PROGRESS/i.test(mp.state ?? '');
        if (!stuck) {
          continue;
        }
        signal(ctx, 'hang-deadlock', `miniport '${mp.name}' is stuck in reset`, mp.line);
        const pending = blocksOf(ctx.model, 'ndiskd').flatMap((x) => x.data.oids).filter((o) => !o.completed);
        // Its driver: handlers listed by !ndiskd.minidriver for the same minidriver handle.
        const mods = new Map<string, number>();
        const want = mp.driver !== undefined ? normalizeAddress(mp.driver) : undefined;
        for (const x of blocksOf(ctx.model, 'ndiskd')) {
          for (const h of x.data.handlers) {
            // The handler's minidriver as the parser read it (from its command or the listing);
            // a handler of another minidriver is not this miniport's.
            const sameDriver = want === undefined || h.minidriver === undefined || normalizeAddress(h.minidriver) === want;
            if (sameDriver && h.module !== null && !mods.has(h.module)) {
              mods.set(h.module, h.line);
            }
          }
        }
        for (const [mod, line] of mods) {
          if (isForeign(mod)) {
            addEvidence(ctx, mod, 0.5, `miniport '${mp.name}' is stuck in RESET_IN_PROGRESS${pending.length > 0 ? ` with ${pending[0]?.clonedFrom ?? pending[0]?.name ?? 'an OID'} not completed` : ''}, and its miniport driver's handlers are in ${mod}`, line);
          }
        }
      }
    }
  },
};
