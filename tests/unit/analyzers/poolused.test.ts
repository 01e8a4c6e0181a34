import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../src/analyzers/normalize';
import { poolusedAnalyzer } from '../../../src/analyzers/commands/poolused';
import { blocksOf, runText } from '../../../src/analyzers/run';
import type { BlockContext } from '../../../src/analyzers/types';
import X64_COLLAPSED from '../../fixtures/poolused/x64-collapsed-nonpaged.txt?raw';
import X86_PAGED from '../../fixtures/poolused/x86-paged-top10.txt?raw';

// Written in the layout of newer debuggers (tab before the description, progress dots first).
const X64_NEWER = [
  '0: kd> !poolused 2',
  '........',
  ' Sorting by NonPaged Pool Consumed',
  '',
  '               NonPaged                  Paged',
  ' Tag     Allocs         Used     Allocs         Used',
  '',
  " ConT       44     13615104          0            0\tUNKNOWN pooltag 'ConT', please update pooltag.txt",
  ' Ntfx    23005      9814784          0            0\tGeneral Allocation , Binary: ntfs.sys',
  ' EtwB      130      9502720          3       196608\tEtw Buffer , Binary: nt!etw',
  ' File    15001      5007200          0            0\tFile objects',
  '',
  ' TOTAL   402345     90513632     531234    236123456',
].join('\n');

function pooled(text: string) {
  return blocksOf(runText(text), 'poolused');
}

function analyzeAlone(text: string) {
  const lines = normalizeText(text).lines;
  const ctx: BlockContext = {
    source: { lines },
    segment: { command: '!poolused', prompt: null, line: 1, endLine: lines.length, bodyStart: 0, bodyEnd: lines.length },
    limit: lines.length,
    startsOther: () => false,
  };
  return poolusedAnalyzer.analyze(0, ctx);
}

const crlf = (t: string): string => t.replace(/\r?\n/g, '\r\n');
const forum = (t: string): string => t.split('\n').join('\n\n').replace(/'/g, '\u2019');

describe('!poolused', () => {
  it('reads a paged-pool listing with padded tags, descriptions, binaries and the total', () => {
    const [block] = pooled(X86_PAGED);
    const d = block?.data;
    expect(block?.line).toBe(4);
    expect(block?.endLine).toBe(45);
    expect(d?.sortedBy).toBe('paged');
    expect(d?.tags).toHaveLength(16);
    expect(d?.tags[0]).toEqual({
      tag: 'Se  ',
      nonPagedAllocs: 0,
      nonPagedBytes: 0,
      pagedAllocs: 172204,
      pagedBytes: 232720312,
      description: 'General security allocations',
      binary: 'nt!se',
      line: 12,
    });
    expect(d?.tags[3]?.tag).toBe('WD  ');
    expect(d?.tags[3]?.description).toBe("UNKNOWN pooltag 'WD  ', please update pooltag.txt");
    expect(d?.tags[9]).toMatchObject({ tag: 'FSim', description: 'File System Run Time Mcb Initial Mapping' });
    expect(d?.tags[9]?.binary).toBeUndefined();
    expect(d?.tags[14]?.tag).toBe('Key ');
    expect(d?.total).toEqual({ nonPagedAllocs: 192495, nonPagedBytes: 33751032, pagedAllocs: 347461, pagedBytes: 310172416, line: 45 });
  });

  it("reports the top tag's share of the pool", () => {
    const f = runText(X86_PAGED).findings.find((x) => x.id === 'pool.tag.top');
    expect(f?.severity).toBe('warning');
    expect(f?.title).toBe("Pool tag 'Se  ' holds 75% of paged pool (232720312 of 310172416 bytes)");
    expect(f?.detail).toBe("Tag 'Se  ': General security allocations, nt!se.");
    expect(f?.lines).toEqual([12, 45]);
  });

  it('reads single-spaced columns with blank lines between rows, and a row that lost its tag', () => {
    const [block] = pooled(X64_COLLAPSED);
    const d = block?.data;
    expect(block?.endLine).toBe(18);
    expect(d?.sortedBy).toBe('nonpaged');
    expect(d?.tags.map((t) => t.tag)).toEqual(['?', 'XENO', 'Obtd', 'NVRM', '4KBS']);
    expect(d?.tags[0]).toMatchObject({ nonPagedAllocs: 1, nonPagedBytes: 8388608, pagedAllocs: 0, pagedBytes: 0, binary: 'nt!Vf' });
    expect(d?.tags[3]).toMatchObject({ nonPagedAllocs: 3064, nonPagedBytes: 2461228, pagedAllocs: 1, pagedBytes: 528384 });
    expect(d?.total).toBeUndefined();
  });

  it('lists the top tags when there is no total to compare with', () => {
    const f = runText(X64_COLLAPSED).findings.find((x) => x.id === 'pool.tag.top');
    expect(f?.severity).toBe('info');
    expect(f?.title).toBe("Top non-paged pool tags (bytes): '?' 8388608, 'XENO' 2955056, 'Obtd' 2625536, 'NVRM' 2461228, '4KBS' 2319168");
    expect(f?.lines).toEqual([10, 12, 14, 16, 18]);
  });

  it('reads the newer layout after progress dots', () => {
    const d = pooled(X64_NEWER)[0]?.data;
    expect(d?.tags.map((t) => t.tag)).toEqual(['ConT', 'Ntfx', 'EtwB', 'File']);
    expect(d?.tags[1]).toMatchObject({ description: 'General Allocation', binary: 'ntfs.sys', nonPagedBytes: 9814784 });
    expect(d?.total?.nonPagedBytes).toBe(90513632);
    const f = runText(X64_NEWER).findings.find((x) => x.id === 'pool.tag.top');
    expect(f?.title).toBe("Pool tag 'ConT' holds 15% of non-paged pool (13615104 of 90513632 bytes)");
  });

  it('gives the same result for a CRLF copy', () => {
    expect(pooled(crlf(X86_PAGED))[0]?.data).toEqual(pooled(X86_PAGED)[0]?.data);
  });

  it('reads a forum copy with doubled lines and curly quotes', () => {
    const d = pooled(forum(X64_NEWER))[0]?.data;
    expect(d?.tags).toHaveLength(4);
    expect(d?.tags[0]?.description).toBe("UNKNOWN pooltag 'ConT', please update pooltag.txt");
    expect(d?.tags[3]?.line).toBe(21);
    expect(d?.total?.line).toBe(25);
  });

  it('keeps the rows of a truncated paste', () => {
    const cut = X86_PAGED.split('\n').slice(0, 14).join('\n');
    const d = pooled(cut)[0]?.data;
    expect(d?.tags.map((t) => t.tag)).toEqual(['Se  ', 'MmSt']);
    expect(d?.total).toBeUndefined();
  });

  it('recognises the listing pasted without its prompt', () => {
    const text = X86_PAGED.split('\n').slice(2).join('\n');
    expect(pooled(text)[0]?.data.tags).toHaveLength(16);
  });

  it('rejects text that is not a pool listing', () => {
    expect(analyzeAlone('Tag the driver and look at the pool.\nNothing here.').ok).toBe(false);
    expect(pooled('Sorting the tags by hand is tedious, so use the command.')).toHaveLength(0);
  });
});
