/**
 * `!verifier`: Driver Verifier status.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-verifier
 *
 * Sample (shortened; forum copies may collapse the flag rows onto one line):
 *   Verify Flags Level 0x00000dbb
 *     STANDARD FLAGS:
 *       [X] (0x00000000) Automatic Checks
 *       [X] (0x00000001) Special pool
 *       [X] (0x00000002) Force IRQL checking
 *     ADDITIONAL FLAGS:
 *       [ ] (0x00000004) Randomized low resources simulation
 *       [X] (0x00000400) IRP logging
 *       [X] Indicates flag is enabled
 *   Driver Verification List
 *   nt!_VF_TARGET_DRIVER 0xa013f2c8: Sample.sys (Loaded and Unloaded)
 *
 * Older debuggers print `Verify Level 1b ... enabled options are:` and a list
 * of names; then the bits are decoded from FLAG_NAMES below.
 *
 * `enabled[].bit` is the bit index (0x400 → 10); "Automatic Checks" (0x0) is
 * always on and not listed.
 */
import type { Analyzer, Finding, VerifierData } from '../types';

/**
 * Blank lines in a row that still continue a block: forum copies double-space
 * output, sometimes twice over, and trim it with gaps.
 */
const MAX_BLANKS = 8;

/**
 * Verifier flag bits. Source: `verifier /?` and `verifier /querysettings`
 * (Windows 10) and the Windows Server 2012 "Verifier" command reference
 * (https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2012-R2-and-2012/hh875581(v=ws.11)),
 * retrieved 2025. Bit 6 was "Enhanced I/O verification" before Windows 7.
 */
export const FLAG_NAMES: Readonly<Record<number, string>> = {
  0: 'Special pool',
  1: 'Force IRQL checking',
  2: 'Randomized low resources simulation',
  3: 'Pool tracking',
  4: 'I/O verification',
  5: 'Deadlock detection',
  6: 'Enhanced I/O verification',
  7: 'DMA checking',
  8: 'Security checks',
  9: 'Force pending I/O requests',
  10: 'IRP logging',
  11: 'Miscellaneous checks',
  13: 'Invariant MDL checking for stack',
  14: 'Invariant MDL checking for driver',
  15: 'Power framework delay fuzzing',
  16: 'Port/miniport interface checking',
  17: 'DDI compliance checking',
  18: 'Systematic low resources simulation',
  19: 'DDI compliance checking (additional)',
  20: 'Extended Verifier flags (internal)',
  21: 'NDIS/WIFI verification',
  23: 'Kernel synchronization delay fuzzing',
  24: 'VM switch verification',
  25: 'Code integrity checks',
};

