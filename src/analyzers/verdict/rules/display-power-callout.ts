/**
 * Rule display-power-callout: win32k's power watchdogs wait on the display stack.
 */
import { moduleFacts } from '../../knowledge/modules';
import { blocksOf } from '../../run';
import { addEvidence, addFinding, type VerdictContext } from '../context';
import { isCandidate } from '../modules';
import type { Rule } from '../rule';

/**
 * WIN32K_POWER_WATCHDOG_TIMEOUT (0x19C) and CONNECTED_STANDBY_WATCHDOG_TIMEOUT_LIVEDUMP
 * (0x15F): a display power change did not finish in time. (Win32k's other callout
 * watchdogs, 0x1A1/0x1A2, can wait on anything a callout does: not read here.)
 */
const DISPLAY_WATCHDOGS = new Set([0x19c, 0x15f]);
/** A display driver on a stack of this session. */
const ON_STACK = 0.35;
/** A display driver only loaded: the usual suspect of these codes, a lead. */
const LOADED = 0.25;
/** What the driver tables call a graphics driver. */
const DISPLAY_PRODUCT = /\b(?:display|graphics|GPU)\b/i;

/** Is this a third-party display (graphics) driver, by the driver tables? */
function isDisplayDriver(name: string): boolean {
  const f = moduleFacts(name);
  return f.origin === 'third-party' && DISPLAY_PRODUCT.test(`${f.info?.product ?? ''} ${f.info?.category ?? ''}`);
}

export const displayPowerCallout: Rule = {
  id: 'display-power-callout',
  description: "Win32k's power watchdog (0x19C) and the connected-standby watchdog (0x15F): the display driver, on a stack or loaded, is the lead.",
  reasoning:
    'When the monitor is turned on or off, the session goes to sleep or a win32k callout runs, win32k waits for the display stack — dxgkrnl ' +
    'and, below it, the graphics vendor’s driver. A watchdog that fires there (0x19C with Arg1 0x50/0x51 "calling the monitor driver", ' +
    '0x15F in connected standby) is most often the display driver not answering; the kernel frames on the stack are the ' +
    'waiters. Experts look for the graphics driver on the thread the arguments name, and otherwise in `lm`, and update it first.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-0x19c--win32k-power-watchdog-timeout; https://learn.microsoft.com/windows-hardware/drivers/debugger/bug-check-0x15f--connected-standby-watchdog-timeout-livedump',
  apply(ctx: VerdictContext): void {
    if (!ctx.bugcheck || !DISPLAY_WATCHDOGS.has(ctx.bugcheck.code)) {
      return;
    }
    const seen = new Set<string>();
    for (const s of ctx.stacks) {
      for (const f of s.frames) {
        if (f.module && isCandidate(f.module) && !seen.has(f.module.toLowerCase()) && isDisplayDriver(f.module)) {
          seen.add(f.module.toLowerCase());
          addEvidence(ctx, f.module, ON_STACK, `${f.site} is a display driver on ${s.source}: this watchdog fires when win32k waits for the display stack`, f.line, true);
        }
      }
    }
    if (seen.size > 0) {
      return;
    }
    for (const b of blocksOf(ctx.model, 'lm')) {
      for (const m of b.data.modules) {
        if (m.unloaded !== true && !seen.has(m.name.toLowerCase()) && isDisplayDriver(m.name)) {
          seen.add(m.name.toLowerCase());
          addEvidence(ctx, m.name, LOADED, `it is the display driver loaded (lm), and this watchdog fires when win32k waits for the display stack: a lead, not proof`, m.line);
        }
      }
    }
    if (seen.size === 0) {
      addFinding(ctx, {
        id: 'display.no-driver-seen',
        severity: 'info',
        title: 'This watchdog waits on the display stack, but no display driver appears in this input: run !thread on the thread in the arguments and lm to find it',
        lines: [ctx.bugcheck.line],
      });
    }
  },
};
