/**
 * The bug check in words for the report: its name and meaning, and each
 * argument with the label the bug check reference gives it and its value
 * decoded (subcodes, NTSTATUS values, durations in decimal).
 */
import { describeBugcheck, describeBugcheckArg, formatBugcheckCode } from '../knowledge/bugcheck-codes';
import { describeNtStatus, ntStatusFromArg } from '../knowledge/ntstatus';
import type { BugcheckReport } from '../types';
import type { ResolvedBugcheck } from './resolve-bugcheck';

/** 600 → "10 min", 90 → "1 min 30 s". */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const sec = seconds % 60;
  return [h ? `${h} h` : '', m ? `${m} min` : '', sec || (!h && !m) ? `${sec} s` : ''].filter(Boolean).join(' ');
}

/** `0xc0000005 STATUS_ACCESS_VIOLATION`, or the bare hex when the code is not in the table. */
export function formatStatus(code: number): string {
  const d = describeNtStatus(code);
  return `0x${code.toString(16).padStart(8, '0')}${d ? ` ${d.name}` : ''}`;
}

/**
 * Labels that vary with the first argument read "0x3: PDO; 0x4: timeout in
 * seconds": keep the part for this dump's Arg1 when it is listed.
 */
function labelForSubcode(label: string, arg1: string): string {
  if (!/^0x[0-9a-f]+:/i.test(label) || arg1 === '') {
    return label;
  }
  const want = arg1.toLowerCase();
  for (const part of label.split(/;\s*/)) {
    const m = /^(0x[0-9a-f]+):\s*(.*)$/i.exec(part);
    if (m && (m[1] as string).toLowerCase() === want) {
      return m[2] as string;
    }
  }
  return label;
}

/** Argument labels that say nothing of this value: a subcode, "depends on…", a bare ArgN. */
const GENERIC_LABEL = /^(?:subcode: which check failed|its meaning depends on|Arg\d$|reserved$)/i;

/** Decode the bug check for the report. */
export function describeResolved(b: ResolvedBugcheck): BugcheckReport {
  const info = describeBugcheck(b.code);
  const labels = info?.params ?? ['', '', '', ''];
  const decodedArgs = b.args.map((value, k) => {
    const n = (k + 1) as 1 | 2 | 3 | 4;
    const out: { value: string; label: string; decoded?: string } = {
      value: value === '' ? '0x0' : value,
      label: labelForSubcode(labels[k] || `Arg${n}`, b.args[0] ?? ''),
    };
    if (value === '') {
      out.decoded = 'not shown in the input';
      return out;
    }
    const sub = describeBugcheckArg(b.code, n, value);
    const st = ntStatusFromArg(value);
    const status = st !== undefined ? describeNtStatus(st) : undefined;
    const parts: string[] = [];
    if (sub) {
      parts.push(sub);
    }
    if (status && (st as number) >= 0x80000000 && !(sub ?? '').includes(status.name)) {
      parts.push(`${status.name}${status.meaning ? `: ${status.meaning}` : ''}`);
    }
    // Counts and durations read better in decimal: 0x258 seconds → 600 seconds.
    const unit = /\b(seconds?|ticks?|milliseconds|ms|count|number of)\b/i.exec(out.label);
    const num = Number.parseInt(value.slice(2), 16);
    if (parts.length === 0 && unit && Number.isSafeInteger(num) && num < 0x100000000) {
      const u = (unit[1] as string).toLowerCase();
      parts.push(u.startsWith('second') ? `${num} seconds (${formatDuration(num)})` : u.startsWith('tick') ? `${num} clock ticks` : `${num}`);
    }
    // The table says nothing specific (an undecoded subcode): the debugger's own words do.
    const said = b.argText?.[k]?.trim();
    if (parts.length === 0 && said && GENERIC_LABEL.test(out.label)) {
      parts.push(`as the debugger puts it: ${said.length > 200 ? `${said.slice(0, 199)}…` : said}`);
    }
    if (parts.length > 0) {
      out.decoded = parts.join('; ');
    }
    return out;
  });
  const report: BugcheckReport = {
    code: formatBugcheckCode(b.code),
    name: info?.name ?? b.printedName ?? null,
    args: decodedArgs.map((a) => a.value),
    line: b.line,
    decodedArgs,
  };
  if (info?.meaning) {
    report.meaning = info.meaning;
  }
  return report;
}
