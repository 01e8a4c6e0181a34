import { expect } from 'vitest';
import { deviceStackDriver } from '../../../../src/analyzers/verdict/rules/device-stack-driver';
import { bugcheckBanner } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

const POWER = bugcheckBanner('9F', ['3', 'fffffa80026ae060', 'fffff80000b9c518', 'fffffa8003166010']);
const DEVSTACK = `0: kd> !devstack fffffa80026ae060
  !DevObj           !DrvObj            !DevExt           ObjectName
  fffffa8004170e40  \\Driver\\acmefilter fffffa8004170f90
  fffffa800416a050  \\Driver\\acmewifi   fffffa800416a1a0  NDMP3
> fffffa80026ae060  \\Driver\\pci        fffffa80026ae1b0  NTPNP_PCI0005
!DevNode fffffa80026b2d90 :
  DeviceInst is "PCI\\VEN_168C&DEV_002B&SUBSYS_30A117AA&REV_01\\4&2a0f8c0c&0&00E1"
  ServiceName is "acmewifi"`;

ruleTester(deviceStackDriver, {
  invalid: [
    {
      name: "blames the devnode's service, the function driver above the bus driver, not the filter on top",
      text: `${POWER}\n${DEVSTACK}`,
      blames: 'acmewifi',
      check: (out) => expect(out.evidence.map((e) => [e.module, e.weight])).toEqual([['acmewifi', 0.45]]),
    },
    {
      name: 'takes the device right above the PDO when the devnode is not shown',
      text: `${POWER}\n${DEVSTACK.split('\n!DevNode')[0] ?? ''}`,
      blames: 'acmewifi',
    },
  ],
  valid: [
    { name: 'a device stack of another device', text: `${POWER}\n${DEVSTACK.replaceAll('fffffa80026ae060', 'fffffa8002222222')}` },
    { name: 'a device stack without a power failure', text: DEVSTACK },
  ],
});
