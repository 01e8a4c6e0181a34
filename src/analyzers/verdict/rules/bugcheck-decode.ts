/**
 * Rule bugcheck-decode: the bug check's arguments in words, and what the
 * faulting stack says about the moment of the crash.
 */
import { findFrame } from '../../commands/stack';
import { normalizeAddress } from '../../normalize';
import { blocksOf } from '../../run';
import { addFinding, type VerdictContext } from '../context';
import { describeResolved } from '../describe-bugcheck';
import type { Rule } from '../rule';

/** Frames of the I/O manager loading boot and system drivers. */
const DRIVER_LOAD = /^Iop(LoadDriver|InitializeSystemDrivers|InitializeBootDrivers)/;

export const bugcheckDecode: Rule = {
  id: 'bugcheck-decode',
  description: 'Decodes the bug check arguments, names a terminated critical process, and notes a crash during driver loading.',
  reasoning:
    'Every analysis starts from the stop code and its four parameters: the bug check reference says what each one holds for each subcode ' +
    '(a thread, an IRP, a timeout in seconds, an NTSTATUS). Experts read them before any stack, and follow what they point to: the ' +
    'process object of 0xF4/0xEF is looked up with !process to name the process that died, and IopLoadDriver on the stack places the crash ' +
    'in driver initialisation. Where the code itself had to be inferred (from a KeBugCheckEx frame, the argument texts or the failure bucket), say so.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-code-reference2',
  apply(ctx: VerdictContext): void {
    const b = ctx.bugcheck;
    for (const note of ctx.bugcheckNotes) {
      addFinding(ctx, note);
    }
    if (b === null) {
      if (ctx.unnamedCrash) {
        addFinding(ctx, {
          id: 'bugcheck.unknown-code',
          severity: 'warning',
          title: 'A bug check happened (nt!KeBugCheckEx is on the stack) but its code is not in the paste: run .bugcheck or !analyze -v',
          lines: [],
        });
      }
      return;
    }
    if (b.source === 'frame') {
      addFinding(ctx, {
        id: 'bugcheck.from-frame',
        severity: 'info',
        title: `The bug check code (0x${b.code.toString(16).toUpperCase()}) is read from the first argument of the nt!KeBugCheckEx frame: no !analyze -v code line was pasted`,
        lines: [b.line],
      });
    }
    describeResolved(b).decodedArgs.forEach((a, k) => {
      if (a.decoded && a.decoded !== 'not shown in the input') {
        addFinding(ctx, { id: 'bugcheck.arg', severity: 'info', title: `Arg${k + 1} ${a.value}: ${a.decoded}`, lines: [b.argLines[k] || b.line] });
      }
    });
    // Critical process termination (0xF4 / 0xEF): name the process if !process shows it.
    if ((b.code === 0xf4 || b.code === 0xef) && b.args[1]) {
      const addr = normalizeAddress(b.args[1]);
      for (const p of blocksOf(ctx.model, 'process')) {
        for (const proc of p.data.processes) {
          if (normalizeAddress(proc.address) === addr && proc.image) {
            addFinding(ctx, { id: 'bugcheck.process', severity: 'warning', title: `The terminated critical process is ${proc.image}`, lines: [proc.line] });
          }
        }
      }
    }
    const loading = findFrame(ctx.primary ? [ctx.primary] : [], (f) => f.symbol !== null && DRIVER_LOAD.test(f.symbol));
    if (loading) {
      addFinding(ctx, {
        id: 'stack.driver-load',
        severity: 'info',
        title: `${loading.site} is on the stack: the crash happened while drivers were being loaded`,
        lines: [loading.line],
      });
    }
  },
};
