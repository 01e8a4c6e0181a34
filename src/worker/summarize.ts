/**
 * Cuts a report from a huge input down to what the page can show at once.
 *
 * `!process 0 7` of a busy server, `~*kb` with thousands of threads or a whole
 * `!poolused` yield reports of tens of megabytes: copying one from the worker
 * and rendering it would freeze the page for seconds. Every list of the report
 * is capped here (small reports pass unchanged); what is kept first is what the
 * verdict cites as evidence, then one stack of each distinct call sequence, the
 * largest pool tags, third-party modules; the rest in input order. The verdict
 * itself (bug check, category, suspects, headline, next steps) is cut only past
 * limits no analysis reaches (a shared report can be crafted to), and
 * `stats.truncated` plus the summary say what was left out.
 *
 * The same caps serve the worker's reports, shared reports opened from a link
 * (permalink/shared-report.ts) and the command line's JSON (cli/summary.ts).
 */
import type { AnalysisReport, Finding, PoolUsedData, Stack, StackFrame } from '../analyzers/types';

/** One list of the report that was cut. */
export interface SummarySection {
  /** Report field, e.g. `stacks`, `memory.poolUsed.tags`. */
  field: string;
  /** Plain words for the UI, e.g. "stacks", "pool tags". */
  label: string;
  total: number;
  kept: number;
}

/** What `summarizeReport` left out. */
export interface ReportSummary {
  sections: SummarySection[];
}

/** How many entries of each list the page receives at most. */
export const REPORT_LIMITS = {
  /** Analyses name a handful; a crafted shared report could list thousands. */
  suspects: 50,
  reasonsPerSuspect: 100,
  nextSteps: 50,
  findings: 100,
  stacks: 500,
  framesPerStack: 1000,
  threads: 1000,
  processes: 1000,
  modules: 2000,
  irpFind: 1000,
  poolTags: 500,
  locks: 500,
  commands: 2000,
  other: 500,
} as const;

export type ReportLimits = { [K in keyof typeof REPORT_LIMITS]: number };

/** Finding id of the note added when findings were left out. */
export const MORE_FINDINGS_ID = 'report.more-findings';

