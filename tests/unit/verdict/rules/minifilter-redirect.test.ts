import { expect } from 'vitest';
import { minifilterRedirect } from '../../../../src/analyzers/verdict/rules/minifilter-redirect';
import { ruleTester } from '../rule-tester';

/** `dt … _FLT_IO_PARAMETER_BLOCK`: the operation and its target instance (as in s11). */
const iopb = (address: string, target: string): string => `3: kd> dt ${address} _FLT_IO_PARAMETER_BLOCK
   +0x000 IrpFlags         : 0
   +0x004 MajorFunction    : 0x5 ''
   +0x005 MinorFunction    : 0 ''
   +0x008 TargetFileObject : 0xffffe000\`3c884890 _FILE_OBJECT
   +0x010 TargetInstance   : ${target} _FLT_INSTANCE`;

/** `!fltkd.instance`: an instance, its altitude, volume and filter. */
const instance = (address: string, name: string, altitude: string, filter: string): string => `3: kd> !fltkd.instance ${address}
FLT_INSTANCE: ${address.replace('`', '')} "${name}" "${altitude}"
   FLT_OBJECT: ${address.replace('`', '')}  [01000000] Instance
      PointerCount             : 0x00000001
   Flags                    : [00000000]
   Volume                   : ffffe00002501010 "\\Device\\HarddiskVolume4"
   Filter                   : ffffe000011f1010 "${filter}"`;

// The operation the callback received targets acmefilt's instance; the one it issued, acmeav's.
const RECEIVED = iopb('0xffffe000`3c8d2db0', '0xffffe000`0165b010');
const ISSUED = iopb('0xffffe000`3c8d2140', '0xffffe000`0165daa0');
const ACMEFILT = instance('ffffe000`0165b010', 'acmefilt Instance', '388920', 'acmefilt');
const ACMEAV = instance('ffffe000`0165daa0', 'acmeav Instance', '366992', 'acmeav');

ruleTester(minifilterRedirect, {
  invalid: [
    {
      name: "blames the minifilter that sent I/O to another filter's instance",
      text: [RECEIVED, ACMEFILT, ISSUED, ACMEAV].join('\n'),
      blames: 'acmefilt',
      finding: 'fltkd.redirect',
      check: (out) => {
        expect(out.evidence).toEqual([{ module: 'acmefilt', weight: 0.35, line: 19, text: 'it redirected an I/O operation to an instance of another filter (acmeav)' }]);
        expect(out.findings).toEqual([
          {
            id: 'fltkd.redirect',
            lines: [6, 19],
            title: 'The minifilter acmefilt Instance (altitude 388920) sent I/O to an instance of another filter, acmeav (altitude 366992); a minifilter may only redirect to its own instances',
          },
        ]);
      },
    },
  ],
  valid: [
    {
      name: 'I/O sent to another instance of the same filter',
      text: [RECEIVED, ACMEFILT, iopb('0xffffe000`3c8d2140', '0xffffe000`01694190'), instance('ffffe000`01694190', 'acmefilt Instance', '388920', 'acmefilt')].join('\n'),
    },
    { name: 'a single operation and its instance', text: [RECEIVED, ACMEFILT].join('\n') },
    { name: 'two operations whose target instances were not printed', text: [RECEIVED, ISSUED].join('\n') },
  ],
});
