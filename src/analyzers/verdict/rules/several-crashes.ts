/**
 * Rule several-crashes: compare the crashes of one paste.
 */
import { KERNEL_FAULT } from '../../knowledge/frames';
import { canonicalModuleName } from '../../knowledge/modules';
import { normalizeAddress } from '../../normalize';
import { blocksOf } from '../../run';
import type { Stack, StackFrame } from '../../types';
import { addEvidence, addFinding, signal, type VerdictContext } from '../context';
import { isBlameable, isCandidate } from '../modules';
import type { Rule } from '../rule';
import { reachesKeBugCheckEx } from '../session';
import { kernelFrames } from '../stack-reading';

/** The kernel and the HAL: a crash whose whole kernel path runs through them alone involves no driver. */
const KERNEL_ITSELF = new Set(['nt', 'hal']);

/** Frames below the faulting place a stack must show to be compared. */
const CALLERS_SHOWN = 3;

/** Where a crash stack faulted: the first frame below the bug check and trap handlers. */
function faultSite(s: Stack): StackFrame | undefined {
  return s.frames.find((f) => f.symbol === null || !KERNEL_FAULT.test(f.symbol));
}

/**
 * Crash stacks that fail at the same place, some with a third-party module on them and some
 * without: that module is a bystander, and one place failing under different callers points at
 * the operating system's files or at memory. Returns the place, the bystanders and a line.
 */
function sameSiteDifferentBystanders(ctx: VerdictContext): { site: string; bystanders: string[]; lines: number[] } | null {
  const bySite = new Map<string, Stack[]>();
  const seen: string[] = [];
  for (const s of ctx.stacks) {
    if (!reachesKeBugCheckEx(s)) {
      continue;
    }
    const f = faultSite(s);
    // Only a stack that shows the callers of the faulting place can show who is, or is not, there.
    if (!f?.module || isCandidate(f.module) || f.symbol === null || s.frames.length - s.frames.indexOf(f) <= CALLERS_SHOWN) {
      continue;
    }
    // The same crash printed twice (STACK_TEXT, then a longer kv) is one crash.
    const sites = s.frames.map((x) => x.site).join('|');
    if (seen.some((o) => o.startsWith(sites) || sites.startsWith(o))) {
      continue;
    }
    seen.push(sites);
    const key = `${canonicalModuleName(f.module)}!${f.symbol}`;
    const list = bySite.get(key);
    if (list) {
      list.push(s);
    } else {
      bySite.set(key, [s]);
    }
  }
  for (const [site, stacks] of bySite) {
    if (stacks.length < 2) {
      continue;
    }
    const on = stacks.map((s) => new Set(s.frames.filter((f) => isCandidate(f.module)).map((f) => canonicalModuleName(f.module as string))));
    const all = new Set(on.flatMap((m) => [...m]));
    const bystanders = [...all].filter((m) => on.some((set) => !set.has(m)));
    if (bystanders.length > 0 && bystanders.length === all.size) {
      return { site, bystanders, lines: stacks.map((s) => s.line) };
    }
  }
  return null;
}

/**
 * Crash stacks (each reaching KeBugCheckEx) that fault at different places in the kernel's own code,
 * with no other module above the entry from user mode on any of them: the kernel's code paths do
 * not fail at random, so its data (memory) was damaged. Returns the places and their lines.
 */
function kernelOnlyAtDifferentPlaces(ctx: VerdictContext): { sites: string[]; lines: number[] } | null {
  const sites = new Map<string, number>();
  const seen: string[] = [];
  for (const s of ctx.stacks) {
    if (!reachesKeBugCheckEx(s)) {
      continue;
    }
    const frames = kernelFrames(s);
    const f = faultSite({ ...s, frames: [...frames] });
    if (!f?.module || f.symbol === null || frames.some((g) => g.module !== null && !KERNEL_ITSELF.has(canonicalModuleName(g.module)))) {
      return null;
    }
    const all = s.frames.map((x) => x.site).join('|');
    if (seen.some((o) => o.startsWith(all) || all.startsWith(o))) {
      continue;
    }
    seen.push(all);
    sites.set(`${canonicalModuleName(f.module)}!${f.symbol}`, f.line);
  }
  return sites.size >= 2 ? { sites: [...sites.keys()], lines: [...sites.values()] } : null;
}

