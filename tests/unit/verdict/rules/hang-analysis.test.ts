import { expect } from 'vitest';
import { hangAnalysis } from '../../../../src/analyzers/verdict/rules/hang-analysis';
import { allThreadsK, x64Frame } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

const STARS = '*******************************************************************************';

/** User-mode `!analyze -v` (Exception Analysis) with an exception code, some fields and a STACK_TEXT. */
function userAnalyze(command: string, code: string, fields: [string, string][], stack: string[]): string {
  return [
    `0:000> ${command}`,
    STARS,
    '*                        Exception Analysis                                   *',
    STARS,
    '',
    'EXCEPTION_RECORD:  (.exr -1)',
    'ExceptionAddress: 0000000000000000',
    `   ExceptionCode: ${code}`,
    '  ExceptionFlags: 00000000',
    'NumberParameters: 0',
    '',
    ...fields.map(([k, v]) => `${k}:  ${v}`),
    '',
    'STACK_TEXT:  ',
    ...stack.map((s, i) => x64Frame((0x3456e8f8 + i * 0x40).toString(16).padStart(8, '0'), s)),
    '',
  ].join('\n');
}

const WAITING = ['ntdll!NtWaitForSingleObject+0x14', 'ntdll!RtlpWaitOnCriticalSection+0xe1', 'ntdll!RtlEnterCriticalSection+0x4b', 'acmeapp!Cache::Flush+0x34', 'acmeapp!wWinMain+0x88', 'kernel32!BaseThreadInitThunk+0x14'];

ruleTester(hangAnalysis, {
  invalid: [
    {
      name: "takes !analyze -hang's bucket as a hang and suspects the program's own frame on the stack it chose",
      text: userAnalyze('!analyze -v -hang', '80000007 (Wake debugger)', [['FAILURE_BUCKET_ID', 'APPLICATION_HANG_BlockedOn_CriticalSection_cfffffff_acmeapp.exe!Cache::Flush']], WAITING),
      blames: 'acmeapp',
      signal: 'hang-deadlock',
      check: (out) => {
        expect(out.category).toBe('hang-deadlock');
        expect(out.evidence[0]).toMatchObject({ module: 'acmeapp', weight: 0.45 });
      },
    },
    {
      name: 'a hang dump written with 0xCFFFFFFF is a hang even without a hang bucket or command',
      text: userAnalyze('!analyze -v', 'cfffffff', [], WAITING),
      blames: 'acmeapp',
      signal: 'hang-deadlock',
    },
    {
      name: 'follows BLOCKING_THREAD to its stack in the same paste',
      text: `${allThreadsK([{ index: 4, id: '1a2c.2210', sites: ['ntdll!NtDelayExecution+0x14', 'KERNELBASE!SleepEx+0x9e', 'acmeapp!Refresher::Spin+0x20', 'kernel32!BaseThreadInitThunk+0x14'] }])}\n${userAnalyze('!analyze -v -hang', '80000007 (Wake debugger)', [['BLOCKING_THREAD', '0000000000002210'], ['PRIMARY_PROBLEM_CLASS', 'APPLICATION_HANG']], ['ntdll!NtWaitForSingleObject+0x14', 'KERNELBASE!WaitForSingleObjectEx+0x8e', 'user32!MsgWaitForMultipleObjects+0x20'])}`,
      blames: 'acmeapp',
      finding: 'hang.blocking-thread',
      check: (out) => {
        expect(out.findings.find((f) => f.id === 'hang.blocking-thread')?.title).toBe('!analyze names thread 2210 as the one the others wait for; its own code is at acmeapp!Refresher::Spin+0x20');
        expect(out.evidence.map((e) => e.weight)).toEqual([0.35]);
      },
    },
  ],
  valid: [
    {
      name: 'an access violation analysed by !analyze -v is a crash, not a hang',
      text: userAnalyze('!analyze -v', 'c0000005 (Access violation)', [['FAILURE_BUCKET_ID', 'NULL_POINTER_READ_c0000005_acmeapp.exe!Cache::Flush']], ['acmeapp!Cache::Flush+0x34', 'acmeapp!wWinMain+0x88']),
    },
    { name: 'a bucket that only mentions "hangul" or "changed" is no hang', text: userAnalyze('!analyze -v', 'c0000005 (Access violation)', [['FAILURE_BUCKET_ID', 'INVALID_POINTER_READ_c0000005_hangul_ime.dll!Changed']], ['hangul_ime!Changed+0x1']) },
  ],
});
