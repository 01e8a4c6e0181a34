import { expect } from 'vitest';
import { irpShare } from '../../../../src/analyzers/verdict/rules/irp-share';
import { ruleTester } from '../rule-tester';

/** `!irpfind` with one row per driver listed (`\Driver\acmefilt`, `\FileSystem\Ntfs`…), in order. */
const irpfind = (drivers: string[]): string =>
  [
    'kd> !irpfind',
    'Scanning large pool allocation table for Tag: Irp? (fffffa8013a00000 : fffffa8013c00000)',
    '',
    '  Irp    [ Thread ] irpStack: (Mj,Mn)   DevObj  [Driver]         MDL Process',
    ...drivers.map((d, i) => `fffffa80162${(0x0dd00 + i * 0x2d60).toString(16).padStart(5, '0')} [fffffa8016215580] irpStack: ( e, 0)  fffffa800b17ae40 [ ${d}]`),
  ].join('\n');
const FIRST_ROW = 5;

ruleTester(irpShare, {
  invalid: [
    {
      name: 'blames a third-party driver holding most of the outstanding IRPs',
      text: irpfind(['\\Driver\\acmefilt', '\\Driver\\acmefilt', '\\FileSystem\\Ntfs', '\\Driver\\acmefilt', '\\FileSystem\\Ntfs']),
      blames: 'acmefilt',
      check: (out) => expect(out.evidence).toEqual([{ module: 'acmefilt', weight: 0.3, line: FIRST_ROW, text: '\\Driver\\acmefilt owns 3 of the 5 outstanding IRPs listed' }]),
    },
  ],
  valid: [
    { name: 'fewer than five IRPs, all in one third-party driver', text: irpfind(['\\Driver\\acmefilt', '\\Driver\\acmefilt', '\\Driver\\acmefilt', '\\Driver\\acmefilt']) },
    { name: 'most IRPs in a Microsoft file system', text: irpfind(['\\FileSystem\\Ntfs', '\\FileSystem\\Ntfs', '\\FileSystem\\Ntfs', '\\Driver\\acmefilt', '\\Driver\\acmefilt']) },
    { name: 'a third-party driver holding less than half of the IRPs', text: irpfind(['\\Driver\\acmefilt', '\\Driver\\acmefilt', '\\FileSystem\\Ntfs', '\\FileSystem\\Npfs', '\\Driver\\usbhub']) },
  ],
});
