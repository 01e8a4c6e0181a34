import { expect } from 'vitest';
import { blockedIrp } from '../../../../src/analyzers/verdict/rules/blocked-irp';
import { ruleTester } from '../rule-tester';

// Newer debuggers: codes named, the row data and the driver on the lines after the location.
const IRP_NEW = `0: kd> !irp ffffe0011c2d4a10
Irp is active with 2 stacks 2 is current (= 0xffffe0011c2d4b70)
 No Mdl: No System Buffer: Thread 00000000:  Irp stack trace.
     cmd  flg cl Device   File     Completion-Context
 [N/A(0), N/A(0)]
            0  0 00000000 00000000 00000000-00000000

			Args: 00000000 00000000 00000000 00000000
>[IRP_MJ_POWER(16), IRP_MN_SET_POWER(2)]
            0 e1 ffffe0011a4c2060 00000000 fffff80085c93f00-ffffe0011a8c73c0 Success Error Cancel pending
	       \\Driver\\acmeusb	nt!PopRequestCompletion
			Args: 00000000 00000000 00000000 00000000`;

// Older debuggers: the current location gives the device only (as in s04).
const IRP_OLD = `0: kd> !irp fffffa8008f5cc10
Irp is active with 2 stacks 2 is current (= 0xfffffa8008f5cf68)
 No Mdl: No System Buffer: Thread fffffa8007005660:  Irp stack trace.
     cmd  flg cl Device   File     Completion-Context
 [  0, 0]   0  0 00000000 00000000 00000000-00000000

            Args: 00000000 00000000 00000000 00000000
>[ 16, 2]   0  0 fffffa800c089050 00000000 00000000-00000000

            Args: 00000000 00000000 00000000 00000000`;
const CURRENT_OLD = 8;

const DEVOBJ = `0: kd> !devobj fffffa800c089050
Device object (fffffa800c089050) is for:
 NDMP14 \\Driver\\acmeusb DriverObject fffffa800deeae70
Current Irp 00000000 RefCount 0 Type 00000017 Flags 00002050
AttachedTo (Lower) fffffa80070bfa00 \\Driver\\usbccgp
Device queue is not busy.`;

const DEVSTACK = `0: kd> !devstack fffffa800c089050
  !DevObj           !DrvObj            !DevExt          ObjectName
> fffffa800c089050  \\Driver\\acmeusb    fffffa800c0891a0  NDMP14
  fffffa80070bfa00  \\Driver\\usbccgp    fffffa80070bfb50  00000057`;

ruleTester(blockedIrp, {
  invalid: [
    {
      name: 'blames the third-party driver printed at the current stack location of a blocked IRP',
      text: IRP_NEW,
      blames: 'acmeusb',
      finding: 'irp.current',
      check: (out) => {
        expect(out.evidence).toEqual([
          { module: 'acmeusb', weight: 0.3, line: 9, text: "the blocked IRP sits at \\Driver\\acmeusb's stack location [16,2] IRP_MJ_POWER / IRP_MN_SET_POWER" },
        ]);
        expect(out.findings[0]?.title).toBe('IRP ffffe0011c2d4a10 waits at its current stack location [16,2] IRP_MJ_POWER / IRP_MN_SET_POWER on device ffffe0011a4c2060 (\\Driver\\acmeusb)');
      },
    },
    {
      name: "names the driver of the current location's device from !devobj",
      text: `${IRP_OLD}\n${DEVOBJ}`,
      blames: 'acmeusb',
      finding: 'devobj.owner',
      check: (out) => {
        expect(out.evidence.map((e) => e.line)).toEqual([CURRENT_OLD]);
        expect(out.findings.find((f) => f.id === 'devobj.owner')?.title).toBe('Device fffffa800c089050 belongs to \\Driver\\acmeusb, attached over \\Driver\\usbccgp');
      },
    },
    {
      name: "names the driver of the current location's device from !devstack",
      text: `${IRP_OLD}\n${DEVSTACK}`,
      blames: 'acmeusb',
      finding: 'irp.current',
    },
    {
      name: 'states where an IRP waits when no output names the driver of its device, without blaming anyone',
      text: IRP_OLD,
      finding: 'irp.current',
      check: (out) => {
        expect(out.evidence).toEqual([]);
        expect(out.findings.map((f) => f.lines)).toEqual([[CURRENT_OLD]]);
      },
    },
    {
      name: 'does not blame a Microsoft driver holding the IRP',
      text: IRP_NEW.replace('acmeusb', 'usbccgp'),
      finding: 'irp.current',
      check: (out) => expect(out.evidence).toEqual([]),
    },
    {
      name: 'does not take the driver of another device for the one at the current location',
      text: `${IRP_OLD}\n${DEVOBJ.replace(/fffffa800c089050/g, 'fffffa800c0a1040')}`,
      finding: 'irp.current',
      check: (out) => expect(out.evidence).toEqual([]),
    },
  ],
  valid: [
    { name: 'an IRP none of whose stack locations is marked current', text: IRP_OLD.replace('>[ 16, 2]', ' [ 16, 2]') },
    { name: 'a device stack without any IRP', text: DEVSTACK },
  ],
});
