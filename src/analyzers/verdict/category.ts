/**
 * The category of the session and the final say on blame: signals that blame
 * no driver (hardware, disk, forced crash, OS files) win over suspects; a
 * crash forced to capture a hang keeps only the hang's evidence.
 */
import { DEADLOCK_SUBCODES, DRIVER_CODES, LOCK_CODES, USUAL_CAUSES, VERIFIER_CODES } from '../knowledge/bugcheck-classes';
import { isFrameworkModule } from '../knowledge/modules';
import type { Category, Suspect } from '../types';
import { blocksOf } from '../run';
import { combine } from './combine';
import { argNum, type VerdictContext } from './context';
import { decideKind } from './session';

/** The engine's own id, stamped on the findings it adds while deciding. */
export const CATEGORY_RULE = 'category';

/** A suspect at or above this is enough to call a crash a driver fault. */
const DRIVER_BAR = 0.2;
/** 0.5 or more means "we blame this". */
const BLAME = 0.5;
/** Rules whose evidence is found after the fact, not the module caught while doing it. */
const AFTER_THE_FACT = new Set(['search-hits', 'driver-age', 'missing-symbols', 'several-crashes', 'pool-usage']);

/** Some of the suspect's evidence shows it at work when the crash happened (its stack, !analyze, a verifier…). */
function caughtInTheAct(s: Suspect): boolean {
  return s.reasons.some((r) => !AFTER_THE_FACT.has(r.rule));
}

/**
 * The registers printed (`r`, `.cxr`, `.trap`) hold a user-mode code segment: 001b (x86), 0033 (x64)
 * or 0023 (a 32-bit program on x64). A kernel debugger stopped on a program's exception prints them so.
 * Source: Intel SDM vol. 3, ch. 3 (segment selectors, the RPL in the low two bits), as Windows sets them.
 */
function userModeRegisters(ctx: VerdictContext): boolean {
  return blocksOf(ctx.model, 'registers').some((b) => /^0*(?:1b|23|33)$/i.test(b.data.registers.cs ?? ''));
}

/** Decide the category from the signals and the ranked suspects. */
export function decideCategory(ctx: VerdictContext, suspects: Suspect[]): Category {
  const s = ctx.signals;
  const top = suspects[0];
  if (s.has('manual')) {
    // A crash forced to capture a hang is a hang: the waits are the story.
    return s.has('hang-deadlock') && ctx.evidence.some((e) => e.hang === true && e.weight > 0) ? 'hang-deadlock' : 'manual';
  }
  for (const c of ['hardware', 'disk-io', 'os-corruption'] as const) {
    if (s.has(c)) {
      return c;
    }
  }
  if (s.has('pool-leak')) {
    return 'pool-leak';
  }
  if (s.has('memory-corruption')) {
    // The cause, not the symptom: a driver caught in the act is a driver fault even when
    // the bug check reports corruption; one found only afterwards (a memory search) is not.
    // Under special pool or Driver Verifier (0xC1, 0xD5…) the check caught the code that broke its own
    // block: a suspect seen there is the driver at fault, not a victim.
    const verified = ctx.bugcheck !== null && VERIFIER_CODES.has(ctx.bugcheck.code);
    return top && top.confidence >= (verified ? DRIVER_BAR : BLAME) && caughtInTheAct(top) && !isFrameworkModule(top.module) ? 'driver' : 'memory-corruption';
  }
  if (ctx.bugcheck && (LOCK_CODES.has(ctx.bugcheck.code) || (ctx.bugcheck.code === 0xc4 && DEADLOCK_SUBCODES.has(argNum(ctx, 1))))) {
    // A lock left held or taken in a deadlocking order: a deadlock, whoever took the lock.
    return 'hang-deadlock';
  }
  // A kernel stack pasted alone, which the words around it call a hang, is a hang.
  if (ctx.loneStack && ctx.stackCrash === 'kernel' && !ctx.bugcheck && s.has('hang-deadlock')) {
    return 'hang-deadlock';
  }
  if (ctx.bugcheck || ctx.crashWithoutCode || ctx.stackCrash === 'kernel') {
    if (top && top.confidence >= DRIVER_BAR && (top.origin !== 'microsoft' || !isFrameworkModule(top.module))) {
      return 'driver';
    }
    // A processor that stops answering with no driver in sight is usually the CPU, its
    // firmware or its power, not software.
    if (ctx.bugcheck?.code === 0x101 && (!top || top.confidence < DRIVER_BAR)) {
      return 'hardware';
    }
    // A bug check raised only for drivers' mistakes is a driver fault even when nothing here
    // names the driver (the headline then says so and asks for the next steps).
    if (ctx.bugcheck && DRIVER_CODES.has(ctx.bugcheck.code)) {
      return 'driver';
    }
    // Nothing names a driver, and the reference gives this code a usual cause of its own.
    const usual = ctx.bugcheck && (!top || top.confidence < DRIVER_BAR) ? USUAL_CAUSES.get(ctx.bugcheck.code) : undefined;
    if (usual) {
      ctx.findings.push({
        id: 'verdict.usual-cause',
        severity: 'info',
        title: `Nothing here names a driver, and this bug check usually means ${usual.why}`,
        lines: ctx.bugcheck?.line !== undefined ? [ctx.bugcheck.line] : [],
        rule: CATEGORY_RULE,
      });
      return usual.category;
    }
    return 'unknown';
  }
  if (s.has('hang-deadlock')) {
    return 'hang-deadlock';
  }
  if (ctx.exception || ctx.stackCrash === 'user' || s.has('user-app')) {
    return decideKind(ctx) === 'user' || userModeRegisters(ctx) ? 'user-app' : top && top.confidence >= DRIVER_BAR ? 'driver' : 'unknown';
  }
  return 'none';
}

