/**
 * The command line's JSON report (`npm run analyze -- --json`): what the app
 * shows, not a copy of the input. A 100 MB `!process 0 7` holds 330,000
 * frames; printed whole, its report was 222 MB of JSON (`--full` still
 * prints that, as a stream: see json-stream.ts).
 *
 * - The contract's fields (../shared/contract/REPORT.md: `schemaVersion`,
 *   `kind`, `bugcheck`, `category`, `suspects`, `findings`, `commands`) and the
 *   rest of the verdict (headline, next steps) are exactly `analyze()`'s.
 * - Stacks are grouped by call sequence, as the Stacks panel shows them
 *   (`stackGroups`): how many stacks share each, which threads, one set of
 *   frames; groups holding a line the verdict cites come first, then the
 *   largest.
 * - Threads point at their stack's group instead of repeating its frames.
 * - Every other list is cut by the same caps as the app's worker reports
 *   (`summarizeReport`, `REPORT_LIMITS`): rows the verdict cites are kept
 *   first, and `omitted` gives each cut list's total.
 */
import type { AnalysisReport, Stack, StackFrame, ThreadInfo } from '../analyzers/types';
import { cites, evidenceLines, groupBySignature, keep, REPORT_LIMITS, summarizeReport, type ReportLimits, type SummarySection } from '../worker/summarize';

/** Members (stacks) and threads listed per group; `count` and `threadCount` give the totals. */
export const GROUP_MEMBERS_MAX = 50;

/** One call sequence and the stacks that share it. */
export interface StackGroupSummary {
  /** Stacks with this call sequence. */
  count: number;
  /** A line of one of them is cited by the verdict (the bug check, a reason, a finding). */
  evidence: boolean;
  /** Where the stack whose frames are listed was printed (`kv on processor 0`, `!thread fffffa80…`). */
  source: string;
  /** Frames of one member (a cited one when there is one), top first; very deep stacks keep their top and bottom. */
  frames: StackFrame[];
  /** Frames of that stack, when some were left out. */
  framesTotal?: number;
  /** Threads (addresses or ids) printing this stack, at most `GROUP_MEMBERS_MAX`. */
  threads: string[];
  /** Distinct threads among the members. */
  threadCount: number;
  /** The member stacks, at most `GROUP_MEMBERS_MAX`: where each was printed. */
  members: Pick<Stack, 'line' | 'endLine' | 'source' | 'thread' | 'processor'>[];
}

/** A thread whose stack is given by reference to its group. */
export type ThreadSummary = Omit<ThreadInfo, 'stack'> & {
  stack: { line: number; endLine: number; frames: number; group: number | null } | null;
};

/** The report as `--json` prints it. */
export type CliReport = Omit<AnalysisReport, 'stacks' | 'threads'> & {
  stackGroups: StackGroupSummary[];
  threads: ThreadSummary[];
  /** Lists that were cut, with their totals (`kept` of `total`). */
  omitted: SummarySection[];
};

/** Caps the command line does not apply: the contract's fields and the verdict stay whole; stacks are grouped here. */
const WHOLE = {
  suspects: Infinity,
  reasonsPerSuspect: Infinity,
  nextSteps: Infinity,
  findings: Infinity,
  commands: Infinity,
  stacks: Infinity,
  framesPerStack: Infinity,
} as const;

function memberOf(s: Stack): StackGroupSummary['members'][number] {
  const m: StackGroupSummary['members'][number] = { line: s.line, endLine: s.endLine, source: s.source };
  if (s.thread !== undefined) {
    m.thread = s.thread;
  }
  if (s.processor !== undefined) {
    m.processor = s.processor;
  }
  return m;
}

function cutFrames(frames: readonly StackFrame[], max: number): StackFrame[] {
  if (frames.length <= max) {
    return frames as StackFrame[];
  }
  // As the app does: deep recursion reads from the top of the stack and its bottom.
  const tail = Math.floor(max / 4);
  return [...frames.slice(0, max - tail), ...frames.slice(frames.length - tail)];
}

interface Group {
  stacks: Stack[];
  evidence: Stack | null;
}

/**
 * `report` as the command line prints it with `--json` (see the module
 * comment). `limits` defaults to the app's.
 */
export function summarizeForCli(report: AnalysisReport, limits: ReportLimits = REPORT_LIMITS): CliReport {
  const { report: cut, summary } = summarizeReport(report, { ...limits, ...WHOLE });
  const omitted = [...(summary?.sections ?? [])];
  const cited = [...evidenceLines(report, report.findings)].sort((a, b) => a - b);

  // Group every stack (not only those the caps keep), so that counts and threads are true.
  const all = groupBySignature(report.stacks).map((stacks): Group => ({ stacks, evidence: stacks.find((s) => cites(cited, s.line, s.endLine)) ?? null }));
  // Evidence first, then the largest groups; ties in input order (Array.prototype.sort is stable).
  const ordered = all.sort((a, b) => (a.evidence ? 0 : 1) - (b.evidence ? 0 : 1) || b.stacks.length - a.stacks.length);
  const groups = keep(ordered, limits.stacks, (g) => g.evidence !== null);
  if (groups.length < ordered.length) {
    omitted.push({ field: 'stackGroups', label: 'distinct stacks (call sequences)', total: ordered.length, kept: groups.length });
  }

  const groupOf = new Map<Stack, number>();
  let framesCut = 0;
  const stackGroups = groups.map((g, index): StackGroupSummary => {
    const shown = g.evidence ?? (g.stacks[0] as Stack);
    const threads = new Set<string>();
    for (const s of g.stacks) {
      groupOf.set(s, index);
      if (s.thread !== undefined) {
        threads.add(s.thread);
      }
    }
    const frames = cutFrames(shown.frames, limits.framesPerStack);
    const out: StackGroupSummary = {
      count: g.stacks.length,
      evidence: g.evidence !== null,
      source: shown.source,
      frames,
      threads: [...threads].slice(0, GROUP_MEMBERS_MAX),
      threadCount: threads.size,
      members: g.stacks.slice(0, GROUP_MEMBERS_MAX).map(memberOf),
    };
    if (frames.length < shown.frames.length) {
      out.framesTotal = shown.frames.length;
      framesCut += shown.frames.length - frames.length;
    }
    return out;
  });
  if (framesCut > 0) {
    omitted.push({ field: 'stackGroups.frames', label: 'frames of very deep stacks', total: framesCut, kept: 0 });
  }

  const threads = cut.threads.map((t): ThreadSummary => {
    const { stack, ...rest } = t;
    return { ...rest, stack: stack === null ? null : { line: stack.line, endLine: stack.endLine, frames: stack.frames.length, group: groupOf.get(stack) ?? null } };
  });

  const { stacks: _stacks, threads: _threads, ...fields } = cut;
  return {
    ...fields,
    stackGroups,
    threads,
    stats: { ...cut.stats, truncated: cut.stats.truncated || omitted.length > 0 },
    omitted,
  };
}
