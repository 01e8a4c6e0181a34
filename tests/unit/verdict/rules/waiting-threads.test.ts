import { expect } from 'vitest';
import { waitingThreads } from '../../../../src/analyzers/verdict/rules/waiting-threads';
import { allThreadsK, bugcheckBanner, kernelThread, userK } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

const SRW = allThreadsK([
  { index: 0, id: '1434.1040', sites: ['ntdll!NtWaitForAlertByThreadId+0x14', 'ntdll!RtlpAcquireSRWLockExclusiveContended+0x12a', 'ntdll!RtlAcquireSRWLockExclusive+0x4a', 'acmeapp!WriteToFile+0x3e', 'kernel32!BaseThreadInitThunk+0x14'] },
]);
const PUSHLOCK = kernelThread('ffff9b8479441580', ['nt!KiSwapContext+0x76', 'nt!KiSwapThread+0xab5', 'nt!KiCommitThreadWait+0x137', 'nt!KeWaitForSingleObject+0x256', 'nt!ExfAcquirePushLockExclusiveEx+0x1a0', 'nt!ExAcquirePushLockExclusiveEx+0x112', 'acmedrv!FileMoveThread+0x43', 'nt!PspSystemThreadStartup+0x57', 'nt!KiStartSystemThread+0x34'], '00:00:02.031');

/** One user-mode stack pasted alone: a program waiting on an event that never comes. */
const STUCK = userK(['ntdll!NtWaitForSingleObject+0x14', 'KERNELBASE!WaitForSingleObjectEx+0x8e', 'acmeapp!Worker::Join+0x2b', 'acmeapp!Shutdown+0x5c', 'kernel32!BaseThreadInitThunk+0x14']);

/** A driver's thread waiting on its event, pasted alone (kernel mode). */
const STUCK_K = kernelThread('ffff9b8479441580', ['nt!KiSwapContext+0x76', 'nt!KiSwapThread+0xab5', 'nt!KiCommitThreadWait+0x137', 'nt!KeWaitForSingleObject+0x256', 'acmedrv!WaitForDevice+0x43', 'nt!PspSystemThreadStartup+0x57', 'nt!KiStartSystemThread+0x34'], '00:00:00.031');

ruleTester(waitingThreads, {
  invalid: [
    {
      name: "reads the runtime's own wait (CLREventWaitHelper) at the top of a Call Stack window copy as a wait, not a crash",
      text: [
        '> \tcoreclr.dll!CLREventWaitHelper(void * handle, unsigned long dwMilliseconds, int alertable) Line 402\tC++',
        ' \tcoreclr.dll!CLREventBase::WaitEx(unsigned long dwMilliseconds, WaitMode mode, PendingSync * syncState) Line 471\tC++',
        ' \tcoreclr.dll!FinalizerThread::RaiseShutdownEvents() Line 72\tC++',
        ' \tacmehost.dll!host_t::shutdown(int *)\tC++',
        ' \tacmehost.dll!run_app()\tC++',
      ].join('\n'),
      signal: 'hang-deadlock',
      check: (out) => expect(out.category).toBe('hang-deadlock'),
    },
    {
      name: "takes one pasted kernel stack of a driver's thread waiting on an object, with no crash, for a hang",
      text: STUCK_K,
      signal: 'hang-deadlock',
      check: (out) => expect(out.top).toBe('acmedrv'),
    },
    {
      name: 'takes one pasted stack of program code waiting on an object, with no crash, for the stuck thread of a hang',
      text: STUCK,
      signal: 'hang-deadlock',
      check: (out) => {
        expect(out.category).toBe('hang-deadlock');
        expect(out.top).toBe('acmeapp');
      },
    },
    {
      name: 'calls a user-mode process whose thread is blocked on an SRW lock a hang',
      text: SRW,
      signal: 'hang-deadlock',
      finding: 'hang.blocked-threads',
      check: (out) => expect(out.category).toBe('hang-deadlock'),
    },
    {
      name: 'takes a crash forced with NotMyFault as the capture of the kernel threads blocked on a pushlock',
      text: `${bugcheckBanner('D1', ['ffff9b08ed297010', '2', '0', 'fffff8027d7612d0'])}\nMODULE_NAME: myfault\nIMAGE_NAME:  myfault.sys\n${PUSHLOCK}`,
      signal: 'hang-deadlock',
      check: (out) => {
        expect(out.category).toBe('hang-deadlock');
        expect(out.top).toBe('acmedrv');
      },
    },
    {
      name: "sees a program's own lock built on an event (a lock routine right below the wait)",
      text: userK(['ntdll!NtWaitForSingleObject+0x15', 'acmert!os_wait_event+0x30f', 'acmert!mutex_wait_contended_lock+0x96', 'acmert!mutex_lock+0x83', 'acmert!intercept_exception+0x410']),
      signal: 'hang-deadlock',
    },
    {
      name: 'sees a .NET thread blocked on a Monitor (dotnet-stack output) and names the application code that waits',
      text: 'Thread (0x1a2c):\n  [Native Frames]\n  System.Private.CoreLib.il!System.Threading.Monitor.Wait(class System.Object,int32)\n  System.Private.CoreLib.il!System.Threading.ManualResetEventSlim.Wait(int32,value class System.Threading.CancellationToken)\n  Contoso.Orders!Contoso.Orders.Cache.Get(string)\n  Contoso.Orders!Contoso.Orders.Api.Handle()',
      signal: 'hang-deadlock',
      check: (out) => expect(out.top).toBe('Contoso.Orders'),
    },
    {
      name: "sees a user-mode thread of the program's own code waiting on an object (a UI thread waiting for a worker)",
      text: userK(['ntdll!NtWaitForSingleObject+0x14', 'KERNELBASE!WaitForSingleObjectEx+0x8e', 'acmeapp!MainWindow::OnClose+0x2c', 'user32!UserCallWinProcCheckWow+0x2ad']),
      signal: 'hang-deadlock',
    },
  ],
  valid: [
    { name: 'more kernel stacks than a paste of the stuck threads (a listing of every thread)', text: [STUCK_K, STUCK_K, STUCK_K, STUCK_K, STUCK_K].join('\n') },
    { name: "a stack waiting in Windows' own plumbing only", text: userK(['ntdll!NtWaitForSingleObject+0x14', 'KERNELBASE!WaitForSingleObjectEx+0x8e', 'ntdll!TppWorkerThread+0x2c1', 'kernel32!BaseThreadInitThunk+0x14']) },
    { name: 'thread-pool threads idle on their work queue', text: userK(['ntdll!NtWaitForWorkViaWorkerFactory+0x14', 'ntdll!TppWorkerThread+0x2df', 'kernel32!BaseThreadInitThunk+0x14', 'ntdll!RtlUserThreadStart+0x21']) },
    { name: 'a real crash: the waiting threads are not the story', text: `${bugcheckBanner('D1', ['0', '2', '0', 'fffff88004a1ea55'])}\n${PUSHLOCK}` },
    { name: 'a user-mode crash with an exception', text: `0:000> .exr -1\n   ExceptionCode: c0000005 (Access violation)\n${SRW}` },
  ],
});
