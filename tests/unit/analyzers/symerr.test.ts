import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../src/analyzers/normalize';
import { blocksOf, runText } from '../../../src/analyzers/run';
import { moduleFromSymbolError, symerrAnalyzer } from '../../../src/analyzers/commands/symerr';
import type { BlockContext } from '../../../src/analyzers/types';
import X86_LN from '../../fixtures/symerr/x86-ln-no-symbols.txt?raw';
import X86_RELOAD from '../../fixtures/symerr/x86-reload-noisy.txt?raw';

// The messages as the debugger prints them at the top of !analyze -v output.
const RUN = `*** ERROR: Symbol file could not be found.  Defaulted to export symbols for VBoxNetFlt.sys -
*** WARNING: Unable to verify timestamp for dump_iaStorA.sys
Unable to load image \\SystemRoot\\system32\\DRIVERS\\tap0901.sys, Win32 error 0n2
*** ERROR: Module load completed but symbols could not be loaded for tap0901.sys`;

function symerr(text: string) {
  return blocksOf(runText(text), 'symerr');
}

function analyzeAlone(text: string) {
  const lines = normalizeText(text).lines;
  const ctx: BlockContext = {
    source: { lines },
    segment: { command: '', prompt: null, line: 1, endLine: lines.length, bodyStart: 0, bodyEnd: lines.length },
    limit: lines.length,
    startsOther: () => false,
  };
  return symerrAnalyzer.analyze(0, ctx);
}

const crlf = (t: string): string => t.replace(/\r?\n/g, '\r\n');
const forum = (t: string): string => `Here\u2019s what \u201c!analyze\u201d said:\n${t.split('\n').join('\n\n')}`;

describe('symbol-loading messages', () => {
  it('names the module after each ln that could not load its symbols', () => {
    const blocks = symerr(X86_LN);
    expect(blocks.map((b) => b.data.modules)).toEqual([[{ module: 'ABCMiniFilter', line: 5 }], [{ module: 'XVhdBusxxx', line: 9 }]]);
    expect(runText(X86_LN).findings.filter((f) => f.id === 'symbols.missing').map((f) => f.title)).toEqual([
      'Symbols missing or unverified for ABCMiniFilter',
      'Symbols missing or unverified for XVhdBusxxx',
    ]);
  });

  it('finds the message among noisy symbol-loading lines', () => {
    const [block, ...rest] = symerr(X86_RELOAD);
    expect(rest).toHaveLength(0);
    expect(block?.data.modules).toEqual([{ module: 'secdrv', line: 16 }]);
    expect(block?.endLine).toBe(16);
  });

  it('reads a run of consecutive messages as one block', () => {
    const [block] = symerr(RUN);
    expect(block?.data.modules).toEqual([
      { module: 'VBoxNetFlt', line: 1 },
      { module: 'dump_iaStorA', line: 2 },
      { module: 'tap0901', line: 3 },
      { module: 'tap0901', line: 4 },
    ]);
    const f = runText(RUN).findings.find((x) => x.id === 'symbols.missing');
    expect(f?.title).toBe('Symbols missing or unverified for VBoxNetFlt, dump_iaStorA, tap0901');
    expect(f?.lines).toEqual([1, 2, 3, 4]);
  });

  it('reads the module from a message glued to other text', () => {
    expect(moduleFromSymbolError('fffff880`04285e6f*** ERROR: Module load completed but symbols could not be loaded for cfosspeed6.sys')).toBe(
      'cfosspeed6',
    );
    expect(moduleFromSymbolError('nothing wrong here')).toBeNull();
  });

  it('gives the same result for a CRLF copy', () => {
    expect(symerr(crlf(RUN)).map((b) => b.data)).toEqual(symerr(RUN).map((b) => b.data));
  });

  it('reads a forum copy with doubled lines and curly quotes', () => {
    const [block] = symerr(forum(RUN));
    expect(block?.data.modules.map((m) => m.line)).toEqual([2, 4, 6, 8]);
  });

  it('reads a message cut short when its module name survives', () => {
    expect(symerr('*** ERROR: Module load completed but symbols could not be loaded for FooD')[0]?.data.modules).toEqual([
      { module: 'FooD', line: 1 },
    ]);
    expect(symerr('*** ERROR: Module load completed but symbols could not be lo')).toHaveLength(0);
  });

  it('rejects text that is not a symbol message', () => {
    expect(analyzeAlone('*** Note: this is my own comment about symbols').ok).toBe(false);
    expect(symerr('The error said symbols could not be loaded for FooDRV.sys, as usual.')).toHaveLength(0);
  });
});
