/**
 * Evidence → ranked suspects. A suspect's confidence is 1 − Π(1 − wᵢ) over
 * its distinct reasons: independent hints add up, but never to certainty.
 * Microsoft framework modules (nt, ndis, fltmgr…) are where crashes land:
 * their confidence is halved and capped below blame; other Microsoft drivers
 * can be at fault, but the bar is higher.
 */
import { canonicalModuleName, describeDriver, isFrameworkModule } from '../knowledge/modules';
import type { Suspect } from '../types';
import type { Evidence, VerdictContext } from './context';
import { origin } from './modules';

/** One hint never counts for more than this. */
const MAX_WEIGHT = 0.9;
/** Nobody is certain from a debugger paste. */
const MAX_CONFIDENCE = 0.95;
/** Framework modules: at most this, so they are never blamed on stack presence alone. */
const FRAMEWORK_CAP = 0.3;
/** Other Microsoft modules: damped, and capped at this. */
const MICROSOFT_CAP = 0.6;

/** Group the evidence by module and rank the suspects, strongest first. */
export function combine(ctx: VerdictContext, evidence: readonly Evidence[] = ctx.evidence): Suspect[] {
  const byModule = new Map<string, Evidence[]>();
  for (const e of evidence) {
    const key = canonicalModuleName(e.module);
    const list = byModule.get(key);
    if (list) {
      list.push(e);
    } else {
      byModule.set(key, [e]);
    }
  }
  const suspects: Suspect[] = [];
  for (const [key, list] of byModule) {
    if (!list.some((e) => e.weight > 0)) {
      // Remarks alone (weight 0) make nobody a suspect.
      continue;
    }
    // One reason per distinct text; strongest first.
    const uniq = new Map<string, Evidence>();
    for (const e of list) {
      const prev = uniq.get(e.text);
      if (!prev || prev.weight < e.weight) {
        uniq.set(e.text, e);
      }
    }
    const reasons = [...uniq.values()].sort((a, b) => b.weight - a.weight);
    let p = 1;
    for (const e of reasons) {
      p *= 1 - Math.min(MAX_WEIGHT, e.weight);
    }
    let confidence = 1 - p;
    const name = ctx.spelling.get(key) ?? key;
    const org = origin(name);
    if (org === 'microsoft') {
      confidence = isFrameworkModule(name) ? Math.min(FRAMEWORK_CAP, confidence * 0.5) : Math.min(MICROSOFT_CAP, confidence * 0.75);
    }
    confidence = Math.min(MAX_CONFIDENCE, confidence);
    const s: Suspect = {
      module: name,
      confidence: Math.round(confidence * 100) / 100,
      reasons: reasons.map((e) => (e.line !== undefined ? { text: e.text, line: e.line, rule: e.rule } : { text: e.text, rule: e.rule })),
      origin: org,
    };
    const driver = describeDriver(name);
    if (driver) {
      s.vendor = driver.vendor;
      if (driver.product !== undefined) {
        s.product = driver.product;
      }
    }
    suspects.push(s);
  }
  suspects.sort((a, b) => b.confidence - a.confidence || b.reasons.length - a.reasons.length);
  return suspects;
}
