/**
 * THE table of verdict rules, in the order they run. Order matters only where
 * a rule reads what earlier ones produced: lock-waiters reads the hang signal
 * of hang-signals; driver-age and missing-symbols annotate modules that other
 * rules already suspect, so they run last. Rules that weigh evidence run in a
 * fixed order so ties between suspects break the same way every time.
 */
import type { Rule } from '../rule';
import { analyzeNames } from './analyze-names';
import { blockedIrp } from './blocked-irp';
import { bugcheckDecode } from './bugcheck-decode';
import { busyWait } from './busy-wait';
import { callSitesInText } from './call-sites-in-text';
import { corruptionSignals } from './corruption-signals';
import { cpuSpin } from './cpu-spin';
import { crashingProgram } from './crashing-program';
import { debuggerBucket } from './debugger-bucket';
import { deviceStackDriver } from './device-stack-driver';
import { diskInPage } from './disk-in-page';
import { displayPowerCallout } from './display-power-callout';
import { driverAge } from './driver-age';
import { driverRaised } from './driver-raised';
import { driverObjectHooks } from './driver-object-hooks';
import { exceptionRecord } from './exception-record';
import { faultingStack } from './faulting-stack';
import { forcedCrash } from './forced-crash';
import { hangAnalysis } from './hang-analysis';
import { hangSignals } from './hang-signals';
import { hungProcessor } from './hung-processor';
import { imageHash } from './image-hash';
import { irpShare } from './irp-share';
import { lockCycle } from './lock-cycle';
import { lockOwner } from './lock-owner';
import { lockOwnerStory } from './lock-owner-story';
import { loaderLock } from './loader-lock';
import { lockWaiters } from './lock-waiters';
import { markedFrame } from './marked-frame';
import { microsoftCodePath } from './microsoft-code-path';
import { minifilterRedirect } from './minifilter-redirect';
import { missingSymbols } from './missing-symbols';
import { namedInText } from './named-in-text';
import { runtimeMismatch } from './runtime-mismatch';
import { ndisReset } from './ndis-reset';
import { orphanedLock } from './orphaned-lock';
import { poolUsage } from './pool-usage';
import { rawStackReferences } from './raw-stack-references';
import { recursion } from './recursion';
import { reportedSymptom } from './reported-symptom';
import { searchHits } from './search-hits';
import { severalCrashes } from './several-crashes';
import { threadInArgument } from './thread-in-argument';
import { trapContext } from './trap-context';
import { verifierUnloadLeak } from './verifier-unload-leak';
import { waitingThreads } from './waiting-threads';
import { watchdogProcessors } from './watchdog-processors';
import { wheaRecord } from './whea-record';

export const RULES: readonly Rule[] = [
  bugcheckDecode,
  exceptionRecord,
  wheaRecord,
  forcedCrash,
  verifierUnloadLeak,
  diskInPage,
  imageHash,
  debuggerBucket,
  severalCrashes,
  corruptionSignals,
  lockOwnerStory,
  hangSignals,
  hangAnalysis,
  reportedSymptom,
  orphanedLock,
  lockCycle,
  loaderLock,
  waitingThreads,
  cpuSpin,
  poolUsage,
  faultingStack,
  runtimeMismatch,
  markedFrame,
  driverRaised,
  recursion,
  analyzeNames,
  threadInArgument,
  lockOwner,
  lockWaiters,
  blockedIrp,
  irpShare,
  deviceStackDriver,
  driverObjectHooks,
  hungProcessor,
  busyWait,
  displayPowerCallout,
  rawStackReferences,
  watchdogProcessors,
  trapContext,
  searchHits,
  ndisReset,
  minifilterRedirect,
  microsoftCodePath,
  callSitesInText,
  crashingProgram,
  namedInText,
  driverAge,
  missingSymbols,
];
