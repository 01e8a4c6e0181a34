/**
 * THE table of analyzers, in the order their `startsAt` tests are tried on a
 * line that no command claims (first match wins). More specific detectors come
 * first; the stack parser, which accepts the loosest lines, comes late.
 */
import { analyzeVAnalyzer } from './analyze-v';
import { bugcheckAnalyzer } from './bugcheck';
import { chkimgAnalyzer } from './chkimg';
import { clrstackAnalyzer } from './clrstack';
import { devobjAnalyzer } from './devobj';
import { devstackAnalyzer } from './devstack';
import { disasmAnalyzer } from './disasm';
import { drvobjAnalyzer } from './drvobj';
import { dtAnalyzer } from './dt';
import { errrecAnalyzer } from './errrec';
import { fltkdAnalyzer } from './fltkd';
import { irpAnalyzer } from './irp';
import { irpfindAnalyzer } from './irpfind';
import { lmAnalyzer } from './lm';
import { lnAnalyzer } from './ln';
import { locksAnalyzer } from './locks';
import { ndiskdAnalyzer } from './ndiskd';
import { poolAnalyzer } from './pool';
import { poolusedAnalyzer } from './poolused';
import { processAnalyzer } from './process';
import { rawmemAnalyzer } from './rawmem';
import { registersAnalyzer } from './registers';
import { runawayAnalyzer } from './runaway';
import { stackAnalyzer } from './stack';
import { stacksCmdAnalyzer } from './stacks-cmd';
import { symerrAnalyzer } from './symerr';
import { sysinfoAnalyzer } from './sysinfo';
import { threadAnalyzer } from './thread';
import { threadlistAnalyzer } from './threadlist';
import { verifierAnalyzer } from './verifier';
import { vmAnalyzer } from './vm';
import { commandWord } from '../segment';
import type { Analyzer } from '../types';

export const REGISTRY: readonly Analyzer[] = [
  analyzeVAnalyzer,
  bugcheckAnalyzer,
  errrecAnalyzer,
  vmAnalyzer,
  poolusedAnalyzer,
  poolAnalyzer,
  verifierAnalyzer,
  sysinfoAnalyzer,
  chkimgAnalyzer,
  locksAnalyzer,
  processAnalyzer,
  threadAnalyzer,
  irpAnalyzer,
  irpfindAnalyzer,
  devobjAnalyzer,
  devstackAnalyzer,
  drvobjAnalyzer,
  dtAnalyzer,
  fltkdAnalyzer,
  ndiskdAnalyzer,
  threadlistAnalyzer,
  stacksCmdAnalyzer,
  lmAnalyzer,
  lnAnalyzer,
  registersAnalyzer,
  disasmAnalyzer,
  clrstackAnalyzer,
  runawayAnalyzer,
  rawmemAnalyzer,
  stackAnalyzer,
  symerrAnalyzer,
] as readonly Analyzer[];

/** The analyzer that owns a typed command (by its first word), if any. */
export function analyzerForCommand(command: string): Analyzer | undefined {
  const word = commandWord(command);
  if (word === '') {
    return undefined;
  }
  return REGISTRY.find((a) => a.commands.some((c) => (typeof c === 'string' ? c === word : c.test(word))));
}
