/**
 * `!irp addr [detail]`: an I/O request packet and its stack locations.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-irp
 *
 * Samples (shortened). Older debuggers:
 *   Irp is active with 10 stacks 10 is current (= 0xfffffa8008f5cf68)
 *    No Mdl: No System Buffer: Thread fffffa8007005660:  Irp stack trace.
 *   IoStatus.Status = c00000bb                       (detail 7 only)
 *        cmd  flg cl Device   File     Completion-Context
 *    [  0, 0]   0  0 00000000 00000000 00000000-00000000
 *               Args: 00000000 00000000 00000000 00000000
 *   >[ 1b,17]   0  0 fffffa800c089050 00000000 00000000-00000000
 *                  \Driver\ZTEusbnet
 * Newer debuggers name the codes and put the row data on the next line:
 *   >[IRP_MJ_PNP(1b), IRP_MN_SURPRISE_REMOVAL(17)]
 *               0 e1 ffffe0011a5ac050 00000000 fffff80085c93f00-ffffe0011a8c7390 Success Error Cancel pending
 *                  \Driver\usbccgp    nt!PnpDeviceCompletionRoutine
 * Major and minor function numbers are hex.
 */
import { normalizeAddress, normalizeHex } from '../normalize';
import type { Analyzer, IrpData, IrpStackLocation } from '../types';

// "Irp is active with 10 stacks 10 is current (= 0x…)" → 1 stacks, 2 current
const HEADER = /^\s*Irp is (?:active|not active|completed)\b(?:\s+with\s+(\d+)\s+stacks\s+(\d+)\s+is current)?/i;
// Location bracket, old "[ 1b,17]" or new "[IRP_MJ_PNP(1b), IRP_MN_SURPRISE_REMOVAL(17)]":
//   1 ">" when current, 2 major (hex), 3 minor (hex), 4 the rest of the line
const LOCATION =
  /^\s*(>)?\s*\[\s*(?:[A-Za-z_/]+\()?([0-9a-f]{1,2})\)?\s*,\s*(?:[A-Za-z_/]+\()?([0-9a-f]{1,2})\)?\s*\](.*)$/i;
