/**
 * A stack without symbols or unwind tables, the way ../shared/dumps/FORMATS.md §7
 * describes it:
 *
 * - x64 (and any architecture whose frame chain breaks): scan the stack from
 *   the stack pointer. A value inside a loaded module is a candidate return
 *   address; it becomes a frame only when the code bytes the dump holds show
 *   a call instruction right before it (calls.ts). Candidates whose code the
 *   dump does not hold stay in the raw listing, unweighted: on the x64
 *   sample only 8 of 63 in-module values were confirmed calls, and an
 *   unconfirmed scan would blame whatever driver left a pointer behind.
 * - x86 and ARM64: follow the frame-pointer chain (EBP → [EBP], [EBP+4];
 *   x29 → [x29], [x29+8]), each link inside the captured stack and moving up;
 *   the return addresses it yields are frames (checked for a call when the
 *   code is there; a chain link is evidence enough when it is not).
 *
 * Every loop is bounded by the bytes of stack captured (at most
 * MAX_STACK_BYTES) and by MAX_FRAMES.
 */
import { canCheckCalls, isArm64CallBefore, isX86CallBefore, X86_CALL_WINDOW, type CallCheck } from './calls';
import type { AddressSpace, MemoryBlock } from './memory';
import { findUnloaded, type ModuleMap } from './modules';
import type { Arch, Registers, UnloadedModule } from './types';

/** The most stack read, from the stack pointer up. */
export const MAX_STACK_BYTES = 256 * 1024;
/** The most frames reported (the debugger's `k` shows 20 by default; `kL 100` is common). */
export const MAX_FRAMES = 100;

/** One frame of the derived stack. */
export interface Frame {
  /** The frame's stack pointer (Child-SP). */
  sp: bigint;
  /** The frame's frame pointer (ChildEBP on x86), when the frame chain gave it. */
  fp?: bigint;
  /** The code address of the frame: the instruction pointer, then each return address. */
  ip: bigint;
  /** The return address into the next frame (0 for the last). */
  retAddr: bigint;
  /**
   * What the debugger shows as "Args to Child" on this row (0 where not held):
   * x64/ARM64 the four words where the next frame's stack pointer points (the
   * callee's home space), x86 the three words above ChildEBP's return address.
   */
  args: bigint[];
  /** `module+0xoffset`, `<Unloaded_x.sys>+0xoffset`, or null outside every module. */
  site: string | null;
  how: 'context' | 'call-confirmed' | 'frame-chain';
}

/** One word of the raw stack. */
export interface StackSlot {
  address: bigint;
  value: bigint;
  site: string | null;
  /** For a value inside a loaded module: what the code before it says. */
  call?: CallCheck;
}

/** The derived stack and the raw words behind it. */
export interface StackWalk {
  method: 'scan' | 'frame-chain';
  frames: Frame[];
  slots: StackSlot[];
  /** In-module values seen, and how many were confirmed or refuted as return addresses. */
  candidates: number;
  confirmed: number;
  refuted: number;
  /** The captured stack did not include the stack pointer. */
  noStack: boolean;
}

/** What the walker needs. */
export interface WalkInput {
  arch: Arch;
  is64: boolean;
  regs: Registers;
  memory: AddressSpace;
  modules: ModuleMap;
  unloaded: readonly UnloadedModule[];
  /** How many raw words to list (the `dps` length). */
  rawWords: number;
}

/** `module+0x…`, or the debugger's notation for an unloaded driver's range. */
export function siteOf(address: bigint, modules: ModuleMap, unloaded: readonly UnloadedModule[]): string | null {
  const s = modules.symbolize(address);
  if (s !== null) {
    return s;
  }
  const u = findUnloaded(unloaded, address);
  return u === undefined ? null : `<Unloaded_${u.image}>+0x${(address - u.base).toString(16)}`;
}

/**
 * ARM64 return addresses may carry a pointer-authentication code in their top
 * bits: restore the canonical form (ones for kernel addresses, zeros for user).
 */
function stripPac(value: bigint): bigint {
  return (value >> 55n) & 1n ? value | 0xffff000000000000n : value & 0x0000ffffffffffffn;
}

/** Check whether the code before `ret` is a call. */
async function checkCall(input: WalkInput, ret: bigint): Promise<CallCheck> {
  if (!canCheckCalls(input.arch)) {
    return 'unknown';
  }
  if (input.arch === 'arm64') {
    const b = await input.memory.read(ret - 4n, 4);
    const insn = b?.u32(ret - 4n);
    return insn === undefined ? 'unknown' : isArm64CallBefore(insn) ? 'call' : 'no-call';
  }
  const b = await input.memory.read(ret - BigInt(X86_CALL_WINDOW), X86_CALL_WINDOW);
  const code = b?.bytes(ret - BigInt(X86_CALL_WINDOW), X86_CALL_WINDOW);
  if (code === null || code === undefined) {
    return 'unknown';
  }
  return isX86CallBefore(code, ret, input.is64, (t) => input.modules.isCallTarget(t)) ? 'call' : 'no-call';
}

function argsAt(stack: MemoryBlock, sp: bigint, input: WalkInput, first: bigint): bigint[] {
  const w = BigInt(input.is64 ? 8 : 4);
  const n = input.arch === 'x86' ? 3 : 4;
  const out: bigint[] = [];
  for (let k = 0n; k < BigInt(n); k++) {
    out.push(stack.word(sp + first + k * w, input.is64) ?? 0n);
  }
  return out;
}

