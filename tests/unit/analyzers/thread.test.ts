import { describe, expect, it } from 'vitest';
import { blocksOf, runText } from '../../../src/analyzers/run';
import { describeDuration, parseThreadBlock } from '../../../src/analyzers/commands/thread';
import { normalizeText } from '../../../src/analyzers/normalize';

// From s04 (x64 !thread with a 10-minute wait and a Child-SP stack with arguments).
const S04 = `0: kd> !thread fffffa8007005660
THREAD fffffa8007005660  Cid 0004.0048  Teb: 0000000000000000 Win32Thread: 0000000000000000 WAIT: (Executive) KernelMode Non-Alertable
    fffffa800d035ee8  NotificationEvent
IRP List:
    fffffa8008f5cc10: (0006,03e8) Flags: 00000000  Mdl: 00000000
Not impersonating
DeviceMap                 fffff8a000008c10
Owning Process            fffffa8006f8d890       Image:         System
Attached Process          N/A            Image:         N/A
Wait Start TickCount      396427         Ticks: 38463 (0:00:10:00.026)
Context Switch Count      44059          IdealProcessor: 2  NoStackSwap
UserTime                  00:00:00.000
KernelTime                00:00:00.343
Win32 Start Address nt!ExpWorkerThread (0xfffff80003298150)
Stack Init fffff88003bd2c70 Current fffff88003bd2280
Base fffff88003bd3000 Limit fffff88003bcd000 Call 0
Priority 15 BasePriority 12 UnusualBoost 0 ForegroundBoost 0 IoPriority 2 PagePriority 5
Child-SP          RetAddr           : Args to Child                                                           : Call Site
fffff880\`03bd22c0 fffff800\`032845f2 : fffffa80\`07005660 fffffa80\`07005660 00000000\`00000000 00000000\`00000000 : nt!KiSwapContext+0x7a
fffff880\`03bd2400 fffff800\`0329599f : fffffa80\`0d0df208 fffff880\`0ae9e10b fffffa80\`00000000 00000000\`00000000 : nt!KiCommitThreadWait+0x1d2
fffff880\`03bd2490 fffff880\`0ae915dd : fffffa80\`0d035000 00000000\`00000000 fffffa80\`0dd8ca00 00000000\`00000000 : nt!KeWaitForSingleObject+0x19f
fffff880\`03bd2530 fffff880\`0ae92627 : fffffa80\`0d035000 00000000\`00000000 fffffa80\`0c0891a0 fffff880\`03bd2670 : ZTEusbnet+0x35dd
fffff880\`03bd2580 fffff880\`0215d809 : fffffa80\`0c0891a0 fffff880\`020f0ecd fffff880\`03bd2670 fffffa80\`091c5550 : ZTEusbnet+0x4627

A brief explanation is looking at the callstack we can see ndis functions calling the ZTEusbnet network driver.`;

// From s02: an indented x86 THREAD block with FPO annotations and a frame after
// "WARNING: Frame IP not in any known module", pasted inside another command's output.
const S02 = `0: kd> !peb
PEB at 7ffdd000
Before (in the kernel context):

        THREAD 888dc030  Cid 0284.0878  Teb: 7ff8e000 Win32Thread: 00000000 WAIT: (Executive) UserMode Non-Alertable
            8879839c  NotificationEvent
        IRP List:
            88477590: (0006,01d8) Flags: 00060070  Mdl: 00000000
        Not impersonating
        DeviceMap                 8b008748
        Owning Process            884aed90       Image:         lsass.exe
        Attached Process          N/A            Image:         N/A
        Wait Start TickCount      14673          Ticks: 71 (0:00:00:01.109)
        Context Switch Count      311
        UserTime                  00:00:00.000
        KernelTime                00:00:00.000
        Win32 Start Address 0x74de1b33
        Stack Init 926fc000 Current 926fbb80 Base 926fc000 Limit 926f9000 Call 0
        Priority 11 BasePriority 9 PriorityDecrement 0 IoPriority 2 PagePriority 5
        ChildEBP RetAddr  Args to Child
        926fbb98 816cb3bf 888dc030 888dc0b8 8170c920 nt!KiSwapContext+0x26 (FPO: [Uses EBP] [0,0,4])
        926fbbdc 81668cf8 888dc030 88798340 88477590 nt!KiSwapThread+0x44f
        926fbd34 770f9a94 00000c08 00000f48 00000000 nt!KiFastCallEntry+0x12a (FPO: [0,3] TrapFrame @ 926fbd64)
WARNING: Frame IP not in any known module. Following frames may be wrong.
        049beb10 00000000 00000000 00000000 00000000 0x770f9a94


After (in the process context):`;

