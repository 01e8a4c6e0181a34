/**
 * Builds the contract report from the session model: collects each family's
 * blocks into the report's sections and asks the verdict engine for the
 * bug check, category, suspects, findings and next steps.
 */
import { allStacks, blocksOf, type SessionModel } from './run';
import { judge } from './verdict/index';
import type { AnalysisReport, ModuleEntry } from './types';

/** A report for input that could not be analyzed at all. */
export function emptyReport(problem: string, text: string): AnalysisReport {
  const lines = text === '' ? 0 : text.split(/\r\n|\r|\n/).length;
  return { ...blankReport(problem, lines), inputProblem: problem };
}

/** A report with every section empty: the base of `emptyReport`, and of test builders. */
export function blankReport(headline: string, lines = 0): AnalysisReport {
  return {
    schemaVersion: 1,
    kind: 'unknown',
    bugcheck: null,
    category: 'unknown',
    suspects: [],
    findings: [],
    commands: [],
    headline,
    nextSteps: [],
    stacks: [],
    threads: [],
    processes: [],
    locks: [],
    memory: { vm: [], poolUsed: [], pools: [] },
    modules: [],
    irps: [],
    irpFind: [],
    devices: [],
    devStacks: [],
    drivers: [],
    hardware: { whea: [], cpu: [] },
    verifier: [],
    filters: [],
    ndis: [],
    stats: { lines, blocks: 0, skippedLines: lines, truncated: false },
  };
}

/**
 * One row per module: `lm t n` lists everything, and a later `lmvm X` or `lmta ADDR`
 * lists X again; the first row of each (name, start) is kept, later ones only fill
 * what it lacks (a file version, a path).
 */
function uniqueModules(rows: ModuleEntry[]): ModuleEntry[] {
  if (rows.length < 2) {
    return rows;
  }
  const byKey = new Map<string, ModuleEntry>();
  const out: ModuleEntry[] = [];
  for (const m of rows) {
    const key = `${m.name.toLowerCase()}|${m.start ?? ''}`;
    const first = byKey.get(key);
    if (first === undefined) {
      byKey.set(key, m);
      out.push(m);
    } else {
      for (const [k, v] of Object.entries(m) as [keyof ModuleEntry, unknown][]) {
        if (first[k] === undefined && v !== undefined) {
          (first as unknown as Record<string, unknown>)[k] = v;
        }
      }
    }
  }
  return out;
}

/** Assemble the report. */
export function buildReport(model: SessionModel): AnalysisReport {
  const stacks = allStacks(model);
  const verdict = judge(model, stacks);
  const threads = [
    ...blocksOf(model, 'thread').map((b) => b.data),
    ...blocksOf(model, 'process').flatMap((b) => b.data.processes.flatMap((p) => p.threads)),
  ].sort((a, b) => a.line - b.line);
  const modules = uniqueModules(blocksOf(model, 'lm').flatMap((b) => b.data.modules));
  return {
    schemaVersion: 1,
    kind: verdict.kind,
    bugcheck: verdict.bugcheck,
    category: verdict.category,
    suspects: verdict.suspects,
    findings: verdict.findings,
    commands: model.commands,
    headline: verdict.headline,
    nextSteps: verdict.nextSteps,
    stacks,
    threads,
    processes: blocksOf(model, 'process').flatMap((b) => b.data.processes.map(({ threads: _threads, ...p }) => p)),
    locks: blocksOf(model, 'locks').flatMap((b) => b.data.locks),
    memory: {
      vm: blocksOf(model, 'vm').map((b) => b.data),
      poolUsed: blocksOf(model, 'poolused').map((b) => b.data),
      pools: blocksOf(model, 'pool').map((b) => b.data),
    },
    modules,
    irps: blocksOf(model, 'irp').map((b) => b.data),
    irpFind: blocksOf(model, 'irpfind').flatMap((b) => b.data.rows),
    devices: blocksOf(model, 'devobj').map((b) => b.data),
    devStacks: blocksOf(model, 'devstack').map((b) => b.data),
    drivers: blocksOf(model, 'drvobj').map((b) => b.data),
    hardware: {
      whea: blocksOf(model, 'errrec').map((b) => b.data),
      cpu: blocksOf(model, 'sysinfo').map((b) => b.data),
    },
    verifier: blocksOf(model, 'verifier').map((b) => b.data),
    filters: blocksOf(model, 'fltkd').map((b) => b.data),
    ndis: blocksOf(model, 'ndiskd').map((b) => b.data),
    stats: {
      lines: model.source.lines.length,
      blocks: model.blocks.length,
      skippedLines: model.skippedLines,
      truncated: false,
    },
  };
}
