/**
 * Rule microsoft-code-path: a crash in a Microsoft module's own code path,
 * with nothing third-party anywhere in sight.
 */
import { CORRUPTION_CODES } from '../../knowledge/bugcheck-classes';
import { EXCEPTION_DISPATCH, KERNEL_DISPATCH, KERNEL_FAULT, LIBRARY_ROUTINE, MACHINERY, THREAD_ROOT } from '../../knowledge/frames';
import { canonicalModuleName, isFrameworkModule, isVerifierImage, isWindowsUserModeImage } from '../../knowledge/modules';
import type { Stack, StackFrame } from '../../types';
import { addEvidence, exceptionSites, type VerdictContext } from '../context';
import { isCandidate, origin } from '../modules';
import { textLead } from './named-in-text';
import type { Rule } from '../rule';
import { decideKind } from '../session';
import { kernelFrames } from '../stack-reading';
import { stackModules } from '../threads';

/**
 * A whole kernel stack through a Microsoft driver: after combine's damping of
 * Microsoft modules (×0.75, capped at 0.6) the driver is named as the likely
 * cause (about 0.5).
 */
const WHOLE_KERNEL_PATH = 0.7;
/** A user-mode fault in a Windows DLL, or a stack cut before its start: a leading suspect only. */
const PARTIAL = 0.4;
/** A dispatch framework (NDIS, filter manager, WDF…) as the only module: named, never blamed. */
const FRAMEWORK_WEIGHT = 0.3;
/** Corruption bug checks may show a victim: weigh the code path less. */
const VICTIM_SCALE = 0.75;
/** Foreign evidence at least this strong means another module is in sight. */
const FOREIGN_IN_SIGHT = 0.15;
/** Modules where every thread passes: never named by this rule. */
const EVERYWHERE = new Set(['nt', 'hal', 'ntdll', 'kernel32', 'kernelbase']);
/** Pastes read word by word for a driver's name (as named-in-text reads them). */
const TEXT_LINES = 20000;
/** The kernel's own images (canonical names). */
const KERNEL_IMAGES = new Set(['nt', 'hal']);

/** Bug checks of a bad access (page fault, exception, write to read-only memory): the code that made it is the suspect. */
const BAD_ACCESS_CODES: ReadonlySet<number> = new Set([0xa, 0x1e, 0x3b, 0x50, 0x7e, 0x8e, 0xbe, 0xcd, 0xd5, 0xfc, 0x1000007e, 0x1000008e]);

/**
 * A bad access whose whole kernel path is the kernel's own (nt and hal, from
 * a system call or a kernel thread, no driver anywhere): the kernel function
 * that made the access, once the fault handling and the library routines it
 * called are set aside, is the code path that failed.
 */
function kernelOwnPath(ctx: VerdictContext, s: Stack): void {
  if (ctx.bugcheck === null || !BAD_ACCESS_CODES.has(ctx.bugcheck.code)) {
    return;
  }
  const frames = kernelFrames(s);
  if (frames.some((x) => x.module !== null && !KERNEL_IMAGES.has(canonicalModuleName(x.module)))) {
    return;
  }
  // A bug in the kernel itself is the last explanation: a third-party driver the words around the
  // output name (an antivirus the poster suspects) comes first, even off the stack.
  if (ctx.model.source.lines.length <= TEXT_LINES && textLead(ctx) !== undefined) {
    return;
  }
  const owner = frames.find(
    (x) => x.symbol !== null && !KERNEL_FAULT.test(x.symbol) && !EXCEPTION_DISPATCH.test(x.symbol) && !LIBRARY_ROUTINE.test(x.symbol) && x.symbol !== 'MmAccessFault',
  );
  if (!owner?.module || owner.symbol === null || KERNEL_DISPATCH.test(owner.symbol) || THREAD_ROOT.test(owner.symbol) || canonicalModuleName(owner.module) === 'hal') {
    return;
  }
  addEvidence(
    ctx,
    owner.module,
    PARTIAL,
    `the whole kernel path is the kernel's own: ${owner.site} made the bad access, with no driver on the stack: a Windows bug to look up (or memory that something outside this paste corrupted)`,
    owner.line,
  );
}

/** The stack reaches the start of its thread (or DPC, timer, system call): nothing was cut off below. */
function isWhole(s: Stack): boolean {
  const named = kernelFrames(s).filter((f) => f.symbol !== null);
  return named.slice(-4).some((f) => THREAD_ROOT.test(f.symbol as string));
}

