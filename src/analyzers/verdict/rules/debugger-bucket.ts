/**
 * Rule debugger-bucket: the debugger's own classification when it cannot pin a module.
 */
import { blocksOf } from '../../run';
import { addFinding, signal, type VerdictContext } from '../context';
import type { Rule } from '../rule';

export const debuggerBucket: Rule = {
  id: 'debugger-bucket',
  description: "Reads !analyze's pseudo-modules (hardware, memory_corruption) and failure buckets (…_ONE_BIT, DISK_HARDWARE_ERROR, CODE_CORRUPTION).",
  reasoning:
    'When !analyze cannot attribute a crash to a module it says so in its own vocabulary: MODULE_NAME hardware or memory_corruption, and ' +
    'failure buckets ending in _ONE_BIT or _STRIDE (bit flips in code pages: bad RAM), DISK_HARDWARE_ERROR, CODE_CORRUPTION or ' +
    'POOL_CORRUPTION. These are classifications, not suspects: they steer the category and are never blamed as modules.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-analyze; https://learn.microsoft.com/windows-hardware/drivers/debugger/using-the--analyze-extension',
  apply(ctx: VerdictContext): void {
    for (const b of blocksOf(ctx.model, 'analyze-v')) {
      const bucket = b.data.fields.FAILURE_BUCKET_ID;
      if (bucket && bucket.value !== '') {
        addFinding(ctx, { id: 'analyze.bucket', severity: 'info', title: `The debugger's failure bucket: ${bucket.value}`, lines: [bucket.line] });
        break;
      }
    }
    for (const b of blocksOf(ctx.model, 'analyze-v')) {
      const f = b.data.fields;
      const names = [f.MODULE_NAME, f.IMAGE_NAME, f.FAULTING_MODULE].filter((x): x is { value: string; line: number } => x !== undefined);
      if (b.data.probablyCausedBy) {
        names.push({ value: b.data.probablyCausedBy.module, line: b.data.probablyCausedBy.line });
      }
      const buckets = [f.FAILURE_BUCKET_ID, f.DEFAULT_BUCKET_ID, f.BUCKET_ID, f.BUGCHECK_STR, f.FAILURE_ID_HASH_STRING].filter(
        (x): x is { value: string; line: number } => x !== undefined,
      );
      for (const n of names) {
        const v = n.value.toLowerCase();
        if (/^hardware_(?:disk|ram|cpu)?|^hardware$/.test(v)) {
          signal(ctx, v.includes('disk') ? 'disk-io' : 'hardware', `the debugger attributes the crash to ${n.value}`, n.line);
        } else if (v === 'memory_corruption') {
          signal(ctx, 'memory-corruption', 'the debugger reports memory corruption (MODULE_NAME: memory_corruption)', n.line);
        }
      }
      for (const bk of buckets) {
        const v = bk.value.toUpperCase();
        if (/DISK_HARDWARE_ERROR|HARDWARE_DISK/.test(v)) {
          signal(ctx, 'disk-io', `the failure bucket says ${bk.value}`, bk.line);
        } else if (/_ONE_BIT|HARDWARE_RAM|_STRIDE|_LARGE_/.test(v) && /MEMORY_CORRUPTION|HARDWARE/.test(v)) {
          signal(ctx, 'hardware', `the failure bucket ${bk.value} points to a hardware memory fault (bit flips in code pages)`, bk.line);
        } else if (/MEMORY_CORRUPTION|CODE_CORRUPTION|POOL_CORRUPTION/.test(v)) {
          signal(ctx, 'memory-corruption', `the failure bucket says ${bk.value}`, bk.line);
        } else if (/MANUALLY_INITIATED/.test(v)) {
          signal(ctx, 'manual', `the failure bucket says ${bk.value}`, bk.line);
        }
      }
    }
  },
};
