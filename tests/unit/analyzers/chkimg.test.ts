import { describe, expect, it } from 'vitest';
import { chkimgAnalyzer } from '../../../src/analyzers/commands/chkimg';
import { normalizeText } from '../../../src/analyzers/normalize';
import { blocksOf, runText } from '../../../src/analyzers/run';
import type { BlockContext } from '../../../src/analyzers/types';
import X64_TRUNCATED from '../../fixtures/chkimg/x64-truncated-no-prompt.txt?raw';

// Written in the debugger's format: each differing range, then the expected and actual bytes.
const X64_FLIP = `0: kd> !chkimg -lo 50 -d !nt
    fffff80002b5e3dc - nt!KiSystemServiceCopyEnd+13
\t[ f7:77 ]
    fffff80002b5e4a0-fffff80002b5e4a1  2 bytes - nt!KiSystemServiceExit+5
\t[ 0f 01:0f 03 ]
3 errors : !nt (fffff80002b5e3dc-fffff80002b5e4a1)`;

const X64_HOOK = `0: kd> !chkimg -d nt
    fffff80001c9d9d0-fffff80001c9d9d4  5 bytes - nt!NtCreateFile
\t[ 48 8b 47 10 48:e9 5b 71 5e 00 ]
5 errors : nt (fffff80001c9d9d0-fffff80001c9d9d4)`;

function chk(text: string) {
  return blocksOf(runText(text), 'chkimg');
}

function analyzeAlone(text: string) {
  const lines = normalizeText(text).lines;
  const ctx: BlockContext = {
    source: { lines },
    segment: { command: '!chkimg', prompt: null, line: 1, endLine: lines.length, bodyStart: 0, bodyEnd: lines.length },
    limit: lines.length,
    startsOther: () => false,
  };
  return chkimgAnalyzer.analyze(0, ctx);
}

const crlf = (t: string): string => t.replace(/\r?\n/g, '\r\n');
const forum = (t: string): string => `Here\u2019s \u201c!chkimg\u201d:\n${t.split('\n').join('\n\n')}`;

describe('!chkimg', () => {
  it('reads a truncated listing pasted without its prompt', () => {
    const [block, ...rest] = chk(X64_TRUNCATED);
    expect(rest).toHaveLength(0);
    expect(block?.line).toBe(2);
    expect(block?.endLine).toBe(6);
    expect(block?.data.images).toEqual([{ module: 'win32k', errors: 483, range: 'fffff96000056248-fffff9600023e2b9', line: 6 }]);
  });

  it('reports the corruption as critical and notes the missing pages', () => {
    const f = runText(X64_TRUNCATED).findings.find((x) => x.id === 'chkimg.corruption');
    expect(f?.severity).toBe('critical');
    expect(f?.title).toBe('!chkimg found 483 errors in the code of win32k (fffff96000056248-fffff9600023e2b9)');
    expect(f?.lines).toEqual([6]);
    expect(f?.detail).toContain('3 page(s) were not in the dump');
    expect(f?.detail).toContain('truncated');
  });

  it('names the first differences and recognises single flipped bits', () => {
    const f = runText(X64_FLIP).findings.find((x) => x.id === 'chkimg.corruption');
    expect(f?.detail).toContain('First differences: nt!KiSystemServiceCopyEnd+13, nt!KiSystemServiceExit+5.');
    expect(f?.detail).toContain('single flipped bit');
    const hook = runText(X64_HOOK).findings.find((x) => x.id === 'chkimg.corruption');
    expect(hook?.detail).not.toContain('single flipped bit');
    expect(chk(X64_HOOK)[0]?.data.images[0]).toMatchObject({ module: 'nt', errors: 5 });
  });

  it('reports a clean image as information', () => {
    const f = runText('0: kd> !chkimg nt\n0 errors : nt\n').findings;
    expect(f.map((x) => [x.id, x.severity])).toEqual([['chkimg.clean', 'info']]);
  });

  it('gives the same result for a CRLF copy', () => {
    expect(chk(crlf(X64_FLIP))[0]?.data).toEqual(chk(X64_FLIP)[0]?.data);
  });

  it('reads a forum copy with doubled lines and curly quotes', () => {
    const d = chk(forum(X64_TRUNCATED))[0]?.data;
    expect(d?.images[0]?.errors).toBe(483);
    expect(d?.images[0]?.line).toBe(12);
  });

  it('needs the error count line: a paste cut before it is not read', () => {
    const cut = X64_FLIP.split('\n').slice(0, 5).join('\n');
    expect(chk(cut)).toHaveLength(0);
    expect(analyzeAlone(cut.split('\n').slice(1).join('\n')).ok).toBe(false);
  });

  it('rejects text that is not !chkimg output', () => {
    expect(analyzeAlone('There were many errors in the image.').ok).toBe(false);
    expect(chk('I found 3 errors : none of them serious.')).toHaveLength(0);
  });
});
