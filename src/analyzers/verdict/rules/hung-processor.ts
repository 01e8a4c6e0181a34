/**
 * Rule hung-processor: what the raw stack of the processor that stopped answering references.
 */
import { canonicalModuleName } from '../../knowledge/modules';
import { addEvidence, addFinding, arg, argNum, spell, type VerdictContext } from '../context';
import { isForeign } from '../modules';
import type { Rule } from '../rule';

export const hungProcessor: Rule = {
  id: 'hung-processor',
  description: "0x101: the modules referenced by the hung processor's raw stack (dps) are what it was running.",
  reasoning:
    "CLOCK_WATCHDOG_TIMEOUT names the processor that stopped answering clock interrupts; its stack often cannot be walked, so experts switch to it (~N) and dump its raw stack (dps/dqs on the stack pointer, or !thread of its current thread): driver addresses among the values show what the processor was executing, and the same third-party module seen several times is the suspect.",
  source: "https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-0x101---clock-watchdog-timeout",
  apply(ctx: VerdictContext): void {
    if (!ctx.bugcheck || ctx.bugcheck.code !== 0x101) {
      return;
    }
    const cpu = argNum(ctx, 4);
    if (Number.isNaN(cpu)) {
      return;
    }
    addFinding(ctx, {
      id: 'watchdog.cpu',
      severity: 'critical',
      title: `Processor ${cpu} did not answer the clock interrupt within ${arg(ctx, 1)} (${argNum(ctx, 1)}) clock ticks`,
      lines: [ctx.bugcheck.argLines[3] ?? ctx.bugcheck.line],
    });
    const counts = new Map<string, { n: number; line: number; sites: string[] }>();
    const note = (module: string, line: number, site: string) => {
      const key = canonicalModuleName(module);
      const c = counts.get(key);
      if (c) {
        c.n++;
        if (!c.sites.includes(site)) {
          c.sites.push(site);
        }
      } else {
        counts.set(key, { n: 1, line, sites: [site] });
        spell(ctx, module);
      }
    };
    // Raw memory printed on the hung processor; failing that, raw memory pasted without any prompt
    // (people paste the hung processor's `dps` alone), weighed less.
    const onCpu = ctx.model.blocks.filter((b) => b.segment.prompt?.processor === cpu);
    const hasRaw = (bs: typeof onCpu) => bs.some((b) => b.analyzer === 'rawmem' || b.analyzer === 'symerr');
    const unanchored = !hasRaw(onCpu);
    const scanned = unanchored ? ctx.model.blocks.filter((b) => b.segment.prompt === null) : onCpu;
    for (const b of scanned) {
      if (b.analyzer === 'rawmem') {
        for (const s of (b.data as { symbols: { site: string; module: string | null; line: number }[] }).symbols) {
          if (isForeign(s.module)) {
            note(s.module, s.line, s.site);
          }
        }
      } else if (b.analyzer === 'symerr') {
        for (const m of (b.data as { modules: { module: string; line: number }[] }).modules) {
          if (isForeign(m.module)) {
            note(m.module, m.line, `${m.module} (no symbols)`);
          }
        }
      }
    }
    for (const [key, c] of counts) {
      const w = Math.min(0.55, 0.2 * c.n) * (unanchored ? 0.6 : 1);
      const whose = unanchored ? 'raw memory pasted without its prompt (probably the hung processor\'s stack)' : `processor ${cpu}'s raw stack`;
      addEvidence(ctx, ctx.spelling.get(key) ?? key, w, `${whose} references it ${c.n} time${c.n > 1 ? 's' : ''} (${c.sites.slice(0, 3).join(', ')})`, c.line);
    }
  },
};
