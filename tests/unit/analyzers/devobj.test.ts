import { describe, expect, it } from 'vitest';
import { blocksOf, runText } from '../../../src/analyzers/run';

// From s04.
const S04 = `0: kd> !devobj fffffa800c089050
Device object (fffffa800c089050) is for:
 NDMP14 \\Driver\\ZTEusbnet DriverObject fffffa800deeae70
Current Irp 00000000 RefCount 0 Type 00000017 Flags 00002050
Dacl fffff9a10009b881 DevExt fffffa800c0891a0 DevObjExt fffffa800c08a8c0
ExtensionFlags (0x00000800)  DOE_DEFAULT_SD_PRESENT
Characteristics (0x00000100)  FILE_DEVICE_SECURE_OPEN
AttachedTo (Lower) fffffa80070bfa00 \\Driver\\usbccgp
Device queue is not busy.

So we can see the network driver is the upper layer and the usbccgp is the lower layer.`;

// Written in the debugger's format: an unnamed device in the middle of a stack.
const MIDDLE = `Device object (ffffe000011009b0) is for:
 \\Driver\\volmgr DriverObject ffffe00000f3e060
Current Irp 00000000 RefCount 0 Type 00000007 Flags 00001050
Vpb ffffe00001100d40 Dacl ffffc0000000b3d0 DevExt ffffe00001100b00 DevObjExt ffffe00001100d10 Dope ffffe000011058c0
ExtensionFlags (0x00000800)  DOE_DEFAULT_SD_PRESENT
Characteristics (0000000000)
AttachedDevice (Upper) ffffe00001143040 \\Driver\\volsnap
Device queue is not busy.`;

function devices(text: string) {
  return blocksOf(runText(text), 'devobj');
}

describe('the devobj analyzer', () => {
  it('reads the device, its name, its driver and the device under it (s04)', () => {
    const [b] = devices(S04);
    expect(b!.data).toEqual({
      address: 'fffffa800c089050',
      name: 'NDMP14',
      driver: '\\Driver\\ZTEusbnet',
      attachedTo: { address: 'fffffa80070bfa00', driver: '\\Driver\\usbccgp', line: 8 },
      line: 2,
    });
    expect(b!.endLine).toBe(9);
  });

  it('reads an unnamed device and the device attached above it, without a prompt', () => {
    const [b] = devices(MIDDLE);
    expect(b!.data).toEqual({
      address: 'ffffe000011009b0',
      driver: '\\Driver\\volmgr',
      attachedDevice: { address: 'ffffe00001143040', driver: '\\Driver\\volsnap', line: 7 },
      line: 1,
    });
  });

  it('gives the same result for a CRLF copy, and the same fields for a double-spaced copy with curly quotes', () => {
    expect(devices(S04.replace(/\n/g, '\r\n'))[0]!.data).toEqual(devices(S04)[0]!.data);
    const forum = devices(S04.split('\n').join('\n\n').replace(/'/g, '\u2019'))[0]!.data;
    expect(forum).toMatchObject({ name: 'NDMP14', driver: '\\Driver\\ZTEusbnet', attachedTo: { driver: '\\Driver\\usbccgp', line: 15 } });
  });

  it('keeps the header and owner of a truncated paste', () => {
    const d = devices(S04.split('\n').slice(0, 3).join('\n'))[0]!.data;
    expect(d).toEqual({ address: 'fffffa800c089050', name: 'NDMP14', driver: '\\Driver\\ZTEusbnet', line: 2 });
  });

  it('finds no device object in garbage or prose', () => {
    expect(devices('The device object is for the network card.\nAttachedTo nothing')).toHaveLength(0);
    expect(devices('\u0001\u0002\u0003')).toHaveLength(0);
  });
});