function plural(n: number, unit: string): string {
  return `${n.toLocaleString('en-US')} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * Keep at most `max` items: first those `preferred` (in the order given by
 * `rank`, lower first), then the others in input order; the result keeps input order.
 */
export function keep<T>(items: readonly T[], max: number, preferred: (item: T) => boolean, rank?: (item: T) => number): T[] {
  if (items.length <= max) {
    return items as T[];
  }
  // Lists of 100,000 rows: each item is ranked once, and the cut-off rank found by sorting numbers
  // (no comparator), which picks the same items as a stable sort by (rank, input order).
  const chosen = new Uint8Array(items.length);
  let count = 0;
  const candidates: number[] = [];
  for (let i = 0; i < items.length; i++) {
    if (preferred(items[i] as T)) {
      candidates.push(i);
    }
  }
  if (!rank || candidates.length <= max) {
    for (const i of candidates.slice(0, max)) {
      chosen[i] = 1;
    }
    count = Math.min(max, candidates.length);
  } else {
    // A rank that is not a number (a damaged shared report) sorts last.
    const ranks = Float64Array.from(candidates, (i) => {
      const r = rank(items[i] as T);
      return Number.isNaN(r) ? Infinity : r;
    });
    const cutoff = Float64Array.from(ranks).sort()[max - 1] as number;
    let ties = max;
    for (const r of ranks) {
      if (r < cutoff) {
        ties--;
      }
    }
    candidates.forEach((i, k) => {
      const r = ranks[k] as number;
      if (r < cutoff || (r === cutoff && ties-- > 0)) {
        chosen[i] = 1;
        count++;
      }
    });
  }
  for (let i = 0; i < items.length && count < max; i++) {
    if (chosen[i] === 0) {
      chosen[i] = 1;
      count++;
    }
  }
  const out: T[] = [];
  for (let i = 0; i < items.length; i++) {
    if (chosen[i] === 1) {
      out.push(items[i] as T);
    }
  }
  return out;
}

/**
 * Stacks grouped by call sequence, the groups in order of their first stack:
 * the same groups as `groupStacks` (stack-groups.ts) forms by `stackSignature`
 * (call sites without white space, case-insensitive), found without building
 * the signatures. The 330,000 frames of a big session share a few thousand
 * distinct call sites: each gets a number, and a stack's sequence of numbers
 * is hashed.
 */
export function groupBySignature(stacks: readonly Stack[]): Stack[][] {
  const idOfSite = new Map<string, number>();
  const idOfKey = new Map<string, number>();
  const siteId = (site: string): number => {
    let id = idOfSite.get(site);
    if (id === undefined) {
      const key = site.replace(/\s+/g, '').toLowerCase();
      id = idOfKey.get(key);
      if (id === undefined) {
        id = idOfKey.size;
        idOfKey.set(key, id);
      }
      idOfSite.set(site, id);
    }
    return id;
  };
  const groups: { ids: Int32Array; stacks: Stack[] }[] = [];
  const byHash = new Map<number, number[]>();
  for (const s of stacks) {
    const ids = new Int32Array(s.frames.length);
    // FNV-1a over the numbers.
    let h = 0x811c9dc5;
    for (let i = 0; i < ids.length; i++) {
      const id = siteId((s.frames[i] as StackFrame).site);
      ids[i] = id;
      h = Math.imul(h ^ id, 0x01000193);
    }
    h = Math.imul(h ^ ids.length, 0x01000193) >>> 0;
    const candidates = byHash.get(h);
    const same = candidates?.find((g) => sameIds((groups[g] as { ids: Int32Array }).ids, ids));
    if (same !== undefined) {
      (groups[same] as { stacks: Stack[] }).stacks.push(s);
    } else {
      groups.push({ ids, stacks: [s] });
      if (candidates) {
        candidates.push(groups.length - 1);
      } else {
        byHash.set(h, [groups.length - 1]);
      }
    }
  }
  return groups.map((g) => g.stacks);
}

function sameIds(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

/** Lines the verdict cites: the bug check, suspects' reasons, findings kept. */
export function evidenceLines(report: AnalysisReport, findings: readonly Finding[]): Set<number> {
  const lines = new Set<number>();
  if (report.bugcheck) {
    lines.add(report.bugcheck.line);
  }
  for (const s of report.suspects) {
    for (const r of s.reasons) {
      if (r.line !== undefined) {
        lines.add(r.line);
      }
    }
  }
  for (const f of findings) {
    for (const l of f.lines) {
      lines.add(l);
    }
  }
  return lines;
}

/** Does a span of lines hold a cited line? `sorted` is the cited lines in ascending order. */
export function cites(sorted: readonly number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < from) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo < sorted.length && (sorted[lo] as number) <= to;
}

function cutFindings(findings: readonly Finding[], max: number): { kept: Finding[]; note: Finding | null } {
  if (findings.length <= max) {
    return { kept: findings as Finding[], note: null };
  }
  // The report lists findings most severe first: keep the head, count the rest by id.
  const kept = findings.slice(0, max - 1);
  const left = findings.slice(max - 1);
  const byId = new Map<string, number>();
  for (const f of left) {
    byId.set(f.id, (byId.get(f.id) ?? 0) + 1);
  }
  const top = [...byId.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([id, n]) => `${id} ×${n.toLocaleString('en-US')}`);
  return {
    kept,
    note: {
      id: MORE_FINDINGS_ID,
      severity: 'info',
      title: `${plural(left.length, 'more finding')} not listed: the input is very large`,
      detail: `Left out: ${top.join(', ')}${byId.size > 4 ? ', …' : ''}. Run the analysis on a shorter excerpt to see them.`,
      lines: [],
    },
  };
}

function cutStacks(stacks: readonly Stack[], max: number, cited: readonly number[]): Stack[] {
  if (stacks.length <= max) {
    return stacks as Stack[];
  }
  // Rank: cited stacks first, then the first stack of each call sequence (largest groups first).
  const groupSize = new Map<Stack, number>();
  const firstOf = new Set<Stack>();
  for (const group of groupBySignature(stacks)) {
    firstOf.add(group[0] as Stack);
    for (const s of group) {
      groupSize.set(s, group.length);
    }
  }
  const rank = (s: Stack): number => (cites(cited, s.line, s.endLine) ? -1 : -(groupSize.get(s) ?? 0) / stacks.length);
  return keep(stacks, max, (s) => cites(cited, s.line, s.endLine) || firstOf.has(s), rank);
}

function tagBytes(data: PoolUsedData): (t: PoolUsedData['tags'][number]) => number {
  return data.sortedBy === 'paged' ? (t) => t.pagedBytes : (t) => t.nonPagedBytes;
}

/**
 * Cap every list of `report` (see `REPORT_LIMITS`). Returns the report itself
 * and a null summary when nothing had to be cut.
 */
export function summarizeReport(report: AnalysisReport, limits: ReportLimits = REPORT_LIMITS): { report: AnalysisReport; summary: ReportSummary | null } {
  const sections: SummarySection[] = [];
  const note = (field: string, label: string, total: number, kept: number): void => {
    if (kept < total) {
      sections.push({ field, label, total, kept });
    }
  };

  const { kept: findings, note: moreFindings } = cutFindings(report.findings, limits.findings);
  note('findings', 'findings', report.findings.length, findings.length);
  const cited = [...evidenceLines(report, findings)].sort((a, b) => a - b);
  const isCited = (line: number): boolean => cites(cited, line, line);
  const suspectNames = new Set(report.suspects.map((s) => s.module.toLowerCase()));
  const suspectLengths = new Set(report.suspects.map((s) => s.module.length));
  // 100,000 module rows: most names cannot be a suspect's by their length alone.
  const isSuspect = (name: string): boolean => suspectLengths.has(name.length) && suspectNames.has(name.toLowerCase());

  let suspects = keep(report.suspects, limits.suspects, () => false);
  note('suspects', 'suspects', report.suspects.length, suspects.length);
  let reasonsTotal = 0;
  let reasonsKept = 0;
  if (suspects.some((x) => x.reasons.length > limits.reasonsPerSuspect)) {
    suspects = suspects.map((x) => {
      reasonsTotal += x.reasons.length;
      reasonsKept += Math.min(x.reasons.length, limits.reasonsPerSuspect);
      return x.reasons.length <= limits.reasonsPerSuspect ? x : { ...x, reasons: x.reasons.slice(0, limits.reasonsPerSuspect) };
    });
  }
  note('suspects.reasons', 'reasons', reasonsTotal, reasonsKept);
  const nextSteps = keep(report.nextSteps, limits.nextSteps, () => false);
  note('nextSteps', 'next steps', report.nextSteps.length, nextSteps.length);

  let framesCut = 0;
  const capFrames = (s: Stack): Stack => {
    if (s.frames.length <= limits.framesPerStack) {
      return s;
    }
    framesCut += s.frames.length - limits.framesPerStack;
    // Deep recursion: the top of the stack and its bottom tell the story.
    const tail = Math.floor(limits.framesPerStack / 4);
    return { ...s, frames: [...s.frames.slice(0, limits.framesPerStack - tail), ...s.frames.slice(s.frames.length - tail)] };
  };
  const deep = (s: Stack | null): boolean => s !== null && s.frames.length > limits.framesPerStack;

  let stacks = cutStacks(report.stacks, limits.stacks, cited);
  note('stacks', 'stacks', report.stacks.length, stacks.length);
  if (stacks.some(deep)) {
    stacks = stacks.map(capFrames);
  }

  let threads = keep(report.threads, limits.threads, (t) => cites(cited, t.line, t.endLine));
  note('threads', 'threads', report.threads.length, threads.length);
  if (threads.some((t) => deep(t.stack))) {
    threads = threads.map((t) => (deep(t.stack) ? { ...t, stack: capFrames(t.stack as Stack) } : t));
  }
  if (framesCut > 0) {
    sections.push({ field: 'stacks.frames', label: 'frames of very deep stacks', total: framesCut, kept: 0 });
  }
  const processes = keep(report.processes, limits.processes, (p) => isCited(p.line));
  note('processes', 'processes', report.processes.length, processes.length);
  const modules = keep(
    report.modules,
    limits.modules,
    (m) => isSuspect(m.name) || isCited(m.line) || m.origin !== 'microsoft',
    (m) => (isSuspect(m.name) || isCited(m.line) ? 0 : 1),
  );
  note('modules', 'modules', report.modules.length, modules.length);
  const irpFind = keep(report.irpFind, limits.irpFind, (r) => isCited(r.line) || isSuspect(r.driver.slice(r.driver.lastIndexOf('\\') + 1)));
  note('irpFind', 'IRPs found by !irpfind', report.irpFind.length, irpFind.length);
  const locks = keep(report.locks, limits.locks, (l) => isCited(l.line));
  note('locks', 'locks', report.locks.length, locks.length);
  const commands = keep(report.commands, limits.commands, (c) => cites(cited, c.line, c.endLine));
  note('commands', 'commands in the outline', report.commands.length, commands.length);

  let poolTotal = 0;
  let poolKept = 0;
  const poolUsed = report.memory.poolUsed.map((p) => {
    poolTotal += p.tags.length;
    if (p.tags.length <= limits.poolTags) {
      poolKept += p.tags.length;
      return p;
    }
    const bytes = tagBytes(p);
    const tags = keep(p.tags, limits.poolTags, () => true, (t) => (isCited(t.line) ? -Infinity : -bytes(t)));
    poolKept += tags.length;
    return { ...p, tags };
  });
  note('memory.poolUsed.tags', 'pool tags', poolTotal, poolKept);

  const other = <T extends { line: number }>(field: string, label: string, list: readonly T[]): T[] => {
    const kept = keep(list, limits.other, (x) => isCited(x.line));
    note(field, label, list.length, kept.length);
    return kept;
  };
  const irps = other('irps', 'IRPs', report.irps);
  const drivers = other('drivers', 'driver objects', report.drivers);
  const devices = other('devices', 'device objects', report.devices);

  if (sections.length === 0) {
    return { report, summary: null };
  }
  const cut: AnalysisReport = {
    ...report,
    suspects,
    nextSteps,
    findings: moreFindings ? [...findings, moreFindings] : findings,
    stacks,
    threads,
    processes,
    modules,
    irpFind,
    locks,
    commands,
    irps,
    drivers,
    devices,
    memory: { ...report.memory, poolUsed },
    stats: { ...report.stats, truncated: true },
  };
  return { report: cut, summary: { sections } };
}

/**
 * What was left out, in words: "…the report lists 1,000 of 30,901 stacks,
 * 3,000 of 100,017 modules…". `shared`: a report opened from a link, whose
 * verdict was not made here.
 */
export function describeSummary(summary: ReportSummary, source: 'analysis' | 'shared' = 'analysis'): string {
  const shown = summary.sections.filter((s) => s.kept > 0).slice(0, 3);
  const parts = shown.map((s) => `${s.kept.toLocaleString('en-US')} of ${s.total.toLocaleString('en-US')} ${s.label}`);
  const dropped = summary.sections.filter((s) => s.kept === 0).slice(0, 1);
  const more = summary.sections.length - shown.length - dropped.length;
  const words = [
    parts.length > 0 ? `lists ${parts.join(', ')}` : '',
    dropped.length > 0 ? `leaves out ${dropped.map((s) => `${s.total.toLocaleString('en-US')} ${s.label}`).join(', ')}` : '',
  ].filter((w) => w !== '');
  const shortens = more > 0 ? ` (and shortens ${more} more list${more === 1 ? '' : 's'})` : '';
  return `To keep the page responsive, the report ${words.join(' and ')}${shortens}, evidence first.${source === 'analysis' ? ' The verdict used everything.' : ''}`;
}

/** Findings in the verdict preview (the most severe first). */
export const PREVIEW_FINDINGS = 20;

/** Reports listing more items than this are sent in two steps: the verdict first, then the details. */
export const PREVIEW_ABOVE_ITEMS = 1500;

/** How many entries the report's lists hold in all (stacks count with their frames). */
export function reportItems(report: AnalysisReport): number {
  let n = report.findings.length + report.threads.length + report.processes.length + report.modules.length + report.irpFind.length;
  n += report.locks.length + report.commands.length + report.irps.length + report.drivers.length + report.devices.length + report.devStacks.length;
  for (const s of report.stacks) {
    n += 1 + s.frames.length / 4;
  }
  for (const p of report.memory.poolUsed) {
    n += p.tags.length;
  }
  return Math.round(n);
}

/**
 * The verdict of a report without its long lists (stacks, threads, modules,
 * IRPs, pool tags, outline…): small enough to show at once while the page
 * renders the details in a later task.
 */
export function verdictPreview(report: AnalysisReport): AnalysisReport {
  return {
    ...report,
    findings: report.findings.slice(0, PREVIEW_FINDINGS),
    stacks: [],
    threads: [],
    processes: [],
    locks: [],
    modules: [],
    irps: [],
    irpFind: [],
    devices: [],
    devStacks: [],
    drivers: [],
    commands: [],
    memory: { ...report.memory, poolUsed: [], pools: [] },
    stats: { ...report.stats, truncated: true },
  };
}
