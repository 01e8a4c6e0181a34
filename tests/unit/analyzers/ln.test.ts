import { describe, expect, it } from 'vitest';
import { lnAnalyzer } from '../../../src/analyzers/commands/ln';
import { normalizeText } from '../../../src/analyzers/normalize';
import { blocksOf, runText } from '../../../src/analyzers/run';
import type { BlockContext } from '../../../src/analyzers/types';
import X86_NEAREST from '../../fixtures/ln/x86-nearest.txt?raw';

// Written in the debugger's format: DML links first, then an exact match.
const X64_EXACT = `0: kd> ln nt!KeBugCheckEx
Browse module
Set bu breakpoint

(fffff800\`02ec7c40)   nt!KeBugCheckEx   |  (fffff800\`02ec7d30)   nt!KiBugCheckDispatch
Exact matches:
    nt!KeBugCheckEx (<no parameter info>)`;

// A reflowed blog paste (sessions/04): the output starts on the prompt line.
const REFLOWED = `4: kd> ln fffff8029c85fb2c (fffff8029c85fb2c) nt!KiAcquireSpinLockInstrumented |
(fffff8029c85fbdc) nt!KiReleaseSpinLockInstrumented Exact matches:
nt!KiAcquireSpinLockInstrumented ()`;

function ln(text: string) {
  return blocksOf(runText(text), 'ln');
}

function analyzeAlone(text: string) {
  const lines = normalizeText(text).lines;
  const ctx: BlockContext = {
    source: { lines },
    segment: { command: 'ln', prompt: null, line: 1, endLine: lines.length, bodyStart: 0, bodyEnd: lines.length },
    limit: lines.length,
    startsOther: () => false,
  };
  return lnAnalyzer.analyze(0, ctx);
}

const crlf = (t: string): string => t.replace(/\r?\n/g, '\r\n');
const forum = (t: string): string => `Let\u2019s run \u201cln\u201d:\n${t.split('\n').join('\n\n')}`;

describe('ln', () => {
  it('reads where an address lies and ignores the next symbol', () => {
    const [block] = ln(X86_NEAREST);
    expect(block?.line).toBe(3);
    expect(block?.endLine).toBe(3);
    expect(block?.data.hits).toEqual([{ address: '8096c8cc', site: 'nt!SeQueryInformationToken+0x3d', module: 'nt', line: 3 }]);
  });

  it('reads a 64-bit exact match without listing it twice', () => {
    const [block] = ln(X64_EXACT);
    expect(block?.data.hits).toEqual([{ address: 'fffff80002ec7c40', site: 'nt!KeBugCheckEx', module: 'nt', line: 5 }]);
    expect(block?.endLine).toBe(7);
  });

  it('reads a reflowed paste whose first hit sits on the prompt line', () => {
    const [block] = ln(REFLOWED);
    expect(block?.data.hits).toEqual([{ address: 'fffff8029c85fb2c', site: 'nt!KiAcquireSpinLockInstrumented', module: 'nt', line: 1 }]);
    expect(block?.endLine).toBe(3);
  });

  it('gives the same result for a CRLF copy', () => {
    expect(ln(crlf(X64_EXACT))[0]?.data).toEqual(ln(X64_EXACT)[0]?.data);
  });

  it('reads a forum copy with doubled lines and curly quotes', () => {
    const [block] = ln(forum(X64_EXACT));
    expect(block?.data.hits[0]?.line).toBe(10);
    expect(block?.endLine).toBe(14);
  });

  it('keeps the hit of a paste cut before the exact matches', () => {
    const cut = X64_EXACT.split('\n').slice(0, 5).join('\n');
    expect(ln(cut)[0]?.data.hits.map((h) => h.site)).toEqual(['nt!KeBugCheckEx']);
  });

  it('recognises the output pasted without its prompt', () => {
    expect(ln(X86_NEAREST.split('\n').slice(2).join('\n'))[0]?.data.hits[0]?.module).toBe('nt');
  });

  it('rejects text that is not ln output', () => {
    expect(analyzeAlone('(see above) the nearest symbol is unknown').ok).toBe(false);
    expect(ln('(8096c8cc) was the address I looked at.')).toHaveLength(0);
  });
});
