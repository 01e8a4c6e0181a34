import { expect } from 'vitest';
import { lockOwnerStory } from '../../../../src/analyzers/verdict/rules/lock-owner-story';
import { allThreadsK, kernelThread, userK } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

// `!cs -l`: acmeapp's list lock, held by thread 43d8, two threads waiting.
const CS = `0:000> !cs -l
-----------------------------------------
Critical section   = 0x0012f5c0 (acmeapp!g_ListLock+0x0)
DebugInfo          = 0x00163d20
LOCKED
LockCount          = 0x2
WaiterWoken        = No
OwningThread       = 0x000043d8
RecursionCount     = 0x1
LockSemaphore      = 0x7B8
SpinCount          = 0x00000000`;
const NOT_LOCKED = CS.replace('LOCKED', 'NOT LOCKED').replace('LockCount          = 0x2\n', '').replace('OwningThread       = 0x000043d8\n', '');

const WAITER = ['ntdll!NtWaitForSingleObject+0x14', 'ntdll!RtlpWaitOnCriticalSection+0x1a4', 'ntdll!RtlEnterCriticalSection+0x3c', 'acmeapp!Worker+0x2c', 'kernel32!BaseThreadInitThunk+0x14'];
const OWNER = ['ntdll!NtDeviceIoControlFile+0x14', 'KERNELBASE!DeviceIoControl+0x6b', 'acmeapp!Flush+0x55', 'acmeapp!Worker+0x80', 'kernel32!BaseThreadInitThunk+0x14'];
const ALL_THREADS = allThreadsK([
  { index: 0, id: 'c08.c0c', sites: WAITER },
  { index: 3, id: 'c08.43d8', sites: OWNER },
]);
// In !cs -l (11 lines) then ~*k: prompt, blank, thread 0 (row, header, 5 frames), blank, thread 3 (row, header, frames).
const OWNER_TOP_LINE = 11 + 1 + 1 + 7 + 1 + 2 + 1;

const OWNER_IN_KERNEL = kernelThread(
  'ffffe0015b2c4080',
  ['nt!KiSwapContext+0x76', 'nt!KiSwapThread+0x17d', 'nt!KiCommitThreadWait+0x14f', 'nt!KeWaitForSingleObject+0x377', 'acmeflt+0x2f1c', 'nt!IofCallDriver+0x59', 'nt!NtDeviceIoControlFile+0x56'],
  '00:05:00.000',
  '0c08.43d8',
);

const threadRows = (n: number): string =>
  ['0:000> ~', ...Array.from({ length: n }, (_, i) => `${i.toString().padStart(4)}  Id: c08.${(0xc0c + i * 4).toString(16)} Suspend: 0 Teb: 000000d6\`eb${(0x8d5000 + i * 0x2000).toString(16)} Unfrozen`)].join('\n');

ruleTester(lockOwnerStory, {
  invalid: [
    {
      name: "tells where the owner of a held critical section is, from the owner's stack in ~*k",
      text: `${CS}\n${ALL_THREADS}`,
      finding: 'cs.owner-stack',
      check: (out) =>
        expect(out.findings).toEqual([
          { id: 'cs.owner-stack', lines: [OWNER_TOP_LINE], title: 'The owner of critical section 12f5c0, thread 43d8, is in ntdll!NtDeviceIoControlFile+0x14, called from acmeapp!Worker+0x80' },
        ]),
    },
    {
      name: 'finds the owner stack printed after switching to its thread (~3s, then k)',
      text: `${CS}
0:000> ~
   0  Id: c08.c0c Suspend: 0 Teb: 000000d6\`eb8d5000 Unfrozen
   3  Id: c08.43d8 Suspend: 0 Teb: 000000d6\`eb8db000 Unfrozen
0:000> ~3s
${userK(OWNER, '0:003>')}`,
      finding: 'cs.owner-stack',
      check: (out) => expect(out.findings[0]?.title).toContain('thread 43d8, is in ntdll!NtDeviceIoControlFile+0x14'),
    },
    {
      name: 'tells what the same thread waits for in the kernel, from a !thread with its Cid',
      text: `${CS}\n${OWNER_IN_KERNEL}`,
      finding: 'cs.owner-kernel',
      check: (out) =>
        expect(out.findings).toEqual([
          { id: 'cs.owner-kernel', lines: [13], title: 'In the kernel, the same thread (ffffe0015b2c4080, Cid 0c08.43d8) waits in acmeflt+0x2f1c for 0:00:05:00.000' },
        ]),
    },
    {
      name: 'notes a process with twenty or more threads',
      text: threadRows(21),
      finding: 'threads.count',
      check: (out) => expect(out.findings).toEqual([{ id: 'threads.count', lines: [2], title: 'The process has at least 21 threads (thread numbers up to 20)' }]),
    },
  ],
  valid: [
    { name: 'a critical section that is not locked, with the stacks of all threads', text: `${NOT_LOCKED}\n${ALL_THREADS}` },
    { name: "a held critical section whose owner's stack is not in the paste", text: `${CS}\n${allThreadsK([{ index: 0, id: 'c08.c0c', sites: WAITER }])}` },
    { name: 'a kernel thread of another Cid', text: `${CS}\n${OWNER_IN_KERNEL.replace('0c08.43d8', '0c08.43dc')}` },
    { name: 'a process with twenty threads (numbers up to 19)', text: threadRows(20) },
  ],
});
