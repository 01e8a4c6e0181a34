/**
 * Rule image-hash: an image that failed code-integrity verification points at damaged OS files.
 */
import { IMAGE_HASH_STATUSES, OS_CORRUPTION_CODES } from '../../knowledge/bugcheck-classes';
import { describeNtStatus, ntStatusFromArg } from '../../knowledge/ntstatus';
import { arg, signal, type VerdictContext } from '../context';
import type { Rule } from '../rule';

export const imageHash: Rule = {
  id: 'image-hash',
  description: 'STATUS_INVALID_IMAGE_HASH and related code-integrity statuses in an argument, or a bug check that reports a damaged registry or system files (0x74, 0x51, 0xC000021A): damaged or unsigned system files.',
  reasoning:
    'When a boot or system driver fails code-integrity verification (0xC0000428 STATUS_INVALID_IMAGE_HASH), Windows stops loading it, and a ' +
    'critical one ends in a bug check such as 0x5A or 0x6B. The driver is not buggy: its file or its catalog signature is damaged or was ' +
    'replaced. The fix is verifying signatures and repairing system files (sfc, DISM), not blaming a driver.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-0x5a--critical-service-failed; https://learn.microsoft.com/openspecs/windows_protocols/ms-erref/596a1078-e883-4972-9bbc-49e60bebca55',
  apply(ctx: VerdictContext): void {
    const bc = ctx.bugcheck;
    if (!bc) {
      return;
    }
    if (OS_CORRUPTION_CODES.has(bc.code)) {
      signal(ctx, 'os-corruption', 'this bug check reports a damaged registry or damaged system files', bc.line);
    }
    for (let k = 1 as 1 | 2 | 3 | 4; k <= 4; k = (k + 1) as 1 | 2 | 3 | 4) {
      const st = ntStatusFromArg(arg(ctx, k));
      if (st !== undefined && IMAGE_HASH_STATUSES.has(st)) {
        signal(ctx, 'os-corruption', `Arg${k} is ${describeNtStatus(st)?.name ?? st.toString(16)}: an image failed code-integrity verification`, bc.argLines[k - 1]);
      }
    }
  },
};
