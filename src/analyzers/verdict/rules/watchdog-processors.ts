/**
 * Rule watchdog-processors: what each other processor runs during a clock watchdog timeout.
 */
import { canonicalModuleName } from '../../knowledge/modules';
import { addFinding, argNum, type VerdictContext } from '../context';
import type { Rule } from '../rule';

export const watchdogProcessors: Rule = {
  id: 'watchdog-processors',
  description: "0x101: what every other processor was running (its stack past the interrupt frames).",
  reasoning:
    "In a clock watchdog timeout the processors that did answer are often waiting for the one that did not (an IPI flush, a spin lock); experts list what each processor runs (!running -it, ~N k) to see who waits for whom and which driver path led there.",
  source: "https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-0x101---clock-watchdog-timeout; https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-running",
  apply(ctx: VerdictContext): void {
    if (ctx.bugcheck?.code !== 0x101) {
      return;
    }
    const hung = argNum(ctx, 4);
    const done = new Set<number>();
    for (const s of ctx.stacks) {
      if (s.processor === undefined || s.processor === hung || done.has(s.processor)) {
        continue;
      }
      // The code an interrupt stopped sits below its trap frame; otherwise the first real frame.
      const trapAt = s.frames.slice(0, 8).findIndex((f) => f.trapFrame !== undefined && /^Ki(?:Interrupt|Ipi)/.test(f.symbol ?? ''));
      const candidates = trapAt >= 0 ? s.frames.slice(trapAt + 1) : s.frames;
      const top = candidates.find(
        (f) => f.module !== null && !/^hal$/i.test(f.module) && !(f.symbol !== null && /^(?:KeBugCheck|KiBugCheck|KeUpdateSystemTime|KeClockInterrupt|KiInterrupt|KiIpi|\?\?)/.test(f.symbol)),
      );
      if (!top) {
        continue;
      }
      done.add(s.processor);
      const via = [...new Set(s.frames.map((f) => f.module).filter((m): m is string => m !== null && !/^(nt|hal)$/i.test(canonicalModuleName(m))))].slice(0, 2);
      addFinding(ctx, {
        id: 'watchdog.processor',
        severity: 'info',
        title: `Processor ${s.processor} runs ${top.site}${via.length > 0 ? ` (from ${via.join(', ')})` : ''}`,
        lines: [top.line],
      });
    }
  },
};
