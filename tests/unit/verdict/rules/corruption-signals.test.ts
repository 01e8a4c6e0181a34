import { expect } from 'vitest';
import { corruptionSignals } from '../../../../src/analyzers/verdict/rules/corruption-signals';
import { bugcheckBanner, kv } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

// Written in !chkimg's format: each differing range, the expected and actual bytes, then the count.
const CHKIMG = `0: kd> !chkimg -lo 50 -d !nt
    fffff80002b5e3dc - nt!KiSystemServiceCopyEnd+13
\t[ f7:77 ]
    fffff80002b5e4a0-fffff80002b5e4a1  2 bytes - nt!KiSystemServiceExit+5
\t[ 0f 01:0f 03 ]
3 errors : !nt (fffff80002b5e3dc-fffff80002b5e4a1)`;

const BAD_POOL_HEADER = bugcheckBanner('19', ['20', 'fffffa8004b5e000', 'fffffa8004b5e0d0', '4d0d0004']);

ruleTester(corruptionSignals, {
  invalid: [
    {
      name: 'takes errors found by !chkimg in code pages as memory corruption',
      text: CHKIMG,
      signal: 'memory-corruption',
      check: (out) => expect(out.findings).toContainEqual({ id: 'signal.memory-corruption', lines: [6], title: 'Evidence of memory corruption: !chkimg finds 3 corrupted bytes in nt' }),
    },
    {
      name: 'takes a bug check that reports corrupted memory (0x19 BAD_POOL_HEADER) as memory corruption',
      text: BAD_POOL_HEADER,
      signal: 'memory-corruption',
      check: (out) => expect(out.findings.map((f) => f.id)).toEqual(['signal.memory-corruption']),
    },
    {
      name: 'calls the crashing stacks victims when they stop in different modules',
      text: `${BAD_POOL_HEADER}
${kv(['nt!KeBugCheckEx', 'nt!ExFreePoolWithTag+0x1a3', 'acmefilt+0x1a55', 'fltmgr!FltpPerformPreCallbacks+0x2f7'])}
${kv(['nt!KeBugCheckEx', 'nt!ExAllocatePoolWithTag+0x4e2', 'tcpip!TcpCreateAndConnectTcb+0x1c4', 'afd!AfdConnect+0x5b7'], '1: kd>')}`,
      finding: 'corruption.victims',
      check: (out) => expect(out.findings.find((f) => f.id === 'corruption.victims')?.title).toBe('The crashing stacks differ (acmefilt, tcpip): they are victims of the corruption, not its cause'),
    },
    {
      name: 'does not call a single crashing stack a set of victims',
      text: `${BAD_POOL_HEADER}\n${kv(['nt!KeBugCheckEx', 'nt!ExFreePoolWithTag+0x1a3', 'acmefilt+0x1a55'])}`,
      signal: 'memory-corruption',
      check: (out) => expect(out.findings.map((f) => f.id)).not.toContain('corruption.victims'),
    },
  ],
  valid: [
    { name: '!chkimg without errors', text: '0: kd> !chkimg -lo 50 -d !nt\n0 errors : !nt' },
    { name: 'a bug check that does not report corruption (0xD1)', text: bugcheckBanner('D1', ['0', '2', '0', 'fffff88004a1ea55']) },
    {
      name: 'differing stacks of a crash that does not report corruption',
      text: `${bugcheckBanner('D1', ['0', '2', '0', 'fffff88004a1ea55'])}
${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'acmefilt+0x1a55'])}
${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'tcpip!TcpTcbReceive+0x2ab'], '1: kd>')}`,
    },
  ],
});