// "Verify Flags Level 0x00000dbb" or "Verify Level 1b ...". group 1 the hex value.
const LEVEL = /^\s*Verify (?:Flags )?Level\s+(?:0x)?([0-9a-f]{1,8})\b/i;
// A flag row, anywhere in a line: "[X] (0x00000001) Special pool". group 1 X or space, 2 value, 3 name.
const FLAG_ROW = /\[([Xx ])\]\s*\(0x([0-9a-f]{1,8})\)\s*([^[]*)/g;
const TARGET = /^\s*nt!_VF_TARGET_DRIVER\s+\S+:\s*(\S+)/i;
// Old list: "81a56f38 Loaded  00000000  00000000  mydriver.sys". group 1 the image.
const OLD_ROW = /^\s*[0-9a-f`]{8,17}\s+(?:Loaded|Unloaded)\b.*\s(\S+\.(?:sys|dll|exe))\s*$/i;
const KNOWN =
  /^\s*(?:(?:STANDARD|ADDITIONAL|INTERNAL) FLAGS|\[X\] Indicates|Summary of All Verifier Statistics|Driver Verification List|-{4,}|Pool Allocation Statistics|Pool Allocations:|Address\s+Length|Entry\s+State|Contiguous allocations|(?:Current|Peak) |0x[0-9a-f]+\s)/i;
// A statistics row: "RaiseIrqls           0x0", "Pool Allocations Attempted  0x2f3b".
const STAT = /^\s*[A-Za-z][A-Za-z /().-]{2,60}\s+0x[0-9a-f]+\b/i;

/** Bits of `flags` with their names from FLAG_NAMES. */
export function decodeVerifierFlags(flags: number): { bit: number; name: string }[] {
  const out: { bit: number; name: string }[] = [];
  for (let bit = 0; bit < 32; bit++) {
    if ((flags >>> bit) & 1) {
      out.push({ bit, name: FLAG_NAMES[bit] ?? `bit ${bit}` });
    }
  }
  return out;
}

function isProse(text: string): boolean {
  const words = text.trim().split(/\s+/);
  return words.length >= 6 && words.filter((w) => /^[a-z][a-z']*[,.;]?$/.test(w)).length >= 3;
}

/** `!verifier` → VerifierData; finding `verifier.enabled` (or `verifier.disabled`). */
export const verifierAnalyzer: Analyzer<'verifier'> = {
  id: 'verifier',
  commands: ['!verifier'],
  startsAt(source, i, owned) {
    const text = source.lines[i] as string;
    if (LEVEL.test(text)) {
      return true;
    }
    return owned && (/^\s*(?:STANDARD|ADDITIONAL) FLAGS/i.test(text) || /^\s*\[[Xx ]\]\s*\(0x/.test(text));
  },
  analyze(start, ctx) {
    const owned = /^!verifier\b/i.test(ctx.segment.command);
    const data: VerifierData = { enabled: [], line: start + 1 };
    const drivers: string[] = [];
    const lines: number[] = [];
    let rows = 0;
    let oldOptions = false;
    let end = start;
    let blanks = 0;
    let skipped = 0;
    for (let i = start; i < ctx.limit; i++) {
      const text = ctx.source.lines[i] as string;
      if (text.trim() === '') {
        oldOptions = false;
        if (++blanks > MAX_BLANKS) {
          break;
        }
        continue;
      }
      blanks = 0;
      if (text.length > 2000) {
        break;
      }
      const level = LEVEL.exec(text);
      if (level) {
        if (data.flags !== undefined) {
          break; // a second !verifier output
        }
        data.flags = Number.parseInt(level[1] as string, 16);
        oldOptions = /enabled options are/i.test(text);
        lines.push(i + 1);
        end = i + 1;
        continue;
      }
      let matched = false;
      for (const m of text.matchAll(FLAG_ROW)) {
        matched = true;
        rows++;
        const value = Number.parseInt(m[2] as string, 16);
        if (m[1] === ' ' || value === 0) {
          continue;
        }
        const name = (m[3] as string).replace(/\s*(?:STANDARD|ADDITIONAL|INTERNAL) FLAGS:?\s*$/i, '').replace(/\.\s*$/, '').trim();
        const bit = Math.log2(value);
        if (Number.isInteger(bit)) {
          data.enabled.push({ bit, name: name === '' ? (FLAG_NAMES[bit] ?? `bit ${bit}`) : name });
          lines.push(i + 1);
        }
      }
      if (matched) {
        end = i + 1;
        continue;
      }
      const target = TARGET.exec(text) ?? OLD_ROW.exec(text);
      if (target) {
        drivers.push((target[1] as string).replace(/\.(?:sys|dll|exe)$/i, ''));
        end = i + 1;
        continue;
      }
      if (KNOWN.test(text) || STAT.test(text)) {
        end = i + 1;
        continue;
      }
      // Old format: the enabled option names, one per line, after "enabled options are:".
      if (oldOptions && /^\s+\S/.test(text)) {
        end = i + 1;
        continue;
      }
      if (!owned || isProse(text) || ctx.startsOther(i)) {
        break;
      }
      skipped++;
      end = i + 1;
    }
    if (data.flags === undefined && rows === 0) {
      return { ok: false, reason: 'no !verifier level or flags recognised', end: Math.max(end, start + 1) };
    }
    if (rows === 0 && data.flags !== undefined) {
      data.enabled = decodeVerifierFlags(data.flags);
    }
    if (data.flags === undefined && data.enabled.length > 0) {
      data.flags = data.enabled.reduce((acc, e) => acc | (1 << e.bit), 0) >>> 0;
    }
    if (drivers.length > 0) {
      data.drivers = drivers;
    }
    const findings: Finding[] = [];
    const hex = `0x${(data.flags ?? 0).toString(16)}`;
    if (data.enabled.length > 0) {
      const f: Finding = {
        id: 'verifier.enabled',
        severity: 'info',
        title: `Driver Verifier is enabled (flags ${hex}): ${data.enabled.map((e) => e.name).join(', ')}`,
        detail:
          'With Driver Verifier on, a crash in a verified driver is usually the driver breaking a rule Verifier checks, not a random failure; look for the verified driver on the stack.',
        lines: [...new Set(lines)],
      };
      if (drivers.length > 0) {
        f.detail = `Verified drivers: ${drivers.join(', ')}. ${f.detail ?? ''}`;
      }
      findings.push(f);
    } else {
      findings.push({ id: 'verifier.disabled', severity: 'info', title: `Driver Verifier is not enabled (flags ${hex})`, lines: [start + 1] });
    }
    return { ok: true, data, findings, end, skipped };
  },
};
