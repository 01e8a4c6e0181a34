/**
 * Rule exception-record: the exception of a user-mode (or kernel) crash, in words.
 */
import { EXCEPTION_GUIDANCE } from '../../knowledge/exception-guidance';
import { describeNtStatus } from '../../knowledge/ntstatus';
import { addFinding, sessionExceptions, type VerdictContext } from '../context';
import { formatStatus } from '../describe-bugcheck';
import type { Rule } from '../rule';

export const exceptionRecord: Rule = {
  id: 'exception-record',
  description: 'States the exception code (second chance first), or an access violation read from the faulting instruction.',
  reasoning:
    'A user-mode crash is told by its exception record (.exr, EXCEPTION_CODE): 0xC0000005 is a bad pointer, 0xC0000374 a corrupted heap, ' +
    '0xC0000409 a security check (stack buffer overrun or fail-fast), 0xC00000FD a stack overflow. A second-chance exception is the one that ' +
    'killed the process. When no record was pasted but the current instruction reads memory the debugger shows as ????, the fault is an access violation.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debugger/debugging-an-application-failure (and the .exr / .ecxr command pages)',
  apply(ctx: VerdictContext): void {
    if (ctx.inferredFault) {
      addFinding(ctx, {
        id: 'exception.inferred',
        severity: 'warning',
        title: 'The current instruction reads memory the debugger cannot read (shown as ????): an access violation (0xC0000005), though no exception record was pasted',
        lines: [ctx.inferredFault.line],
      });
    }
    const ex = sessionExceptions(ctx)[0];
    if (ex) {
      const st = describeNtStatus(ex.code);
      const g = EXCEPTION_GUIDANCE.get(ex.code);
      addFinding(ctx, {
        id: 'exception.code',
        severity: 'critical',
        title: `Exception ${formatStatus(ex.code)}${g ? `: ${g.summary}` : st?.meaning ? `: ${st.meaning}` : ''}`,
        lines: [ex.line],
      });
    }
  },
};
