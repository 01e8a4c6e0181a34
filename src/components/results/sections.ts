/**
 * The result sections of the workspace, in display order. A section is shown
 * only when the report has data for it; the section nav lists the same ones.
 */
import type { AnalysisReport } from '../../analyzers/types';

export type SectionId =
  | 'verdict'
  | 'findings'
  | 'next-steps'
  | 'stacks'
  | 'threads'
  | 'memory'
  | 'modules'
  | 'devices'
  | 'hardware'
  | 'outline';

export interface SectionInfo {
  id: SectionId;
  /** Accessible name of the section's region and the nav link's text. */
  label: string;
  /** How many items the section lists, shown in the nav; undefined when a count would mean little. */
  count?: number;
}

/** DOM id of a section's region (never used as a URL fragment: fragments carry permalinks). */
export function sectionDomId(id: SectionId): string {
  return `results-${id}`;
}

function sum(...counts: number[]): number {
  return counts.reduce((a, b) => a + b, 0);
}

/** The sections this report has data for, in display order. */
export function resultSections(report: AnalysisReport): SectionInfo[] {
  const list: SectionInfo[] = [{ id: 'verdict', label: 'Verdict' }];
  const add = (id: SectionId, label: string, count: number, showCount = true) => {
    if (count > 0) {
      list.push(showCount ? { id, label, count } : { id, label });
    }
  };
  add('findings', 'Findings', report.findings.length);
  add('next-steps', 'Next steps', report.nextSteps.length);
  add('stacks', 'Stacks', report.stacks.length);
  add('threads', 'Threads & locks', sum(report.threads.length, report.locks.length, report.processes.length), false);
  const { vm, poolUsed, pools } = report.memory;
  add('memory', 'Memory', sum(vm.length, poolUsed.length, pools.length), false);
  add('modules', 'Modules', report.modules.length);
  add(
    'devices',
    'Devices & IRPs',
    sum(
      report.irps.length,
      report.irpFind.length,
      report.devices.length,
      report.devStacks.length,
      report.drivers.length,
      report.filters.length,
      report.ndis.length,
    ),
    false,
  );
  add('hardware', 'Hardware', sum(report.hardware.whea.length, report.hardware.cpu.length, report.verifier.length), false);
  add('outline', 'Outline', report.commands.length);
  return list;
}
