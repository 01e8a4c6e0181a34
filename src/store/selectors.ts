/**
 * Selectors and memoized derivations of the report. Components select
 * narrowly; derived lists are computed once per report object (WeakMap).
 */
import { canonicalModuleName } from '../analyzers/knowledge/modules';
import { groupStacks } from '../analyzers/stack-groups';
import type { AnalysisReport, Finding, LockInfo, Severity, Stack, StackFrame } from '../analyzers/types';
import type { AppState } from './app-store';

export const selectText = (s: AppState) => s.text;
export const selectSourceName = (s: AppState) => s.sourceName;
export const selectTextVersion = (s: AppState) => s.textVersion;
export const selectReport = (s: AppState) => s.report;
export const selectStatus = (s: AppState) => s.status;
export const selectError = (s: AppState) => s.error;
export const selectDurationMs = (s: AppState) => s.durationMs;
export const selectReveal = (s: AppState) => s.reveal;
export const selectRevealLine = (s: AppState) => s.revealLine;
export const selectLoadText = (s: AppState) => s.loadText;
export const selectLoadDump = (s: AppState) => s.loadDump;
export const selectSetText = (s: AppState) => s.setText;
export const selectThemePreference = (s: AppState) => s.themePreference;
export const selectSplitPercent = (s: AppState) => s.splitPercent;
export const selectHasText = (s: AppState) => s.text.trim() !== '';
export const selectStackFocus = (s: AppState) => s.stackFocus;
export const selectFocusStack = (s: AppState) => s.focusStack;

function memoByReport<T>(fn: (report: AnalysisReport) => T): (report: AnalysisReport) => T {
  const cache = new WeakMap<AnalysisReport, T>();
  return (report) => {
    let value = cache.get(report);
    if (value === undefined) {
      value = fn(report);
      cache.set(report, value);
    }
    return value;
  };
}

/** Canonical (lower-case) names of the modules the report blames or suspects. */
export const suspectModuleSet = memoByReport(
  (report) => new Set(report.suspects.map((s) => canonicalModuleName(s.module))),
);

export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

/** Findings grouped by severity, most severe first; empty groups left out. */
export const findingsBySeverity = memoByReport((report) => {
  const groups: { severity: Severity; findings: Finding[] }[] = [];
  for (const severity of SEVERITIES) {
    const findings = report.findings.filter((f) => f.severity === severity);
    if (findings.length > 0) {
      groups.push({ severity, findings });
    }
  }
  return groups;
});

/** Kinds of evidence lines the editor marks in its gutter. */
export type EvidenceKind = Severity | 'suspect' | 'bugcheck';

/** Lines of the input that carry evidence, one entry per line (strongest kind wins). */
export const evidenceLines = memoByReport((report) => {
  const rank: Record<EvidenceKind, number> = { bugcheck: 0, suspect: 1, critical: 2, warning: 3, info: 4 };
  const byLine = new Map<number, EvidenceKind>();
  const add = (line: number | undefined, kind: EvidenceKind) => {
    if (line === undefined || line < 1) {
      return;
    }
    const old = byLine.get(line);
    if (old === undefined || rank[kind] < rank[old]) {
      byLine.set(line, kind);
    }
  };
  if (report.bugcheck) {
    add(report.bugcheck.line, 'bugcheck');
  }
  for (const s of report.suspects) {
    for (const r of s.reasons) {
      add(r.line, 'suspect');
    }
  }
  for (const f of report.findings) {
    for (const line of f.lines) {
      add(line, f.severity);
    }
  }
  return [...byLine].map(([line, kind]) => ({ line, kind })).sort((a, b) => a.line - b.line);
});

/** One displayed stack row: a frame, or several identical consecutive frames collapsed. */
export interface FrameRow {
  frame: StackFrame;
  /** Position of the first frame of the row in the stack (0-based). */
  position: number;
  count: number;
}

/** Collapse runs of consecutive frames with the same call site (recursion, loops) into one row. */
export function collapseFrames(frames: readonly StackFrame[]): FrameRow[] {
  const rows: FrameRow[] = [];
  frames.forEach((frame, position) => {
    const last = rows[rows.length - 1];
    if (last && last.frame.site.toLowerCase() === frame.site.toLowerCase() && !frame.trapFrame && !last.frame.trapFrame) {
      last.count++;
    } else {
      rows.push({ frame, position, count: 1 });
    }
  });
  return rows;
}

// ---------------------------------------------------------------------------
// Workspace sections: stacks, threads and locks
// ---------------------------------------------------------------------------

/** Lines cited by the top suspect's reasons: the evidence that drives the verdict. */
export const verdictLines = memoByReport((report) => {
  const lines = new Set<number>();
  for (const r of report.suspects[0]?.reasons ?? []) {
    if (r.line !== undefined) {
      lines.add(r.line);
    }
  }
  return lines;
});

/**
 * Index (0-based) of the frame of `stack` that drives the verdict: a frame on a
 * line the top suspect's reasons cite, else the first frame of the top suspect's
 * module; -1 when neither is on this stack.
 */
export function drivingFrameIndex(report: AnalysisReport, stack: Stack): number {
  const lines = verdictLines(report);
  const cited = stack.frames.findIndex((f) => lines.has(f.line));
  if (cited >= 0) {
    return cited;
  }
  const top = report.suspects[0];
  if (!top) {
    return -1;
  }
  const key = canonicalModuleName(top.module);
  const canonical = canonicalNames(report);
  return stack.frames.findIndex((f) => f.module !== null && canonical(f.module) === key);
}

