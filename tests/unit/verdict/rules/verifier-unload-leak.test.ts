import { expect } from 'vitest';
import { verifierUnloadLeak } from '../../../../src/analyzers/verdict/rules/verifier-unload-leak';
import { analyzeV, bugcheckBanner, kv } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

/** DRIVER_VERIFIER_DETECTED_VIOLATION with subcode `arg1` (as in session 13, subcode 0x62). */
const verifier = (arg1: string): string =>
  analyzeV({
    name: 'DRIVER_VERIFIER_DETECTED_VIOLATION',
    code: 'c4',
    args: [arg1, 'ffffd407b3ccbee0', 'ffffd407b3ccbf70', '0000000000000001'],
    fields: [['MODULE_NAME', 'acmefilt'], ['FAULTING_MODULE', 'fffff8027ced0000 acmefilt']],
  });

ruleTester(verifierUnloadLeak, {
  invalid: [
    {
      name: 'reads the KMDF verifier breaking in FxPoolDump at unload as a pool leak',
      text: kv(['nt!KeBugCheckEx', 'nt!KiBreakpointTrap+0x310', 'nt!DbgBreakPoint+0x1', 'Wdf01000!FxVerifierDbgBreakPoint+0x50', 'Wdf01000!FxPoolDump+0x17b', 'Wdf01000!FxPoolDestroy+0x42']),
      signal: 'pool-leak',
    },
    {
      name: 'reads a driver caught unloading with pool still allocated (0xC4, subcode 0x62) as a pool leak',
      text: verifier('0000000000000062'),
      signal: 'pool-leak',
      check: (out) => {
        expect(out.findings).toEqual([{ id: 'signal.pool-leak', lines: [8], title: 'Evidence of a pool leak: Driver Verifier caught a driver unloading without freeing its pool allocations' }]);
        expect(out.category).toBe('pool-leak');
        expect(out.top).toBe('acmefilt');
      },
    },
    {
      name: 'reads subcode 0x60 from the dump banner the same way',
      text: bugcheckBanner('C4', ['60', 'ffffd407b3ccbee0', 'ffffd407b3ccbf70', '1']),
      signal: 'pool-leak',
    },
  ],
  valid: [
    { name: 'a KMDF verifier break elsewhere', text: kv(['nt!KeBugCheckEx', 'nt!DbgBreakPoint+0x1', 'Wdf01000!FxVerifierDbgBreakPoint+0x50', 'Wdf01000!FxObject::Release+0x17b']) },
    { name: 'another Driver Verifier violation (subcode 0xF6, a kernel handle referenced from user mode)', text: verifier('00000000000000f6') },
    { name: 'subcode 0x62 of another bug check', text: bugcheckBanner('D1', ['62', '2', '0', 'fffff88004a1ea55']) },
  ],
});
