import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../src/analyzers/normalize';
import { parseRawLine, rawmemAnalyzer } from '../../../src/analyzers/commands/rawmem';
import { blocksOf, runText } from '../../../src/analyzers/run';
import type { BlockContext } from '../../../src/analyzers/types';
import X64_DPS from '../../fixtures/rawmem/x64-dps-after-irql.txt?raw';
import X86_DPS from '../../fixtures/rawmem/x86-dps-import-table.txt?raw';
import X86_DC from '../../fixtures/rawmem/x86-dc-special-pool.txt?raw';
import X86_SEARCH from '../../fixtures/rawmem/x86-search-hits.txt?raw';
import X86_K_STACK from '../../fixtures/rawmem/x86-k-stack-lookalike.txt?raw';
import X86_SEARCH_NO_OWNER from '../../fixtures/rawmem/x86-search-no-owner.txt?raw';

// A dps whose spacing a paste collapsed: one space, like an x86 `k` frame, but
// the first column advances by exactly the pointer size.
const COLLAPSED_DPS = `The import table, as the forum printed it:
b8f0b880 f7873892 fltMgr!FltGetStreamHandleContext
b8f0b884 f7873988 fltMgr!FltAllocateContext
b8f0b888 f787459c fltMgr!FltSetStreamHandleContext`;

// x86 kv frames (three arguments) from a !thread, pasted alone.
const X86_KV = `        ChildEBP RetAddr  Args to Child
        926fbb98 816cb3bf 888dc030 888dc0b8 8170c920 nt!KiSwapContext+0x26 (FPO: [Uses EBP] [0,0,4])
        926fbbdc 81668cf8 888dc030 88798340 88477590 nt!KiSwapThread+0x44f
        926fbc30 8186058d 8879839c 00000000 00000001 nt!KeWaitForSingleObject+0x492`;

function raw(text: string) {
  return blocksOf(runText(text), 'rawmem');
}

function analyzeAlone(text: string, command = 'dps') {
  const lines = normalizeText(text).lines;
  const ctx: BlockContext = {
    source: { lines },
    segment: { command, prompt: null, line: 1, endLine: lines.length, bodyStart: 0, bodyEnd: lines.length },
    limit: lines.length,
    startsOther: () => false,
  };
  return rawmemAnalyzer.analyze(0, ctx);
}

const crlf = (t: string): string => t.replace(/\r?\n/g, '\r\n');
const forum = (t: string): string => `Here\u2019s the \u201cdps\u201d output:\n${t.split('\n').join('\n\n')}`;

