import { describe, expect, it } from 'vitest';
import { blocksOf, runText } from '../../../src/analyzers/run';

// From s04 (!irp … 7 on an older debugger; blank line between row and Args).
const S04 = `0: kd> !irp fffffa8008f5cc10 7
Irp is active with 10 stacks 10 is current (= 0xfffffa8008f5cf68)
 No Mdl: No System Buffer: Thread fffffa8007005660:  Irp stack trace.
Flags = 00000000
ThreadListEntry.Flink = fffffa8007005a50
IoStatus.Status = c00000bb
IoStatus.Information = 00000000
Overlay.AllocationSize = 00000000 - 00000000
&Tail.Overlay.DeviceQueueEntry = fffffa8008f5cc88
Tail.Overlay.Thread = fffffa8007005660
     cmd  flg cl Device   File     Completion-Context
 [  0, 0]   0  0 00000000 00000000 00000000-00000000

            Args: 00000000 00000000 00000000 00000000
 [  0, 0]   0  0 00000000 00000000 00000000-00000000

            Args: 00000000 00000000 00000000 00000000
>[ 1b,17]   0  0 fffffa800c089050 00000000 00000000-00000000

            Args: 00000000 00000000 00000000 00000000
IO verifier information:
No information available - the verifier is probably disabled

So here we can see the IRP reached ZTEusbnet but stopped there.`;

// Written in the newer format: codes named, row data and driver names on the next lines.
const NEW = `0: kd> !irp ffffe0011c2d4a10
Irp is active with 4 stacks 3 is current (= 0xffffe0011c2d4b70)
 No Mdl: No System Buffer: Thread 00000000:  Irp stack trace.
     cmd  flg cl Device   File     Completion-Context
 [N/A(0), N/A(0)]
            0  0 00000000 00000000 00000000-00000000

			Args: 00000000 00000000 00000000 00000000
 [IRP_MJ_PNP(1b), IRP_MN_QUERY_DEVICE_RELATIONS(7)]
            0 e0 ffffe0011a5ac050 00000000 fffff80085c93f00-ffffe0011a8c7390 Success Error Cancel
	       \\Driver\\usbccgp	nt!PnpDeviceCompletionRoutine
			Args: 00000000 00000000 00000000 00000000
>[IRP_MJ_PNP(1b), IRP_MN_SURPRISE_REMOVAL(17)]
            0 e1 ffffe0011a4c2060 00000000 fffff80085c93f00-ffffe0011a8c73c0 Success Error Cancel pending
	       \\Driver\\ZTEusbnet	nt!PnpDeviceCompletionRoutine
			Args: 00000000 00000000 00000000 00000000
 [N/A(0), N/A(0)]
            0  0 00000000 00000000 00000000-ffffe0011a8c73f0

			Args: 00000000 00000000 00000000 00000000`;

function irps(text: string) {
  return blocksOf(runText(text), 'irp');
}

describe('the irp analyzer', () => {
  it('reads the header, thread, status and the current [1b,17] location of s04', () => {
    const [b] = irps(S04);
    const d = b!.data;
    expect(d).toMatchObject({ address: 'fffffa8008f5cc10', stackCount: 10, currentIndex: 10, thread: 'fffffa8007005660', status: '0xc00000bb', line: 2 });
    expect(d.locations).toHaveLength(3);
    expect(d.locations[2]).toEqual({ major: 0x1b, minor: 0x17, current: true, device: 'fffffa800c089050', line: 18 });
    expect(d.locations[0]).toEqual({ major: 0, minor: 0, current: false, line: 12 });
    expect(b!.endLine).toBe(22);
  });

  it('reads the newer format with named codes, drivers and completion routines', () => {
    const d = irps(NEW)[0]!.data;
    expect(d.stackCount).toBe(4);
    expect(d.currentIndex).toBe(3);
    expect(d.thread).toBeUndefined();
    expect(d.locations.map((l) => [l.major, l.minor, l.current])).toEqual([
      [0, 0, false],
      [0x1b, 7, false],
      [0x1b, 0x17, true],
      [0, 0, false],
    ]);
    expect(d.locations[2]).toMatchObject({ device: 'ffffe0011a4c2060', driver: '\\Driver\\ZTEusbnet', completion: 'nt!PnpDeviceCompletionRoutine' });
    expect(d.locations[1]!.driver).toBe('\\Driver\\usbccgp');
  });

  it('reads a driver name printed on the row itself', () => {
    const d = irps('Irp is active with 2 stacks 2 is current (= 0x8a0c8e44)\n>[  3, 0]   0 e0 8a3c8020 8a1f0f28 00000000-00000000    \\FileSystem\\Ntfs')[0]!.data;
    expect(d.locations[0]).toMatchObject({ major: 3, current: true, device: '8a3c8020', driver: '\\FileSystem\\Ntfs' });
  });

  it('gives the same result for a CRLF copy and a double-spaced copy with curly quotes', () => {
    const plain = irps(S04)[0]!.data;
    expect(irps(S04.replace(/\n/g, '\r\n'))[0]!.data).toEqual(plain);
    const forum = irps(S04.split('\n').join('\n\n').replace(/'/g, '\u2019'))[0]!.data;
    expect(forum.locations.map((l) => [l.major, l.minor, l.current, l.device])).toEqual(plain.locations.map((l) => [l.major, l.minor, l.current, l.device]));
    expect(forum.status).toBe('0xc00000bb');
  });

  it('keeps what a truncated paste shows', () => {
    const d = irps(S04.split('\n').slice(0, 4).join('\n'))[0]!.data;
    expect(d).toMatchObject({ stackCount: 10, currentIndex: 10, thread: 'fffffa8007005660', locations: [] });
  });

  it('finds no IRP in garbage or prose', () => {
    expect(irps('kd> !irp 1234\nIrpFind is something else\nmore text')).toHaveLength(0);
    expect(irps('\u0001\u0002\u0003')).toHaveLength(0);
  });
});
