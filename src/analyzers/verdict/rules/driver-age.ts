/**
 * Rule driver-age: third-party drivers much older than the rest.
 */
import { formatEpochDate } from '../../dates';
import { canonicalModuleName } from '../../knowledge/modules';
import { topBy } from '../../rank';
import { blocksOf } from '../../run';
import type { ModuleEntry } from '../../types';
import { addEvidence, addFinding, type VerdictContext } from '../context';
import type { Rule } from '../rule';
import { decideKind } from '../session';

/** Seconds in a year, for ages read off timestamps. */
const YEAR = 365.25 * 86400;
/** A driver this many years older than most third-party modules is flagged. */
const OLD_YEARS = 3;
/** Findings for the oldest few; a long `lm` gets one summary for the rest. */
const LISTED = 8;

export const driverAge: Rule = {
  id: 'driver-age',
  description: "lm timestamps: a third-party driver years older than most others is a classic suspect (a tie-breaker only).",
  reasoning:
    "Forum helpers scan lm t n for third-party drivers dated years before the rest of the system: a driver written for an older Windows is a common cause and updating it is cheap. The rule reads kernel sessions only: a program's DLLs are mostly Windows' own, dated like any other before Windows 10. Age alone blames nothing; it adds a little to a module that already has evidence. Microsoft timestamps are build hashes on current Windows, so age is judged against the other third-party modules.",
  source: "https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/lm--list-loaded-modules-; https://www.sysnative.com/forums/threads/bsod-method-and-tips.2340/",
  apply(ctx: VerdictContext): void {
    // A program loads dozens of Windows DLLs that no table lists, dated like any other module on
    // Windows 7 and 8: in user mode an old date says nothing about a third party.
    if (decideKind(ctx) === 'user') {
      return;
    }
    // Dated, loaded, non-Microsoft rows in `lm` order, in one pass (a big server's `lm` can list thousands).
    const foreign: ModuleEntry[] = [];
    for (const b of blocksOf(ctx.model, 'lm')) {
      for (const m of b.data.modules) {
        const epoch = m.timestamp?.epoch;
        if (epoch !== undefined && epoch > 0x20000000 && m.unloaded !== true && m.origin !== 'microsoft') {
          foreign.push(m);
        }
      }
    }
    // Windows 10+ inbox images carry build hashes in the timestamp field (dates in 2065…): judge age
    // against the other non-Microsoft modules only, and take a high percentile, not the maximum.
    if (foreign.length < 5) {
      return;
    }
    const thirdParty = new Float64Array(foreign.length);
    for (let k = 0; k < foreign.length; k++) {
      thirdParty[k] = (foreign[k] as ModuleEntry).timestamp?.epoch as number;
    }
    thirdParty.sort();
    const newest = thirdParty[Math.floor((thirdParty.length - 1) * 0.9)] as number;
    const suspects = new Set(ctx.evidence.map((e) => canonicalModuleName(e.module)));
    const seen = new Set<string>();
    const old: { name: string; years: number; epoch: number; line: number }[] = [];
    for (const m of foreign) {
      const key = canonicalModuleName(m.name);
      // One look into the set: it grows only for a name not seen before.
      const before = seen.size;
      seen.add(key);
      if (seen.size === before) {
        continue;
      }
      const epoch = m.timestamp?.epoch as number;
      const years = (newest - epoch) / YEAR;
      if (years < OLD_YEARS) {
        continue;
      }
      old.push({ name: m.name, years, epoch, line: m.line });
      if (suspects.has(key)) {
        addEvidence(ctx, m.name, 0.1, `it is dated ${formatEpochDate(epoch)}, ${Math.floor(years)} years older than most third-party modules loaded`, m.line);
      }
    }
    // One finding for each of the eight oldest (oldest first, ties in `lm` order); a single summary for
    // the rest of a long list (`lm` of a big server).
    for (const o of topBy(old, (o) => o.years, LISTED)) {
      addFinding(ctx, {
        id: 'lm.old-driver',
        severity: 'warning',
        title: `${o.name} is dated ${formatEpochDate(o.epoch)}, ${Math.floor(o.years)} years older than most third-party modules loaded: look for an update`,
        lines: [o.line],
      });
    }
    if (old.length > LISTED) {
      addFinding(ctx, { id: 'lm.old-drivers', severity: 'info', title: `${old.length - LISTED} more third-party module${old.length - LISTED === 1 ? ' is' : 's are'} ${OLD_YEARS} or more years older than most others`, lines: [] });
    }
  },
};
