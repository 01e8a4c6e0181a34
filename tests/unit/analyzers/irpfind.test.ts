import { describe, expect, it } from 'vitest';
import { blocksOf, runText } from '../../../src/analyzers/run';

// From s08: rows pasted without prompt or header, between prose.
const S08 = `I decided to look at all the IRPs present in the system to see if anything else cropped up.

fffffa801620dd00 [fffffa8016215580] irpStack: ( e, 0)  fffffa800b17ae40 [ \\Driver\\aswNdisFlt]
fffffa8016210a60 [fffffa8016241060] irpStack: ( e, 0)  fffffa800b17ae40 [ \\Driver\\aswNdisFlt]
fffffa8016213680 [fffffa8016243060] irpStack: ( e, 0)  fffffa800b17ae40 [ \\Driver\\aswNdisFlt]
fffffa80162162f0 [fffffa8016243640] irpStack: ( e, 0)  fffffa800b17ae40 [ \\Driver\\aswNdisFlt]
fffffa8016219400 [fffffa8016244b50] irpStack: ( e, 0)  fffffa800b17ae40 [ \\Driver\\aswNdisFlt]
fffffa8016219c60 [fffffa801551d060] irpStack: ( c, 2)  fffffa8014813030 [ \\FileSystem\\Ntfs]
fffffa801621aa50 [fffffa8016246640] irpStack: ( e, 0)  fffffa800b17ae40 [ \\Driver\\aswNdisFlt]
fffffa801621eb10 [fffffa801551d060] irpStack: ( c, 2)  fffffa8014813030 [ \\FileSystem\\Ntfs]
fffffa80162207b0 [fffffa8016006b50] irpStack: ( e, 0)  fffffa800b044ba0 [ \\FileSystem\\FltMgr]
fffffa80162209e0 [fffffa8016006b50] irpStack: ( e, 0)  fffffa800b044ba0 [ \\FileSystem\\FltMgr]
fffffa8016228c60 [fffffa801551d060] irpStack: ( c, 2)  fffffa8014813030 [ \\FileSystem\\Ntfs]
fffffa8016237ee0 [fffffa8016247640] irpStack: ( d, 0)  fffffa800b1a3df0 [ \\FileSystem\\Npfs]
fffffa8016238a00 [fffffa8016248640] irpStack: ( e, 0)  fffffa800b17ae40 [ \\Driver\\aswNdisFlt]
fffffa80162399b0 [fffffa8016246b50] irpStack: ( e, 0)  fffffa800b17ae40 [ \\Driver\\aswNdisFlt]
fffffa801623e6d0 [fffffa8016244060] irpStack: ( e, 0)  fffffa800b17ae40 [ \\Driver\\aswNdisFlt]
aswNdisFlt is the Avast Anti Virus firewall driver that appears to be calling a lot of IRPs.`;

// Written in the debugger's format with its prompt, header and scanning noise.
const OWNED = `kd> !irpfind
Scanning large pool allocation table for Tag: Irp? (8a400000 : 8a600000)

Searching NonPaged pool (80000000 : ffc00000) for Tag: Irp?

  Irp    [ Thread ] irpStack: (Mj,Mn)   DevObj  [Driver]         MDL Process
8a4f3008 [00000000] irpStack: ( f, 0)  8a3c8020 [ \\Driver\\usbhub]
8a5e1648 [8a1d9020] irpStack: ( 3, 0)  8a3c8ab0 [ \\FileSystem\\Ntfs] 0x8a5f1000 8a1f5020`;

function rows(text: string) {
  return blocksOf(runText(text), 'irpfind').flatMap((b) => b.data.rows);
}

describe('the irpfind analyzer', () => {
  it('reads the s08 rows pasted without prompt, with hex major/minor numbers', () => {
    const r = rows(S08);
    expect(r).toHaveLength(15);
    expect(r[0]).toEqual({ irp: 'fffffa801620dd00', thread: 'fffffa8016215580', major: 0x0e, minor: 0, device: 'fffffa800b17ae40', driver: '\\Driver\\aswNdisFlt', line: 3 });
    expect(r[5]).toMatchObject({ major: 0x0c, minor: 2, driver: '\\FileSystem\\Ntfs' });
    const [b] = blocksOf(runText(S08), 'irpfind');
    expect(b!.endLine).toBe(17);
  });

  it('names the driver that owns most IRPs and its share', () => {
    const f = runText(S08).findings.filter((x) => x.id === 'irpfind.top-driver');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', title: '\\Driver\\aswNdisFlt owns 9 of 15 IRPs (60%)' });
    expect(f[0]!.lines).toEqual([3, 4, 5, 6, 7, 9, 15, 16, 17]);
    expect(f[0]!.detail).toBe('Next: \\FileSystem\\Ntfs 3, \\FileSystem\\FltMgr 2, \\FileSystem\\Npfs 1.');
  });

  it('reads its own command output with the header, noise, an empty thread and trailing MDL/process', () => {
    const r = rows(OWNED);
    expect(r).toEqual([
      { irp: '8a4f3008', major: 0x0f, minor: 0, device: '8a3c8020', driver: '\\Driver\\usbhub', line: 7 },
      { irp: '8a5e1648', thread: '8a1d9020', major: 3, minor: 0, device: '8a3c8ab0', driver: '\\FileSystem\\Ntfs', line: 8 },
    ]);
    const f = runText(OWNED).findings.find((x) => x.id === 'irpfind.top-driver');
    expect(f?.severity).toBe('info');
  });

  it('gives the same rows for a CRLF copy and a double-spaced copy with curly quotes', () => {
    const plain = rows(S08).map(({ line: _l, ...r }) => r);
    expect(rows(S08.replace(/\n/g, '\r\n')).map(({ line: _l, ...r }) => r)).toEqual(plain);
    expect(rows(S08.split('\n').join('\n\n').replace(/'/g, '\u2019')).map(({ line: _l, ...r }) => r)).toEqual(plain);
  });

  it('keeps the rows of a truncated paste, including a cut last row', () => {
    // The last row lost its driver: it cannot be attributed, so it is not kept.
    const cut = S08.split('\n').slice(0, 5).join('\n') + '\nfffffa80162162f0 [fffffa8016243640] irpStack: ( e, 0)  fffffa800b1';
    const m = runText(cut);
    expect(blocksOf(m, 'irpfind').flatMap((b) => b.data.rows).map((x) => x.irp)).toEqual(['fffffa801620dd00', 'fffffa8016210a60', 'fffffa8016213680']);
    expect(blocksOf(m, 'irpfind')[0]!.endLine).toBe(6);
  });

  it('finds no rows in garbage or prose', () => {
    expect(rows('The irpStack: is a list of locations.\nfoo [bar] irpStack: (x, y)')).toEqual([]);
    expect(rows('\u0001\u0002\u0003')).toEqual([]);
  });
});
