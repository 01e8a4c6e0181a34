import { describe, expect, it } from 'vitest';
import { blocksOf, runText } from '../../../src/analyzers/run';

// From s15: the same command on x64 (fields on the next lines) and x86 (on the PROCESS line).
const S15 = `      0: kd> !process 0 0 test.exe

      PROCESS fffffa82fa924b30

          SessionId: 0  Cid: 036c    Peb: 7fffffda000  ParentCid: 02e4

         DirBase: 1085d76000  ObjectTable: fffff8a0042d7970  HandleCount: 11.

          Image: test.exe

      0: kd> !process 0 0 test.exe

      PROCESS 89038a08  SessionId: 0  Cid: 10f0    Peb: 7ffde000  ParentCid: 0f10

          DirBase: bfa19900  ObjectTable: e669b630  HandleCount: 11.

          Image: test.exe


    11. Take the process id from the output and run the following command.`;

// From s05: the debugger's complaint and the whole process on one line.
const S05 = `2: kd> !process fffffa800bb94b30

GetPointerFromAddress: unable to read from fffff80003515000PROCESS fffffa800bb94b30 SessionId: none Cid: 0174 Peb: 7fffffda000 ParentCid: 0154 DirBase: 321389000 ObjectTable: fffff8a00b4f9840 HandleCount: Image: csrss.exe

The process that crashed is csrss.exe (Client/Server Runtime Subsystem).`;

// Written in the debugger's !process 0 7 format: a process with two threads.
const P07 = `kd> !process 0 7 System
PROCESS fffffa8006f8d890
    SessionId: none  Cid: 0004    Peb: 00000000  ParentCid: 0000
    DirBase: 00187000  ObjectTable: fffff8a000001a80  HandleCount: 745.
    Image: System
    VadRoot fffffa8007d3c2a0 Vads 6 Clone 0 Private 23. Modified 412839. Locked 64.
    DeviceMap fffff8a000008c10
    Token                             fffff8a000004040
    ElapsedTime                       00:10:31.296
    UserTime                          00:00:00.000
    KernelTime                        00:00:11.528

        THREAD fffffa8007005660  Cid 0004.0048  Teb: 0000000000000000 Win32Thread: 0000000000000000 WAIT: (Executive) KernelMode Non-Alertable
            fffffa800d035ee8  NotificationEvent
        IRP List:
            fffffa8008f5cc10: (0006,03e8) Flags: 00000000  Mdl: 00000000
        Not impersonating
        Owning Process            fffffa8006f8d890       Image:         System
        Wait Start TickCount      396427         Ticks: 38463 (0:00:10:00.026)
        Child-SP          RetAddr           Call Site
        fffff880\`03bd22c0 fffff800\`032845f2 nt!KiSwapContext+0x7a
        fffff880\`03bd2530 fffff880\`0ae92627 ZTEusbnet+0x35dd

        THREAD fffffa8006f91b50  Cid 0004.0010  Teb: 0000000000000000 Win32Thread: 0000000000000000 WAIT: (WrQueue) KernelMode Non-Alertable
            fffff80003412d80  QueueObject
        Not impersonating
        Owning Process            fffffa8006f8d890       Image:         System
        Wait Start TickCount      398000         Ticks: 36890 (0:00:09:35.406)
        Child-SP          RetAddr           Call Site
        fffff880\`03b8ab80 fffff800\`0328c052 nt!KiSwapContext+0x7a
        fffff880\`03b8acc0 fffff800\`0328e4ba nt!KiCommitThreadWait+0x1d2

`;

function processes(text: string) {
  return blocksOf(runText(text), 'process');
}

