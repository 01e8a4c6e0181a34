/**
 * `!errrec address` (and `!whea`): a WHEA Common Platform Error Record, the
 * hardware error behind bug check 0x124 WHEA_UNCORRECTABLE_ERROR.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-errrec
 *
 * Sample (shortened; forum copies put a blank line between every line):
 *   Common Platform Error Record @ fffffa80031f8028
 *   Severity      : Fatal (1)
 *   Notify Type   : Machine Check Exception
 *   Section 0     : Processor Generic
 *   Error Type    : Cache error
 *   Operation     : Data Read
 *   Level         : 1
 *   Processor ID  : 0x0000000000000003
 *   Section 2     : x86/x64 MCA
 *   Error         : DCACHEL1_DRD_ERR (Proc 3 Bank 0)
 *     Status      : 0xb64720001a000135
 *     Address     : 0x0000000013a87500
 *
 * The MCA error name follows the compound error codes of the Intel SDM
 * (vol. 3B, "Interpreting the MCA Error Codes"): `{D|I|G}CACHE{L0|L1|L2|LG}_{request}_ERR`,
 * `{D|I|G}TLB{level}_ERR`, `BUS…_ERR`; it is decoded into plain words here.
 */
import { normalizeAddress } from '../normalize';
import type { Analyzer, Finding, WheaRecord } from '../types';

/**
 * Blank lines in a row that still continue a block: forum copies double-space
 * output, sometimes twice over, and trim it with gaps.
 */
const MAX_BLANKS = 8;

