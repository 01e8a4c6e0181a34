/**
 * Rule faulting-stack: the first module on the faulting stack that is not Microsoft's framework.
 */
import { CORRUPTION_CODES } from '../../knowledge/bugcheck-classes';
import { canonicalModuleName } from '../../knowledge/modules';
import { addEvidence, addFinding, sessionExceptions, type VerdictContext } from '../context';
import { frameColumns } from '../../commands/stack';
import { HEAP_ALLOCATION, HEAP_ROUTINE } from '../../knowledge/frames';
import { frameRuntimeFault } from '../../knowledge/runtime-faults';
import type { StackFrame } from '../../types';
import { isCandidate, origin } from '../modules';
import type { Rule } from '../rule';
import { decideKind } from '../session';
import { uninformativeFrames, userModeEntry } from '../stack-reading';

/** Heap corruption (0xC0000374) and a security check failure that the heap raised. */
const HEAP_CODES = new Set([0xc0000374]);
/** A caller that only allocated when the heap corruption was found: probably a victim. */
const HEAP_VICTIM_SCALE = 0.5;
/** Bug checks that report corrupted memory show victims: their stack counts half. */
const VICTIM_SCALE = 0.5;
/** A runtime fault known to mean an outdated runtime (runtime-mismatch): the callers did nothing wrong. */
const RUNTIME_SCALE = 0.3;

/** x64 user-mode addresses end below 0x0000_8000_0000_0000; x86 ones below 0x8000_0000 (without /3GB). */
function onUserStack(f: StackFrame, lines: readonly string[]): boolean {
  const sp = frameColumns(lines[f.line - 1] ?? '')?.sp;
  if (sp === undefined) {
    return false;
  }
  const hex = sp.replace('`', '');
  if (!/^[0-9a-f]+$/i.test(hex) || /^0+$/.test(hex)) {
    return false;
  }
  return hex.length > 8 ? hex.length === 16 && Number.parseInt(hex.slice(0, 4), 16) < 0x8000 : hex.length === 8 && Number.parseInt(hex, 16) < 0x80000000;
}

