/**
 * Rule pool-usage: pool exhaustion, the tag that dominates it, and who allocates that tag.
 */
import { canonicalModuleName } from '../../knowledge/modules';
import { describePoolTag, poolTagOwnerModule } from '../../knowledge/pooltags';
import { normalizeAddress } from '../../normalize';
import { blocksOf } from '../../run';
import type { StackFrame } from '../../types';
import { addEvidence, addFinding, signal, type VerdictContext } from '../context';
import { isForeign } from '../modules';
import type { Rule } from '../rule';

function ruleApiCallers(ctx: VerdictContext, tag: string, ownerText: string): void {
  const apis = new Set<string>();
  for (const b of blocksOf(ctx.model, 'ln')) {
    for (const h of b.data.hits) {
      if (h.module !== null && !isForeign(h.module)) {
        apis.add(h.site.replace(/\+0x[0-9a-f]+$/i, ''));
      }
    }
  }
  addFinding(ctx, {
    id: 'pool.owner-microsoft',
    severity: 'info',
    title: `Tag '${tag}' belongs to ${ownerText}: Microsoft code allocates it on behalf of a caller; look for the drivers that call the allocating API`,
    lines: [],
  });
  // ln ADDR whose output says which third-party module holds ADDR — ADDR being where a memory
  // search found a pointer (without a search, an ln says nothing about the API).
  const searched = ctx.model.segments.some((seg) => /(?:^|;)\s*s\s+-[a-z]/i.test(seg.command));
  for (const b of ctx.model.blocks) {
    if (!searched || !/^ln\s/i.test(b.segment.command)) {
      continue;
    }
    const mods: { module: string; line: number }[] =
      b.analyzer === 'symerr'
        ? (b.data as { modules: { module: string; line: number }[] }).modules
        : b.analyzer === 'ln'
          ? (b.data as { hits: { module: string | null; line: number }[] }).hits.filter((h): h is { module: string; line: number } => h.module !== null)
          : [];
    for (const m of mods) {
      if (isForeign(m.module)) {
        addEvidence(ctx, m.module, 0.3, `a pointer to ${[...apis][0] ?? 'the allocating API'} was found inside it (${b.segment.command})`, m.line);
      }
    }
  }
  // dps BASE+IAT…: the import table of the module at BASE lists the API.
  const lm = blocksOf(ctx.model, 'lm').flatMap((b) => b.data.modules);
  for (const b of blocksOf(ctx.model, 'rawmem')) {
    const base = /^d[pqd]s\s+([0-9a-f`]+)\+/i.exec(b.segment.command);
    if (!base) {
      continue;
    }
    const owner = lm.find((m) => m.start !== undefined && normalizeAddress(m.start) === normalizeAddress(base[1] as string));
    if (!owner) {
      continue;
    }
    const wanted = new Set([...apis].map((a) => a.toLowerCase()));
    const hit = b.data.symbols.find((s) => wanted.has(s.site.replace(/\+0x[0-9a-f]+$/i, '').toLowerCase()));
    if (hit && isForeign(owner.name)) {
      addEvidence(ctx, owner.name, 0.3, `its import table (${b.segment.command}) lists ${hit.site}`, hit.line);
    }
  }
}

/**
 * A tag nobody owns: a stack caught in the pool allocator (a breakpoint on
 * ExAllocatePool*, often conditioned on the tag) names the driver that asks for
 * it: the first third-party frame below the allocator.
 */
function allocationStacks(ctx: VerdictContext, tag: string): void {
  for (const s of ctx.stacks) {
    const at = s.frames.slice(0, 3).findIndex((f) => f.symbol !== null && /^ExAllocatePool/.test(f.symbol));
    if (at < 0) {
      continue;
    }
    const caller = s.frames.slice(at + 1).find((f) => isForeign(f.module));
    if (caller && caller.module !== null) {
      addEvidence(ctx, caller.module, 0.35, `a stack stopped in the pool allocator (${s.frames[at]?.symbol ?? 'ExAllocatePool'}) is called from ${caller.site}: the likely allocator of tag '${tag}', whose owner is not known`, caller.line);
      return;
    }
  }
}

export const poolUsage: Rule = {
  id: 'pool-usage',
  description: "Pool exhausted in !vm or one tag dominating !poolused: blame the tag's owner, or the callers of the Microsoft API that allocates it.",
  reasoning:
    "A machine that runs out of pool crashes wherever the next allocation fails, so the crash stack is rarely the leaker. Experts read !vm for exhaustion, then !poolused for the tag holding most of the pool, then who owns that tag: pooltag.txt and the driver images that contain it. When the tag belongs to Microsoft code that allocates on a caller's behalf, the callers are the drivers that import or point to that API. A third-party frame calling ExAllocatePool while pool is exhausted is a suspect too.",
  source: "https://learn.microsoft.com/windows-hardware/drivers/debugger/finding-a-kernel-mode-memory-leak; https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-poolused",
  apply(ctx: VerdictContext): void {
    let exhausted = false;
    for (const b of blocksOf(ctx.model, 'vm')) {
      const v = b.data;
      const check = (used: number | undefined, max: number | undefined, kind: string) => {
        if (used === undefined || max === undefined || max <= 0) {
          return;
        }
        const pct = (used / max) * 100;
        if (pct >= 95) {
          exhausted = true;
          signal(ctx, 'pool-leak', `${kind} pool is exhausted (${pct.toFixed(2)}% of its maximum)`, v.line);
        }
      };
      check(v.nonPagedUsageKb !== undefined || v.nonPagedNxUsageKb !== undefined ? (v.nonPagedUsageKb ?? 0) + (v.nonPagedNxUsageKb ?? 0) : undefined, v.nonPagedMaxKb, 'non-paged');
      check(v.pagedUsageKb, v.pagedMaxKb, 'paged');
    }
    for (const b of blocksOf(ctx.model, 'poolused')) {
      const d = b.data;
      const byPaged = d.sortedBy === 'paged';
      const total = d.total ? (byPaged ? d.total.pagedBytes : d.total.nonPagedBytes) : undefined;
      const top = [...d.tags].sort((x, y) => (byPaged ? y.pagedBytes - x.pagedBytes : y.nonPagedBytes - x.nonPagedBytes))[0];
      if (!top) {
        continue;
      }
      const bytes = byPaged ? top.pagedBytes : top.nonPagedBytes;
      const share = total ? bytes / total : undefined;
      const known = describePoolTag(top.tag);
      const owner = poolTagOwnerModule(top.tag) ?? (top.binary ? canonicalModuleName(top.binary.replace(/!.*$/, '')) : undefined);
      // Without a total line (a cut listing): a tag of gigabytes, twice the next one, or of
      // hundreds of megabytes, eight times the next one.
      const second = [...d.tags].map((t) => (byPaged ? t.pagedBytes : t.nonPagedBytes)).sort((x, y) => y - x)[1] ?? 0;
      const dominant =
        share !== undefined
          ? share >= 0.5 && bytes >= 64 * 1024 * 1024
          : (bytes >= 512 * 1024 * 1024 && bytes >= 2 * second) || (bytes >= 128 * 1024 * 1024 && bytes >= 8 * second);
      if (dominant) {
        const kind = byPaged ? 'paged' : 'non-paged';
        signal(
          ctx,
          'pool-leak',
          share !== undefined
            ? `pool tag '${top.tag}' holds ${Math.round(share * 100)}% of ${kind} pool`
            : `pool tag '${top.tag}' holds ${bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${Math.round(bytes / 2 ** 20)} MiB`} of ${kind} pool, ${second > 0 ? `${(bytes / second).toFixed(1)}× the next tag` : 'and no other tag is listed'}`,
          top.line,
        );
      }
      if ((dominant || exhausted) && owner && isForeign(owner)) {
        addEvidence(ctx, owner, 0.55, `pool tag '${top.tag}' (owner ${known?.binary ?? owner}) is the largest ${byPaged ? 'paged' : 'non-paged'} pool consumer while that pool is ${exhausted ? 'exhausted' : 'dominated by it'}`, top.line);
      }
      if ((dominant || exhausted) && owner && !isForeign(owner)) {
        ruleApiCallers(ctx, top.tag, known?.binary ?? owner);
      }
      if ((dominant || exhausted) && !owner) {
        allocationStacks(ctx, top.tag);
      }
    }
    if (exhausted && ctx.primary) {
      // A third-party frame calling the pool allocator while the pool is exhausted.
      const frames = ctx.primary.frames;
      for (let i = 1; i < frames.length; i++) {
        const f = frames[i] as StackFrame;
        const above = frames[i - 1] as StackFrame;
        if (isForeign(f.module) && above.symbol !== null && /^ExAllocatePool/.test(above.symbol)) {
          addEvidence(ctx, f.module, 0.35, `${f.site} calls ${above.symbol} while pool is exhausted`, f.line);
          break;
        }
      }
    }
  },
};
