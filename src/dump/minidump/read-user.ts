/**
 * A user-mode minidump, read for the derived text: the streams, the
 * faulting (or first) thread's registers and its stack, walked as
 * stackwalk.ts describes.
 */
import type { DumpFile } from '../file';
import { AddressSpace } from '../memory';
import { ModuleMap } from '../modules';
import { walkStack, type StackWalk } from '../stackwalk';
import { ok, type Registers, type Result } from '../types';
import { readMinidump, readThreadContext, type Minidump } from './index';

/** Words of raw stack listed in the derived text. */
export const USER_RAW_STACK_WORDS = 0x200;

/**
 * Exception codes that do not end a process: a breakpoint or single step (a
 * dump taken on purpose, or by a debugger), a thread-naming or debug-print
 * exception. The same list as the text analyzers' (src/analyzers/bugcheck.ts).
 */
export const NOT_A_CRASH: ReadonlySet<number> = new Set([0x80000003, 0x80000004, 0x4000001f, 0x4000001e, 0x406d1388, 0x40010006, 0x4001000a, 0x80000007]);

/** Everything the user-mode text writer needs. */
export interface UserDump {
  fileSize: number;
  dump: Minidump;
  modules: ModuleMap;
  /** Index in the thread list of the thread the text is about (the exception's, else the first). */
  threadIndex: number;
  /** Its registers: the exception context, else its own. */
  regs: Registers | null;
  walk: StackWalk | null;
  /** The stored exception is a real crash (not a breakpoint or a debug event). */
  crash: boolean;
}

/** Read a minidump from `file`; fails only when its header or directory cannot be read. */
export async function readUserDump(file: DumpFile): Promise<Result<UserDump>> {
  const md = await readMinidump(file);
  if (!md.ok) {
    return md;
  }
  const dump = md.value;
  const modules = new ModuleMap(dump.modules);
  const exceptionThread = dump.exception !== null ? dump.threads.findIndex((t) => t.id === dump.exception?.threadId) : -1;
  const threadIndex = Math.max(0, exceptionThread);
  let regs = dump.exceptionContext;
  const thread = dump.threads[threadIndex];
  if (regs === null && thread !== undefined) {
    const r = await readThreadContext(file, thread.context, dump.system);
    regs = r.ok ? r.value : null;
    if (!r.ok && dump.otherSystem === null) {
      dump.notes.push(`thread ${threadIndex}: ${r.reason}`);
    }
  }
  let walk: StackWalk | null = null;
  if (regs !== null && dump.system !== null && dump.otherSystem === null) {
    const memory = new AddressSpace(file, dump.memory);
    walk = await walkStack({
      arch: dump.system.arch,
      is64: dump.system.arch === 'x64' || dump.system.arch === 'arm64',
      regs,
      memory,
      modules,
      unloaded: dump.unloaded,
      rawWords: USER_RAW_STACK_WORDS,
    });
  }
  const crash = dump.exception !== null && !NOT_A_CRASH.has(dump.exception.record.code);
  return ok({ fileSize: file.size, dump, modules, threadIndex, regs, walk, crash });
}