export const faultingStack: Rule = {
  id: 'faulting-stack',
  description: "Reads the faulting stack top-down past the crash machinery and Microsoft's framework modules: the first other module is the first suspect.",
  reasoning:
    "The classic reading of a crash: take the stack of the faulting thread (the context after .cxr/.trap, or !analyze's STACK_TEXT), skip KeBugCheckEx, the trap and page-fault handlers and the kernel's own framework, and look at the first driver that is not Microsoft's, never past the system call's entry (below it is the user-mode program that made the call: a trigger, since a driver must check its input); below Microsoft frames it is usually the one that passed the bad pointer or ran at the wrong IRQL. Other third-party modules further down weigh less. Microsoft modules are left to the microsoft-code-path rule. Bug checks that report corrupted memory show victims, so their stack weighs half. A program's own heap wrapper at the top (a product's HeapFree, jemalloc's je_free) only passes on its caller's pointer: the caller is weighed first.",
  source: "https://learn.microsoft.com/windows-hardware/drivers/debugger/analyzing-a-kernel-mode-dump-file-with-windbg; Windows Internals, 7th ed., part 2, ch. 10 (Crash dump analysis)",
  apply(ctx: VerdictContext): void {
    const s = ctx.primary;
    if (s && ctx.crash) {
      const why = s.context
        ? 'printed after setting the exception or trap context (.cxr/.trap), so it shows where the fault happened'
        : s.source.startsWith('STACK_TEXT')
          ? "the debugger's own choice in !analyze -v"
          : ctx.bugcheck
            ? 'the stack that reaches the bug check'
            : ctx.exception
              ? 'the first stack pasted with the exception'
              : 'the stack that shows the crash';
      addFinding(ctx, { id: 'stack.faulting', severity: 'info', title: `Faulting stack: ${s.source} (${s.frames.length} frames) — ${why}`, lines: [s.line] });
    }
    // Hangs and leaks without a crash have no faulting stack; their evidence is locks, waits and pools.
    if (!s || !ctx.crash) {
      return;
    }
    const victims = ctx.bugcheck !== null && CORRUPTION_CODES.has(ctx.bugcheck.code);
    const staleRuntime = ctx.bugcheck === null && s.frames.slice(0, 2).some((g) => frameRuntimeFault(g) !== undefined);
    const scale = victims ? VICTIM_SCALE : staleRuntime ? RUNTIME_SCALE : 1;
    const only = uninformativeFrames(s);
    if (only) {
      addFinding(ctx, {
        id: 'stack.uninformative',
        severity: 'info',
        title: `The stack (${s.source}) holds only ${only.map((f) => f.site).join(', ')}: it cannot name the culprit`,
        lines: [s.line],
      });
      return;
    }
    // Heap corruption detected during a later allocation: whoever asked for memory there is a victim.
    const heapCase = sessionExceptions(ctx).some((e) => HEAP_CODES.has(e.code));
    const seen = new Set<string>();
    let first = true;
    // When the first module was only allocating as the corrupt heap was found, its callers are bystanders too.
    let heapScale = 1;
    const kernelCrash = (ctx.bugcheck !== null || ctx.crashWithoutCode || ctx.stackCrash === 'kernel') && decideKind(ctx) !== 'user';
    const entry = kernelCrash ? userModeEntry(s) : -1;
    // A pasted piece of the stack may hold only the program's frames, its entry into the kernel cut off:
    // their stack pointers are user-mode addresses.
    const userFrom = kernelCrash && entry < 0 ? s.frames.findIndex((f) => onUserStack(f, ctx.model.source.lines)) : -1;
    for (const [k, f] of s.frames.entries()) {
      // Below the system call's entry a kernel stack is the calling program: a trigger, not a driver to blame.
      if (k === entry || k === userFrom) {
        const caller = s.frames.slice(k === entry ? k + 1 : k).find((g) => isCandidate(g.module));
        if (caller?.module) {
          addFinding(ctx, {
            id: 'stack.syscall-caller',
            severity: 'info',
            title: `${caller.module} (user mode) made the system call that led to the crash: it triggered it, but the kernel code that handled the call should have checked what it was given`,
            lines: [caller.line],
          });
        }
        break;
      }
      if (!isCandidate(f.module)) {
        continue;
      }
      const key = canonicalModuleName(f.module);
      if (seen.has(key)) {
        continue;
      }
      seen.add(key);
      const noSymbols = f.symbol === null;
      const where = `${f.site}${noSymbols ? ' (no symbols)' : ''}`;
      // A program's own heap wrapper at the top (ExchMHeapFree over RtlFreeHeap) passes its caller's pointer on:
      // the caller's module is the one to weigh first.
      const next = s.frames.slice(k + 1).find((g) => isCandidate(g.module));
      if (first && f.symbol !== null && HEAP_ROUTINE.test(f.symbol) && next?.module !== undefined && next.module !== null && canonicalModuleName(next.module) !== key) {
        addEvidence(ctx, f.module, 0.15 * scale, `${where} is a heap routine: it received the pointer or the damaged heap from its caller`, f.line);
        continue;
      }
      if (first) {
        const above = s.frames.slice(0, s.frames.indexOf(f)).filter((g) => g.module !== null).map((g) => g.module as string);
        const belowMs = above.length > 0 && above.every((m) => origin(m) === 'microsoft');
        // In a user-mode exception the first non-framework frame is the application's own code.
        const userFault = ctx.bugcheck === null && (ctx.exception || ctx.stackCrash === 'user') && decideKind(ctx) === 'user';
        const allocating = heapCase && s.frames.slice(0, s.frames.indexOf(f)).some((g) => g.symbol !== null && HEAP_ALLOCATION.test(g.symbol));
        addEvidence(
          ctx,
          f.module,
          (userFault ? 0.5 : belowMs ? 0.45 : 0.4) * scale * (allocating ? HEAP_VICTIM_SCALE : 1),
          `${where} is the first ${origin(f.module) === 'third-party' ? 'third-party' : 'non-Microsoft'} frame on the faulting stack${belowMs ? ', below Microsoft frames' : ''}${victims ? ' (this bug check usually shows a victim, so it weighs less)' : ''}${staleRuntime ? ' (it called into a runtime routine whose fault is the known symptom of an outdated runtime, so it weighs less)' : ''}${allocating ? ' (the heap corruption was found while it allocated memory: it is probably a victim of an earlier overrun or double free; enable page heap to catch the culprit)' : ''}`,
          f.line,
        );
        first = false;
        heapScale = allocating ? HEAP_VICTIM_SCALE : 1;
      } else {
        addEvidence(ctx, f.module, 0.25 * scale * heapScale, `${where} is also on the faulting stack`, f.line);
      }
    }
  },
};
