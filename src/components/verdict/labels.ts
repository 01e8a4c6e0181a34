/** Words shown for the report's enumerations. */
import type { Category, ModuleOrigin, SessionKind, Severity } from '../../analyzers/types';

export const CATEGORY_LABEL: Record<Category, string> = {
  driver: 'Faulty driver',
  hardware: 'Hardware fault',
  'memory-corruption': 'Memory corruption',
  'pool-leak': 'Pool leak',
  'hang-deadlock': 'Hang or deadlock',
  'disk-io': 'Disk I/O',
  'os-corruption': 'Operating system corruption',
  'user-app': 'User-mode application',
  manual: 'Stopped on purpose',
  none: 'Nothing wrong found',
  unknown: 'Undetermined',
};

export const CATEGORY_HINT: Record<Category, string> = {
  driver: 'A driver is the most likely cause.',
  hardware: 'The evidence points at the hardware (CPU, memory, bus).',
  'memory-corruption': 'Something overwrote memory it did not own.',
  'pool-leak': 'Kernel pool memory ran out or kept growing.',
  'hang-deadlock': 'Threads waited on each other or on a device for too long.',
  'disk-io': 'Reading from or writing to storage failed.',
  'os-corruption': 'System files or kernel code look damaged.',
  'user-app': 'A user-mode program crashed.',
  manual: 'Someone stopped the system on purpose: a crash forced from the keyboard, an NMI or a tool, or a break into the debugger.',
  none: 'This session shows no failure.',
  unknown: 'The input does not say enough to classify the failure.',
};

export const ORIGIN_LABEL: Record<ModuleOrigin, string> = {
  microsoft: 'Microsoft',
  'third-party': 'Third party',
  unknown: 'Unknown origin',
};

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  warning: 'Warning',
  info: 'Info',
};

export const KIND_LABEL: Record<SessionKind, string> = {
  kernel: 'Kernel mode',
  user: 'User mode',
  unknown: 'Session type unknown',
};

/** Confidence in words: ≥ 0.8 strong, ≥ 0.5 likely, else weak / not blamed. */
export function confidenceWord(confidence: number): 'strong' | 'likely' | 'weak / not blamed' {
  if (confidence >= 0.8) {
    return 'strong';
  }
  if (confidence >= 0.5) {
    return 'likely';
  }
  return 'weak / not blamed';
}

export function confidencePercent(confidence: number): number {
  return Math.round(Math.min(1, Math.max(0, confidence)) * 100);
}
