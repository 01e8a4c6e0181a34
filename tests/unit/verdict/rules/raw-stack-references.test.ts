import { expect } from 'vitest';
import { rawStackReferences } from '../../../../src/analyzers/verdict/rules/raw-stack-references';
import { bugcheckBanner } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

const CRASH = bugcheckBanner('1E', ['ffffffffc0000005', 'fffff88004285e6f', '0', 'ffffffffffffffff']);
const DPS = `0: kd> dps @rsp L8
fffff880\`0318a978  fffff880\`04285e6f acmenet+0x44e6f
fffff880\`0318a980  fffff880\`0318aa38
fffff880\`0318a988  fffff880\`042ca86d acmenet+0x8986d
fffff880\`0318a990  fffff800\`02ec7169 nt!KiBugCheckDispatch+0x69`;

ruleTester(rawStackReferences, {
  invalid: [
    {
      name: 'weighs a third-party driver by the return addresses a raw stack dump shows in it',
      text: `${CRASH}\n${DPS}`,
      blames: 'acmenet',
      check: (out) => expect(out.evidence).toEqual([{ module: 'acmenet', weight: 0.2, line: 3, text: 'a raw dump of the stack references it 2 times' }]),
    },
  ],
  valid: [
    { name: 'a raw stack without a crash', text: DPS },
    { name: "an import table dumped at a module's base (not a stack)", text: `${CRASH}\n${DPS.replace('dps @rsp L8', 'dps fffff88004240000+7880')}` },
    { name: 'a raw stack referencing only Windows', text: `${CRASH}\n0: kd> dps @rsp L2\nfffff880\`0318a990  fffff800\`02ec7169 nt!KiBugCheckDispatch+0x69` },
  ],
});
