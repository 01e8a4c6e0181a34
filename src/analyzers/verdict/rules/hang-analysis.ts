/**
 * Rule hang-analysis: the debugger's own hang analysis (`!analyze -hang`, a
 * hang bucket, a dump written to capture a hung process).
 */
import { blocksOf } from '../../run';
import type { Stack } from '../../types';
import { addEvidence, addFinding, signal, type VerdictContext } from '../context';
import { isCandidate } from '../modules';
import type { Rule } from '../rule';

/** The stack !analyze picked for a hang: the program's own frame on it is a strong lead, not proof. */
const CHOSEN_STACK = 0.45;
/** The thread !analyze names as blocking the others. */
const BLOCKING_THREAD = 0.35;

/** "0000000000001b3c", "1b3c", "0x1b3c" → "1b3c". */
function threadId(value: string): string {
  return value.trim().replace(/^0x/i, '').replace(/^0+(?=[0-9a-f])/i, '').toLowerCase();
}

/** The first frame of code that is not Windows' own plumbing. */
function ownFrame(s: Stack): Stack['frames'][number] | undefined {
  return s.frames.find((f) => isCandidate(f.module));
}

export const hangAnalysis: Rule = {
  id: 'hang-analysis',
  description: "A hang the debugger analysed as one (`!analyze -hang`, an APPLICATION_HANG bucket, a hang dump's 0x80000007/0xCFFFFFFF): the program's code on the stack it picked, and the thread it names as blocking.",
  reasoning:
    'A hung process is captured by stopping it on purpose (Windows Error Reporting, Task Manager, ProcDump -h, DebugDiag), so its dump holds ' +
    'a "wake debugger" event or the 0xCFFFFFFF hang code, not a crash. `!analyze -hang` then picks the thread that blocks the others ' +
    '(BLOCKING_THREAD, DERIVED_WAIT_CHAIN) and buckets the result APPLICATION_HANG_…. The category is a hang, and the suspect is the ' +
    "program's own code on that thread — the function that waits or spins — not ntdll or kernelbase where every wait ends.",
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-analyze; https://learn.microsoft.com/windows/win32/wer/wer-settings',
  apply(ctx: VerdictContext): void {
    const hang = ctx.hangAnalysis;
    if (hang === undefined) {
      return;
    }
    signal(ctx, 'hang-deadlock', `the debugger analysed a hang (${hang.why})`, hang.line);
    for (const b of blocksOf(ctx.model, 'analyze-v')) {
      const s = b.data.stack;
      const f = s ? ownFrame(s) : undefined;
      if (f?.module) {
        addEvidence(ctx, f.module, CHOSEN_STACK, `${f.site} is the first frame of the program's own code on the stack !analyze chose for this hang`, f.line, true);
      }
      const blocking = b.data.fields.BLOCKING_THREAD;
      if (blocking === undefined) {
        continue;
      }
      const id = threadId(blocking.value);
      const own = ctx.stacks.find((st) => st.thread !== undefined && threadId(st.thread) === id);
      const g = own ? ownFrame(own) : undefined;
      addFinding(ctx, {
        id: 'hang.blocking-thread',
        severity: 'warning',
        title: `!analyze names thread ${id} as the one the others wait for${g ? `; its own code is at ${g.site}` : ' (its stack is not in this input: switch to it with ~~[' + id + ']s and run k)'}`,
        lines: g ? [blocking.line, g.line] : [blocking.line],
      });
      if (g?.module) {
        addEvidence(ctx, g.module, BLOCKING_THREAD, `${g.site} is on the stack of thread ${id}, which !analyze names as blocking the others`, g.line, true);
      }
    }
  },
};