/** What a category's signal is evidence of, in the finding that reports it. */
const SIGNAL_WORDS: Record<Category, string> = {
  driver: 'a driver fault',
  hardware: 'a hardware fault',
  'memory-corruption': 'memory corruption',
  'pool-leak': 'a pool leak',
  'hang-deadlock': 'a hang',
  'disk-io': 'a disk or I/O fault',
  'os-corruption': 'damaged system files',
  'user-app': 'an application fault',
  manual: 'a stop made on purpose',
  none: 'nothing wrong',
  unknown: 'an unknown cause',
};

/** Words for a no-blame category in the "not blamed" finding. */
const NOT_BLAMED_BECAUSE: Partial<Record<Category, string>> = {
  manual: 'a crash forced on purpose',
  hardware: 'hardware',
  'disk-io': 'the disk or its I/O path',
  'os-corruption': 'damaged or unsigned system files',
};

/**
 * Apply the category to the suspects: a forced crash that captured a hang
 * keeps the hang's evidence only; categories that blame no driver empty the
 * list (and say which modules were set aside). Adds the finding of the signal
 * that decided the category.
 */
export function settleBlame(ctx: VerdictContext, category: Category, suspects: Suspect[]): Suspect[] {
  ctx.rule = CATEGORY_RULE;
  const noBlame = category === 'manual' || category === 'hardware' || category === 'disk-io' || category === 'os-corruption' || category === 'none';
  let out = suspects;
  const forced = ctx.signals.has('manual');
  if (forced && (category === 'hang-deadlock' || ctx.evidence.some((e) => e.hang === true))) {
    // A crash forced to capture a hang: the crash stack means nothing, the hang evidence does.
    out = combine(ctx, ctx.evidence.filter((e) => e.hang === true || e.weight === 0));
    if (category === 'hang-deadlock') {
      const why = ctx.signals.get('manual');
      ctx.findings.push({
        id: 'verdict.forced-hang',
        severity: 'info',
        title: `${ctx.liveBreak ? 'The system was stopped on purpose' : 'The crash was forced on purpose'}${why ? ` (${why.why})` : ''} to capture a hang: its own stack is set aside, and the waiting threads are judged instead`,
        lines: why?.line !== undefined ? [why.line] : [],
        rule: CATEGORY_RULE,
      });
    }
  } else if (noBlame && suspects.length > 0) {
    const names = suspects.filter((x) => x.confidence >= 0.2).map((x) => x.module);
    const because = NOT_BLAMED_BECAUSE[category];
    if (names.length > 0 && because !== undefined) {
      ctx.findings.push({
        id: 'verdict.not-blamed',
        severity: 'info',
        title: `Modules on the stacks (${names.slice(0, 4).join(', ')}) are not blamed: the evidence points to ${because}`,
        lines: [],
        rule: CATEGORY_RULE,
      });
    }
    out = [];
  }
  const sig = ctx.signals.get(category);
  if (sig) {
    ctx.findings.push({
      id: `signal.${category}`,
      severity: 'warning',
      title: `Evidence of ${SIGNAL_WORDS[category]}: ${sig.why}`,
      lines: sig.line !== undefined ? [sig.line] : [],
      rule: sig.rule,
    });
  }
  return out;
}
