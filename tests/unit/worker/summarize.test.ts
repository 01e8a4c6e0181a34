import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateSession } from '../../../scripts/bench-sessions.mjs';
import { analyze } from '../../../src/analyzers/index';
import { stackSignature } from '../../../src/analyzers/stack-groups';
import type { AnalysisReport, Stack } from '../../../src/analyzers/types';
import { MORE_FINDINGS_ID, REPORT_LIMITS, describeSummary, groupBySignature, keep, summarizeReport, type ReportLimits } from '../../../src/worker/summarize';
import { expectContractValid } from '../contract';
import session09 from '../../fixtures/sessions/09-d1-tunnel-teredo-surface.txt?raw';
import seed04 from '../../fixtures/seeds/s04-9f-power-irp-zteusbnet.txt?raw';

/** A `~*kb` listing: `threads` user threads whose stacks repeat every `distinct` threads. */
function userThreads(threads: number, distinct: number): string {
  const out = ['0:000> ~*kb'];
  for (let k = 0; k < threads; k++) {
    out.push(`  ${k}  Id: 1a2c.${(0x1a30 + k).toString(16)} Suspend: 0 Teb: 000000ea\`4a2f${(k % 4096).toString(16).padStart(4, '0')} Unfrozen`);
    out.push(' # Child-SP          RetAddr               : Args to Child                                                           : Call Site');
    out.push(`00 000000ea\`4a4ff6e8 00007ffa\`18c1c0ce     : 00000000\`00000000 00000000\`00000000 00000000\`00000000 00000000\`00000000 : ntdll!NtWaitForSingleObject+0x14`);
    out.push(`01 000000ea\`4a4ff6f0 00007ffa\`18c1c0ce     : 00000000\`00000000 00000000\`00000000 00000000\`00000000 00000000\`00000000 : contoso!Worker${k % distinct}+0x1c2`);
    out.push('');
  }
  return out.join('\n');
}

const SMALL: ReportLimits = { ...REPORT_LIMITS, stacks: 5, findings: 3, threads: 4, commands: 2 };

describe('summarizeReport', () => {
  it('passes a report within the limits through unchanged', () => {
    const report = analyze(seed04);
    const { report: out, summary } = summarizeReport(report);
    expect(out).toBe(report);
    expect(summary).toBeNull();
  });

  it('keeps one stack of each call sequence before repeating any, and says how many were left out', () => {
    const report = analyze(userThreads(40, 3));
    expect(report.stacks).toHaveLength(40);
    const { report: out, summary } = summarizeReport(report, SMALL);
    expect(out.stacks).toHaveLength(5);
    expect(new Set(out.stacks.map(stackSignature)).size).toBe(3);
    // Input order is kept.
    expect(out.stacks.map((s: Stack) => s.line)).toEqual([...out.stacks.map((s: Stack) => s.line)].sort((a, b) => a - b));
    expect(out.stats.truncated).toBe(true);
    expect(summary?.sections).toContainEqual({ field: 'stacks', label: 'stacks', total: 40, kept: 5 });
    expectContractValid(out);
  });

  it('never drops the verdict, and keeps the stack it cites even when it is not among the first', () => {
    const report = analyze(session09);
    const cited = report.suspects.flatMap((s) => s.reasons.map((r) => r.line)).filter((l): l is number => l !== undefined);
    const citedStack = report.stacks.find((s) => cited.some((l) => l >= s.line && l <= s.endLine));
    expect(report.stacks.indexOf(citedStack as Stack)).toBeGreaterThan(0);
    const { report: out } = summarizeReport(report, { ...REPORT_LIMITS, stacks: 1, commands: 1 });
    expect(out.stacks).toEqual([citedStack]);
    expect(out.headline).toBe(report.headline);
    expect(out.suspects).toEqual(report.suspects);
    expect(out.category).toBe(report.category);
    expect(out.nextSteps).toEqual(report.nextSteps);
    expect(out.bugcheck).toEqual(report.bugcheck);
    expectContractValid(out);
  });

  it('replaces the findings over the limit by one note that counts them by kind', () => {
    const many: AnalysisReport = {
      ...analyze(seed04),
      findings: Array.from({ length: 10 }, (_, i) => ({ id: i < 2 ? 'a.warn' : 'lm.old-driver', severity: i < 2 ? ('warning' as const) : ('info' as const), title: `f${i}`, lines: [i + 1] })),
    };
    const { report: out, summary } = summarizeReport(many, SMALL);
    expect(out.findings.map((f) => f.title)).toEqual(['f0', 'f1', expect.stringContaining('8 more findings') as unknown as string]);
    const note = out.findings[2];
    expect(note?.id).toBe(MORE_FINDINGS_ID);
    expect(note?.detail).toContain('lm.old-driver ×8');
    expect(summary?.sections[0]).toEqual({ field: 'findings', label: 'findings', total: 10, kept: 2 });
  });

  it('keeps the largest pool tags of a long !poolused listing', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ` T${String(i).padStart(3, '0')} ${10 + i} ${(i + 1) * 1000} 0 0  UNKNOWN pooltag 'T${String(i).padStart(3, '0')}', please update pooltag.txt`);
    const report = analyze(['1: kd> !poolused 2', ' Sorting by  NonPaged Pool Consumed', '', ' Tag  Allocs  Used  Allocs  Used', ...rows].join('\n'));
    const tags = report.memory.poolUsed[0]?.tags ?? [];
    expect(tags).toHaveLength(30);
    const { report: out } = summarizeReport(report, { ...REPORT_LIMITS, poolTags: 5 });
    const kept = out.memory.poolUsed[0]?.tags.map((t) => t.nonPagedBytes) ?? [];
    expect([...kept].sort((a, b) => b - a)).toEqual([30000, 29000, 28000, 27000, 26000]);
  });

  it('describes what was left out in one sentence', () => {
    const text = describeSummary({
      sections: [
        { field: 'stacks', label: 'stacks', total: 30901, kept: 1000 },
        { field: 'modules', label: 'modules', total: 100017, kept: 3000 },
      ],
    });
    expect(text).toBe('To keep the page responsive, the report lists 1,000 of 30,901 stacks, 3,000 of 100,017 modules, evidence first. The verdict used everything.');
  });
});

