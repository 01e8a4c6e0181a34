import { describe, expect, it } from 'vitest';
import { blocksOf, runText } from '../../../src/analyzers/run';

// From s13 (indented, blank lines between lines; no driver name line).
const S13 = `    1: kd> !drvobj ffffe001a2894950+0x60 f

    Driver object (ffffe001a28949b0) is for:


    Driver Extension List: (id , addr)


    Device Object list:

    ffffe001a144c030  ffffe001a1449030  ffffe001a144f030  ffffe001a28947a0


    DriverEntry:   fffff8000d06e280  Ntfs!GsDriverEntry

    DriverStartIo: 00000000

    DriverUnload:  fffff8000c8d5d24  vicm

    AddDevice:     00000000


    Dispatch routines:

    [00] IRP_MJ_CREATE                      fffff8000d126a10 Ntfs!NtfsFsdCreate

    [01] IRP_MJ_CREATE_NAMED_PIPE           fffff802645809ac nt!IopInvalidDeviceRequest

    [02] IRP_MJ_CLOSE                       fffff8000d10b390 Ntfs!NtfsFsdClose

    [03] IRP_MJ_READ                        fffff8000d061590 Ntfs!NtfsFsdRead

    [1b] IRP_MJ_PNP                         fffff8000d158bac Ntfs!NtfsFsdPnp


    Fast I/O routines:

    FastIoCheckIfPossible                   fffff8000d1d4090 Ntfs!NtfsFastIoCheckIfPossible

    MdlReadComplete                         fffff80264588594 nt!FsRtlMdlReadCompleteDev

    FastIoQueryOpen                         ffffe001a17d4540 +0xffffe001a17d4540

    ReleaseForModWrite                      fffff8000d04b4d4 Ntfs!NtfsReleaseFileForModWrite


    We found two potential issues here: DriverUnload and FastIoQueryOpen.`;

// From s13: the address given is not a driver object.
const NOT_OBJECT = `    1: kd> !drvobj ffffe001a2894a20

    Driver object (ffffe001a2894a20) is for:

    ffffe001a2894a20: is not a driver object


    Let's try !pool`;

// Written in the debugger's format: a WDF driver, whose dispatch table points into Wdf01000.
const WDF = `kd> !drvobj \\Driver\\MyUsb 2
Driver object (ffffe0015a2b3e40) is for:
 \\Driver\\MyUsb

DriverEntry:   fffff80136a41010	MyUsb!FxDriverEntry
DriverStartIo: 00000000
DriverUnload:  fffff80136a31250	MyUsb!FxStubDriverUnload
AddDevice:     fffff80136c21f40	Wdf01000!FxDriver::AddDevice

Dispatch routines:
[00] IRP_MJ_CREATE                      fffff80136c01c00	Wdf01000!FxDevice::DispatchWithLock
[01] IRP_MJ_CREATE_NAMED_PIPE           fffff80135d2b3d0	nt!IopInvalidDeviceRequest
[02] IRP_MJ_CLOSE                       fffff80136c01c00	Wdf01000!FxDevice::DispatchWithLock
[0e] IRP_MJ_DEVICE_CONTROL              fffff80136c01c00	Wdf01000!FxDevice::DispatchWithLock`;

function drivers(text: string) {
  return blocksOf(runText(text), 'drvobj');
}

describe('the drvobj analyzer', () => {
  it('reads every routine of s13 with its target module, skipping null routines', () => {
    const [b] = drivers(S13);
    const d = b!.data;
    expect(d.address).toBe('ffffe001a28949b0');
    expect(d.driverName).toBeUndefined();
    expect(d.ownModule).toBe('Ntfs');
    expect(d.routines.map((r) => [r.name, r.module])).toEqual([
      ['DriverEntry', 'Ntfs'],
      ['DriverUnload', 'vicm'],
      ['IRP_MJ_CREATE', 'Ntfs'],
      ['IRP_MJ_CREATE_NAMED_PIPE', 'nt'],
      ['IRP_MJ_CLOSE', 'Ntfs'],
      ['IRP_MJ_READ', 'Ntfs'],
      ['IRP_MJ_PNP', 'Ntfs'],
      ['FastIoCheckIfPossible', 'Ntfs'],
      ['MdlReadComplete', 'nt'],
      ['FastIoQueryOpen', null],
      ['ReleaseForModWrite', 'Ntfs'],
    ]);
    expect(d.routines[1]).toEqual({ name: 'DriverUnload', address: 'fffff8000c8d5d24', target: 'vicm', module: 'vicm', line: 18 });
    expect(d.routines[9]).toEqual({ name: 'FastIoQueryOpen', address: 'ffffe001a17d4540', target: '+0xffffe001a17d4540', module: null, line: 42 });
    expect(b!.endLine).toBe(44);
  });

  it('reports the routines pointing into vicm and into pool memory as critical drvobj.hook findings', () => {
    const f = runText(S13).findings.filter((x) => x.id === 'drvobj.hook');
    expect(f.map((x) => [x.severity, x.lines])).toEqual([
      ['critical', [18]],
      ['critical', [42]],
    ]);
    expect(f[0]!.title).toBe("Ntfs's driver object: DriverUnload points into vicm");
    expect(f[1]!.title).toBe("Ntfs's driver object: FastIoQueryOpen points outside any module (ffffe001a17d4540)");
  });

  it('does not call a framework (Wdf01000) owning the dispatch table a hook', () => {
    const [b] = drivers(WDF);
    expect(b!.data.driverName).toBe('\\Driver\\MyUsb');
    expect(b!.data.ownModule).toBe('Wdf01000');
    expect(runText(WDF).findings.filter((x) => x.id === 'drvobj.hook')).toEqual([]);
  });

  it('says when an address is not a driver object', () => {
    const [b] = drivers(NOT_OBJECT);
    expect(b!.data).toEqual({ address: 'ffffe001a2894a20', routines: [], line: 3 });
    const f = runText(NOT_OBJECT).findings.find((x) => x.id === 'drvobj.not-driver-object');
    expect(f).toMatchObject({ severity: 'info', lines: [5] });
  });

  it('gives the same result for a CRLF copy and the same routines with curly quotes', () => {
    expect(drivers(S13.replace(/\n/g, '\r\n'))[0]!.data).toEqual(drivers(S13)[0]!.data);
    const curly = drivers(S13.replace(/'/g, '\u2019'))[0]!.data;
    expect(curly.routines).toHaveLength(11);
  });

  it('keeps the routines of a truncated paste', () => {
    const d = drivers(S13.split('\n').slice(0, 20).join('\n'))[0]!.data;
    expect(d.routines.map((r) => r.name)).toEqual(['DriverEntry', 'DriverUnload']);
    expect(d.ownModule).toBe('Ntfs');
  });

  it('recognises !drvobj output pasted without its prompt', () => {
    const d = drivers('We dumped it:\n' + S13.split('\n').slice(1).join('\n'))[0]!.data;
    expect(d.address).toBe('ffffe001a28949b0');
    expect(d.routines).toHaveLength(11);
  });

  it('finds no driver object in garbage or prose', () => {
    expect(drivers('The driver object is for Ntfs.\nDriverUnload: see above')).toHaveLength(0);
    expect(drivers('\u0001\u0002\u0003')).toHaveLength(0);
  });
});
