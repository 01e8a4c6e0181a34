import { expect } from 'vitest';
import { diskInPage } from '../../../../src/analyzers/verdict/rules/disk-in-page';
import { analyzeV, bugcheckBanner } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

const inpage = (status: string): string =>
  analyzeV({
    name: 'KERNEL_DATA_INPAGE_ERROR',
    code: '7a',
    args: ['ffffc1049a602ec0', status, '00000002454628c0', 'fffff8053c2b0000'],
  });
const ARG2_LINE = 11;

// As !analyze -v prints it for a 0xF4 whose process died on a failed disk read (s05).
const F4_EXCEPTION = `${bugcheckBanner('F4', ['3', 'fffffa800bb94b30', 'fffffa800bb94e10', 'fffff800035e3270'])}

EXCEPTION_CODE: (NTSTATUS) 0xc0000006 - The instruction at 0x%p referenced memory at 0x%p. The required data was not placed into memory because of an I/O error status of 0x%x.`;

ruleTester(diskInPage, {
  invalid: [
    {
      name: 'reads STATUS_DEVICE_DATA_ERROR in the arguments of KERNEL_DATA_INPAGE_ERROR as a failed disk read',
      text: inpage('ffffffffc000009c'),
      signal: 'disk-io',
      check: (out) => {
        expect(out.findings).toEqual([{ id: 'signal.disk-io', lines: [ARG2_LINE], title: 'Evidence of a disk or I/O fault: Arg2 is STATUS_DEVICE_DATA_ERROR: reading from disk failed' }]);
        expect(out.category).toBe('disk-io');
      },
    },
    {
      name: 'reads STATUS_NO_SUCH_DEVICE (the disk went away) the same way',
      text: inpage('ffffffffc000000e'),
      signal: 'disk-io',
    },
    {
      name: 'reads an in-page exception code (0xC0000006) as a page that could not be read from disk',
      text: F4_EXCEPTION,
      signal: 'disk-io',
      finding: 'exception.in-page',
      check: (out) =>
        expect(out.findings.find((f) => f.id === 'exception.in-page')).toEqual({
          id: 'exception.in-page',
          lines: [3],
          title: 'Exception 0xc0000006 STATUS_IN_PAGE_ERROR: a page could not be read from disk (suspect the disk, its controller or cabling)',
        }),
    },
    {
      name: 'reads an in-page error a user-mode exception record reports',
      text: `0:000> .exr -1
ExceptionAddress: 00007ffa1060ead2 (acmeapp!Foo+0x0000000000000012)
   ExceptionCode: c0000006 (In-page I/O error)
  ExceptionFlags: 00000000
NumberParameters: 3`,
      finding: 'exception.in-page',
      signal: 'disk-io',
    },
  ],
  valid: [
    { name: 'KERNEL_DATA_INPAGE_ERROR for want of resources (0xC000009A), not a disk error', text: inpage('ffffffffc000009a') },
    { name: 'an in-page status among the arguments of a bug check that does not report disk reads (0xD1)', text: bugcheckBanner('D1', ['c000009c', '2', '0', 'fffff88004a1ea55']) },
    { name: 'an access violation', text: '(1a2c.1b3c): Access violation - code c0000005 (!!! second chance !!!)' },
  ],
});
