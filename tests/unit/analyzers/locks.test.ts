import { describe, expect, it } from 'vitest';
import { blocksOf, runText } from '../../../src/analyzers/run';

// From s04 (kernel !locks, two resources held by one thread).
const S04 = `0: kd> !locks
KD: Scanning for held locks..

Resource @ nt!IopDeviceTreeLock (0xfffff80003492ce0)    Shared 1 owning threads
    Contention Count = 1
     Threads: fffffa8007005660-01
KD: Scanning for held locks.

Resource @ nt!PiEngineLock (0xfffff80003492be0)    Exclusively owned
    Contention Count = 21
    NumberOfExclusiveWaiters = 1
     Threads: fffffa8007005660-01
     Threads Waiting On Exclusive Access:

KD: Scanning for held locks......................................................
18855 total locks, 2 locks currently held

Let's look at the exclusive thread owning the lock.`;

// Written in the format of newer debuggers: owner marked <*>, waiters listed.
const WAITERS = `kd> !locks
Resource @ 0x8a3b3c38    Exclusively owned
    Contention Count = 4
    NumberOfExclusiveWaiters = 2
     Threads: 8a1d9020-01<*>
     Threads Waiting On Exclusive Access:
              89e8bda8       89ea8b30
1 total locks, 1 locks currently held`;

// From s09: !cs pasted without its prompt, a blank line between lines, no LOCKED line.
const S09 = `    Next we use the !cs command to analyze the critical sections in that process.

    DebugInfo          = 0x00000092cfd20960

    Critical section   = 0x00000092cf31fb38 (+0x92CF31FB38)


    LockCount          = 0x68

    WaiterWoken        = No

    OwningThread       = 0x00000000000043d8

    RecursionCount     = 0x1

    LockSemaphore      = 0x1B48

    SpinCount          = 0x00000000020007d0


    To verify the output above is a valid critical section, you can dump the DebugInfo member:`;

// Written in the !cs -l format: two sections, one locked and one free.
const CS_L = `0:000> !cs -l
-----------------------------------------
Critical section   = 0x77fc2340 (ntdll!LdrpLoaderLock+0x0)
DebugInfo          = 0x77fc2360
LOCKED
LockCount          = 0x2
WaiterWoken        = No
OwningThread       = 0x00000a80
RecursionCount     = 0x1
LockSemaphore      = 0x7B8
SpinCount          = 0x00000000
-----------------------------------------
Critical section   = 0x0012f5c0 (+0x12F5C0)
DebugInfo          = 0x00163d20
NOT LOCKED
LockSemaphore      = 0x0
SpinCount          = 0x00000000`;

// Older user-mode !locks.
const OLD = `0:000> !locks

CritSec ntdll!LdrpLoaderLock+0 at 77fc2340
LockCount          1
RecursionCount     1
OwningThread       c0c
EntryCount         0
ContentionCount    3
*** Locked

Scanned 37 critical sections`;

function locks(text: string) {
  return blocksOf(runText(text), 'locks').flatMap((b) => b.data.locks);
}

