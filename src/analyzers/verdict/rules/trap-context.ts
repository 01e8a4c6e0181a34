/**
 * Rule trap-context: where the trap frame or exception context stopped.
 */
import { frameColumns, parseSite } from '../../commands/stack';
import { isPseudoModule } from '../../knowledge/modules';
import { normalizeAddress } from '../../normalize';
import { blocksOf } from '../../run';
import type { StackFrame } from '../../types';
import { addEvidence, addFinding, exceptionSites, sessionExceptions, type VerdictContext } from '../context';
import { isCandidate } from '../modules';
import type { Rule } from '../rule';

/** Breakpoints (int 3, and a 32-bit program's under WOW64): the debugger stopping on purpose, not a fault. */
const BREAKPOINTS: ReadonlySet<number> = new Set([0x80000003, 0x4000001f]);
/** Lines from the exception's line to the register dump printed for it (the notice, a prompt, `r`). */
const EVENT_GAP = 6;

/** As strong as FAULTING_IP in !analyze: the faulting instruction's module. */
const CONTEXT_IP_WEIGHT = 0.45;

export const trapContext: Rule = {
  id: 'trap-context',
  description: "After .trap/.cxr/.ecxr (or in .exr's ExceptionAddress): the function the saved instruction pointer is in, and in a crash the module it names.",
  reasoning:
    "The trap frame or exception context holds the registers at the moment of the fault; the instruction pointer there is the faulting instruction, whatever the bug check stack shows. Experts switch to it with .trap or .cxr and read rip/eip and the stack from there. When the debugger stops on an exception it prints the same registers itself, right after the exception's notice (or `r` after `.lastevent`): they are read the same way.",
  source: "https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-trap--display-trap-frame-; https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-cxr--display-context-record-",
  apply(ctx: VerdictContext): void {
    // Lines of the exceptions the debugger stopped on (breakpoints and hang-dump codes aside).
    const events = sessionExceptions(ctx)
      .filter((e) => !BREAKPOINTS.has(e.code))
      .map((e) => e.line);
    for (const b of blocksOf(ctx.model, 'registers')) {
      const ecxr = /^\.ecxr\b/i.test(b.segment.command);
      // The registers the debugger prints when it stops on an exception ("(1c8c.2a4): Access violation -
      // code c0000005 (first chance)", or `.lastevent` then `r`) are the faulting context too.
      const atEvent = (b.data.command === 'r' || b.data.command === 'unknown') && events.some((l) => b.line > l && b.line - l <= EVENT_GAP);
      if (b.data.command !== 'trap' && b.data.command !== 'cxr' && !ecxr && !atEvent) {
        continue;
      }
      const ip = b.data.registers.rip ?? b.data.registers.eip;
      if (!ip || /^0+$/.test(ip)) {
        continue;
      }
      const want = normalizeAddress(ip);
      let site = b.data.ip;
      if (!site) {
        // A stack printed in that context starts at the instruction pointer.
        const after = ctx.stacks.find((s) => s.context === true && s.line > b.line && s.frames.length >= 2 && !/^\.frame/i.test(s.source));
        site = after?.frames[0]?.site;
      }
      if (!site) {
        // The frame whose caller returns to `ip` is the function the trap interrupted.
        // Return addresses are read from the frames' input lines, only from
        // lines that show the address's last digits.
        const lines = ctx.model.source.lines;
        const tail = want.slice(-8);
        const tailUpper = tail.toUpperCase();
        const returnsToIp = (f: StackFrame): boolean => {
          const text = lines[f.line - 1];
          if (text === undefined || (!text.includes(tail) && !text.includes(tailUpper))) {
            return false;
          }
          const retAddr = frameColumns(text)?.retAddr;
          return retAddr !== undefined && normalizeAddress(retAddr) === want;
        };
        for (const s of ctx.stacks) {
          const k = s.frames.findIndex(returnsToIp);
          const f = k >= 0 ? s.frames[k + 1] : undefined;
          if (f) {
            site = f.site;
            break;
          }
        }
      }
      // In a crash, the module at the context's instruction pointer is where the fault happened.
      const mod = site !== undefined ? parseSite(site).module : null;
      if (ctx.crash && isCandidate(mod) && !isPseudoModule(mod)) {
        // The line that prints the symbol ("contosodrv!Dispatch+0x2a:"), else the block's first.
        const lines = ctx.model.source.lines;
        let at = b.line;
        for (let i = b.line - 1; i < b.endLine && i < lines.length; i++) {
          if ((lines[i] as string).includes(site as string)) {
            at = i + 1;
            break;
          }
        }
        addEvidence(ctx, mod, CONTEXT_IP_WEIGHT, `the ${b.data.command === 'trap' ? 'trap frame' : 'exception context'}'s instruction pointer is in it (${site ?? ''})`, at);
      }
      addFinding(ctx, {
        id: 'context.ip',
        severity: 'info',
        title: `The ${b.data.command === 'trap' ? 'trap frame' : 'exception context'} stopped at ${b.data.registers.rip ? 'rip' : 'eip'}=${ip}${site ? ` (${site})` : ''}`,
        lines: [b.line],
      });
    }
    // `.exr`'s ExceptionAddress names the faulting instruction the same way, registers or not.
    if (ctx.crash) {
      for (const f of exceptionSites(ctx)) {
        const mod = f.module;
        if (isCandidate(mod) && !isPseudoModule(mod) && !ctx.evidence.some((e) => e.rule === 'trap-context' && e.module === mod)) {
          addEvidence(ctx, mod, CONTEXT_IP_WEIGHT, `the exception record's address is in it (${f.site})`, f.line);
        }
      }
    }
  },
};