describe('the selection helpers behind the caps', () => {
  /** The first implementation of `keep`: a stable sort by (rank, input order). */
  function keepBySorting<T>(items: readonly T[], max: number, preferred: (item: T) => boolean, rank?: (item: T) => number): T[] {
    if (items.length <= max) {
      return items as T[];
    }
    const chosen = new Set<number>();
    const candidates = items.map((_, i) => i).filter((i) => preferred(items[i] as T));
    if (rank) {
      candidates.sort((a, b) => rank(items[a] as T) - rank(items[b] as T) || a - b);
    }
    for (const i of candidates) {
      if (chosen.size >= max) {
        break;
      }
      chosen.add(i);
    }
    for (let i = 0; i < items.length && chosen.size < max; i++) {
      chosen.add(i);
    }
    return [...chosen].sort((a, b) => a - b).map((i) => items[i] as T);
  }

  it('keep picks what a stable sort by rank picks, ties and -Infinity included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ rank: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(-Infinity)), preferred: fc.boolean() }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 40 }),
        fc.boolean(),
        (items, max, ranked) => {
          const rank = ranked ? (x: { rank: number }) => x.rank : undefined;
          expect(keep(items, max, (x) => x.preferred, rank)).toEqual(keepBySorting(items, max, (x) => x.preferred, rank));
        },
      ),
    );
  });

  it('groupBySignature forms the groups of stackSignature, in order of their first stack', () => {
    const check = (stacks: Stack[]) => {
      const bySignature = new Map<string, Stack[]>();
      for (const s of stacks) {
        const sig = stackSignature(s);
        bySignature.set(sig, [...(bySignature.get(sig) ?? []), s]);
      }
      expect(groupBySignature(stacks)).toEqual([...bySignature.values()]);
    };
    check(analyze(userThreads(300, 7)).stacks);
    check(analyze(generateSession(2_000_000)).stacks);
    check(analyze(session09).stacks);
    // Sites that differ only by case or white space are one call sequence.
    const frame = (site: string) => ({ site, module: null, symbol: null, offset: null, line: 1 });
    const stack = (...sites: string[]): Stack => ({ frames: sites.map(frame), format: 'kn', line: 1, endLine: 1, source: 'k' });
    check([stack('nt!A', 'nt!B'), stack('NT!a', 'nt! B'), stack('nt!B', 'nt!A'), stack(), stack('nt!A'), stack()]);
  });
});
