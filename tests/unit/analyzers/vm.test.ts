import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../src/analyzers/normalize';
import { blocksOf, runText } from '../../../src/analyzers/run';
import type { BlockContext } from '../../../src/analyzers/types';
import { vmAnalyzer } from '../../../src/analyzers/commands/vm';
import X64_EXHAUSTED from '../../fixtures/vm/x64-nonpaged-exhausted.txt?raw';
import X86_LIVE from '../../fixtures/vm/x86-live-process-list.txt?raw';
import X64_COLLAPSED from '../../fixtures/vm/x64-collapsed-one-line.txt?raw';
import X86_VM1 from '../../fixtures/vm/x86-vm1-double-spaced.txt?raw';

// Written in the format of newer debuggers: page files first, no title,
// "PagedPool  0:" rows, and the debugger's own warning banners.
const NEWER = `0: kd> !vm
Page File: \\??\\C:\\pagefile.sys
  Current:   1441792 Kb  Free Space:   1414888 Kb
  Minimum:   1441792 Kb  Maximum:      4194304 Kb

Physical Memory:          1048432 (    4193728 Kb)
Available Pages:            12001 (      48004 Kb)
NonPagedPool Usage:           524 (       2096 Kb)
NonPagedPoolNx Usage:       65412 (     261648 Kb)
NonPagedPool Max:           70000 (     280000 Kb)
PagedPool  0:               61117 (     244468 Kb)
PagedPool  1:               11224 (      44896 Kb)
PagedPool Usage:            72341 (     289364 Kb)
PagedPool Maximum:          75000 (     300000 Kb)
Committed pages:          1344010 (    5376040 Kb)
Commit limit:             1349774 (    5399096 Kb)

********** Number of committed pages is near limit ********
********** 3 pool allocations have failed **********`;

function vmBlocks(text: string) {
  return blocksOf(runText(text), 'vm');
}

function analyzeAlone(text: string, command = '!vm') {
  const lines = normalizeText(text).lines;
  const ctx: BlockContext = {
    source: { lines },
    segment: { command, prompt: null, line: 1, endLine: lines.length, bodyStart: 0, bodyEnd: lines.length },
    limit: lines.length,
    startsOther: () => false,
  };
  return vmAnalyzer.analyze(0, ctx);
}

const crlf = (t: string): string => t.replace(/\r?\n/g, '\r\n');
/** Forum copy: a blank line between lines, and typographic quotes in the prose around it. */
const forum = (t: string): string => `Here\u2019s what \u201c!vm\u201d printed:\n${t.split('\n').join('\n\n')}`;

