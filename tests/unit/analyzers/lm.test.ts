import { describe, expect, it } from 'vitest';
import { lmAnalyzer } from '../../../src/analyzers/commands/lm';
import { normalizeText } from '../../../src/analyzers/normalize';
import { blocksOf, runText } from '../../../src/analyzers/run';
import type { BlockContext } from '../../../src/analyzers/types';
import X64_LMVM from '../../fixtures/lm/x64-lm-vm.txt?raw';
import X86_LM from '../../fixtures/lm/x86-lm-deferred.txt?raw';
import X86_LMTA from '../../fixtures/lm/x86-lmta.txt?raw';

// Written in the debugger's formats: `lm t n` with image names and link dates,
// pdb paths, a reproducible-build hash, and the unloaded list.
const X64_LMTN = `0: kd> lm t n
start             end                 module name
fffff800\`0280b000 fffff800\`02df4000   nt       ntkrnlmp.exe Sat Feb 27 09:55:23 2016 (56D0C7BB)
fffff880\`00e00000 fffff880\`00e57000   ACPI     ACPI.sys     Sat Nov 20 09:19:16 2010 (4CE79294)
fffff880\`0ae8e000 fffff880\`0aebc000   ZTEusbnet ZTEusbnet.sys Mon Oct 13 06:50:10 2008 (48F2E192)

Unloaded modules:
fffff880\`0a2e0000 fffff880\`0a2f1000   dump_storport.sys
fffff880\`0a2f1000 fffff880\`0a2fe000   crashdmp.sys`;

const X64_LMV = `0: kd> lmv m nt
Browse full module list
start             end                 module name
fffff806\`3a200000 fffff806\`3b246000   nt         (pdb symbols)          c:\\symbols\\ntkrnlmp.pdb\\A1B2\\ntkrnlmp.pdb
    Loaded symbol image file: ntkrnlmp.exe
    Image path: ntkrnlmp.exe
    Image name: ntkrnlmp.exe
    Browse all global symbols  functions  data
    Image was built with /Brepro flag.
    Timestamp:        6D3E7C8A (This is a reproducible build file hash, not a timestamp)
    CheckSum:         00A5A0C9
    ImageSize:        01046000
    Information from resource tables:
        CompanyName:      Microsoft Corporation`;

function lm(text: string) {
  return blocksOf(runText(text), 'lm');
}

function analyzeAlone(text: string) {
  const lines = normalizeText(text).lines;
  const ctx: BlockContext = {
    source: { lines },
    segment: { command: 'lm', prompt: null, line: 1, endLine: lines.length, bodyStart: 0, bodyEnd: lines.length },
    limit: lines.length,
    startsOther: () => false,
  };
  return lmAnalyzer.analyze(0, ctx);
}

const crlf = (t: string): string => t.replace(/\r?\n/g, '\r\n');
const forum = (t: string): string => `Here\u2019s \u201clm\u201d:\n${t.split('\n').join('\n\n')}`;

