import { expect } from 'vitest';
import { debuggerBucket } from '../../../../src/analyzers/verdict/rules/debugger-bucket';
import { analyzeV, type AnalyzeV } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

// A bug check no other rule reads as hardware, disk or corruption.
const D1: AnalyzeV = {
  name: 'DRIVER_IRQL_NOT_LESS_OR_EQUAL',
  code: 'd1',
  args: ['0000000000000008', '0000000000000002', '0000000000000000', 'fffff88004a1ea55'],
};
const FIRST_FIELD = 15;
const withFields = (...fields: [string, string][]): string => analyzeV({ ...D1, fields });

ruleTester(debuggerBucket, {
  invalid: [
    {
      name: "states the debugger's failure bucket",
      text: withFields(['MODULE_NAME', 'acmefilt'], ['FAILURE_BUCKET_ID', 'AV_acmefilt!unknown_function']),
      finding: 'analyze.bucket',
      check: (out) => {
        expect(out.findings).toEqual([{ id: 'analyze.bucket', lines: [FIRST_FIELD + 1], title: "The debugger's failure bucket: AV_acmefilt!unknown_function" }]);
        expect(out.signals).toEqual([]);
      },
    },
    {
      name: 'reads MODULE_NAME hardware as a hardware fault',
      text: withFields(['MODULE_NAME', 'hardware'], ['IMAGE_NAME', 'hardware']),
      signal: 'hardware',
      check: (out) => expect(out.evidence).toEqual([]),
    },
    {
      name: 'reads IMAGE_NAME hardware_disk as a disk fault',
      text: withFields(['IMAGE_NAME', 'hardware_disk']),
      signal: 'disk-io',
    },
    {
      name: 'reads MODULE_NAME memory_corruption as memory corruption',
      text: withFields(['MODULE_NAME', 'memory_corruption']),
      signal: 'memory-corruption',
    },
    {
      name: 'reads a one-bit memory corruption bucket as bad RAM',
      text: withFields(['MODULE_NAME', 'memory_corruption'], ['IMAGE_NAME', 'memory_corruption'], ['FAILURE_BUCKET_ID', 'X64_MEMORY_CORRUPTION_ONE_BIT']),
      signal: 'hardware',
      check: (out) => {
        expect(out.signals).toContain('memory-corruption');
        expect(out.category).toBe('hardware');
      },
    },
    {
      name: 'reads a DISK_HARDWARE_ERROR bucket as a disk fault',
      text: ['FAILURE_BUCKET_ID:  X64_0x7a_c000009c_DISK_HARDWARE_ERROR', 'BUCKET_ID:  X64_0x7a_c000009c_DISK_HARDWARE_ERROR'].join('\n'),
      signal: 'disk-io',
      check: (out) => expect(out.category).toBe('disk-io'),
    },
    {
      name: 'reads a CODE_CORRUPTION bucket as memory corruption',
      text: withFields(['FAILURE_BUCKET_ID', 'X64_MEMORY_CORRUPTION_CODE_CORRUPTION_nt']),
      signal: 'memory-corruption',
    },
    {
      name: 'reads a MANUALLY_INITIATED_CRASH bucket as a crash forced on purpose',
      text: 'FAILURE_BUCKET_ID:  MANUALLY_INITIATED_CRASH',
      signal: 'manual',
    },
  ],
  valid: [
    { name: '!analyze naming a driver, without a failure bucket', text: withFields(['MODULE_NAME', 'acmefilt'], ['IMAGE_NAME', 'acmefilt.sys']) },
    { name: 'a default bucket that only says a driver faulted', text: withFields(['DEFAULT_BUCKET_ID', 'WIN7_DRIVER_FAULT'], ['BUGCHECK_STR', '0xD1']) },
    { name: 'the words hardware and memory corruption in prose', text: 'I think it is a hardware problem, or memory corruption by some driver.' },
  ],
});