// Row data: flg cl Device File Completion-Context [Success Error Cancel…] [\Driver\X]
//   1 device, 2 completion routine, 3 the rest
const ROW_DATA = /^\s*[0-9a-f]{1,2}\s+[0-9a-f]{1,2}\s+([0-9a-f`]+)\s+[0-9a-f`]+\s+([0-9a-f`]+)-[0-9a-f`]+(.*)$/i;
// "\Driver\usbccgp  nt!PnpDeviceCompletionRoutine" → 1 driver, 2 completion symbol
const DRIVER_NAME = /^\s*(\\(?:Driver|FileSystem|FileSys)\\[^\s]+)(?:\s+(\S+))?/i;
// "Thread fffffa8007005660:" anywhere on a line
const THREAD = /\bThread\s+([0-9a-f`]{8,17}):/i;
// Detail lines "Field.Sub = value" (detail 7), the column header and other known text.
const FIELD = /^\s*&?[A-Za-z][\w.[\]]*\s*=\s*\S/;
const KNOWN =
  /^\s*(?:cmd\s+flg\s+cl|Args:|(?:No )?Mdl\b|Mdl\s*=|System buffer|No System Buffer|IO verifier information|No information available|Irp Extension|Irp is completed|Pending has been returned|Success|Error|Cancel)/i;

function isZero(addr: string): boolean {
  return /^[0`]+$/.test(addr);
}

/** Apply the row data (device, completion, driver) to a location. */
function applyRow(loc: IrpStackLocation, m: RegExpExecArray): void {
  const device = m[1] as string;
  if (!isZero(device)) {
    loc.device = normalizeAddress(device);
  }
  const completion = m[2] as string;
  if (!isZero(completion)) {
    loc.completion = normalizeAddress(completion);
  }
  const d = DRIVER_NAME.exec((m[3] ?? '').replace(/^\s*(?:(?:Success|Error|Cancel|pending)\s*)+/i, ' '));
  if (d) {
    loc.driver = d[1] as string;
    if (d[2] !== undefined) {
      loc.completion = d[2];
    }
  }
}

/** `!irp`: header, thread, status and the stack locations (current one marked). */
export const irpAnalyzer: Analyzer<'irp'> = {
  id: 'irp',
  commands: ['!irp'],
  startsAt(source, i) {
    return HEADER.test(source.lines[i] as string);
  },
  analyze(start, ctx) {
    const { source, limit } = ctx;
    const owned = /^!irp\b/i.test(ctx.segment.command);
    const data: IrpData = { locations: [], line: start + 1 };
    const arg = /^!irp\s+(?:0x)?([0-9a-f`]{8,17})\b/i.exec(ctx.segment.command);
    if (arg && owned) {
      data.address = normalizeAddress(arg[1] as string);
    }
    let loc: IrpStackLocation | null = null;
    let needRow = false; // new-style bracket seen, its data is on the next line
    let sawHeader = false;
    let last = start - 1;
    let skipped = 0;
    let pending = 0;
    for (let i = start; i < limit; i++) {
      const text = source.lines[i] as string;
      if (text.trim() === '') {
        continue;
      }
      let understood = true;
      let m: RegExpExecArray | null;
      if ((m = HEADER.exec(text))) {
        if (sawHeader) {
          break; // a second IRP
        }
        sawHeader = true;
        if (m[1] !== undefined) {
          data.stackCount = Number(m[1]);
          data.currentIndex = Number(m[2]);
        }
        const t = THREAD.exec(text);
        if (t && !isZero(t[1] as string)) {
          data.thread = normalizeAddress(t[1] as string);
        }
      } else if ((m = LOCATION.exec(text))) {
        loc = {
          major: Number.parseInt(m[2] as string, 16),
          minor: Number.parseInt(m[3] as string, 16),
          current: m[1] === '>',
          line: i + 1,
        };
        data.locations.push(loc);
        const rest = m[4] ?? '';
        const r = ROW_DATA.exec(rest);
        if (r) {
          applyRow(loc, r);
          needRow = false;
        } else {
          needRow = rest.trim() === '';
        }
      } else if (loc && needRow && (m = ROW_DATA.exec(text))) {
        applyRow(loc, m);
        needRow = false;
      } else if (loc && (m = DRIVER_NAME.exec(text))) {
        loc.driver = m[1] as string;
        if (m[2] !== undefined) {
          loc.completion = m[2];
        }
      } else if ((m = /^\s*IoStatus\.Status\s*=\s*([0-9a-f`x]+)/i.exec(text))) {
        data.status = normalizeHex(m[1] as string);
      } else if ((m = /^\s*Tail\.Overlay\.Thread\s*=\s*([0-9a-f`]+)/i.exec(text))) {
        if (data.thread === undefined && !isZero(m[1] as string)) {
          data.thread = normalizeAddress(m[1] as string);
        }
      } else if ((m = THREAD.exec(text))) {
        if (!isZero(m[1] as string)) {
          data.thread ??= normalizeAddress(m[1] as string);
        }
      } else if (FIELD.test(text) || KNOWN.test(text)) {
        // Detail fields and column headers.
      } else {
        understood = false;
      }
      if (understood) {
        last = i;
        skipped += pending;
        pending = 0;
        continue;
      }
      if (owned && !ctx.startsOther(i)) {
        pending++;
        continue;
      }
      break;
    }
    if (!sawHeader && data.locations.length === 0) {
      return { ok: false, reason: 'no IRP recognised', end: start + 1 };
    }
    if (data.currentIndex === undefined) {
      const cur = data.locations.findIndex((l) => l.current);
      if (cur >= 0) {
        data.currentIndex = cur + 1;
      }
    }
    return { ok: true, data, findings: [], end: last + 1, skipped };
  },
};