describe('!vm', () => {
  it('reads non-paged pool exhaustion and the debugger banner from an x64 !vm', () => {
    const [block, ...rest] = vmBlocks(X64_EXHAUSTED);
    expect(rest).toHaveLength(0);
    expect(block?.line).toBe(3);
    expect(block?.endLine).toBe(16);
    const vm = block?.data;
    expect(vm?.physicalKb).toBe(4145672);
    expect(vm?.nonPagedUsageKb).toBe(3059636);
    expect(vm?.nonPagedMaxKb).toBe(3059888);
    expect(vm?.pages['NonPagedPool Usage']).toBe(764909);
    expect(vm?.pages['NonPagedPool Max']).toBe(764972);
    expect(vm?.banners).toEqual([{ text: 'Excessive NonPaged Pool Usage', line: 16 }]);
  });

  it('reports the exhausted non-paged pool as critical with its percentage and pages', () => {
    const findings = runText(X64_EXHAUSTED).findings;
    const f = findings.find((x) => x.id === 'pool.nonpaged.exhausted');
    expect(f?.severity).toBe('critical');
    expect(f?.title).toBe('Non-paged pool exhausted: 99.99% used (764909 of 764972 pages)');
    expect(f?.lines).toEqual([14, 15]);
    expect(findings.find((x) => x.id === 'vm.banner')?.severity).toBe('critical');
  });

  it('reads pool, commit and the per-process private list of a live x86 session', () => {
    const vm = vmBlocks(X86_LIVE)[0]?.data;
    expect(vm?.physicalKb).toBe(522896);
    expect(vm?.nonPagedUsageKb).toBe(0);
    expect(vm?.nonPagedNxUsageKb).toBe(15480);
    expect(vm?.nonPagedMaxKb).toBe(380924);
    expect(vm?.pagedUsageKb).toBe(23660);
    expect(vm?.pagedMaxKb).toBe(2093056);
    expect(vm?.commitKb).toBe(236516);
    expect(vm?.commitLimitKb).toBe(1529344);
    expect(vm?.pagedPools).toEqual([
      { index: 0, kb: 15468 },
      { index: 1, kb: 7624 },
      { index: 2, kb: 164 },
      { index: 3, kb: 96 },
      { index: 4, kb: 308 },
    ]);
    expect(vm?.processes).toHaveLength(36);
    expect(vm?.processes[0]).toEqual({ pid: '0284', image: 'lsass.exe', kb: 19532, line: 33 });
    expect(vm?.processes[35]).toEqual({ pid: '01a4', image: 'smss.exe', kb: 288, line: 68 });
  });

  it('names the largest process and summarises pools without calling them exhausted', () => {
    const findings = runText(X86_LIVE).findings;
    expect(findings.find((f) => f.id === 'vm.process.top')?.title).toBe('Largest private memory: lsass.exe (0284) with 19532 KB');
    expect(findings.find((f) => f.id === 'vm.summary')?.title).toBe(
      'Memory: non-paged pool 15480 KB of 380924 KB (4.1%); paged pool 23660 KB of 2093056 KB (1.1%); commit 236516 KB of 1529344 KB (15%)',
    );
    expect(findings.some((f) => f.id.startsWith('pool.'))).toBe(false);
  });

  it('reads the whole output collapsed onto one line', () => {
    const [block] = vmBlocks(X64_COLLAPSED);
    expect(block?.line).toBe(3);
    expect(block?.endLine).toBe(3);
    const vm = block?.data;
    expect(vm?.physicalKb).toBe(16703440);
    expect(vm?.availableKb).toBe(15334528);
    expect(vm?.nonPagedUsageKb).toBe(52488);
    expect(vm?.nonPagedMaxKb).toBe(12466544);
    expect(vm?.pagedUsageKb).toBe(131300);
    expect(vm?.pagedMaxKb).toBe(134217728);
    expect(vm?.pagedPools).toHaveLength(5);
    expect(vm?.pagedPools[4]).toEqual({ index: 4, kb: 224 });
    expect(vm?.pages['Modified PF Pages']).toBe(37803);
  });

  it('reads !vm 1 with a blank line between every line', () => {
    const vm = vmBlocks(X86_VM1)[0]?.data;
    expect(vm?.pages['PagedPool Usage']).toBe(80104);
    expect(vm?.pages['PagedPool Maximum']).toBe(134144);
    expect(vm?.pagedUsageKb).toBe(320416);
    expect(vm?.commitLimitKb).toBe(24965252);
    const summary = runText(X86_VM1).findings.find((f) => f.id === 'vm.summary');
    expect(summary?.title).toContain('paged pool 320416 KB of 536576 KB (60%)');
  });

  it('reads the newer layout that starts with the page files and flags both pools and commit', () => {
    const vm = vmBlocks(NEWER)[0]?.data;
    expect(vm?.line).toBe(2);
    expect(vm?.pagedPools).toEqual([
      { index: 0, kb: 244468 },
      { index: 1, kb: 44896 },
    ]);
    expect(vm?.banners.map((b) => b.text)).toEqual(['Number of committed pages is near limit', '3 pool allocations have failed']);
    const findings = runText(NEWER).findings;
    expect(findings.find((f) => f.id === 'pool.nonpaged.exhausted')?.title).toBe('Non-paged pool exhausted: 94% used (65936 of 70000 pages)');
    expect(findings.find((f) => f.id === 'pool.paged.exhausted')?.title).toBe('Paged pool exhausted: 96% used (72341 of 75000 pages)');
    const commit = findings.find((f) => f.id === 'vm.commit.near-limit');
    expect(commit?.severity).toBe('critical');
    expect(commit?.lines).toEqual([15, 16]);
  });

  it('gives the same result for a CRLF copy', () => {
    const a = vmBlocks(X64_EXHAUSTED)[0];
    const b = vmBlocks(crlf(X64_EXHAUSTED))[0];
    expect(b?.data).toEqual(a?.data);
    expect(b?.endLine).toBe(a?.endLine);
  });

  it('reads a forum copy with doubled lines and curly quotes', () => {
    const vm = vmBlocks(forum(X86_LIVE))[0]?.data;
    expect(vm?.processes).toHaveLength(36);
    expect(vm?.commitKb).toBe(236516);
    // Line 33 of the original is line 2 + 2 × 32 of the doubled copy.
    expect(vm?.processes[0]?.line).toBe(66);
  });

  it('keeps what a truncated paste shows and does not guess the missing maximum', () => {
    const cut = X64_EXHAUSTED.split('\n').slice(0, 14).join('\n');
    const vm = vmBlocks(cut)[0]?.data;
    expect(vm?.nonPagedUsageKb).toBe(3059636);
    expect(vm?.nonPagedMaxKb).toBeUndefined();
    expect(runText(cut).findings.some((f) => f.id === 'pool.nonpaged.exhausted')).toBe(false);
  });

  it('recognises the output pasted without its prompt', () => {
    const text = `Look at this:\n\n${X64_EXHAUSTED.split('\n').slice(2).join('\n')}`;
    const blocks = vmBlocks(text);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.data.nonPagedMaxKb).toBe(3059888);
  });

  it('rejects text that is not !vm output', () => {
    const res = analyzeAlone('Physical memory is fine, the page file is big enough.\nNothing to see here.');
    expect(res.ok).toBe(false);
    expect(vmBlocks('The Physical Memory: test was fine.\nNonPagedPool Usage is normal.')).toHaveLength(0);
  });
});
