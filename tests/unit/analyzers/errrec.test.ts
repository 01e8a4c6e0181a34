import { describe, expect, it } from 'vitest';
import { describeMcaError, errrecAnalyzer } from '../../../src/analyzers/commands/errrec';
import { normalizeText } from '../../../src/analyzers/normalize';
import { blocksOf, runText } from '../../../src/analyzers/run';
import type { BlockContext } from '../../../src/analyzers/types';
import X64_CACHE from '../../fixtures/errrec/x64-cache-error-double-spaced.txt?raw';
import X64_MCA_ONLY from '../../fixtures/errrec/x64-mca-section-only.txt?raw';
import X64_REFLOWED from '../../fixtures/errrec/x64-reflowed-l2-cache.txt?raw';

// The same record as it comes out of the debugger: no blank lines, rules between sections.
const X64_PLAIN = X64_CACHE.split('\n')
  .filter((l) => l.trim() !== '')
  .join('\n');

function records(text: string) {
  return blocksOf(runText(text), 'errrec');
}

function analyzeAlone(text: string) {
  const lines = normalizeText(text).lines;
  const ctx: BlockContext = {
    source: { lines },
    segment: { command: '!errrec', prompt: null, line: 1, endLine: lines.length, bodyStart: 0, bodyEnd: lines.length },
    limit: lines.length,
    startsOther: () => false,
  };
  return errrecAnalyzer.analyze(0, ctx);
}

const crlf = (t: string): string => t.replace(/\r?\n/g, '\r\n');
const forum = (t: string): string => `Here\u2019s the \u201c!errrec\u201d output:\n${t.split('\n').join('\n\n')}`;

describe('!errrec', () => {
  it('reads a fatal L1 data-cache machine check with a blank line between every line', () => {
    const [block, ...rest] = records(X64_CACHE);
    expect(rest).toHaveLength(0);
    expect(block?.line).toBe(4);
    expect(block?.endLine).toBe(101);
    expect(block?.data).toEqual({
      address: 'fffffa80031f8028',
      severity: 'Fatal',
      notifyType: 'Machine Check Exception',
      errorType: 'Cache error',
      operation: 'Data Read',
      level: 1,
      processor: 3,
      bank: 0,
      mcaError: 'DCACHEL1_DRD_ERR',
      status: '0xb64720001a000135',
      address2: '0x0000000013a87500',
      sections: ['Processor Generic', 'x86/x64 Processor Specific', 'x86/x64 MCA'],
      line: 4,
    });
  });

  it('summarises the record in plain words as a critical finding', () => {
    const f = runText(X64_CACHE).findings.find((x) => x.id === 'whea.record');
    expect(f?.severity).toBe('critical');
    expect(f?.title).toBe('Fatal processor cache error (L1 data read) on processor 3, MCA bank 0');
    expect(f?.lines).toEqual([9, 41, 95]);
    expect(f?.detail).toContain('status 0xb64720001a000135');
  });

  it('reads a partial paste that starts at the MCA section', () => {
    const d = records(X64_MCA_ONLY)[0]?.data;
    expect(d).toMatchObject({ severity: 'Fatal', mcaError: 'BUSLG_GENERIC_ERR_*_TIMEOUT_ERR', processor: 0, bank: 4, status: '0xfe00000000070f0f' });
    expect(runText(X64_MCA_ONLY).findings.find((x) => x.id === 'whea.record')?.title).toBe(
      'Fatal processor bus/interconnect error (timeout) on processor 0, MCA bank 4',
    );
  });

  it('reads a reflowed paste with sections split from their rules and glued fields', () => {
    const d = records(X64_REFLOWED)[0]?.data;
    expect(d?.sections).toEqual(['Processor Generic', 'x86/x64 Processor Specific', 'x86/x64 MCA']);
    expect(d).toMatchObject({ level: 2, mcaError: 'GCACHEL2_ERR_ERR', processor: 0, bank: 5, status: '0xbe2000000005110a' });
    expect(runText(X64_REFLOWED).findings.find((x) => x.id === 'whea.record')?.title).toBe('Fatal processor cache error (L2) on processor 0, MCA bank 5');
  });

  it('decodes MCA error names into plain words', () => {
    expect(describeMcaError('ICACHEL0_IRD_ERR')).toEqual({ kind: 'cache error', detail: 'L0 instruction fetch' });
    expect(describeMcaError('DTLBL1_ERR')).toEqual({ kind: 'TLB error', detail: 'L1 data' });
    expect(describeMcaError('Internal unclassified')).toEqual({ kind: 'internal error' });
    expect(describeMcaError('SOMETHING_ELSE')).toBeNull();
  });

  it('gives the same result without the blank lines and for a CRLF copy', () => {
    const a = records(X64_CACHE)[0]?.data;
    const plain = records(X64_PLAIN)[0]?.data;
    expect({ ...plain, line: 0 }).toEqual({ ...a, line: 0 });
    expect(records(crlf(X64_CACHE))[0]?.data).toEqual(a);
  });

  it('reads a forum copy with doubled lines and curly quotes', () => {
    const d = records(forum(X64_PLAIN))[0]?.data;
    expect(d?.mcaError).toBe('DCACHEL1_DRD_ERR');
    expect(d?.line).toBe(4);
  });

  it('keeps what a truncated record shows', () => {
    const cut = X64_CACHE.split('\n').slice(0, 60).join('\n');
    const d = records(cut)[0]?.data;
    expect(d?.errorType).toBe('Cache error');
    expect(d?.mcaError).toBeUndefined();
    expect(runText(cut).findings.find((x) => x.id === 'whea.record')?.title).toBe('Fatal processor cache error (L1 data read) on processor 3');
  });

  it('rejects text that is not an error record', () => {
    expect(analyzeAlone('Severity of this problem: high\nThe CPU is fine.').ok).toBe(false);
    expect(records('A Common Platform Error Record is what WHEA writes.')).toHaveLength(0);
  });
});
