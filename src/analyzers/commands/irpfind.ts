/**
 * `!irpfind`: every IRP found in pool, one row each.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-irpfind
 *
 * Sample (shortened; s08 pastes the rows without prompt or header):
 *   Scanning large pool allocation table for Tag: Irp? (fffffa8013a00000 : fffffa8013c00000)
 *   Irp    [ Thread ] irpStack: (Mj,Mn)   DevObj  [Driver]         MDL Process
 *   fffffa801620dd00 [fffffa8016215580] irpStack: ( e, 0)  fffffa800b17ae40 [ \Driver\aswNdisFlt]
 *   fffffa8016219c60 [fffffa801551d060] irpStack: ( c, 2)  fffffa8014813030 [ \FileSystem\Ntfs] 0xfffffa8012345678
 *
 * Major and minor function numbers are hex. The finding names the driver
 * that owns the most IRPs and its share.
 */
import { Extent } from '../extent';
import { isBlank, normalizeAddress } from '../normalize';
import type { Analyzer, Finding, IrpFindData } from '../types';

// IRP [thread] irpStack: (Mj,Mn)  DevObj [Driver] …
//   1 IRP, 2 thread (may be empty), 3 major, 4 minor, 5 device, 6 driver
const ROW =
  /^\s*([0-9a-f`]{8,17})\s+\[\s*([0-9a-f`]{8,17})?\s*\]\s+irpStack:\s*\(\s*([0-9a-f]{1,2})\s*,\s*([0-9a-f]{1,2})\s*\)\s*(?:([0-9a-f`]{8,17})\s*)?(?:\[\s*([^\]\s]+)\s*\])?/i;
const NOISE =
  /^\s*(?:Irp\s+\[\s*Thread\s*\]\s+irpStack|Scanning large pool allocation table|Searching (?:NonPaged|Paged|Special) pool|Looking for IRP|Unable to read|Cannot read|Could not)/i;

const ZERO = /^[0`]+$/;

/** Rows from which the top-driver finding is a warning (with a majority share). */
const MANY_IRPS = 5;

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** `irpfind.top-driver`: the driver that owns the most IRPs. */
function topDriverFinding(rows: IrpFindData['rows']): Finding | null {
  if (rows.length < 2) {
    return null;
  }
  const counts = new Map<string, { name: string; n: number; lines: number[] }>();
  for (const r of rows) {
    const key = r.driver.toLowerCase();
    let c = counts.get(key);
    if (c === undefined) {
      c = { name: r.driver, n: 0, lines: [] };
      counts.set(key, c);
    }
    c.n++;
    if (c.lines.length < 50) {
      c.lines.push(r.line);
    }
  }
  let top: { name: string; n: number; lines: number[] } | undefined;
  for (const c of counts.values()) {
    if (!top || c.n > top.n) {
      top = c;
    }
  }
  if (!top) {
    return null;
  }
  const share = top.n / rows.length;
  const pct = Math.round(share * 100);
  const others = [...counts.values()]
    .filter((c) => c !== top)
    .sort((a, b) => b.n - a.n)
    .slice(0, 3)
    .map((c) => `${c.name} ${c.n}`);
  const f: Finding = {
    id: 'irpfind.top-driver',
    severity: top.n >= MANY_IRPS && share >= 0.5 ? 'warning' : 'info',
    title: `${top.name} owns ${top.n} of ${plural(rows.length, 'IRP')} (${pct}%)`,
    lines: top.lines,
  };
  if (others.length > 0) {
    f.detail = `Next: ${others.join(', ')}.`;
  }
  return f;
}

/** `!irpfind` rows; finding `irpfind.top-driver` for the driver owning most IRPs. */
export const irpfindAnalyzer: Analyzer<'irpfind'> = {
  id: 'irpfind',
  commands: ['!irpfind'],
  startsAt(source, i, owned) {
    const text = source.lines[i] as string;
    if (owned && NOISE.test(text)) {
      return true;
    }
    return (text.includes('irpStack') && ROW.test(text)) || /^\s*Irp\s+\[\s*Thread\s*\]\s+irpStack/i.test(text);
  },
  analyze(start, ctx) {
    const { source, limit } = ctx;
    const owned = /^!irpfind\b/i.test(ctx.segment.command);
    const rows: IrpFindData['rows'] = [];
    const ext = new Extent(start - 1);
    for (let i = start; i < limit; i++) {
      const text = source.lines[i] as string;
      if (isBlank(text)) {
        continue;
      }
      const m = text.includes('irpStack') ? ROW.exec(text) : null;
      if (m || NOISE.test(text)) {
        if (m && m[6] !== undefined) {
          const row: IrpFindData['rows'][number] = {
            irp: normalizeAddress(m[1] as string),
            major: Number.parseInt(m[3] as string, 16),
            minor: Number.parseInt(m[4] as string, 16),
            driver: m[6],
            line: i + 1,
          };
          if (m[2] !== undefined && !ZERO.test(m[2])) {
            row.thread = normalizeAddress(m[2]);
          }
          if (m[5] !== undefined) {
            row.device = normalizeAddress(m[5]);
          }
          rows.push(row);
        }
        ext.took(i);
        continue;
      }
      if (ext.passes(i, owned, ctx)) {
        continue;
      }
      break;
    }
    if (ext.last < start) {
      return { ok: false, reason: 'no !irpfind rows', end: start + 1 };
    }
    const findings: Finding[] = [];
    const f = topDriverFinding(rows);
    if (f) {
      findings.push(f);
    }
    return { ok: true, data: { rows }, findings, end: ext.last + 1, skipped: ext.skipped };
  },
};
