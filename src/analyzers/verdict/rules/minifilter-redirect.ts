/**
 * Rule minifilter-redirect: a minifilter sending I/O to another filter's instance.
 */
import { canonicalModuleName } from '../../knowledge/modules';
import { normalizeAddress } from '../../normalize';
import { blocksOf } from '../../run';
import { addEvidence, addFinding, type VerdictContext } from '../context';
import type { Rule } from '../rule';

export const minifilterRedirect: Rule = {
  id: 'minifilter-redirect',
  description: "!fltkd: a minifilter that issued I/O to an instance of another filter.",
  reasoning:
    "A minifilter may only target its own instances (or the top of the stack) when it issues I/O; sending an operation to another filter's instance skips the filters above it and breaks their assumptions. Comparing TargetInstance in the callback data with the filter that issued it shows the offender.",
  source: "https://learn.microsoft.com/windows-hardware/drivers/ifs/filter-manager-concepts; https://learn.microsoft.com/windows-hardware/drivers/ddi/fltkernel/nf-fltkernel-fltperformsynchronousio",
  apply(ctx: VerdictContext): void {
    const instances = new Map<string, { name: string; altitude?: string; filter?: string; volume?: string }>();
    for (const b of blocksOf(ctx.model, 'fltkd')) {
      for (const i of b.data.instances) {
        const key = normalizeAddress(i.address);
        const prev = instances.get(key) ?? { name: i.name };
        instances.set(key, {
          name: i.name,
          ...(i.altitude !== undefined || prev.altitude !== undefined ? { altitude: i.altitude ?? prev.altitude } : {}),
          ...(i.filter !== undefined || prev.filter !== undefined ? { filter: i.filter ?? prev.filter } : {}),
          ...(i.volume !== undefined || prev.volume !== undefined ? { volume: i.volume ?? prev.volume } : {}),
        } as { name: string; altitude?: string; filter?: string; volume?: string });
      }
    }
    // `dt … _FLT_IO_PARAMETER_BLOCK` prints TargetInstance: the operation's target.
    const targets: { address: string; line: number }[] = [];
    const lines = ctx.model.source.lines;
    for (const seg of ctx.model.segments) {
      if (!/^dt\b/i.test(seg.command) || !/_FLT_IO_PARAMETER_BLOCK/i.test(seg.command)) {
        continue;
      }
      for (let i = seg.bodyStart; i < seg.bodyEnd; i++) {
        const m = /TargetInstance\s*:\s*(?:0x)?([0-9a-f`]+)/i.exec(lines[i] as string);
        if (m) {
          targets.push({ address: normalizeAddress(m[1] as string), line: i + 1 });
        }
      }
    }
    for (let k = 1; k < targets.length; k++) {
      const a = instances.get((targets[0] as { address: string }).address);
      const t = targets[k] as { address: string; line: number };
      const bInst = instances.get(t.address);
      if (!a || !bInst) {
        continue;
      }
      const fa = a.filter ?? a.name;
      const fb = bInst.filter ?? bInst.name;
      if (canonicalModuleName(fa) !== canonicalModuleName(fb)) {
        addFinding(ctx, {
          id: 'fltkd.redirect',
          severity: 'critical',
          title: `The minifilter ${a.name}${a.altitude ? ` (altitude ${a.altitude})` : ''} sent I/O to an instance of another filter, ${fb}${bInst.altitude ? ` (altitude ${bInst.altitude})` : ''}; a minifilter may only redirect to its own instances`,
          lines: [(targets[0] as { line: number }).line, t.line],
        });
        addEvidence(ctx, fa, 0.35, `it redirected an I/O operation to an instance of another filter (${fb})`, t.line);
      }
    }
  },
};