describe('lm', () => {
  it('reads lm vm with the verbose lines and the link timestamp from its hex', () => {
    const [block] = lm(X64_LMVM);
    expect(block?.line).toBe(2);
    expect(block?.endLine).toBe(10);
    expect(block?.data.modules).toEqual([
      {
        name: 'ZTEusbnet',
        start: 'fffff8800ae8e000',
        end: 'fffff8800aebc000',
        symbols: 'no symbols',
        image: 'ZTEusbnet.sys',
        path: '\\SystemRoot\\system32\\DRIVERS\\ZTEusbnet.sys',
        timestamp: { text: 'Mon Oct 13 06:50:10 2008', epoch: 0x48f2e192 },
        line: 3,
        origin: 'third-party',
        vendor: 'ZTE',
        product: 'USB mobile-broadband network adapter driver',
      },
    ]);
    expect(runText(X64_LMVM).findings.find((f) => f.id === 'lm.module')?.title).toBe(
      'Module ZTEusbnet (fffff8800ae8e000-fffff8800aebc000): built Mon Oct 13 06:50:10 2008, no symbols',
    );
  });

  it('reads an x86 list with and without a symbol state', () => {
    const mods = lm(X86_LM)[0]?.data.modules;
    expect(mods?.map((m) => [m.name, m.symbols])).toEqual([
      ['nt', undefined],
      ['hal', undefined],
      ['asyncmac', 'deferred'],
      ['ABCD', 'deferred'],
      ['eeCtrl', 'deferred'],
      ['xyz', 'deferred'],
      ['Fastfat', 'deferred'],
      ['ABCMiniFilter', 'deferred'],
    ]);
    expect(mods?.[7]).toEqual({ name: 'ABCMiniFilter', start: 'b8f04000', end: 'b8f0de80', symbols: 'deferred', line: 19, origin: 'unknown' });
  });

  it('reads lmta with a collapsed header and the date on the row', () => {
    const mods = lm(X86_LMTA)[0]?.data.modules;
    expect(mods).toEqual([
      { name: 'DRIVER_X', start: '96616000', end: '97332000', timestamp: { text: 'Tue Mar 27 03:05:05 2012', epoch: 0x4f712051 }, line: 5, origin: 'unknown' },
    ]);
  });

  it('reads image names, dates and the unloaded modules of lm t n', () => {
    const mods = lm(X64_LMTN)[0]?.data.modules;
    expect(mods?.[1]).toEqual({
      name: 'ACPI',
      start: 'fffff88000e00000',
      end: 'fffff88000e57000',
      image: 'ACPI.sys',
      timestamp: { text: 'Sat Nov 20 09:19:16 2010', epoch: 0x4ce79294 },
      line: 4,
      origin: 'microsoft',
      vendor: 'Microsoft',
    });
    expect(mods?.slice(3)).toEqual([
      { name: 'dump_storport', image: 'dump_storport.sys', start: 'fffff8800a2e0000', end: 'fffff8800a2f1000', unloaded: true, line: 8, origin: 'microsoft', vendor: 'Microsoft' },
      { name: 'crashdmp', image: 'crashdmp.sys', start: 'fffff8800a2f1000', end: 'fffff8800a2fe000', unloaded: true, line: 9, origin: 'microsoft', vendor: 'Microsoft' },
    ]);
  });

  it('keeps a reproducible-build hash as text, without a date', () => {
    const m = lm(X64_LMV)[0]?.data.modules[0];
    expect(m?.symbols).toBe('pdb symbols');
    expect(m?.image).toBe('ntkrnlmp.exe');
    expect(m?.timestamp).toEqual({ text: '6D3E7C8A (This is a reproducible build file hash, not a timestamp)' });
  });

  it('gives the same result for a CRLF copy', () => {
    expect(lm(crlf(X64_LMTN))[0]?.data).toEqual(lm(X64_LMTN)[0]?.data);
  });

  it('reads a forum copy with doubled lines and curly quotes', () => {
    const mods = lm(forum(X64_LMVM))[0]?.data.modules;
    expect(mods?.[0]?.line).toBe(6);
    expect(mods?.[0]?.timestamp?.epoch).toBe(0x48f2e192);
  });

  it('keeps the rows of a truncated paste', () => {
    const cut = `${X86_LM.split('\n').slice(0, 9).join('\n')}\n    b7f55000 b7f`;
    expect(lm(cut)[0]?.data.modules.map((m) => m.name)).toEqual(['nt', 'hal', 'asyncmac']);
  });

  it('recognises rows pasted without the prompt or the header', () => {
    const rows = X86_LM.split('\n').slice(8).join('\n');
    expect(lm(rows)[0]?.data.modules).toHaveLength(6);
  });

  it('rejects text that is not a module list', () => {
    expect(analyzeAlone('start the debugger, then end the session').ok).toBe(false);
    expect(lm('b8f0b938  8096c8cc nt!SeQueryInformationToken')).toHaveLength(0);
  });
});