describe('the process analyzer', () => {
  it('reads x64 and x86 !process 0 0 output, with fields on the PROCESS line or the next ones', () => {
    const [a, b] = processes(S15);
    expect(a!.data.processes).toEqual([
      { address: 'fffffa82fa924b30', cid: '036c', parentCid: '02e4', image: 'test.exe', threads: [], line: 3 },
    ]);
    expect(b!.data.processes).toEqual([
      { address: '89038a08', cid: '10f0', parentCid: '0f10', image: 'test.exe', threads: [], line: 13 },
    ]);
    expect(a!.endLine).toBe(9);
  });

  it('reads the s05 one-liner glued to a GetPointerFromAddress complaint', () => {
    const [b] = processes(S05);
    expect(b!.data.processes[0]).toMatchObject({ address: 'fffffa800bb94b30', cid: '0174', parentCid: '0154', image: 'csrss.exe' });
    expect(b!.line).toBe(3);
    expect(b!.endLine).toBe(3);
  });

  it('reads the threads of !process 0 7 with their stacks', () => {
    const [b] = processes(P07);
    const p = b!.data.processes[0]!;
    expect(p.image).toBe('System');
    expect(p.threads.map((t) => t.address)).toEqual(['fffffa8007005660', 'fffffa8006f91b50']);
    expect(p.threads[0]).toMatchObject({ irps: ['fffffa8008f5cc10'], waitMs: 600026, processImage: 'System' });
    expect(p.threads[0]!.stack?.frames.map((f) => f.site)).toEqual(['nt!KiSwapContext+0x7a', 'ZTEusbnet+0x35dd']);
    expect(p.threads[1]!.stack?.frames).toHaveLength(2);
    expect(p.threads[1]!.waitReason).toBe('WrQueue');
  });

  it('reports the long Executive wait with an IRP, not the idle worker queue wait', () => {
    const f = runText(P07).findings.filter((x) => x.id === 'thread.long-wait');
    expect(f).toHaveLength(1);
    expect(f[0]!.lines).toEqual([13, 19]);
  });

  it('stays fast and complete on a busy server (5000 threads)', () => {
    const thread = (n: number) =>
      [
        `        THREAD ffffe000${n.toString(16).padStart(8, '0')}  Cid 0004.${n.toString(16)}  Teb: 0000000000000000 Win32Thread: 0000000000000000 WAIT: (WrQueue) KernelMode Non-Alertable`,
        '            fffff80003412d80  QueueObject',
        '        Not impersonating',
        '        Owning Process            fffffa8006f8d890       Image:         System',
        '        Wait Start TickCount      398000         Ticks: 36890 (0:00:09:35.406)',
        '        Child-SP          RetAddr           Call Site',
        '        fffff880`03b8ab80 fffff800`0328c052 nt!KiSwapContext+0x7a',
        '        fffff880`03b8acc0 fffff800`0328e4ba nt!KiCommitThreadWait+0x1d2',
        '',
      ].join('\n');
    const parts = ['kd> !process 0 7', 'PROCESS fffffa8006f8d890', '    Image: System', ''];
    for (let n = 0; n < 5000; n++) {
      parts.push(thread(n));
    }
    const t0 = performance.now();
    const [b] = processes(parts.join('\n'));
    const ms = performance.now() - t0;
    expect(b!.data.processes[0]!.threads).toHaveLength(5000);
    expect(ms).toBeLessThan(3000);
  });

  it('gives the same result for a CRLF copy and a double-spaced copy with curly quotes', () => {
    const plain = processes(P07)[0]!.data.processes[0]!;
    const crlf = processes(P07.replace(/\n/g, '\r\n'))[0]!.data.processes[0]!;
    expect(crlf).toEqual(plain);
    const forum = processes(P07.split('\n').join('\n\n').replace(/'/g, '\u2019'))[0]!.data.processes[0]!;
    expect(forum.threads.map((t) => t.address)).toEqual(['fffffa8007005660', 'fffffa8006f91b50']);
    expect(forum.threads[0]!.stack?.frames).toHaveLength(2);
  });

  it('keeps the process of a truncated paste', () => {
    const cut = P07.split('\n').slice(0, 16).join('\n');
    const p = processes(cut)[0]!.data.processes[0]!;
    expect(p.image).toBe('System');
    expect(p.threads).toHaveLength(1);
    expect(p.threads[0]!.stack).toBeNull();
  });

  it('recognises !process output pasted without its prompt', () => {
    const p = processes(P07.split('\n').slice(1).join('\n'))[0]!.data.processes[0]!;
    expect(p.threads).toHaveLength(2);
  });

  it('finds no process in garbage or in prose', () => {
    expect(processes('kd> !process 0 0\nNo such process here, sorry.')).toHaveLength(0);
    expect(processes('The PROCESS fffffa8006f8d890 belongs to somebody else.')).toHaveLength(0);
    expect(processes('\u0001\u0002 \u0003 binary junk')).toHaveLength(0);
  });
});
