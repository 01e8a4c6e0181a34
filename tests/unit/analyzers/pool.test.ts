import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../src/analyzers/normalize';
import { poolAnalyzer } from '../../../src/analyzers/commands/pool';
import { blocksOf, runText } from '../../../src/analyzers/run';
import type { BlockContext } from '../../../src/analyzers/types';
import X64_REFS from '../../fixtures/pool/x64-paged-refs.txt?raw';
import X64_DRIV from '../../fixtures/pool/x64-nonpaged-driver-object.txt?raw';

// Written in the format of newer debuggers: a large allocation, and !poolval on a damaged page.
const LARGE = `0: kd> !pool ffff8b8a3e5a7010
Pool page ffff8b8a3e5a7010 region is Nonpaged pool
*ffff8b8a3e5a7000 : large page allocation, tag is MmCm, size is 0x1000 bytes
\t\tPooltag MmCm : Calls made to MmAllocateContiguousMemory, Binary : nt!mm`;

const POOLVAL = `0: kd> !poolval ffffbd06d46e0000
Pool page ffffbd06d46e0000 region is Paged pool

Validating Pool headers for pool page: ffffbd06d46e0000

Pool page [ ffffbd06d46e0000 ] is INVALID.

Analyzing linked list...
[ ffffbd06d46e0000 ]: invalid previous size [ 0x41 ] should be [ 0x0 ]

Scanning for single bit errors...

None found`;

function pools(text: string) {
  return blocksOf(runText(text), 'pool');
}

function analyzeAlone(text: string) {
  const lines = normalizeText(text).lines;
  const ctx: BlockContext = {
    source: { lines },
    segment: { command: '!pool', prompt: null, line: 1, endLine: lines.length, bodyStart: 0, bodyEnd: lines.length },
    limit: lines.length,
    startsOther: () => false,
  };
  return poolAnalyzer.analyze(0, ctx);
}

const crlf = (t: string): string => t.replace(/\r?\n/g, '\r\n');
const forum = (t: string): string => `Let\u2019s try \u201c!pool\u201d:\n${t.split('\n').join('\n\n')}`;

describe('!pool', () => {
  it('reads the region, the starred block and its owner tag', () => {
    const [block] = pools(X64_REFS);
    expect(block?.line).toBe(3);
    expect(block?.endLine).toBe(7);
    expect(block?.data).toEqual({
      address: 'ffffc00003dba120',
      region: 'Paged pool',
      blocks: [{ address: 'ffffc00003dba000', size: '450', tag: 'Reff', allocated: true, current: true, line: 5 }],
      ownerTag: { tag: 'Reff', description: 'FCB_DATA', binary: 'refs.sys', line: 7 },
    });
  });

  it('says which pool block holds the address and who owns it', () => {
    const f = runText(X64_REFS).findings.find((x) => x.id === 'pool.block');
    expect(f?.title).toBe("ffffc00003dba120 is in an allocated 'Reff' pool block (FCB_DATA, refs.sys)");
    expect(f?.lines).toEqual([5, 7]);
  });

  it('reads every block of a page and marks the one holding the address', () => {
    const d = pools(X64_DRIV)[0]?.data;
    expect(d?.region).toBe('Nonpaged pool');
    expect(d?.blocks).toHaveLength(11);
    expect(d?.blocks.filter((b) => b.current).map((b) => b.address)).toEqual(['ffffe001a2894950']);
    expect(d?.blocks[0]).toEqual({ address: 'ffffe001a2894000', size: '510', tag: 'FMcr', allocated: true, current: false, line: 5 });
    expect(d?.blocks[10]?.tag).toBe('Driv');
    expect(d?.ownerTag).toEqual({ tag: 'Driv', description: 'Driver objects', line: 23 });
  });

  it('reads a large page allocation', () => {
    const d = pools(LARGE)[0]?.data;
    expect(d?.blocks).toEqual([{ address: 'ffff8b8a3e5a7000', size: '1000', tag: 'MmCm', allocated: true, current: true, line: 3 }]);
    expect(d?.ownerTag?.binary).toBe('nt!mm');
  });

  it('reports a corrupt pool page from !poolval', () => {
    const f = runText(POOLVAL).findings.find((x) => x.id === 'pool.corruption');
    expect(f?.severity).toBe('critical');
    expect(f?.title).toBe('The pool page ffffbd06d46e0000 is corrupt');
    expect(f?.lines).toEqual([6, 9]);
  });

  it('gives the same result for a CRLF copy', () => {
    expect(pools(crlf(X64_DRIV))[0]?.data).toEqual(pools(X64_DRIV)[0]?.data);
  });

  it('reads a forum copy with doubled lines and curly quotes', () => {
    const d = pools(forum(X64_REFS))[0]?.data;
    expect(d?.blocks[0]?.line).toBe(10);
    expect(d?.ownerTag?.binary).toBe('refs.sys');
  });

  it('keeps the blocks of a truncated paste', () => {
    const cut = X64_DRIV.split('\n').slice(0, 9).join('\n');
    const d = pools(cut)[0]?.data;
    expect(d?.blocks.map((b) => b.tag)).toEqual(['FMcr', 'Wmip', 'NtfJ']);
    expect(d?.ownerTag).toBeUndefined();
  });

  it('recognises the output pasted without its prompt', () => {
    expect(pools(X64_DRIV.split('\n').slice(2).join('\n'))[0]?.data.blocks).toHaveLength(11);
  });

  it('rejects text that is not !pool output', () => {
    expect(analyzeAlone('The pool page was fine.\nsize: large').ok).toBe(false);
    expect(pools('Pool page size is 4 KB on x64.')).toHaveLength(0);
  });
});
