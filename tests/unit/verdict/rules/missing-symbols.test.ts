import { expect } from 'vitest';
import { missingSymbols } from '../../../../src/analyzers/verdict/rules/missing-symbols';
import { bugcheckBanner, kv } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

const CRASH = bugcheckBanner('D1', ['0', '2', '0', 'fffff88004a1ea55']);
const symbolsMissing = (image: string): string => `*** ERROR: Module load completed but symbols could not be loaded for ${image}`;

ruleTester(missingSymbols, {
  invalid: [
    {
      name: 'remarks that a suspect has no symbols, without weight',
      text: `${CRASH}\n${symbolsMissing('acmefilt.sys')}\n${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'acmefilt+0x1a55'])}`,
      check: (out) => {
        expect(out.remarks).toEqual([{ module: 'acmefilt', text: 'the debugger could not load symbols for it (typical of third-party drivers)' }]);
        expect(out.evidence).toEqual([]);
      },
    },
  ],
  valid: [
    { name: 'a module without symbols that nobody suspects', text: `${CRASH}\n${symbolsMissing('acmeusb.sys')}\n${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'acmefilt+0x1a55'])}` },
    { name: 'a suspect with symbols', text: `${CRASH}\n${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'acmefilt+0x1a55'])}` },
    {
      name: 'a Microsoft module whose symbols could not be verified',
      text: `${CRASH}\n*** WARNING: Unable to verify timestamp for tcpip.sys\n${kv(['nt!KeBugCheckEx', 'nt!KiPageFault+0x260', 'tcpip!TcpTcbReceive+0x2ab'])}`,
    },
  ],
});
