import { expect } from 'vitest';
import { driverObjectHooks } from '../../../../src/analyzers/verdict/rules/driver-object-hooks';
import { bugcheckBanner } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

// Ntfs's driver object (as in s13): DriverUnload points into another module, FastIoQueryOpen into pool.
const DRVOBJ = `1: kd> !drvobj \\FileSystem\\Ntfs f
Driver object (ffffe001a28949b0) is for:
 \\FileSystem\\Ntfs

DriverEntry:   fffff8000d06e280  Ntfs!GsDriverEntry
DriverStartIo: 00000000
DriverUnload:  fffff8000c8d5d24  acmefilt

Dispatch routines:
[00] IRP_MJ_CREATE                      fffff8000d126a10 Ntfs!NtfsFsdCreate
[01] IRP_MJ_CREATE_NAMED_PIPE           fffff802645809ac nt!IopInvalidDeviceRequest
[02] IRP_MJ_CLOSE                       fffff8000d10b390 Ntfs!NtfsFsdClose

Fast I/O routines:
FastIoQueryOpen                         ffffe001a17d4540 +0xffffe001a17d4540`;
const UNLOAD_LINE = 7;
const CLEAN = DRVOBJ.replace('fffff8000c8d5d24  acmefilt', 'fffff8000d0eb000  Ntfs!NtfsFsdUnload').replace(/\n\nFast I\/O routines:[\s\S]*$/, '');
const POOL_ONLY = DRVOBJ.replace('fffff8000c8d5d24  acmefilt', 'fffff8000d0eb000  Ntfs!NtfsFsdUnload');

/** `u` of the pool address: code that loads an address and jumps there. */
const jumpsTo = (site: string, address = 'ffffe001a17d4540'): string => `1: kd> u ${address}
ffffe001\`a17d4540 4d8bc8          mov     r9,r8
ffffe001\`a17d4543 4c8bc2          mov     r8,rdx
ffffe001\`a17d4553 48b83c57910c00f8ffff mov rax,offset ${site} (fffff800\`0c91573c)
ffffe001\`a17d455d ffe0            jmp     rax`;

const DRIVER_OBJECT_CORRUPTION = bugcheckBanner('109', ['a3a01f5a3763f650', 'b3b72be089e32ceb', 'ffffe001a2894a20', '1c']);

ruleTester(driverObjectHooks, {
  invalid: [
    {
      name: "blames the module a driver's routine points into, outside the driver's own image",
      text: CLEAN.replace('fffff8000d0eb000  Ntfs!NtfsFsdUnload', 'fffff8000c8d5d24  acmefilt'),
      blames: 'acmefilt',
      check: (out) =>
        expect(out.evidence).toEqual([
          { module: 'acmefilt', weight: 0.5, line: UNLOAD_LINE, text: "!drvobj: Ntfs's DriverUnload points into acmefilt (acmefilt), outside Ntfs's own image: a hook" },
        ]),
    },
    {
      name: 'weighs a hook more (0.6) when the bug check reports driver object corruption (0x109, type 0x1C)',
      text: `${DRIVER_OBJECT_CORRUPTION}\n${CLEAN.replace('fffff8000d0eb000  Ntfs!NtfsFsdUnload', 'fffff8000c8d5d24  acmefilt')}`,
      blames: 'acmefilt',
      check: (out) => {
        expect(out.evidence.map((e) => e.weight)).toEqual([0.6]);
        expect(out.evidence[0]?.text).toContain('the bug check reports driver object corruption');
      },
    },
    {
      name: 'follows a routine pointing into pool to the module its code jumps to',
      text: `${POOL_ONLY}\n${jumpsTo('acmefilt+0x6973c')}`,
      blames: 'acmefilt',
      check: (out) =>
        expect(out.evidence).toEqual([
          { module: 'acmefilt', weight: 0.4, line: 19, text: "!drvobj: Ntfs's FastIoQueryOpen points to memory outside any module whose code jumps to acmefilt+0x6973c" },
        ]),
    },
    {
      name: 'weighs a hidden hook more (0.5) under driver object corruption',
      text: `${DRIVER_OBJECT_CORRUPTION}\n${POOL_ONLY}\n${jumpsTo('acmefilt+0x6973c')}`,
      blames: 'acmefilt',
      check: (out) => expect(out.evidence.map((e) => e.weight)).toEqual([0.5]),
    },
    {
      name: 'names the hooked driver from dt nt!_DRIVER_OBJECT when !drvobj printed neither its name nor its own routines',
      text: `1: kd> dt nt!_DRIVER_OBJECT ffffe001a28949b0
   +0x000 Type             : 0n4
   +0x002 Size             : 0n336
   +0x038 DriverName       : _UNICODE_STRING "\\FileSystem\\Ntfs"
1: kd> !drvobj ffffe001a28949b0 f
Driver object (ffffe001a28949b0) is for:

Dispatch routines:
[01] IRP_MJ_CREATE_NAMED_PIPE           fffff802645809ac nt!IopInvalidDeviceRequest

Fast I/O routines:
FastIoQueryOpen                         ffffe001a17d4540 +0xffffe001a17d4540
${jumpsTo('acmefilt+0x6973c')}`,
      blames: 'acmefilt',
      check: (out) => expect(out.evidence[0]?.text).toBe("!drvobj: \\FileSystem\\Ntfs's FastIoQueryOpen points to memory outside any module whose code jumps to acmefilt+0x6973c"),
    },
  ],
  valid: [
    {
      name: "a WDF driver whose routines point into Wdf01000 and its own image (the framework owns them, no hook)",
      text: `kd> !drvobj \\Driver\\acmeusb 2
Driver object (ffffe0015a2b3e40) is for:
 \\Driver\\acmeusb

DriverEntry:   fffff80136a41010	acmeusb!FxDriverEntry
DriverStartIo: 00000000
DriverUnload:  fffff80136a31250	acmeusb!FxStubDriverUnload
AddDevice:     fffff80136c21f40	Wdf01000!FxDriver::AddDevice

Dispatch routines:
[00] IRP_MJ_CREATE                      fffff80136c01c00	Wdf01000!FxDevice::DispatchWithLock
[01] IRP_MJ_CREATE_NAMED_PIPE           fffff80135d2b3d0	nt!IopInvalidDeviceRequest
[0e] IRP_MJ_DEVICE_CONTROL              fffff80136c01c00	Wdf01000!FxDevice::DispatchWithLock`,
    },
    { name: 'a driver object whose routines point into its own image and the kernel', text: CLEAN },
    { name: 'a routine pointing into pool, with no disassembly of it', text: POOL_ONLY },
    { name: 'a routine pointing into pool, with the disassembly of another address', text: `${POOL_ONLY}\n${jumpsTo('acmefilt+0x6973c', 'fffff8000c91573c')}` },
    { name: 'a routine pointing into pool whose code jumps into the kernel', text: `${POOL_ONLY}\n${jumpsTo('nt!IopInvalidDeviceRequest')}` },
  ],
});