// From s09: the !thread output with a blank line between every line and no stack.
const S09 = `0: kd> !thread ffffe00069cdb880

THREAD ffffe00069cdb880  Cid 0c08.43d8  Teb: 00007ff776460000 Win32Thread: 0000000000000000 WAIT: (Executive) KernelMode Non-Alertable

   IRP List:

    ffffe801316e7ae0: (0006,0118) Flags: 00060000  Mdl: 00000000

Not impersonating

DeviceMap                 ffffc0006ea0c4e0

Owning Process            ffffe0005c21c080       Image:         vmms.exe

Attached Process          N/A            Image:         N/A

Wait Start TickCount      3667296        Ticks: 14135 (0:00:03:40.859)

Context Switch Count      3149           IdealProcessor: 14

UserTime                  00:00:00.390


So this is the kernel mode stack of our thread 43d8.`;

function threads(text: string) {
  return blocksOf(runText(text), 'thread');
}

describe('the thread analyzer', () => {
  it('reads the header, wait, IRPs, owning process and start address of an x64 !thread', () => {
    const [b] = threads(S04);
    expect(b).toBeDefined();
    const t = b!.data;
    expect(t).toMatchObject({
      address: 'fffffa8007005660',
      cid: '0004.0048',
      state: 'WAIT',
      waitReason: 'Executive',
      waitMode: 'KernelMode',
      irps: ['fffffa8008f5cc10'],
      process: 'fffffa8006f8d890',
      processImage: 'System',
      waitMs: 600026,
      waitText: '0:00:10:00.026',
      startAddress: 'nt!ExpWorkerThread',
      line: 2,
    });
    expect(t.waitObjects).toEqual([{ address: 'fffffa800d035ee8', type: 'NotificationEvent', line: 3 }]);
  });

  it('parses its stack with the thread address and a !thread source, and ends before the prose', () => {
    const [b] = threads(S04);
    const s = b!.data.stack!;
    expect(s.format).toBe('x64');
    expect(s.thread).toBe('fffffa8007005660');
    expect(s.source).toBe('!thread fffffa8007005660');
    expect(s.frames.map((f) => f.site)).toEqual([
      'nt!KiSwapContext+0x7a',
      'nt!KiCommitThreadWait+0x1d2',
      'nt!KeWaitForSingleObject+0x19f',
      'ZTEusbnet+0x35dd',
      'ZTEusbnet+0x4627',
    ]);
    expect(s.line).toBe(18);
    expect(b!.endLine).toBe(23);
  });

  it('reports a wait of a minute or more as thread.long-wait, with the duration in words', () => {
    const m = runText(S04);
    const f = m.findings.filter((x) => x.id === 'thread.long-wait');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', lines: [2, 10] });
    expect(f[0]!.title).toBe('Thread fffffa8007005660 has been waiting for 10 minutes (Executive, KernelMode)');
    expect(f[0]!.detail).toContain('ZTEusbnet+0x35dd');
  });

  it('does not report a short wait', () => {
    const m = runText(S02);
    expect(m.findings.filter((x) => x.id === 'thread.long-wait')).toHaveLength(0);
  });

  it('reads an indented x86 THREAD block pasted without its command, FPO frames and the frame after a warning', () => {
    const [b] = threads(S02);
    expect(b).toBeDefined();
    expect(b!.line).toBe(5);
    const t = b!.data;
    expect(t).toMatchObject({ address: '888dc030', cid: '0284.0878', waitMode: 'UserMode', waitMs: 1109, startAddress: '0x74de1b33', processImage: 'lsass.exe' });
    expect(t.stack?.format).toBe('x86');
    expect(t.stack?.frames.map((f) => f.site)).toEqual([
      'nt!KiSwapContext+0x26',
      'nt!KiSwapThread+0x44f',
      'nt!KiFastCallEntry+0x12a',
      '0x770f9a94',
    ]);
    expect(b!.endLine).toBe(25);
  });

  it('reads the s09 block with blank lines between its lines, and a wait of 3:40', () => {
    const [b] = threads(S09);
    expect(b!.data).toMatchObject({
      cid: '0c08.43d8',
      irps: ['ffffe801316e7ae0'],
      processImage: 'vmms.exe',
      waitMs: 220859,
      waitText: '0:00:03:40.859',
      stack: null,
    });
    expect(b!.endLine).toBe(21);
    const f = runText(S09).findings.find((x) => x.id === 'thread.long-wait');
    expect(f?.title).toContain('3 minutes 41 seconds');
  });

  it('gives the same result for a CRLF copy and for a forum copy with curly quotes and double spacing', () => {
    const plain = threads(S04)[0]!.data;
    const crlf = threads(S04.replace(/\n/g, '\r\n'))[0]!.data;
    expect(crlf).toEqual(plain);
    const forum = threads(S04.split('\n').join('\n\n').replace(/'/g, '\u2019'))[0]!.data;
    expect(forum.waitMs).toBe(600026);
    expect(forum.irps).toEqual(['fffffa8008f5cc10']);
    expect(forum.stack?.frames).toHaveLength(5);
  });

  it('keeps what it read from a truncated paste', () => {
    const cut = S04.split('\n').slice(0, 6).join('\n');
    const [b] = threads(cut);
    expect(b!.data).toMatchObject({ address: 'fffffa8007005660', irps: ['fffffa8008f5cc10'], stack: null });
    expect(b!.data.waitMs).toBeUndefined();
  });

  it('reads a running thread and puts its processor on the stack', () => {
    const text = `THREAD fffff80002c0ec40  Cid 0000.0000  Teb: 0000000000000000 Win32Thread: 0000000000000000 RUNNING on processor 0
Not impersonating
Child-SP          RetAddr           Call Site
fffff800\`00b9cc88 fffff800\`02c8e2e1 nt!KeBugCheckEx
fffff800\`00b9cc90 fffff800\`02c8b36b nt!KiBugCheckDispatch+0x61`;
    const [b] = threads(text);
    expect(b!.data.state).toBe('RUNNING');
    expect(b!.data.stack?.processor).toBe(0);
    expect(b!.data.stack?.frames).toHaveLength(2);
  });

  it('finds nothing in garbage or in prose that mentions a thread', () => {
    expect(threads('THREAD of discussion: the Cid is unknown\nrandom words')).toHaveLength(0);
    expect(threads('\u0000\u0001garbage\n%%%%')).toHaveLength(0);
    const src = normalizeText('not a thread').lines;
    expect(parseThreadBlock({ lines: src }, 0, src.length)).toBeNull();
  });
});

describe('describeDuration', () => {
  it('says durations in words', () => {
    expect(describeDuration(600026)).toBe('10 minutes');
    expect(describeDuration(220859)).toBe('3 minutes 41 seconds');
    expect(describeDuration(90_061_000)).toBe('1 day 1 hour');
    expect(describeDuration(1000)).toBe('1 second');
  });
});
