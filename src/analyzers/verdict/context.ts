/**
 * What the verdict rules read and write. The facts (the session model, its
 * stacks, the resolved bug check, threads, the faulting stack) are built once
 * per session; the rules add evidence, findings and signals through the
 * helpers below, which stamp each item with the id of the rule being applied
 * (`ctx.rule`, set by the engine before each rule runs), so the report can say
 * which rule produced every reason.
 *
 * A rule never calls another rule: it reads what earlier rules produced only
 * through `ctx.evidence`, `ctx.signals` and `ctx.findings`.
 */
import { parseSite } from '../commands/site';
import { canonicalModuleName, isPseudoModule } from '../knowledge/modules';
import { HANG_DUMP_CODES } from '../knowledge/ntstatus';
import { blocksOf, type SessionModel } from '../run';
import type { BugcheckReport, Category, Finding, NextStep, SessionKind, Stack, StackFrame, Suspect, ThreadInfo } from '../types';
import type { ResolvedBugcheck } from './resolve-bugcheck';

/** What the verdict engine returns. */
export interface Verdict {
  kind: SessionKind;
  bugcheck: BugcheckReport | null;
  category: Category;
  suspects: Suspect[];
  findings: Finding[];
  headline: string;
  nextSteps: NextStep[];
}

/** One piece of evidence against a module. */
export interface Evidence {
  module: string;
  weight: number;
  text: string;
  line?: number;
  /** From a hang (lock owner, waiting thread): still counts when the crash itself was forced. */
  hang?: boolean;
  /** Id of the rule that produced it. */
  rule: string;
}

/** What a signal can decide: a category, or that no driver is to be blamed. */
export type SignalKind = Category | 'no-blame';

/** A signal towards a category, with the line that raised it and the rule that saw it. */
export interface Signal {
  why: string;
  line?: number;
  rule: string;
}

/** Facts gathered once and shared by the rules, and what the rules produce. */
export interface VerdictContext {
  readonly model: SessionModel;
  /** Every stack of the session, in input order. */
  readonly stacks: readonly Stack[];
  /** The session's bug check, resolved from every source (null: none). */
  readonly bugcheck: ResolvedBugcheck | null;
  /** Notes made while resolving the bug check (inferred code, a second crash…). */
  readonly bugcheckNotes: readonly Finding[];
  /** `!thread` and `!process` threads, in input order. */
  readonly threads: readonly ThreadInfo[];
  /** The faulting stack (see primary-stack.ts), or null. */
  readonly primary: Stack | null;
  /** User mode: an access violation read from the faulting instruction (no exception record pasted). */
  readonly inferredFault?: { line: number };
  /** The debugger analysed a hang (`!analyze -hang`, a hang bucket, a hang dump's code): what says so. */
  readonly hangAnalysis?: { why: string; line: number };
  /** The frame a poster marked as the one that faulted ("<-- faulting instruction"), with its stack. */
  readonly markedFault?: { stack: Stack; frame: StackFrame };
  /** The debugger broke in (a live session stopped on purpose, its 0x80000003 is no crash): where. */
  readonly liveBreak?: { why: string; line: number };
  /** A stack reaches nt!KeBugCheckEx but no bug check code was pasted. */
  readonly unnamedCrash: boolean;
  /** A kernel crash whose code was not pasted (KeBugCheckEx on a stack, or only a failure bucket). */
  readonly crashWithoutCode: boolean;
  /** The session holds an exception (record, managed exception or inferred fault). */
  readonly exception: boolean;
  /** No code nor record, but a stack shows a crash in progress (a page fault, a failure report). */
  readonly stackCrash: 'kernel' | 'user' | null;
  /** stackCrash was read from one running stack pasted alone (an inference the poster's words may overrule). */
  readonly loneStack: boolean;
  /** Something crashed: a bug check, an exception, or a stack or bucket that shows one. */
  readonly crash: boolean;
  evidence: Evidence[];
  findings: Finding[];
  signals: Map<SignalKind, Signal>;
  /** Printed spelling of each module, by canonical name. */
  readonly spelling: Map<string, string>;
  /** Id of the rule being applied; stamped on everything it adds. */
  rule: string;
  /** Lookups built on first use (threads by address, modules on stacks). */
  readonly memo: { threadByAddress?: Map<string, ThreadInfo>; stackModuleNames?: Set<string> };
}

