/**
 * Rule loader-lock: a DLL's entry point (DllMain) that runs under the loader lock while threads wait for the loader.
 */
import type { Stack, StackFrame } from '../../types';
import { addEvidence, addFinding, signal, type VerdictContext } from '../context';
import { isBlameable, origin } from '../modules';
import type { Rule } from '../rule';
import { blockedOn } from '../waits';

/** The loader calling a DLL's entry point: attach (load), detach (unload, thread or process exit). */
const INIT_ROUTINE = /^(?:LdrpCallInitRoutine\w*|LdrpInitializeNode|LdrpRunInitializeRoutines|LdrxCallInitRoutine|LdrShutdownThread|LdrShutdownProcess|LdrpCallTlsInitializers)$/;
/** A thread waiting for the loader (its lock, or the work of another thread's load). */
const LOADER_WAIT = /^(?:LdrpDrainWorkQueue|LdrpWaitForLoaderLock\w*|LdrpAcquireLoaderLock|LdrLockLoaderLock)$/;
/** Loading a library: a thread blocked there waits for the loader too. */
const LOADING = /^(?:LdrpLoadDllInternal|LdrpLoadDll|LdrLoadDll|LdrGetProcedureAddress\w*|LdrpFindOrPrepareLoadingModule)$/;
/** Top frames looked at for a loader wait. */
const TOP = 8;
/** A DLL caught doing work in its entry point while others wait: the classic, but the paste may miss who waits on whom. */
const WEIGHT = 0.45;

/** The module whose entry point the loader is running on this stack, and the frame: the nearest code above the loader's call. */
function entryPoint(s: Stack): { frame: StackFrame; module: string } | null {
  const k = s.frames.findIndex((f) => f.symbol !== null && INIT_ROUTINE.test(f.symbol));
  if (k <= 0) {
    return null;
  }
  const above = s.frames.slice(0, k).reverse();
  // The DLL's own code is nearest the loader's call (CRT startup included); Microsoft frames further up are what its
  // DllMain called. A Microsoft DLL is the one initialized only when its frame sits right above the loader's call.
  const foreign = above.find((g) => g.module !== null && origin(g.module) !== 'microsoft');
  if (foreign?.module) {
    return { frame: foreign, module: foreign.module };
  }
  const next = s.frames[k - 1] as StackFrame;
  const init = s.frames[k] as StackFrame;
  const adjacent = next.index === undefined || init.index === undefined || next.index === init.index - 1;
  return next.module !== null && adjacent && isBlameable(next.module) ? { frame: next, module: next.module } : null;
}

function waitsForLoader(s: Stack): boolean {
  if (s.frames.some((f) => f.symbol !== null && INIT_ROUTINE.test(f.symbol))) {
    return false;
  }
  const top = s.frames.slice(0, TOP);
  return top.some((f) => f.symbol !== null && LOADER_WAIT.test(f.symbol)) || (blockedOn(s) !== null && top.some((f) => f.symbol !== null && LOADING.test(f.symbol)));
}

export const loaderLock: Rule = {
  id: 'loader-lock',
  description: "A thread running a DLL's entry point (DllMain, under the loader lock) that waits or does work needing other threads, while threads wait for the loader: that DLL holds the process.",
  reasoning:
    'Windows runs every DllMain (process and thread attach and detach) while it holds the loader lock, and Microsoft tells DLL authors ' +
    'to do nothing there that waits for another thread, creates windows, calls COM or loads libraries. When a DLL does, every thread ' +
    'that loads a library, starts or ends waits behind it: the UI freezes in LdrpDrainWorkQueue or LdrpWaitForLoaderLock, and the ' +
    'thread inside LdrpCallInitRoutine shows whose entry point is at work. Experts blame that DLL (often a shell extension, a hook ' +
    'or a security product injected into the process), not the program that happened to load it.',
  source: 'https://learn.microsoft.com/windows/win32/dlls/dynamic-link-library-best-practices; https://learn.microsoft.com/windows/win32/dlls/dllmain',
  apply(ctx: VerdictContext): void {
    if (ctx.bugcheck !== null || (ctx.exception && !ctx.signals.has('hang-deadlock'))) {
      return;
    }
    const waiting = ctx.stacks.filter(waitsForLoader);
    // The stacks that run an entry point and show a hang (they wait, or others wait for the loader);
    // a copy that shows the DLL's own frames beats one cut before them (Microsoft code only).
    const found = ctx.stacks
      .map((s) => ({ s, entry: entryPoint(s), blocked: blockedOn(s) !== null }))
      .filter((x): x is { s: Stack; entry: { frame: StackFrame; module: string }; blocked: boolean } => x.entry !== null && (waiting.length > 0 || x.blocked));
    const pick = found.find((x) => origin(x.entry.module) !== 'microsoft') ?? found[0];
    if (pick === undefined) {
      return;
    }
    const { s, entry, blocked } = pick;
    const others = waiting.filter((w) => w !== s).length;
    addEvidence(
      ctx,
      entry.module,
      WEIGHT,
      `${entry.frame.site} runs in a DLL entry point (DllMain) under the loader lock${blocked ? ' and waits there' : ''}${others > 0 ? `, while ${others} other stack${others > 1 ? 's wait' : ' waits'} for the loader` : ''}`,
      entry.frame.line,
      true,
    );
    signal(ctx, 'hang-deadlock', `${entry.module}'s DllMain holds the loader lock while threads wait for it`, entry.frame.line);
    addFinding(ctx, {
      id: 'hang.loader-lock',
      severity: 'critical',
      title: `${entry.module} works inside its DllMain under the loader lock${others > 0 ? ` while ${others} other thread${others > 1 ? 's wait' : ' waits'} for the loader` : ''}: a loader-lock hang; ${entry.module} is the DLL to fix or remove`,
      lines: [entry.frame.line, ...waiting.map((w) => w.line)].slice(0, 6),
    });
  },
};