const START = /^\s*Common Platform Error Record @\s*([0-9a-f`]+)/i;
const RULE = /^\s*(?:={5,}|-{5,})\s*$/;
// A rule with "Section" glued to its end; the number and name follow on the next line.
const RULE_SECTION = /^\s*={5,}\s*Section\s*$/i;
// A section line seen without the record header (partial pastes): "Section 2 : x86/x64 MCA".
const SECTION_START = /^\s*Section\s+\d+\s*:\s*(?:Processor Generic|x86\/x64|IA32|IPF|ARM|PCI|Memory|Firmware|Generic)/i;
// "Key : value" or "Key @ address". group 1 key, 2 separator, 3 value.
const FIELD = /^\s*([A-Za-z][A-Za-z0-9 .()/-]{0,30}?)\s*([:@])\s*(.*)$/;
// CPU Id continuation rows: "00 00 00 00 00 00 00 00 - 00 00 …".
const HEX_ROW = /^\s*(?:[0-9a-f]{2} ){4,}/i;
// "DCACHEL1_DRD_ERR (Proc 3 Bank 0)". group 1 name, 2 processor, 3 bank.
const MCA_ERROR = /^(.*?)\s*\(Proc\s+(\d+)\s+Bank\s+(\d+)\)/i;

const CACHE_KIND: Record<string, string> = { D: 'data', I: 'instruction', G: '' };
const REQUEST: Record<string, string> = {
  ERR: '',
  RD: 'read',
  WR: 'write',
  DRD: 'data read',
  DWR: 'data write',
  IRD: 'instruction fetch',
  PREFETCH: 'prefetch',
  EVICT: 'eviction',
  SNOOP: 'snoop',
};

/** Plain words for an MCA error name: `DCACHEL1_DRD_ERR` → cache error, "L1 data read". */
export function describeMcaError(name: string): { kind: string; detail?: string } | null {
  const n = name.trim().toUpperCase();
  let m = /^([DIG])CACHE(L[0-2G])_([A-Z]+)_ERR$/.exec(n);
  if (m) {
    const level = m[2] === 'LG' ? '' : (m[2] as string);
    const request = REQUEST[m[3] as string] ?? (m[3] as string).toLowerCase();
    const what = request !== '' ? request : (CACHE_KIND[m[1] as string] ?? '');
    const detail = [level, what].filter((s) => s !== '').join(' ');
    return detail === '' ? { kind: 'cache error' } : { kind: 'cache error', detail };
  }
  m = /^([DIG])TLB(L[0-2G])_ERR$/.exec(n);
  if (m) {
    const detail = [m[2] === 'LG' ? '' : m[2], CACHE_KIND[m[1] as string] ?? ''].filter((s) => s !== '').join(' ');
    return detail === '' ? { kind: 'TLB error' } : { kind: 'TLB error', detail };
  }
  if (/^BUS/.test(n)) {
    return /TIMEOUT/.test(n) ? { kind: 'bus/interconnect error', detail: 'timeout' } : { kind: 'bus/interconnect error' };
  }
  if (/^INTERNAL|^INTERNAL TIMER|UNCLASSIFIED/.test(n)) {
    return { kind: 'internal error' };
  }
  if (/^M[A-Z]*_?(?:MEM|CHANNEL)|MEMORY/.test(n)) {
    return { kind: 'memory controller error' };
  }
  return null;
}

/** The one-line summary for a finding, e.g. "Fatal processor cache error (L1 data read) on processor 3, MCA bank 0". */
export function summarizeWhea(r: WheaRecord): string {
  const severity = r.severity ?? 'Hardware';
  const processorSection = r.sections.some((s) => /processor|mca/i.test(s));
  if (!processorSection) {
    const sections = r.sections.filter((s) => !/^processor generic$/i.test(s));
    return `${severity} hardware error${sections.length > 0 ? ` (${sections.join(', ')})` : ''}`;
  }
  const mca = r.mcaError !== undefined ? describeMcaError(r.mcaError) : null;
  let kind = mca?.kind ?? (r.errorType !== undefined ? r.errorType.toLowerCase() : 'error');
  if (!/error$/.test(kind)) {
    kind = `${kind} error`;
  }
  let detail = mca?.detail;
  if (detail === undefined && (r.level !== undefined || r.operation !== undefined)) {
    detail = [r.level !== undefined ? `L${r.level}` : '', r.operation?.toLowerCase() ?? ''].filter((s) => s !== '').join(' ');
  }
  let out = `${severity} processor ${kind}${detail ? ` (${detail})` : ''}`;
  if (r.processor !== undefined) {
    out += ` on processor ${r.processor}`;
  }
  if (r.bank !== undefined) {
    out += `${r.processor !== undefined ? ',' : ''} MCA bank ${r.bank}`;
  }
  return out;
}

/** A section name without the dashes a reflowed paste glues to it. */
function cleanSection(value: string): string {
  return value.replace(/-{3,}.*$/, '').trim();
}

/** Number from "0x0000000000000003" or "3". */
function num(text: string): number | undefined {
  const t = text.trim();
  const v = /^0x[0-9a-f]+$/i.test(t) ? Number.parseInt(t, 16) : /^\d+$/.test(t) ? Number(t) : Number.NaN;
  return Number.isFinite(v) ? v : undefined;
}

/** `!errrec` WHEA record → WheaRecord; finding `whea.record`. */
export const errrecAnalyzer: Analyzer<'errrec'> = {
  id: 'errrec',
  commands: ['!errrec', '!whea'],
  startsAt(source, i, owned) {
    const text = source.lines[i] as string;
    return START.test(text) || SECTION_START.test(text) || (owned && RULE.test(text));
  },
  analyze(start, ctx) {
    const r: WheaRecord = { sections: [], line: start + 1 };
    const lines: number[] = [];
    let section = '';
    let end = start;
    let blanks = 0;
    let started = false;
    let sawHeader = false;
    // Reflowed pastes split "=====Section" / "2     : x86/x64 MCA" and glue
    // "(Proc 0 Bank 5)Status      :" to a value on the next line.
    let pendingSection = false;
    let pendingStatus = false;
    for (let i = start; i < ctx.limit; i++) {
      const text = ctx.source.lines[i] as string;
      if (text.trim() === '') {
        if (++blanks > MAX_BLANKS) {
          break;
        }
        continue;
      }
      blanks = 0;
      if (text.length > 400) {
        break;
      }
      const head = START.exec(text);
      if (head) {
        if (sawHeader) {
          break; // the next record
        }
        started = sawHeader = true;
        r.address = normalizeAddress(head[1] as string);
        end = i + 1;
        continue;
      }
      if (RULE_SECTION.test(text)) {
        pendingSection = true;
        end = i + 1;
        continue;
      }
      const split = pendingSection ? /^\s*(\d+)\s*:\s*(.+)$/.exec(text) : null;
      pendingSection = false;
      if (split) {
        section = cleanSection(split[2] as string);
        r.sections.push(section);
        started = true;
        end = i + 1;
        continue;
      }
      if (pendingStatus && /^\s*0x[0-9a-f]+\s*$/i.test(text)) {
        r.status = text.trim().toLowerCase();
        pendingStatus = false;
        end = i + 1;
        continue;
      }
      pendingStatus = false;
      if (RULE.test(text) || (HEX_ROW.test(text) && section !== '')) {
        end = i + 1;
        continue;
      }
      const f = FIELD.exec(text);
      if (!f) {
        break;
      }
      const key = (f[1] as string).trim().toLowerCase();
      const value = (f[3] as string).trim();
      if (/^section \d+$/.test(key)) {
        section = cleanSection(value);
        r.sections.push(section);
        started = true;
        end = i + 1;
        continue;
      }
      if (!started) {
        break;
      }
      end = i + 1;
      const inMca = /mca/i.test(section);
      switch (key) {
        case 'severity':
          if (r.severity === undefined) {
            r.severity = value.replace(/\s*\(\d+\)\s*$/, '');
            lines.push(i + 1);
          }
          break;
        case 'notify type':
          r.notifyType = value;
          break;
        case 'error type':
          r.errorType = value;
          lines.push(i + 1);
          break;
        case 'operation':
          r.operation = value;
          break;
        case 'level':
          r.level = num(value);
          break;
        case 'processor id':
          if (r.processor === undefined) {
            r.processor = num(value);
          }
          break;
        case 'error':
          if (inMca) {
            const m = MCA_ERROR.exec(value);
            r.mcaError = (m ? (m[1] as string) : value).trim();
            if (m) {
              r.processor = Number(m[2]);
              r.bank = Number(m[3]);
            }
            const glued = /\)\s*Status\s*:\s*(0x[0-9a-f]+)?\s*$/i.exec(value);
            if (glued) {
              if (glued[1] !== undefined) {
                r.status = glued[1].toLowerCase();
              } else {
                pendingStatus = true;
              }
            }
            lines.push(i + 1);
          }
          break;
        case 'status':
          if (inMca) {
            r.status = value.toLowerCase();
          }
          break;
        case 'address':
          if (inMca) {
            r.address2 = value.toLowerCase();
          }
          break;
        default:
          break;
      }
    }
    if (!started) {
      return { ok: false, reason: 'no error record header or section recognised', end: Math.max(end, start + 1) };
    }
    const summary = summarizeWhea(r);
    const corrected = /^(?:corrected|informational)/i.test(r.severity ?? '');
    const detailParts = [
      r.mcaError !== undefined ? `MCA error ${r.mcaError}` : '',
      r.status !== undefined ? `status ${r.status}` : '',
      r.notifyType !== undefined ? `reported by ${r.notifyType}` : '',
    ].filter((s) => s !== '');
    const finding: Finding = {
      id: 'whea.record',
      severity: corrected ? 'warning' : 'critical',
      title: summary,
      lines: lines.length > 0 ? [...new Set(lines)].sort((a, b) => a - b) : [start + 1],
    };
    finding.detail = `${detailParts.length > 0 ? `${detailParts.join('; ')}. ` : ''}The hardware itself reported this error; a driver is rarely the cause.`;
    return { ok: true, data: r, findings: [finding], end };
  },
};