/** The module-resolving value of a word (ARM64: with its PAC stripped when that lands in a module). */
function codeValue(input: WalkInput, value: bigint): bigint {
  if (input.arch === 'arm64' && input.modules.find(value) === undefined) {
    const bare = stripPac(value);
    if (input.modules.find(bare) !== undefined) {
      return bare;
    }
  }
  return value;
}

/** Walk the stack of `input.regs`. Never throws; an empty walk when the stack was not captured. */
export async function walkStack(input: WalkInput): Promise<StackWalk> {
  const word = input.is64 ? 8 : 4;
  const w = BigInt(word);
  const sp = input.regs.sp - (input.regs.sp % w);
  const stack = await input.memory.readFrom(sp, MAX_STACK_BYTES);
  const frame0: Frame = {
    sp: input.regs.sp,
    ip: input.regs.ip,
    retAddr: 0n,
    args: [],
    site: siteOf(input.regs.ip, input.modules, input.unloaded),
    how: 'context',
  };
  if (input.arch === 'x86' || input.arch === 'arm64') {
    frame0.fp = input.regs.fp;
  }
  if (stack === null) {
    return { method: 'scan', frames: [frame0], slots: [], candidates: 0, confirmed: 0, refuted: 0, noStack: true };
  }
  // The raw words, each value in a module checked for a call before it.
  const slots: StackSlot[] = [];
  let candidates = 0;
  let confirmed = 0;
  let refuted = 0;
  const words = Math.floor(stack.size / word);
  for (let k = 0; k < words; k++) {
    const address = sp + BigInt(k) * w;
    const raw = stack.word(address, input.is64) as bigint;
    const value = codeValue(input, raw);
    const slot: StackSlot = { address, value: raw, site: siteOf(value, input.modules, input.unloaded) };
    if (input.modules.find(value) !== undefined) {
      candidates++;
      slot.call = await checkCall(input, value);
      if (slot.call === 'call') {
        confirmed++;
      } else if (slot.call === 'no-call') {
        refuted++;
      }
    }
    slots.push(slot);
  }
  const chain = input.arch === 'x86' || input.arch === 'arm64' ? frameChain(input, stack, slots) : [];
  const frames = [frame0];
  let method: StackWalk['method'] = 'scan';
  if (chain.length > 0) {
    method = 'frame-chain';
    frames.push(...chain);
  } else {
    for (const s of slots) {
      if (frames.length >= MAX_FRAMES) {
        break;
      }
      if (s.call === 'call') {
        const value = codeValue(input, s.value);
        const childSp = s.address + w;
        frames.push({ sp: childSp, ip: value, retAddr: 0n, args: [], site: siteOf(value, input.modules, input.unloaded), how: 'call-confirmed' });
      }
    }
  }
  for (let k = 0; k < frames.length; k++) {
    const f = frames[k] as Frame;
    const next = frames[k + 1];
    f.retAddr = next?.ip ?? 0n;
    f.args =
      input.arch === 'x86' && f.fp !== undefined
        ? argsAt(stack, f.fp, input, 2n * w)
        : argsAt(stack, next?.sp ?? f.sp + w, input, 0n);
  }
  return { method, frames, slots: slots.slice(0, input.rawWords), candidates, confirmed, refuted, noStack: false };
}

/**
 * Frames from the frame-pointer chain: x86 [EBP] = caller's EBP, [EBP+4] =
 * return address; ARM64 [x29] = caller's x29, [x29+8] = return address (and,
 * in a leaf function, the return address still in lr). Each link must lie in
 * the captured stack, above the previous one, and return into a module.
 */
function frameChain(input: WalkInput, stack: MemoryBlock, slots: readonly StackSlot[]): Frame[] {
  const w = BigInt(input.is64 ? 8 : 4);
  const out: Frame[] = [];
  const checked = new Map<bigint, CallCheck>();
  for (const s of slots) {
    if (s.call !== undefined) {
      checked.set(codeValue(input, s.value), s.call);
    }
  }
  const accept = (ret: bigint) => input.modules.find(ret) !== undefined && checked.get(ret) !== 'no-call';
  if (input.arch === 'arm64' && input.regs.lr !== undefined) {
    // A leaf function keeps its return address in lr only: it is a frame when a call precedes it
    // and the chain does not already start with it.
    const lr = codeValue(input, input.regs.lr);
    const firstRet = stack.u64(input.regs.fp + 8n);
    if (accept(lr) && (firstRet === undefined || codeValue(input, firstRet) !== lr) && checked.get(lr) === 'call') {
      out.push({ sp: input.regs.sp, fp: input.regs.fp, ip: lr, retAddr: 0n, args: [], site: siteOf(lr, input.modules, input.unloaded), how: 'frame-chain' });
    }
  }
  let fp = input.regs.fp;
  for (let n = 0; n < MAX_FRAMES && out.length < MAX_FRAMES; n++) {
    if (fp % w !== 0n || stack.offsetOf(fp, Number(w) * 2) < 0) {
      break;
    }
    const next = stack.word(fp, input.is64) as bigint;
    const ret = codeValue(input, stack.word(fp + w, input.is64) as bigint);
    if (!accept(ret)) {
      break;
    }
    // The frame this return address leads into starts where the link is; its own link is `next`.
    out.push({ sp: fp + 2n * w, fp: next, ip: ret, retAddr: 0n, args: [], site: siteOf(ret, input.modules, input.unloaded), how: 'frame-chain' });
    // The chain must climb: a link at or below the current one is a loop or garbage.
    if (next <= fp) {
      break;
    }
    fp = next;
  }
  return out;
}