describe('the locks analyzer (kernel ERESOURCE)', () => {
  it('reads both resources of s04 with owners, state and counts', () => {
    expect(locks(S04)).toEqual([
      { kind: 'eresource', name: 'nt!IopDeviceTreeLock', address: 'fffff80003492ce0', state: 'shared', owners: ['fffffa8007005660'], waiters: [], contention: 1, line: 4 },
      {
        kind: 'eresource',
        name: 'nt!PiEngineLock',
        address: 'fffff80003492be0',
        state: 'exclusive',
        owners: ['fffffa8007005660'],
        waiters: [],
        contention: 21,
        exclusiveWaiters: 1,
        line: 9,
      },
    ]);
  });

  it('reports the exclusively owned resource with a waiter as lock.contended, naming its owner', () => {
    const f = runText(S04).findings.filter((x) => x.id === 'lock.contended');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      severity: 'warning',
      title: 'nt!PiEngineLock is held exclusively by thread fffffa8007005660 with 1 waiting thread',
      lines: [9, 12],
    });
  });

  it('ends the block at the totals line, before the prose', () => {
    const [b] = blocksOf(runText(S04), 'locks');
    expect(b!.endLine).toBe(16);
  });

  it('reads owners marked <*> and the waiting threads', () => {
    expect(locks(WAITERS)[0]).toMatchObject({ address: '8a3b3c38', owners: ['8a1d9020'], waiters: ['89e8bda8', '89ea8b30'], exclusiveWaiters: 2 });
  });

  it('gives the same result for a CRLF copy and a double-spaced copy with curly quotes', () => {
    expect(locks(S04.replace(/\n/g, '\r\n'))).toEqual(locks(S04));
    const noLines = (l: ReturnType<typeof locks>) => l.map(({ line: _line, ...rest }) => rest);
    const forum = locks(S04.split('\n').join('\n\n').replace(/'/g, '\u2019'));
    expect(noLines(forum)).toEqual(noLines(locks(S04)));
    expect(forum.map((l) => l.line)).toEqual([7, 17]);
  });

  it('keeps the locks of a truncated paste', () => {
    const cut = S04.split('\n').slice(0, 9).join('\n');
    const l = locks(cut);
    expect(l.map((x) => x.name)).toEqual(['nt!IopDeviceTreeLock', 'nt!PiEngineLock']);
    expect(l[1]!.contention).toBeUndefined();
  });
});

describe('the locks analyzer (critical sections)', () => {
  it('reads the s09 !cs pasted without prompt: locked by 43d8 with 104 waiters', () => {
    expect(locks(S09)).toEqual([
      {
        kind: 'critical-section',
        address: '92cf31fb38',
        state: 'locked',
        owners: ['43d8'],
        waiters: [],
        lockCount: 104,
        exclusiveWaiters: 104,
        recursion: 1,
        line: 3,
      },
    ]);
    const [b] = blocksOf(runText(S09), 'locks');
    expect(b!.line).toBe(3);
    expect(b!.endLine).toBe(18);
  });

  it('reports a locked critical section with many waiters as cs.locked', () => {
    const f = runText(S09).findings.filter((x) => x.id === 'cs.locked');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', title: 'Critical section 92cf31fb38 is locked by thread 43d8 with 104 waiting threads' });
    expect(f[0]!.lines).toEqual([3, 12]);
  });

  it('reads !cs -l sections split by dashes, with names and LOCKED / NOT LOCKED', () => {
    const l = locks(CS_L);
    expect(l).toHaveLength(2);
    expect(l[0]).toMatchObject({ name: 'ntdll!LdrpLoaderLock', address: '77fc2340', state: 'locked', owners: ['a80'], lockCount: 2, exclusiveWaiters: 2 });
    expect(l[1]).toMatchObject({ address: '12f5c0', state: 'free', owners: [] });
    expect(l[1]!.name).toBeUndefined();
    const f = runText(CS_L).findings.filter((x) => x.id === 'cs.locked');
    expect(f.map((x) => x.severity)).toEqual(['info']);
  });

  it('reads the older user-mode !locks format', () => {
    expect(locks(OLD)).toEqual([
      { kind: 'critical-section', name: 'ntdll!LdrpLoaderLock', address: '77fc2340', state: 'locked', owners: ['c0c'], waiters: [], lockCount: 1, exclusiveWaiters: 1, recursion: 1, contention: 3, line: 3 },
    ]);
  });

  it('reads the double-spaced s09 text the same from a CRLF copy', () => {
    expect(locks(S09.replace(/\n/g, '\r\n'))).toEqual(locks(S09));
  });

  it('finds no lock in garbage or prose', () => {
    expect(locks('The Resource @ home is a lock of sorts.\nDebugInfo is a field.')).toEqual([]);
    expect(locks('\u0001\u0002garbage')).toEqual([]);
  });
});