/** `canonicalModuleName` with a cache per report: stacks repeat the same few modules thousands of times. */
const canonicalNames = memoByReport(() => {
  const cache = new Map<string, string>();
  return (name: string): string => {
    let key = cache.get(name);
    if (key === undefined) {
      key = canonicalModuleName(name);
      cache.set(name, key);
    }
    return key;
  };
});

/** Identical stacks shown once, with how many threads share them. */
export interface StackGroupView {
  signature: string;
  /** The stacks of the group, in input order. */
  stacks: Stack[];
  /** The stack whose frames are shown (the one that drives the verdict when there is one). */
  shown: Stack;
  /** Index of the frame that drives the verdict in `shown`, or -1. */
  driving: number;
}

/**
 * Stacks grouped by call sequence (`groupStacks`): the group holding the frame
 * that drives the verdict first, then the largest groups; stacks without
 * frames are kept as groups of one at the end.
 */
export const stackGroupsOf = memoByReport((report): StackGroupView[] => {
  const views: StackGroupView[] = groupStacks(report.stacks).map((g) => {
    let shown = g.stacks[0] as Stack;
    let driving = -1;
    for (const s of g.stacks) {
      const i = drivingFrameIndex(report, s);
      if (i >= 0 && verdictLines(report).has(s.frames[i]?.line ?? -1)) {
        shown = s;
        driving = i;
        break;
      }
      if (i >= 0 && driving < 0) {
        shown = s;
        driving = i;
      }
    }
    return { signature: g.signature, stacks: g.stacks, shown, driving };
  });
  const cites = (v: StackGroupView) => v.driving >= 0 && verdictLines(report).has(v.shown.frames[v.driving]?.line ?? -1);
  const first = views.findIndex(cites);
  const lead = first >= 0 ? first : views.findIndex((v) => v.driving >= 0);
  if (lead > 0) {
    views.unshift(...views.splice(lead, 1));
  }
  for (const s of report.stacks) {
    if (s.frames.length === 0) {
      views.push({ signature: `empty:${s.line}`, stacks: [s], shown: s, driving: -1 });
    }
  }
  return views;
});

/** A thread id or address in one comparable form: lower case, no backtick, `0x` or leading zeros. */
export function normalizeThreadId(id: string): string {
  const t = id.trim().toLowerCase().replace(/`/g, '').replace(/^0x/, '').replace(/^0+(?=[0-9a-f])/, '');
  return t;
}

/** Where a thread's stack was printed: the line of the stack, and a label for it. */
export interface ThreadStackRef {
  line: number;
  label: string;
}

/**
 * Stacks by thread: kernel thread addresses, user-mode thread ids (from `~*k`
 * headers and `Cid pppp.tttt`), and addresses named in a stack's command
 * (`!thread fffffa80…`, `!mex.t ffff8b03…`).
 */
export const threadStacks = memoByReport((report) => {
  const index = new Map<string, ThreadStackRef>();
  const add = (id: string | undefined, ref: ThreadStackRef) => {
    if (id === undefined || id.trim() === '') {
      return;
    }
    const key = normalizeThreadId(id);
    if (key !== '' && !index.has(key)) {
      index.set(key, ref);
    }
  };
  for (const t of report.threads) {
    if (t.stack === null) {
      continue;
    }
    const ref = { line: t.stack.line, label: t.stack.source };
    add(t.address, ref);
    const tid = t.cid?.split('.')[1];
    add(tid, ref);
  }
  for (const s of report.stacks) {
    const ref = { line: s.line, label: s.source };
    add(s.thread, ref);
    for (const token of s.source.match(/\b[0-9a-f]{8}`?[0-9a-f]{0,8}\b/gi) ?? []) {
      add(token, ref);
    }
  }
  return index;
});

/** The stack printed for thread `id` (address or id), when the input has one. */
export function stackOfThread(report: AnalysisReport, id: string): ThreadStackRef | undefined {
  return threadStacks(report).get(normalizeThreadId(id));
}

/** A lock as shown: the first report of it, and the lines of any repeat (`!locks` then `!cs`). */
export interface LockView {
  lock: LockInfo;
  alsoLines: number[];
}

/** Locks without repeats (same kind and address), held locks first, most waiters first. */
export const uniqueLocks = memoByReport((report): LockView[] => {
  const byKey = new Map<string, LockView>();
  for (const lock of report.locks) {
    const key = `${lock.kind}:${normalizeThreadId(lock.address)}`;
    const seen = byKey.get(key);
    if (seen) {
      seen.alsoLines.push(lock.line);
    } else {
      byKey.set(key, { lock, alsoLines: [] });
    }
  }
  const held = (l: LockInfo) => (l.owners.length > 0 && l.state !== 'free' ? 0 : 1);
  return [...byKey.values()].sort((a, b) => held(a.lock) - held(b.lock) || lockWaiters(b.lock) - lockWaiters(a.lock));
});

/** How many threads wait for a lock, by the best count the debugger printed. */
export function lockWaiters(lock: LockInfo): number {
  const counted = (lock.exclusiveWaiters ?? 0) + (lock.sharedWaiters ?? 0);
  if (counted > 0 || lock.waiters.length > 0) {
    return Math.max(counted, lock.waiters.length);
  }
  // !locks decodes a critical section's LockCount into the number of waiting threads.
  return lock.kind === 'critical-section' ? Math.max(0, lock.lockCount ?? 0) : 0;
}
