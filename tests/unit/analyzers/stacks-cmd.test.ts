import { describe, expect, it } from 'vitest';
import { blocksOf, runText } from '../../../src/analyzers/run';

// From s09: one row pasted without the command, after prose naming the filter.
const S09 = `    Run !stacks 2 FooDRV to search for all threads in the dump that currently have this driver on the stack. We have a hit:

    4.001114  ffffe0007510c040 ffc7d369 Blocked    nt!KiSwapContext+0x76



    FooDRV.sys is calling NdisMSleep.`;

// Written in the debugger's !stacks 2 format: process headers and frames under each row.
const FULL = `0: kd> !stacks 2 FooDRV
Proc.Thread  .Thread  Ticks   ThreadState Blocker
                            [ffffe0004f3e2390 System]
   4.001114  ffffe0007510c040 ffc7d369 Blocked    nt!KiSwapContext+0x76
                                        nt!KiSwapThread+0x14d
                                        nt!KeDelayExecutionThread+0x2b7
                                        NDIS!NdisMSleep+0x5c
                                        FooDRV+0x3d8a2
                            [ffffe0005c21c080 vmms.exe]
 c08.0043d8  ffffe00069cdb880 ffff2a5c Blocked    nt!KiSwapContext+0x76
                                        NDIS!ndisQuerySetMiniportEx+0x1d5
                                        FooDRV+0x3c100

Threads Processed: 1803`;

// The older !stacks 0 format, without the Ticks column.
const OLD = `kd> !stacks 0
Proc.Thread  .Thread  ThreadState  Blocker
                                     [System]
   4.000050  827eea10  Blocked    +0xfe0343a5
                                     [csrss.exe]
  b0.0000a8  82723b70  Blocked    ntoskrnl!_KiSystemService+0xc4`;

function data(text: string) {
  return blocksOf(runText(text), 'stacks').map((b) => b.data);
}

describe('the !stacks analyzer', () => {
  it('reads the s09 row pasted without command and takes the filter from the prose before it', () => {
    const [d] = data(S09);
    expect(d).toEqual({
      threads: [{ id: '4.001114', address: 'ffffe0007510c040', state: 'Blocked', top: 'nt!KiSwapContext+0x76', line: 3 }],
      filter: 'FooDRV',
    });
    const f = runText(S09).findings.filter((x) => x.id === 'stacks.filter-match');
    expect(f).toEqual([
      { id: 'stacks.filter-match', severity: 'info', title: '1 thread has FooDRV on the stack (!stacks filter)', detail: '4.001114 Blocked in nt!KiSwapContext+0x76', lines: [3], rule: 'parse:stacks' },
    ]);
  });

  it('reads rows under their process headers, with the frames !stacks 2 prints under each', () => {
    const [d] = data(FULL);
    expect(d!.filter).toBe('FooDRV');
    expect(d!.threads.map((t) => [t.id, t.process, t.top])).toEqual([
      ['4.001114', 'System', 'nt!KiSwapContext+0x76'],
      ['c08.0043d8', 'vmms.exe', 'nt!KiSwapContext+0x76'],
    ]);
    expect(d!.threads[0]!.frames?.map((f) => [f.module, f.line])).toEqual([
      ['nt', 5],
      ['nt', 6],
      ['NDIS', 7],
      ['FooDRV', 8],
    ]);
    expect(blocksOf(runText(FULL), 'stacks')[0]!.endLine).toBe(14);
  });

  it('reads the older format without a Ticks column', () => {
    const [d] = data(OLD);
    expect(d!.threads.map((t) => [t.id, t.address, t.process, t.top])).toEqual([
      ['4.000050', '827eea10', 'System', '+0xfe0343a5'],
      ['b0.0000a8', '82723b70', 'csrss.exe', 'ntoskrnl!_KiSystemService+0xc4'],
    ]);
    expect(d!.filter).toBeUndefined();
  });

  it('reads the same from a CRLF copy, a double-spaced copy and a truncated paste', () => {
    expect(data(FULL.replace(/\n/g, '\r\n'))).toEqual(data(FULL));
    const spaced = data(FULL.split('\n').join('\n\n').replace(/'/g, '\u2019'))[0]!;
    expect(spaced.threads.map((t) => t.frames?.length)).toEqual([4, 2]);
    const cut = data(FULL.split('\n').slice(0, 6).join('\n'))[0]!;
    expect(cut.threads).toHaveLength(1);
    expect(cut.threads[0]!.frames).toHaveLength(2);
  });

  it('finds no rows in garbage or prose', () => {
    expect(data('Thread 4.8 is Blocked in the kernel.\nBlocked threads are bad.')).toEqual([]);
    expect(data('\u0001\u0002\u0003')).toEqual([]);
  });
});
