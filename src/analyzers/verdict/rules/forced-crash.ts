/**
 * Rule forced-crash: a crash raised on purpose (keyboard, NMI, NotMyFault, a live dump).
 */
import { MANUAL_CODES } from '../../knowledge/bugcheck-classes';
import { isCrashToolModule } from '../../knowledge/modules';
import { blocksOf } from '../../run';
import { addFinding, signal, type VerdictContext } from '../context';
import type { Rule } from '../rule';

export const forcedCrash: Rule = {
  id: 'forced-crash',
  description: 'MANUALLY_INITIATED_CRASH, NMI, live dumps and crash-test tools (NotMyFault) are crashes forced on purpose.',
  reasoning:
    'People force a crash to capture a machine that hangs: Ctrl+Scroll Lock (0xE2), an NMI button (0x80), a live dump (0x161), ' +
    'a break into the kernel debugger (its 0x80000003 and DbgBreakPointWithStatus are the debugger\'s own, and "Unknown bugcheck code (0)" means no bug check) or ' +
    "Sysinternals NotMyFault, whose myfault.sys crashes the system on request. The crashing stack is the tool's, so it blames nothing; " +
    'what matters is what the other threads were waiting for when the crash was forced (the hang rules read that).',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debugger/forcing-a-system-crash-from-the-keyboard; https://learn.microsoft.com/sysinternals/downloads/notmyfault',
  apply(ctx: VerdictContext): void {
    for (const b of [...blocksOf(ctx.model, 'bugcheck'), ...blocksOf(ctx.model, 'analyze-v')]) {
      const tool = b.data.fields.CRASH_TOOL;
      const named = [b.data.fields.MODULE_NAME, b.data.fields.IMAGE_NAME].find((f) => f !== undefined && isCrashToolModule(f.value.split(/\s/)[0] ?? ''));
      if (tool || named) {
        signal(ctx, 'manual', `the crash was raised by ${tool?.value ?? named?.value ?? 'a crash-test tool'}, a tool that crashes the machine on request`, (tool ?? named)?.line);
      }
    }
    if (ctx.liveBreak) {
      signal(ctx, 'manual', `the debugger broke into a running system (${ctx.liveBreak.why})`, ctx.liveBreak.line);
      addFinding(ctx, {
        id: 'session.live-break',
        severity: 'info',
        title: `A break into the debugger, not a crash: ${ctx.liveBreak.why}. Its breakpoint (0x80000003) is the debugger's own; the stacks show what was running or waiting at that moment`,
        lines: [ctx.liveBreak.line],
      });
    }
    if (ctx.bugcheck && MANUAL_CODES.has(ctx.bugcheck.code)) {
      signal(ctx, 'manual', 'this stop code is raised on purpose (keyboard, NMI button or a tool)', ctx.bugcheck.line);
    }
  },
};
