/**
 * The category of the session and the final say on blame: signals that blame
 * no driver (hardware, disk, forced crash, OS files) win over suspects; a
 * crash forced to capture a hang keeps only the hang's evidence.
 */
import { isFrameworkModule } from '../knowledge/modules';
import type { Category, Suspect } from '../types';
import { combine } from './combine';
import type { VerdictContext } from './context';
import { decideKind } from './session';

/** The engine's own id, stamped on the findings it adds while deciding. */
export const CATEGORY_RULE = 'category';

/** A suspect at or above this is enough to call a crash a driver fault. */
const DRIVER_BAR = 0.3;

/** Decide the category from the signals and the ranked suspects. */
export function decideCategory(ctx: VerdictContext, suspects: Suspect[]): Category {
  const s = ctx.signals;
  for (const c of ['manual', 'hardware', 'disk-io', 'os-corruption'] as const) {
    if (s.has(c)) {
      return c;
    }
  }
  if (s.has('pool-leak')) {
    return 'pool-leak';
  }
  if (s.has('memory-corruption')) {
    return 'memory-corruption';
  }
  const top = suspects[0];
  if (ctx.bugcheck || ctx.crashWithoutCode) {
    if (top && top.confidence >= DRIVER_BAR && (top.origin !== 'microsoft' || !isFrameworkModule(top.module))) {
      return 'driver';
    }
    // A processor that stops answering with no driver in sight is usually the CPU, its
    // firmware or its power, not software.
    if (ctx.bugcheck?.code === 0x101 && (!top || top.confidence < DRIVER_BAR)) {
      return 'hardware';
    }
    return 'unknown';
  }
  if (s.has('hang-deadlock')) {
    return 'hang-deadlock';
  }
  if (ctx.exception) {
    return decideKind(ctx) === 'user' ? 'user-app' : top && top.confidence >= DRIVER_BAR ? 'driver' : 'unknown';
  }
  return 'none';
}

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
  if (category === 'manual' && ctx.evidence.some((e) => e.hang === true)) {
    // A crash forced to capture a hang: the crash stack means nothing, the hang evidence does.
    out = combine(ctx, ctx.evidence.filter((e) => e.hang === true || e.weight === 0));
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
      title: `Evidence of ${category.replace('-', ' ')}: ${sig.why}`,
      lines: sig.line !== undefined ? [sig.line] : [],
      rule: sig.rule,
    });
  }
  return out;
}
