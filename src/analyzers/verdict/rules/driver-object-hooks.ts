/**
 * Rule driver-object-hooks: driver-object routines that point outside their own driver.
 */
import { normalizeAddress } from '../../normalize';
import { blocksOf } from '../../run';
import { addEvidence, argNum, type VerdictContext } from '../context';
import { isForeign } from '../modules';
import type { Rule } from '../rule';
import { ownImages, pointsOutside } from '../../commands/drvobj';

export const driverObjectHooks: Rule = {
  id: 'driver-object-hooks',
  description: "A dispatch routine in !drvobj that points into another module (or into pool that jumps into one) is a hook; more so when the bug check reports driver-object corruption.",
  reasoning:
    "A driver's dispatch table should point into its own image. Routines that point into another module are hooks installed by security or filtering software, and pointers into pool that jump (seen with u) into a module are hidden hooks. CRITICAL_STRUCTURE_CORRUPTION (0x109) with type 0x1C reports a modified driver object: the module the routines point into is who modified it.",
  source: "https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-drvobj; https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-0x109---critical-structure-corruption",
  apply(ctx: VerdictContext): void {
    const corruptDrvObj = ctx.bugcheck?.code === 0x109 && argNum(ctx, 4) === 0x1c;
    // `dt nt!_DRIVER_OBJECT <addr>` names the driver when `!drvobj` did not print it.
    const dtNames = new Map<string, string>();
    for (const d of blocksOf(ctx.model, 'dt')) {
      const name = d.data.fields.find((f) => f.name === 'DriverName');
      const str = name ? /"([^"]+)"/.exec(name.value) : null;
      if (d.data.address && str) {
        dtNames.set(normalizeAddress(d.data.address), str[1] as string);
      }
    }
    for (const b of blocksOf(ctx.model, 'drvobj')) {
      if (!b.data.driverName && b.data.address && dtNames.has(normalizeAddress(b.data.address))) {
        b.data.driverName = dtNames.get(normalizeAddress(b.data.address));
      }
      const own = ownImages(b.data);
      for (const r of b.data.routines) {
        if (!pointsOutside(own, r)) {
          continue;
        }
        const who = b.data.ownModule ?? b.data.driverName ?? 'this driver';
        if (r.module !== null) {
          addEvidence(ctx, r.module, corruptDrvObj ? 0.6 : 0.5, `!drvobj: ${who}'s ${r.name} points into ${r.module} (${r.target}), outside ${who}'s own image: a hook${corruptDrvObj ? ', and the bug check reports driver object corruption' : ''}`, r.line);
        } else {
          // Points into no module (pool): follow `u` of that address to where its code jumps.
          const addr = normalizeAddress(r.address);
          for (const d of blocksOf(ctx.model, 'disasm')) {
            const cmdAddr = /^u[bf]?\s+([0-9a-f`]+)/i.exec(d.segment.command);
            if (!cmdAddr || normalizeAddress(cmdAddr[1] as string) !== addr) {
              continue;
            }
            for (const t of d.data.targets) {
              if (isForeign(t.module)) {
                addEvidence(ctx, t.module, corruptDrvObj ? 0.5 : 0.4, `!drvobj: ${who}'s ${r.name} points to memory outside any module whose code jumps to ${t.site}`, t.line);
              }
            }
          }
        }
      }
    }
  },
};
