/**
 * Rule whea-record: a hardware error record or a hardware stop code blames no driver.
 */
import { HARDWARE_CODES } from '../../knowledge/bugcheck-classes';
import { blocksOf } from '../../run';
import { signal, type VerdictContext } from '../context';
import type { Rule } from '../rule';

export const wheaRecord: Rule = {
  id: 'whea-record',
  description: 'A WHEA error record (!errrec) or a machine-check stop code (0x124, 0x9C…) points at hardware.',
  reasoning:
    'WHEA_UNCORRECTABLE_ERROR and MACHINE_CHECK_EXCEPTION are raised by the platform, not by software: the processor or a bus reported an ' +
    'error it could not correct. The stack shows whatever happened to run. Experts decode the record with !errrec (error type, processor, ' +
    'MCA bank) and look at the CPU, its cooling and voltage, memory, and firmware, not at the drivers on the stack.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-0x124---whea-uncorrectable-error',
  apply(ctx: VerdictContext): void {
    for (const b of blocksOf(ctx.model, 'errrec')) {
      signal(ctx, 'hardware', 'a WHEA hardware error record', b.line);
    }
    if (ctx.bugcheck && HARDWARE_CODES.has(ctx.bugcheck.code)) {
      signal(ctx, 'hardware', 'the processor or platform reported a fatal hardware error', ctx.bugcheck.line);
    }
  },
};