describe('raw memory', () => {
  it('reads a dps pasted after another command, with modules named in glued symbol errors', () => {
    const blocks = raw(X64_DPS);
    expect(blocks.map((b) => [b.line, b.endLine])).toEqual([
      [7, 20],
      [24, 49],
    ]);
    expect(blocks[0]?.data.rows).toBe(7);
    expect(blocks[0]?.data.symbols).toEqual([
      { site: 'cfosspeed6', module: 'cfosspeed6', address: 'fffff8800318a978', line: 7 },
      { site: 'cfosspeed6+0x8986d', module: 'cfosspeed6', address: 'fffff8800318a988', line: 12 },
      { site: 'cfosspeed6+0x43cb7', module: 'cfosspeed6', address: 'fffff8800318a9a8', line: 20 },
    ]);
    expect(blocks[1]?.data.symbols.map((s) => s.module)).toEqual(['VBoxNetFlt', 'ndis', 'tap0901']);
  });

  it("reads a glued symbol error whose module name a copy wrapped onto the next line", () => {
    const text = [
      '0: kd> dps fffff880`0318bae8 L3',
      'fffff880`0318bae8  fffff880`02fd6061*** ERROR: Symbol file could not be found.  Defaulted to export',
      'symbols for VBoxNetFlt.sys \u2013',
      'fffff880`0318baf0  fffffa80`06c6f830',
      'fffff880`0318bb48  fffff880`05488848*** ERROR: Module load completed but symbols could not be loaded',
      'for tap0901.sys',
      'fffff880`0318bb50  fffff880`017b3a22 ndis!ndisMSendPacketCompleteToOpen+0x102',
    ].join('\n');
    const blocks = raw(text);
    expect(blocks.map((b) => [b.line, b.endLine])).toEqual([[2, 7]]);
    expect(blocks[0]?.data.symbols.map((s) => [s.module, s.line])).toEqual([
      ['VBoxNetFlt', 3],
      ['tap0901', 6],
      ['ndis', 7],
    ]);
  });

  it('reads a glued symbol error whose module name a copy cut mid-word', () => {
    const text = [
      '0: kd> dps fffff880`0318bae8 L2',
      'fffff880`0318bae8  fffff880`02fd6061*** ERROR: Symbol file could not be found.  Defaulted to export symbols for VBoxNetF',
      'lt.sys \u2013',
      'fffff880`0318baf0  fffff880`017b3a22 ndis!ndisMSendPacketCompleteToOpen+0x102',
    ].join('\n');
    expect(raw(text)[0]?.data.symbols.map((s) => [s.module, s.line])).toEqual([
      ['VBoxNetFlt', 3],
      ['ndis', 4],
    ]);
  });

  it('lists the modules the memory points into', () => {
    const f = runText(X64_DPS).findings.filter((x) => x.id === 'rawmem.modules');
    expect(f.map((x) => x.title)).toEqual(['Raw memory references cfosspeed6', 'Raw memory references VBoxNetFlt, ndis, tap0901']);
    expect(f[1]?.detail).toBe('Values in this memory point into these modules; no symbols could be loaded for VBoxNetFlt, tap0901.');
    expect(f[1]?.lines).toEqual([24, 37, 49]);
  });

  it('reads an x86 import table dumped with dps', () => {
    const [block] = raw(X86_DPS);
    expect(block?.endLine).toBe(12);
    expect(block?.data.rows).toBe(5);
    expect(block?.data.symbols[3]).toEqual({ site: 'nt!SeQueryInformationToken', module: 'nt', address: 'b8f0b938', line: 10 });
  });

  it('counts dc rows, unreadable ones included', () => {
    const [block] = raw(X86_DC);
    expect(block?.data).toEqual({ symbols: [], rows: 8 });
    expect(block?.endLine).toBe(17);
  });

  it('reads memory search hits in byte and dword form, with and without a prompt of their own', () => {
    const blocks = raw(X86_SEARCH);
    expect(blocks.map((b) => [b.line, b.endLine, b.data.rows])).toEqual([
      [5, 41, 19],
      [72, 88, 9],
    ]);
    expect(raw(X86_SEARCH_NO_OWNER).map((b) => [b.line, b.endLine, b.data.rows])).toEqual([[8, 12, 3]]);
  });

  it('claims a collapsed dps whose rows advance by the pointer size', () => {
    const [block] = raw(COLLAPSED_DPS);
    expect(block?.line).toBe(2);
    expect(block?.data.symbols.map((s) => s.site)).toEqual([
      'fltMgr!FltGetStreamHandleContext',
      'fltMgr!FltAllocateContext',
      'fltMgr!FltSetStreamHandleContext',
    ]);
  });

  it('leaves real x86 stack frames to the stack parser', () => {
    const model = runText(X86_K_STACK);
    expect(blocksOf(model, 'rawmem')).toHaveLength(0);
    expect(blocksOf(model, 'stack')[0]?.data.frames).toHaveLength(11);
    expect(raw(X86_KV)).toHaveLength(0);
    expect(parseRawLine('926fbb98 816cb3bf 888dc030 888dc0b8 8170c920 nt!KiSwapContext+0x26')).toBeNull();
  });

  it('gives the same result for a CRLF copy', () => {
    expect(raw(crlf(X64_DPS)).map((b) => b.data)).toEqual(raw(X64_DPS).map((b) => b.data));
  });

  it('reads a forum copy with doubled lines and curly quotes', () => {
    const [block] = raw(forum(X86_DPS));
    expect(block?.data.rows).toBe(5);
    expect(block?.data.symbols[0]?.line).toBe(6);
  });

  it('keeps the rows of a truncated paste, ignoring a cut last line', () => {
    const cut = `${X86_DPS.split('\n').slice(0, 7).join('\n')}\n    b8f0b93`;
    expect(raw(cut)[0]?.data.rows).toBe(3);
  });

  it('rejects text that is not a memory dump', () => {
    expect(analyzeAlone('The stack pointer was 0017f7ec, nothing else to show.').ok).toBe(false);
    expect(raw('80800000 80a5d000   nt   (pdb symbols)')).toHaveLength(0);
  });
});