export const severalCrashes: Rule = {
  id: 'several-crashes',
  description: 'Several crashes pasted together: a module named again and again, varied crashes with nothing in common, one place failing under different callers, or the kernel failing alone at different places; WHEA records compared.',
  reasoning:
    'Forum helpers read all the minidumps a machine produced before concluding. The same third-party driver named in crash after crash is ' +
    'a strong suspect; crashes that differ in code and place with no common driver are the signature of bad RAM or of a driver corrupting ' +
    'memory (test the memory, then Driver Verifier); when three codes or more name no driver at all, the memory comes first. Crash stacks that fail at the same place in Windows with a driver on some of them ' +
    'only make that driver a bystander: the same code failing under different callers points at damaged system files or memory ' +
    '(sfc /scannow, DISM, then a memory test). Crashes at different places in the kernel’s own code with no driver on any of their ' +
    'stacks show damaged data rather than a faulty code path: bad RAM first (a memory test), Driver Verifier if it passes. Several WHEA records on the same processor and bank point firmly at that CPU; records ' +
    'on different ones point at something shared (power, board, memory, firmware).',
  source: 'https://www.sysnative.com/forums/threads/bsod-method-and-tips.2340/ (Sysnative BSOD analysis method); https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-0x124---whea-uncorrectable-error',
  apply(ctx: VerdictContext): void {
    const crashes = new Map<string, { code: number; line: number; module?: string }>();
    let last: { code: number; line: number; module?: string } | undefined;
    for (const b of [...blocksOf(ctx.model, 'bugcheck'), ...blocksOf(ctx.model, 'analyze-v')].sort((x, y) => x.line - y.line)) {
      const bc = b.data.bugcheck;
      if (!bc || Number.isNaN(bc.code) || bc.args.every((a) => a === '')) {
        // A piece of the same crash's analysis printed apart ("Probably caused by" after a banner).
        const named = b.data.fields.MODULE_NAME?.value ?? b.data.probablyCausedBy?.module;
        if (last && named !== undefined) {
          last.module ??= named;
        }
        continue;
      }
      const key = `${bc.code}|${bc.args.map((a) => (a === '' ? '' : normalizeAddress(a))).join(',')}`;
      const mod = b.data.fields.MODULE_NAME?.value ?? b.data.probablyCausedBy?.module;
      const prev = crashes.get(key);
      if (prev) {
        prev.module ??= mod;
        last = prev;
      } else {
        last = mod !== undefined ? { code: bc.code, line: bc.line, module: mod } : { code: bc.code, line: bc.line };
        crashes.set(key, last);
      }
    }
    const list = [...crashes.values()];
    if (list.length >= 2) {
      const codes = new Map<number, number>();
      for (const c of list) {
        codes.set(c.code, (codes.get(c.code) ?? 0) + 1);
      }
      const summary = [...codes].map(([c, n]) => `0x${c.toString(16).toUpperCase()}${n > 1 ? ` ×${n}` : ''}`).join(', ');
      addFinding(ctx, { id: 'crashes.several', severity: 'info', title: `This paste holds ${list.length} different crashes: ${summary}`, lines: list.map((c) => c.line) });
      const mods = new Map<string, { n: number; line: number; name: string }>();
      for (const c of list) {
        if (c.module && isBlameable(c.module)) {
          const k = canonicalModuleName(c.module);
          const m = mods.get(k);
          if (m) {
            m.n++;
          } else {
            mods.set(k, { n: 1, line: c.line, name: c.module });
          }
        }
      }
      for (const m of mods.values()) {
        if (m.n >= 2) {
          addEvidence(ctx, m.name, 0.3, `the debugger names it in ${m.n} of the ${list.length} crashes pasted`, m.line);
        }
      }
      // Three codes or more and not one driver named by any crash or on any stack: the memory first.
      if (codes.size >= 3 && mods.size === 0 && !ctx.stacks.some((st) => st.frames.some((f) => isCandidate(f.module)))) {
        signal(
          ctx,
          'hardware',
          `${codes.size} different stop codes (${summary}) and no driver named by any of them: random failures across unrelated code are the signature of bad RAM (run a memory test such as MemTest86 first)`,
          list[0]?.line,
        );
      } else if (codes.size >= 3 && ![...mods.values()].some((m) => m.n >= 2)) {
        addFinding(ctx, {
          id: 'crashes.varied',
          severity: 'warning',
          title: 'The crashes differ in code and place with no common driver: typical of bad RAM or of a driver corrupting memory; test the memory and run Driver Verifier',
          lines: [],
        });
      }
    }
    const same = sameSiteDifferentBystanders(ctx);
    if (same !== null) {
      signal(
        ctx,
        'os-corruption',
        `${same.lines.length} crashes fail at the same place (${same.site}), and ${same.bystanders.join(', ')} is on some of them only: a bystander; one place failing under different callers points at damaged system files or memory (sfc /scannow, DISM, then a memory test)`,
        same.lines[0],
      );
    }
    const kernelOnly = same === null ? kernelOnlyAtDifferentPlaces(ctx) : null;
    if (kernelOnly !== null) {
      signal(
        ctx,
        'hardware',
        `${kernelOnly.lines.length} crashes fail at different places in the kernel's own code (${kernelOnly.sites.join(', ')}) with no driver on their stacks: damaged data rather than a code path, most often bad RAM (run a memory test such as MemTest86 or TestMem5, then Driver Verifier if it passes)`,
        kernelOnly.lines[0],
      );
    }
    const whea = blocksOf(ctx.model, 'errrec').map((b) => b.data);
    if (whea.length >= 2) {
      const where = new Set(whea.map((w) => `${w.processor ?? '?'}|${w.bank ?? '?'}|${w.errorType ?? w.mcaError ?? '?'}`));
      const first = whea[0] as (typeof whea)[number];
      addFinding(ctx, {
        id: 'whea.compare',
        severity: 'warning',
        title:
          where.size === 1
            ? `All ${whea.length} hardware error records name the same place (processor ${first.processor ?? '?'}, bank ${first.bank ?? '?'}): that points firmly at this CPU`
            : `The ${whea.length} hardware error records name different processors or banks: suspect something shared (power supply, motherboard, memory, firmware) rather than one core`,
        lines: whea.map((w) => w.line),
      });
    }
  },
};
