import { expect } from 'vitest';
import { reportedSymptom } from '../../../../src/analyzers/verdict/rules/reported-symptom';
import { analyzeV, kv, userK } from '../../../fixtures/builders';
import { produced, ruleTester } from '../rule-tester';

// A thread of a program, busy in its own code: pasted alone it reads as a crash stack.
const BUSY = userK(['acmedb!Cursor::Free+0x197', 'acmedb!Statement::Close+0x17', 'acmeweb!Page::Render+0x38', 'kernel32!BaseThreadInitThunk+0x14', 'ntdll!RtlUserThreadStart+0x21'], '0:077>');

ruleTester(reportedSymptom, {
  invalid: [
    {
      name: 'takes a kernel stack pasted alone, which the words call a hang, for a hang rather than a crash',
      text: `The VM hangs under I/O stress, looping in the interrupt path:\n${kv(['acmescsi!virtqueue_get_buf+0x4c', 'acmescsi!ProcessQueue+0xee', 'storport!RaidpAdapterMSIInterruptRoutine+0x61', 'nt!KiCallInterruptServiceRoutine+0x87'], '3: kd>')}`,
      signal: 'hang-deadlock',
      check: (out) => expect(out.category).toBe('hang-deadlock'),
    },
    {
      name: 'reads the words of a hang in other languages (界面未响应, フリーズ, friert ein)',
      text: `点击菜单后界面未响应，主线程堆栈如下：\n${BUSY}`,
      signal: 'hang-deadlock',
      check: (out) => {
        expect(out.category).toBe('hang-deadlock');
        for (const words of ['アプリがフリーズしました。', 'Das Programm friert ein.', 'Программа зависает.', 'The information store may loop if a message has two such attachments.', 'The conversion thread is caught in a loop.']) {
          expect(produced(reportedSymptom, `${words}\n${BUSY}`).signals).toEqual(['hang-deadlock']);
        }
      },
    },
    {
      name: 'takes a process pasted without an exception, under words of a hang, as a hang',
      text: `When one thread frees a statement while another fetches from it, the web server hangs. The stuck thread:\n${BUSY}`,
      signal: 'hang-deadlock',
      check: (out) => {
        expect(out.category).toBe('hang-deadlock');
        expect(out.top).toBe('acmedb');
      },
    },
    {
      name: 'reads "stops responding", "deadlocked" and "100% CPU" the same way',
      text: `${BUSY}\n\nAfter that the service is stuck at 100% CPU.`,
      signal: 'hang-deadlock',
    },
    {
      name: 'takes a kernel session whose stacks show a third-party driver, under words of a hang, as a hang',
      text: `The machine freezes when the share is copied.\n${kv(['nt!KiSwapContext+0x76', 'nt!KeWaitForSingleObject+0x2c1', 'acmefs!FlushVolume+0x44', 'nt!IofCallDriver+0x59'])}`,
      signal: 'hang-deadlock',
    },
    {
      name: "takes two programs' threads waiting inside system calls (symbols of the user half not loaded), under words of a deadlock, as a hang",
      text: [
        'Deadlock between LockFileEx() in one thread and WriteFile() in another.',
        'nt!KiSwapContext+0x7a\nnt!KiCommitThreadWait+0x1d2\nnt!KeWaitForSingleObject+0x19f\nnt!IopSynchronousServiceTail+0x2a9\nnt!NtLockFile+0x514\nnt!KiSystemServiceCopyEnd+0x13\n0x77bee1ea',
        '',
        'Second thread:',
        'nt!KiSwapContext+0x7a\nnt!KiCommitThreadWait+0x1d2\nnt!KeWaitForSingleObject+0x19f\nnt!IopAcquireFileObjectLock+0x84\nnt!NtWriteFile+0x3d5\nnt!KiSystemServiceCopyEnd+0x13\n0x77bed43a',
      ].join('\n'),
      signal: 'hang-deadlock',
    },
    {
      name: "takes a program's stacks, under words saying it crashed, for an application fault whose exception was not pasted",
      text: [
        'Explorer crashes a lot; a typical call stack at the crash looked like this:',
        '0:000> k',
        'Call Site',
        'combase!CStdIdentity::ReleaseCtrlUnk+0x68',
        'combase!CoUninitialize+0xb6',
        'ntdll!LdrShutdownThread+0x32',
        'kernel32!BaseThreadInitThunk+0x24',
      ].join('\n'),
      signal: 'user-app',
      check: (out) => {
        expect(out.category).toBe('user-app');
        expect(out.evidence).toEqual([]);
      },
    },
  ],
  valid: [
    {
      name: 'words of a service that "stops responding and an access violation occurs", over a stack where no thread waits: the crash it is',
      text: [
        'The information store may stop responding and an access violation may occur. The call stack:',
        '  FramePtr  RetAddr   Param1   Param2   Param3   Function Name',
        '  1d4ff610  00428360  153efff9 00000008 153c2369 ACMESTORE!FEqCAI+0x214',
        '  1d4ff660  00440588  153efff9 00000008 153c2369 ACMESTORE!OMSG::EcConfig+0xf3c',
        '  1d4ff7b0  00440300  153efff9 00000008 153c2369 ACMESTORE!EcCreateOMSG+0x19c',
      ].join('\n'),
    },
    { name: 'a bug check: the debugger says what happened', text: `The machine hangs, then crashes.\n${analyzeV({ name: 'DRIVER_IRQL_NOT_LESS_OR_EQUAL', code: 'd1', args: ['0', '2', '0', 'fffff88004a1ea55'] })}` },
    {
      name: 'a live kd session showing only Windows’ threads, in a how-to that mentions hung servers in general',
      text: `In the event of a hung server, you may want a dump.\n${kv(['nt!KiSwapContext+0x76', 'nt!KeWaitForSingleObject+0x2c1', 'nt!ExpWorkerThread+0x111', 'nt!KiStartSystemThread+0x16'])}`,
    },
    { name: 'a stack without any words of a hang', text: `Here is the stack:\n${BUSY}` },
    {
      name: 'one program thread waiting in a system call, printed twice, in a how-to that mentions hung servers',
      text: `In the event of a hung server, you may want a dump.\n${kv(['nt!KiSwapContext+0x76', 'nt!KeWaitForSingleObject+0x2c1', 'nt!NtDeviceIoControlFile+0x56', 'nt!KiSystemServiceCopyEnd+0x13', 'ntdll!NtDeviceIoControlFile+0xc'])}\n${kv(['nt!KiSwapContext+0x76', 'nt!KeWaitForSingleObject+0x2c1', 'nt!NtDeviceIoControlFile+0x56', 'nt!KiSystemServiceCopyEnd+0x13', 'ntdll!NtDeviceIoControlFile+0xc'])}`,
    },
    { name: 'words of a hang with no stack at all', text: 'My application hangs every morning. Any idea?' },
    {
      name: 'a stack that shows the crash itself (an exception being dispatched), with no thread waiting, under words that mention a hang in passing',
      text: [
        'The program crashes at exit. It would otherwise hang forever waiting for callbacks that never finish.',
        'ntdll!RtlUnhandledExceptionFilter2+0x31e',
        'KERNELBASE!UnhandledExceptionFilter+0x175',
        'ntdll!RtlDispatchException+0x3a6',
        'ntdll!RtlRaiseException+0x223',
        'acmelib!CPool::Shutdown+0x22',
        'ntdll!LdrShutdownProcess+0x205',
      ].join('\n'),
    },
  ],
});
