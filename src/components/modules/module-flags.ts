/**
 * Flags and ages for the Modules table, computed from the report alone
 * (plus the clock for "today" when the input holds too few link dates).
 */
import { canonicalModuleName } from '../../analyzers/knowledge/modules';
import type { AnalysisReport } from '../../analyzers/types';

export type ModuleRow = AnalysisReport['modules'][number];
export type ModuleFlag = 'suspect' | 'hooks' | 'old' | 'no-symbols' | 'unloaded';

export const FLAG_LABEL: Record<ModuleFlag, string> = {
  suspect: 'in the verdict',
  hooks: 'hooks a driver',
  old: 'old',
  'no-symbols': 'no symbols',
  unloaded: 'unloaded',
};

const YEAR_S = 365.25 * 24 * 3600;
/** A non-Microsoft module this many years older than the reference date counts as old. */
export const OLD_YEARS = 3;

/**
 * The date ages are measured from: the newest link date in the list (close to
 * when the system was last updated) unless it is in the future (reproducible
 * builds print hashes there) or fewer than two modules have a date; else today.
 */
export function ageReference(modules: readonly ModuleRow[], nowSeconds: number): { epoch: number; from: 'newest module' | 'today' } {
  const dates = modules.map((m) => m.timestamp?.epoch).filter((e): e is number => e !== undefined && e <= nowSeconds);
  if (dates.length >= 2) {
    return { epoch: Math.max(...dates), from: 'newest module' };
  }
  return { epoch: nowSeconds, from: 'today' };
}

/** Age in years (one decimal), or undefined without a link date or for a date after the reference. */
export function ageYears(m: ModuleRow, referenceEpoch: number): number | undefined {
  const e = m.timestamp?.epoch;
  if (e === undefined || e > referenceEpoch) {
    return undefined;
  }
  return Math.round(((referenceEpoch - e) / YEAR_S) * 10) / 10;
}

/** Modules whose symbols the debugger could not load (`symbols.missing` findings). */
function symbolless(report: AnalysisReport): Set<string> {
  const set = new Set<string>();
  for (const f of report.findings) {
    const m = f.id === 'symbols.missing' ? /\bfor (.+)$/.exec(f.title) : null;
    for (const name of m?.[1]?.split(/,\s*/) ?? []) {
      set.add(canonicalModuleName(name));
    }
  }
  return set;
}

/** Modules that dispatch routines of another driver point into (`drvobj.hook` findings). */
function hookers(report: AnalysisReport): Set<string> {
  const lines = new Set(report.findings.filter((f) => f.id === 'drvobj.hook').flatMap((f) => f.lines));
  const set = new Set<string>();
  for (const d of report.drivers) {
    for (const r of d.routines) {
      if (lines.has(r.line) && r.module !== null) {
        set.add(canonicalModuleName(r.module));
      }
    }
  }
  return set;
}

/** Flags per module, in a fixed order. */
export function moduleFlagger(report: AnalysisReport, referenceEpoch: number): (m: ModuleRow) => ModuleFlag[] {
  const suspects = new Set(report.suspects.map((s) => canonicalModuleName(s.module)));
  const noSymbols = symbolless(report);
  const hooks = hookers(report);
  return (m) => {
    const key = canonicalModuleName(m.name);
    const flags: ModuleFlag[] = [];
    if (suspects.has(key)) {
      flags.push('suspect');
    }
    if (hooks.has(key)) {
      flags.push('hooks');
    }
    const age = ageYears(m, referenceEpoch);
    if (m.origin !== 'microsoft' && age !== undefined && age >= OLD_YEARS) {
      flags.push('old');
    }
    if (/no symbols|export symbols/i.test(m.symbols ?? '') || noSymbols.has(key)) {
      flags.push('no-symbols');
    }
    if (m.unloaded) {
      flags.push('unloaded');
    }
    return flags;
  };
}
