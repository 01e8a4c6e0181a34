import { expect } from 'vitest';
import { wheaRecord } from '../../../../src/analyzers/verdict/rules/whea-record';
import { bugcheckBanner, errrec, kv } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

const WHEA_UNCORRECTABLE = bugcheckBanner('124', ['0', 'fffffa80031f8028', 'b6472000', '1a000135']);
const DRIVER_ON_STACK = kv(['nt!KeBugCheckEx', 'hal!HalBugCheckSystem+0x1e3', 'nt!WheaReportHwError+0x263', 'acmefilt+0x1a55']);

ruleTester(wheaRecord, {
  invalid: [
    {
      name: 'reads WHEA_UNCORRECTABLE_ERROR (0x124) as hardware, blaming no driver on the stack',
      text: `${WHEA_UNCORRECTABLE}\n${DRIVER_ON_STACK}`,
      signal: 'hardware',
      check: (out) => {
        expect(out.findings).toEqual([{ id: 'signal.hardware', lines: [1], title: 'Evidence of a hardware fault: the processor or platform reported a fatal hardware error' }]);
        expect(out.category).toBe('hardware');
        expect(out.top).toBeUndefined();
      },
    },
    {
      name: 'reads MACHINE_CHECK_EXCEPTION (0x9C) as hardware',
      text: bugcheckBanner('9C', ['0', 'fffff80003c05360', '0', '0']),
      signal: 'hardware',
    },
    {
      name: 'reads a WHEA error record (!errrec) as hardware',
      text: errrec('fffffa80031f8028', 3, 0),
      signal: 'hardware',
      check: (out) => expect(out.findings).toEqual([{ id: 'signal.hardware', lines: [2], title: 'Evidence of a hardware fault: a WHEA hardware error record' }]),
    },
  ],
  valid: [
    { name: 'a driver crash (0xD1) without any error record', text: `${bugcheckBanner('D1', ['0', '2', '0', 'fffff88004a1ea55'])}\n${DRIVER_ON_STACK}` },
    { name: 'WHEA named in prose', text: 'It was a WHEA_UNCORRECTABLE_ERROR, I think the CPU is overheating.' },
  ],
});