export const microsoftCodePath: Rule = {
  id: 'microsoft-code-path',
  description:
    'A crash whose faulting stack runs only through Microsoft code, with no third-party module on any stack, IRP or raw stack: name the Microsoft module whose code path failed.',
  reasoning:
    "Microsoft's own drivers have bugs too, fixed by Windows updates (tcpip's reassembly, http's header parsing, clfs's log parsing, a " +
    "storage or network driver's DPC). When the faulting stack holds only Microsoft code from the thread's start to the fault, and nothing " +
    'third-party appears anywhere in the session (no other stack, blocked IRP, raw-stack reference or named module), experts name the ' +
    'first Microsoft driver below the kernel on that stack, the one whose own work item, timer, DPC or request parsing failed, and look ' +
    'for its update. A stack cut short may hide the third-party caller, and the dispatch frameworks (NDIS, filter manager, WDF) usually ' +
    'run someone else’s request: both are named without blame, and when a framework routine failed while a Microsoft driver called it, ' +
    'that driver’s code path is the one named. In a program, the exception record’s own address names the code path when the stack ' +
    'pasted is another thread’s. The kernel, HAL and core DLLs stay where crashes land, with one exception: a bad access whose whole ' +
    'kernel path, from a system call or a kernel thread, is the kernel’s own names the kernel function that made it (as Project Zero ' +
    'and Microsoft’s bulletins do for kernel bugs), unless the words around the output name a third-party driver.',
  source:
    'https://learn.microsoft.com/windows-hardware/drivers/debugger/analyzing-a-kernel-mode-dump-file-with-windbg; https://learn.microsoft.com/troubleshoot/windows-client/performance/stop-error-or-blue-screen-error-troubleshooting',
  apply(ctx: VerdictContext): void {
    const s = ctx.primary;
    if (!s || !ctx.crash) {
      return;
    }
    // Anything not Microsoft's anywhere in sight: the other rules speak for it.
    // In a kernel crash the user-mode program below a system call is not in sight: it only made the call.
    const kernelCrash = decideKind(ctx) !== 'user';
    if (kernelCrash) {
      if (ctx.stacks.some((st) => kernelFrames(st).some((f) => isCandidate(f.module)))) {
        return;
      }
    } else {
      for (const key of stackModules(ctx)) {
        if (isCandidate(key)) {
          return;
        }
      }
    }
    if (ctx.evidence.some((e) => e.weight >= FOREIGN_IN_SIGHT && origin(e.module) !== 'microsoft')) {
      return;
    }
    const eligible = (x: StackFrame): boolean =>
      x.module !== null &&
      !EVERYWHERE.has(canonicalModuleName(x.module)) &&
      // A verifier reports what it found in the code below it.
      !isVerifierImage(x.module) &&
      !(x.symbol !== null && MACHINERY.test(x.symbol)) &&
      // A kernel crash is about drivers: a user-mode process on the stack (csrss) is not a code path here.
      !(kernelCrash && isWindowsUserModeImage(x.module));
    // A user-mode exception record names the faulting instruction itself (`ExceptionAddress: … (netapi32!ConvertPathMacros+0x101)`):
    // when the stack pasted is another thread's (one waiting in a download), the record's module is the code path.
    const recorded = kernelCrash ? undefined : exceptionSites(ctx)[0];
    if (recorded && eligible(recorded) && !s.frames.slice(0, 3).some((x) => x.module !== null && canonicalModuleName(x.module) === canonicalModuleName(recorded.module as string))) {
      addEvidence(
        ctx,
        recorded.module as string,
        PARTIAL,
        `the exception record puts the fault at ${recorded.site}, in ${recorded.module}, a Microsoft module, and no third-party module appears anywhere in this session: possibly a Windows bug, or bad input from the application`,
        recorded.line,
      );
      return;
    }
    // In a kernel crash the user-mode program below the system call only made the call.
    const frames = kernelCrash ? kernelFrames(s) : s.frames;
    const at = frames.findIndex(eligible);
    const first = frames[at];
    if (!first?.module) {
      if (kernelCrash) {
        kernelOwnPath(ctx, s);
      }
      return;
    }
    // A framework routine that failed was called by the driver below it with that driver's data
    // (bthpan → NDIS!NdisScheduleWorkItem): that driver's code path is the one that failed.
    const caller = isFrameworkModule(first.module)
      ? frames.slice(at + 1).find((x) => eligible(x) && !isFrameworkModule(x.module as string))
      : undefined;
    const f = caller ?? first;
    const framework = caller === undefined && isFrameworkModule(first.module);
    const whole = isWhole(s);
    const base = framework ? FRAMEWORK_WEIGHT : kernelCrash && whole ? WHOLE_KERNEL_PATH : PARTIAL;
    const victims = ctx.bugcheck !== null && CORRUPTION_CODES.has(ctx.bugcheck.code);
    const why = framework
      ? `a Microsoft framework that usually runs other ${kernelCrash ? 'drivers’' : 'modules’'} requests, so it is named, not blamed`
      : !whole
        ? 'the stack is cut before the thread’s start, so a caller may be missing'
        : !kernelCrash
          ? 'possibly a Windows bug, or bad input from the application'
          : `look for the Windows update that fixes ${f.module}`;
    const via = caller ? `, called into ${first.site} where it failed` : '';
    addEvidence(
      ctx,
      f.module as string,
      base * (victims ? VICTIM_SCALE : 1),
      `the failing code path is ${f.site}${via}, in ${f.module}, a Microsoft module, and no third-party module appears anywhere in this session: ${why}${victims ? ' (this bug check may show a victim)' : ''}`,
      f.line,
    );
  },
};
