import { expect } from 'vitest';
import { cpuSpin } from '../../../../src/analyzers/verdict/rules/cpu-spin';
import { allThreadsK } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

const RUNAWAY = `0:000> !runaway
 User Mode Time
  Thread       Time
   7:1a2c      0 days 0:05:12.345
   0:1b3c      0 days 0:00:00.031`;
const SPINNING = allThreadsK([
  { index: 7, id: 'c08.1a2c', sites: ['acmeapp!Parser::NextToken+0x2c', 'acmeapp!Parser::Run+0x120', 'kernel32!BaseThreadInitThunk+0x14'] },
]);

ruleTester(cpuSpin, {
  invalid: [
    {
      name: 'follows the busy thread to the stack printed with ~7k (one stack: a spin, not a crash) and says so in the headline',
      text: `${RUNAWAY}\n0:000> ~7k\n # Child-SP          RetAddr               Call Site\n00 000000d6\`ebcff8a8 00007ff6\`11221050     acmeapp!Parser::NextToken+0x2c\n01 000000d6\`ebcff8b0 00007ff6\`11221234     acmeapp!Parser::Run+0x120\n02 000000d6\`ebcff900 00007ffa\`4c2e7034     kernel32!BaseThreadInitThunk+0x14`,
      blames: 'acmeapp',
      signal: 'hang-deadlock',
      check: (out) => {
        expect(out.category).toBe('hang-deadlock');
        expect(out.evidence.map((e) => e.weight)).toEqual([0.35]);
      },
    },
    {
      name: 'calls a thread that ran far longer than the others a spin and names the code it runs',
      text: `${RUNAWAY}\n${SPINNING}`,
      signal: 'hang-deadlock',
      blames: 'acmeapp',
      check: (out) => expect(out.category).toBe('hang-deadlock'),
    },
    {
      name: "an older debugger's rows (thread id alone): the id is found in the ~ list, the stack printed after ~2s",
      text: [
        '0:001> !runaway 3',
        ' User Mode Time',
        ' Thread    Time',
        ' 4e0        0:12:16.0312',
        ' 22c        0:00:00.0000',
        '0:001> ~',
        '   0  Id: 3f4.3d4 Suspend: 1 Teb: 7ffde000 Unfrozen',
        '.  1  Id: 3f4.22c Suspend: 1 Teb: 7ffdd000 Unfrozen',
        '   2  Id: 3f4.4e0 Suspend: 1 Teb: 7ffdc000 Unfrozen',
        '0:001> ~2s',
        '0:002> kb',
        'ChildEBP RetAddr  Args to Child',
        '0b4ffce4 01836060 0184f440 00000001 0b4ffe20 acmeapp!OpenDestFileStream+0xb3',
        '0b4ffd20 01843eba 02b5b920 00000102 02b1e0e0 acmeapp!SaveMsgToDestFolder+0xb3',
        '0b4ffe5c 77e112e6 01843e16 0b4ffef0 0b4fff34 RPCRT4!DispatchToStubInC+0x34',
      ].join('\n'),
      signal: 'hang-deadlock',
      blames: 'acmeapp',
    },
    { name: 'calls a process at high CPU (!threadpool) a hang', text: '0:001> !threadpool\nCPU utilization: 97%', signal: 'hang-deadlock' },
  ],
  valid: [
    { name: 'threads that all ran little', text: RUNAWAY.replace('0:05:12.345', '0:00:00.045') },
    { name: 'a process at moderate CPU', text: '0:001> !threadpool\nCPU utilization: 46%' },
    { name: 'a crash: the CPU times are not the story', text: `0:000> .exr -1\n   ExceptionCode: c0000005 (Access violation)\n${RUNAWAY}\n${SPINNING}` },
  ],
});
