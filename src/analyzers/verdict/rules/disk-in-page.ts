/**
 * Rule disk-in-page: a failed disk read (in-page I/O error) blames the disk path, not a driver.
 */
import { IN_PAGE_CODES, IN_PAGE_STATUSES } from '../../knowledge/bugcheck-classes';
import { describeNtStatus, ntStatusFromArg } from '../../knowledge/ntstatus';
import { blocksOf } from '../../run';
import { addFinding, arg, signal, type VerdictContext } from '../context';
import { formatStatus } from '../describe-bugcheck';
import type { Rule } from '../rule';

export const diskInPage: Rule = {
  id: 'disk-in-page',
  description: 'An in-page status (0xC0000006, 0xC000009C, 0xC0000185…) in the bug check or the exception: the disk read failed.',
  reasoning:
    'KERNEL_DATA_INPAGE_ERROR (0x7A), CRITICAL_OBJECT_TERMINATION (0xF4) with STATUS_IN_PAGE_ERROR and similar crashes happen because a page ' +
    'could not be read back from the disk or the paging file. The NTSTATUS in the arguments tells why: a device data error, a device that ' +
    'disappeared, a bad sector. Experts check the disk (SMART, chkdsk), its controller and cabling before any driver.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-0x7a--kernel-data-inpage-error',
  apply(ctx: VerdictContext): void {
    const bc = ctx.bugcheck;
    if (bc) {
      for (let k = 1 as 1 | 2 | 3 | 4; k <= 4; k = (k + 1) as 1 | 2 | 3 | 4) {
        const st = ntStatusFromArg(arg(ctx, k));
        if (st !== undefined && IN_PAGE_STATUSES.has(st) && IN_PAGE_CODES.has(bc.code)) {
          signal(ctx, 'disk-io', `Arg${k} is ${describeNtStatus(st)?.name ?? st.toString(16)}: reading from disk failed`, bc.argLines[k - 1]);
        }
      }
    }
    for (const b of [...blocksOf(ctx.model, 'analyze-v'), ...blocksOf(ctx.model, 'bugcheck')]) {
      // analyze-v already reads EXCEPTION_CODE / ERROR_CODE fields into `exception`.
      const ex = b.data.exception?.code;
      const line = b.data.exception?.line ?? b.data.fields.EXCEPTION_CODE?.line ?? b.data.fields.ERROR_CODE?.line;
      if (ex !== undefined && IN_PAGE_STATUSES.has(ex)) {
        signal(ctx, 'disk-io', `the exception code is ${describeNtStatus(ex)?.name ?? ex.toString(16)}: a page could not be read from disk`, line);
        addFinding(ctx, {
          id: 'exception.in-page',
          severity: 'critical',
          title: `Exception ${formatStatus(ex)}: a page could not be read from disk (suspect the disk, its controller or cabling)`,
          lines: line !== undefined ? [line] : [],
        });
      }
    }
  },
};