/** The spelling a module is shown with: the first way the session printed it, without extension. */
export function spell(ctx: VerdictContext, module: string): string {
  const key = canonicalModuleName(module);
  let name = ctx.spelling.get(key);
  const printed = module.replace(/\.(sys|dll|exe)$/i, '');
  // The file's own spelling (mullvad-split-tunnel) beats WinDbg's symbol spelling (mullvad_split_tunnel).
  if (name === undefined || (/[-.]/.test(printed) && !/[-.]/.test(name))) {
    name = printed;
    ctx.spelling.set(key, name);
  }
  return name;
}

/**
 * Add evidence against `module`. `weight` is this one hint's strength (0–1);
 * independent hints combine as 1 − Π(1 − w) (see combine.ts).
 */
export function addEvidence(ctx: VerdictContext, module: string, weight: number, text: string, line?: number, hang = false): void {
  if (isPseudoModule(module)) {
    return; // "memory_corruption", "Unknown_Image": the debugger's words, never a suspect
  }
  const e: Evidence = { module: spell(ctx, module), weight, text, rule: ctx.rule };
  if (hang) {
    e.hang = true;
  }
  if (line !== undefined && line > 0) {
    e.line = line;
  }
  ctx.evidence.push(e);
}

/** Add a finding, stamped with the current rule. */
export function addFinding(ctx: VerdictContext, f: Omit<Finding, 'rule'>): void {
  ctx.findings.push({ ...f, rule: ctx.rule });
}

/** Raise a signal towards a category; the first signal of each kind is kept. */
export function signal(ctx: VerdictContext, what: SignalKind, why: string, line?: number): void {
  if (!ctx.signals.has(what)) {
    ctx.signals.set(what, line !== undefined ? { why, line, rule: ctx.rule } : { why, rule: ctx.rule });
  }
}

/** Bug check argument N as normalized hex (`0x1c`), or '' when not shown. */
export function arg(ctx: VerdictContext, n: 1 | 2 | 3 | 4): string {
  return ctx.bugcheck?.args[n - 1] ?? '';
}

/** Bug check argument N as a number (NaN when not shown). */
export function argNum(ctx: VerdictContext, n: 1 | 2 | 3 | 4): number {
  const a = arg(ctx, n);
  return a === '' ? Number.NaN : Number.parseInt(a.slice(2), 16);
}

/** The faulting sites exception records name (`ExceptionAddress: … (app!Foo+0x12)`), as frames on the record's line. */
export function exceptionSites(ctx: Pick<VerdictContext, 'model'>): StackFrame[] {
  const out: StackFrame[] = [];
  for (const b of [...blocksOf(ctx.model, 'analyze-v'), ...blocksOf(ctx.model, 'bugcheck')]) {
    const site = b.data.exception?.site;
    if (site) {
      out.push({ ...parseSite(site.text), line: site.line });
    }
  }
  return out;
}

/** Exceptions of this session, most telling first (second chance before first chance). */
export function sessionExceptions(ctx: Pick<VerdictContext, 'model' | 'inferredFault' | 'liveBreak'>): { code: number; line: number }[] {
  const out: { code: number; line: number; second: boolean }[] = [];
  for (const b of [...blocksOf(ctx.model, 'analyze-v'), ...blocksOf(ctx.model, 'bugcheck')]) {
    if (b.data.exception && !HANG_DUMP_CODES.has(b.data.exception.code) && !(ctx.liveBreak && b.data.exception.code === 0x80000003)) {
      out.push({ code: b.data.exception.code, line: b.data.exception.line, second: b.data.fields.EVENT_CHANCE?.value !== 'first' });
    }
  }
  for (const b of blocksOf(ctx.model, 'clrstack')) {
    if (b.data.exceptionType) {
      // 0xE0434352: the code the CLR raises for a managed exception.
      out.push({ code: 0xe0434352, line: b.line, second: true });
    }
  }
  if (out.length === 0 && ctx.inferredFault) {
    out.push({ code: 0xc0000005, line: ctx.inferredFault.line, second: true });
  }
  return out.sort((a, b) => Number(b.second) - Number(a.second) || a.line - b.line);
}
