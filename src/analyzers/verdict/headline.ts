/**
 * The verdict in one sentence, built from the category, the bug check and the
 * top suspect only, so the headline, the category and the suspect list never
 * disagree.
 */
import type { Verdict } from './context';

const CATEGORY_WORDS: Record<string, string> = {
  driver: 'a driver fault',
  hardware: 'a hardware error reported by the platform, not a driver',
  'memory-corruption': 'memory corruption',
  'pool-leak': 'kernel pool exhaustion (a leak)',
  'hang-deadlock': 'a hang: threads wait on a lock or a device that does not answer',
  'disk-io': 'a failed disk read (in-page I/O error), not a driver',
  'os-corruption': 'damaged or unsigned operating-system files, not a driver',
  'user-app': 'a fault in a user-mode application',
  manual: 'a crash forced on purpose',
  none: 'nothing wrong',
  unknown: 'no clear cause yet',
};

function codeShort(code: string): string {
  return `0x${code.replace(/^0x0*/i, '').toUpperCase() || '0'}`;
}

/** One sentence, plain words. */
export function buildHeadline(v: Verdict): string {
  const h = headlineText(v);
  return h.charAt(0).toUpperCase() + h.slice(1);
}

function headlineText(v: Verdict): string {
  const what = v.bugcheck ? `${v.bugcheck.name ?? 'Unknown bug check'} (${codeShort(v.bugcheck.code)})` : null;
  const top = v.suspects[0];
  const blamed = top && top.confidence >= 0.5;
  // "nvlddmkm (NVIDIA)"; a vendor that already carries parentheses reads better after a comma.
  const who = top ? (top.vendor ? (top.vendor.includes('(') ? `${top.module}, from ${top.vendor},` : `${top.module} (${top.vendor})`) : top.module) : '';
  // A category taken from what the bug check usually means, with nothing naming a driver: say it is that, no more.
  const usual = v.findings.find((f) => f.id === 'verdict.usual-cause');
  if (usual && what && !blamed) {
    return `${what}: ${usual.title.charAt(0).toLowerCase()}${usual.title.slice(1)} — run the next steps.`;
  }
  switch (v.category) {
    case 'none':
      return v.bugcheck ? `${what}: no cause found in this input.` : 'No crash in this input: no bug check, exception, hang or leak was found, so nothing is blamed.';
    case 'manual':
      if (!v.bugcheck && v.findings.some((f) => f.id === 'session.live-break')) {
        return 'A break into the debugger, not a crash: the stacks show what was running or waiting when it stopped; nothing is blamed.';
      }
      return `${what ?? 'This crash'} was forced on purpose (keyboard, NMI or a tool): the dump's stacks show what was running, not a cause.`;
    case 'hardware':
      return `${what ?? 'This session'} points to a hardware fault: suspect the processor, memory or platform, not a driver.`;
    case 'disk-io':
      return `${what ?? 'This session'} comes from a failed disk read (in-page I/O error): check the disk, its controller and cabling before any driver.`;
    case 'os-corruption':
      return `${what ?? 'This session'} points to damaged or unsigned system files: verify signatures and repair the OS files; no driver is blamed.`;
    default:
      break;
  }
  // A hang found by a thread that spins (!runaway), not by waits.
  // A spin: the debugger's thread times show it, or the report says the CPU was busy ("100% CPU", "high CPU").
  const spin =
    v.category === 'hang-deadlock' &&
    v.findings.some((f) => f.id === 'signal.hang-deadlock' && (f.rule === 'cpu-spin' || (f.rule === 'reported-symptom' && /CPU|\bspins?\b|loop/i.test(f.title))));
  const cat = spin ? 'a hang: a thread keeps the processor busy instead of finishing its work' : (CATEGORY_WORDS[v.category] ?? v.category);
  if (blamed) {
    return `${what ? `${what}: ` : ''}${cat}; ${who} is the likely culprit (${Math.round(top.confidence * 100)}% confidence).`;
  }
  if (top) {
    return `${what ? `${what}: ` : ''}${cat}; ${who} is the leading suspect, but the evidence is not strong enough to blame it — run the next steps.`;
  }
  if (v.category === 'driver') {
    return `${what ? `${what}: ` : ''}a driver fault by the kind of bug check, but nothing in this input names the driver — run the next steps.`;
  }
  // A program's own fault or hang is not a driver's: name what cannot be blamed in the session's terms.
  const nobody = v.kind === 'kernel' || v.bugcheck ? 'a driver' : 'a module';
  return `${what ? `${what}: ` : ''}${cat}; not enough evidence to blame ${nobody} — run the next steps.`;
}

