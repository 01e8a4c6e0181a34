/**
 * NDIS extension: `!ndiskd.miniports`, `!ndiskd.miniport addr`, `!ndiskd.oid [addr]`,
 * `!ndiskd.minidriver addr [-handlers]`.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/ndis-extensions--ndiskd-dll-
 *
 * Samples (shortened):
 *   MiniDriver         Miniport            Name
 *   ffffe0004f5b9ba0   ffffe0004f5f71a0    FooBar Network Adapter #2
 *
 *        FooBar Network Adapter #2                (!ndiskd.miniport)
 *       Ndis handle        ffffe0004f5f71a0
 *       Miniport driver    ffffe0004f5b9ba0 - FooBarDriver v1.0
 *       Miniport           Running
 *       NBL status         NDIS_STATUS_RESET_IN_PROGRESS
 *                          RESET_IN_PROGRESS, RESTORING_FILTERS,
 *
 *       Request type:      OID_METHOD                 (!ndiskd.oid)
 *       Completed:         Not completed
 *       Cloned from:       OID_RECEIVE_FILTER_SET_FILTER
 *
 *       Miniport Handler                       Function pointer   Symbol (if available)
 *       InitializeHandlerEx                    fffff80032712fc0   FooDRV+3cfc0
 *
 * Handlers are tagged with the minidriver they belong to, read from the
 * command (`!ndiskd.minidriver X -handlers`, with or without its prompt) so
 * that a miniport's driver handle can be followed to an image. Key/value lines
 * are split at the first run of two spaces (no regex backtracking).
 */
import { normalizeAddress } from '../normalize';
import { parseSite } from './stack';
import type { Analyzer, Finding, NdisKdData, SourceText } from '../types';

type Miniport = NdisKdData['miniports'][number];
type Oid = NdisKdData['oids'][number];

const ADDR = String.raw`(?:[0-9a-f]{8}\`[0-9a-f]{8}|[0-9a-f]{8,16})`;
// "!ndiskd.minidriver ffffe0004f5b9ba0 -handlers" (a command, typed or pasted) → 1 subcommand, 2 argument
const COMMAND = /^\s*!ndiskd\.(\w+)(?:\s+(\S+))?/i;
// !ndiskd.miniports table header and rows: minidriver, miniport, name
const TABLE_HEADER = /^\s*(?:Mini)?Driver\s+Miniport\s+Name\s*$/i;
const TABLE_ROW = new RegExp(String.raw`^\s*(${ADDR})\s+(${ADDR})\s+(\S.*)$`, 'i');
// Handler rows: "InitializeHandlerEx   fffff80032712fc0   FooDRV+3cfc0" → 1 name, 2 address, 3 symbol
const HANDLER = new RegExp(String.raw`^\s*(\w*Handler\w*)\s+(${ADDR})(?:\s+(\S+))?\s*$`, 'i');
const HANDLER_HEADER = /^\s*Miniport Handler\s+Function pointer/i;
// "Miniport driver    ffffe0004f5b9ba0 - FooBarDriver v1.0" value → 1 handle, 2 friendly name
const DRIVER_VALUE = new RegExp(String.raw`^(${ADDR})(?:\s+-\s+(.*))?$`, 'i');
// A field label: "Ndis handle", "Request type:", "Device PnP".
const LABEL = /^[A-Za-z][A-Za-z0-9 ()/#-]{0,32}:?$/;
// Section titles of newer ndiskd ("MINIPORT", "STATE", "MORE INFORMATION").
const TITLE = /^\s*[A-Z][A-Z ]{1,40}$/;
const START = /^\s*(?:!ndiskd\.\w+|Ndis handle\s{2,}[0-9a-f]|Miniport driver\s{2,}[0-9a-f]|Request type:?\s{2,}OID_|Miniport Handler\s+Function pointer|(?:Mini)?Driver\s+Miniport\s+Name\s*$)/i;

/** Split "Key   value" at the first run of two or more spaces. */
function splitKeyValue(text: string): { key: string; value: string } | null {
  const t = text.trim();
  const gap = t.indexOf('  ');
  if (gap <= 0) {
    const colon = t.indexOf(': ');
    if (colon > 0) {
      return { key: t.slice(0, colon + 1), value: t.slice(colon + 1).trim() };
    }
    return null;
  }
  return { key: t.slice(0, gap), value: t.slice(gap).trim() };
}

/** "Key   value" with a short label as key (prose with two spaces after a full stop is not one). */
function keyValue(text: string): { key: string; value: string } | null {
  const kv = splitKeyValue(text);
  return kv !== null && LABEL.test(kv.key) ? kv : null;
}

/** A line of comma-separated upper-case flags ("RESET_IN_PROGRESS, RESTORING_FILTERS,"). */
function flagsOf(text: string): string[] | null {
  const t = text.trim();
  if (!/^[A-Z0-9_,\s]+$/.test(t) || !(t.includes(',') || t.includes('_'))) {
    return null;
  }
  const flags = t
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  return flags.every((f) => /^[A-Z][A-Z0-9_]*$/.test(f)) ? flags : null;
}

/** Look back (at most 64 lines, inside the segment) for `!ndiskd.minidriver X`. */
function minidriverBefore(source: SourceText, start: number, floor: number): string | undefined {
  for (let i = start - 1; i >= Math.max(floor, start - 64); i--) {
    const m = /!ndiskd\.minidriver\s+(?:0x)?([0-9a-f`]{8,17})\b/i.exec(source.lines[i] as string);
    if (m) {
      return normalizeAddress(m[1] as string);
    }
  }
  return undefined;
}

/** `!ndiskd.*`: miniports, OID requests and minidriver handlers; findings `ndis.miniport.reset`, `ndis.oid.pending`. */
export const ndiskdAnalyzer: Analyzer<'ndiskd'> = {
  id: 'ndiskd',
  commands: [/^!ndiskd\./],
  startsAt(source, i, owned) {
    const text = source.lines[i] as string;
    if (owned) {
      return text.trim() !== '';
    }
    return START.test(text) || (text.includes('Handler') && HANDLER.test(text));
  },
  analyze(start, ctx) {
    const { source, limit } = ctx;
    const cmd = COMMAND.exec(ctx.segment.command);
    const owned = cmd !== null;
    let sub = cmd ? (cmd[1] as string).toLowerCase() : '';
    let arg = cmd?.[2];
    const data: NdisKdData = { miniports: [], oids: [], handlers: [] };
    const findings: Finding[] = [];
    let miniport: Miniport | null = null;
    let oid: Oid | null = null;
    let minidriver = sub === 'minidriver' && arg !== undefined ? normalizeAddress(arg) : undefined;
    let inTable = false;
    let last = start - 1;
    let skipped = 0;
    let pending = 0;
    /** The miniport being described (one per `!ndiskd.miniport`). */
    const currentMiniport = (line: number, name?: string): Miniport => {
      if (!miniport) {
        miniport = { name: name ?? '', flags: [], line };
        data.miniports.push(miniport);
      }
      return miniport;
    };
    const currentOid = (line: number): Oid => {
      if (!oid) {
        oid = { name: '', completed: true, line };
        data.oids.push(oid);
      }
      return oid;
    };

    for (let i = start; i < limit; i++) {
      const text = source.lines[i] as string;
      if (text.trim() === '') {
        continue;
      }
      let understood = true;
      let m: RegExpExecArray | null;
      const kv = keyValue(text);
      const key = kv?.key.replace(/:$/, '').toLowerCase() ?? '';
      const flags = flagsOf(text);
      if ((m = COMMAND.exec(text))) {
        // A command echoed without its prompt: what follows is its output.
        sub = (m[1] as string).toLowerCase();
        arg = m[2];
        miniport = null;
        oid = null;
        inTable = false;
        if (sub === 'minidriver' && arg !== undefined && /^(?:0x)?[0-9a-f`]{8,17}$/i.test(arg)) {
          minidriver = normalizeAddress(arg);
        }
      } else if (TABLE_HEADER.test(text)) {
        inTable = true;
      } else if (HANDLER_HEADER.test(text)) {
        minidriver ??= minidriverBefore(source, start, ctx.segment.bodyStart - 1);
      } else if ((m = HANDLER.exec(text))) {
        minidriver ??= minidriverBefore(source, start, ctx.segment.bodyStart - 1);
        const symbol = m[3];
        const h: NdisKdData['handlers'][number] = {
          name: m[1] as string,
          address: normalizeAddress(m[2] as string),
          module: symbol !== undefined ? parseSite(symbol).module : null,
          line: i + 1,
        };
        if (minidriver !== undefined) {
          h.minidriver = minidriver;
        }
        data.handlers.push(h);
      } else if ((inTable || sub === 'miniports') && (m = TABLE_ROW.exec(text))) {
        data.miniports.push({
          name: (m[3] as string).trim(),
          handle: normalizeAddress(m[2] as string),
          driver: normalizeAddress(m[1] as string),
          flags: [],
          line: i + 1,
        });
      } else if (key === 'ndis handle' && kv) {
        currentMiniport(i + 1).handle = normalizeAddress(kv.value.split(/\s/)[0] as string);
      } else if (key === 'miniport driver' && kv && (m = DRIVER_VALUE.exec(kv.value))) {
        const mp = currentMiniport(i + 1);
        mp.driver = normalizeAddress(m[1] as string);
        if (m[2] !== undefined && m[2].trim() !== '') {
          mp.driverName = m[2].trim();
        }
      } else if (key === 'miniport' && kv) {
        currentMiniport(i + 1).state = kv.value.split(/\s{2,}/)[0] as string;
      } else if (key === 'nbl status' && kv) {
        currentMiniport(i + 1).nblStatus = kv.value.split(/\s/)[0] as string;
      } else if (flags !== null && (miniport !== null || sub === 'miniport')) {
        currentMiniport(i + 1).flags.push(...flags);
      } else if ((key === 'request type' || key === 'completed' || key === 'cloned from') && kv) {
        const o = currentOid(i + 1);
        if (key === 'completed') {
          o.completed = !/^not\b/i.test(kv.value);
        } else if (key === 'cloned from') {
          o.clonedFrom = kv.value.split(/\s/)[0] as string;
          if (o.name === '' || /^OID_(?:METHOD|QUERY|SET)/.test(o.name)) {
            o.name = o.clonedFrom;
          }
        } else if (o.name === '') {
          o.name = kv.value.split(/\s/)[0] as string;
        }
      } else if ((key === 'pending oid' || key === 'current oid') && kv && /^OID_/.test(kv.value)) {
        data.oids.push({ name: kv.value.split(/\s/)[0] as string, completed: false, line: i + 1 });
      } else if (sub === 'oid' && /^\s*OID_[A-Z0-9_]+\s*$/.test(text)) {
        // Title line of one OID request.
        currentOid(i + 1).name = text.trim();
      } else if (sub === 'miniport' && !miniport && kv === null && !TITLE.test(text) && !/[!*]/.test(text)) {
        // The adapter's name, printed alone before its fields.
        currentMiniport(i + 1, text.trim());
      } else if (kv !== null && (sub !== '' || miniport !== null || oid !== null) && !ctx.startsOther(i)) {
        // Other "Key   value" fields (a debugger error line is not one of them).
      } else if (TITLE.test(text) && sub !== '') {
        // Section title.
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
    if (data.miniports.length + data.oids.length + data.handlers.length === 0) {
      return { ok: false, reason: 'no NDIS data recognised', end: Math.max(start + 1, last + 1) };
    }
    for (const mp of data.miniports) {
      if (mp.name === '' && mp.handle !== undefined) {
        mp.name = `miniport ${mp.handle}`;
      }
      const reset = mp.flags.includes('RESET_IN_PROGRESS') || /RESET_IN_PROGRESS/.test(mp.nblStatus ?? '');
      if (reset) {
        findings.push({
          id: 'ndis.miniport.reset',
          severity: 'critical',
          title: `Network adapter "${mp.name}" is stuck in a reset`,
          detail:
            `The miniport reports ${[mp.nblStatus, ...mp.flags.filter((f) => /RESET/.test(f))].filter(Boolean).join(', ')}` +
            `${mp.driver !== undefined ? `; its driver handle is ${mp.driver}${mp.driverName !== undefined ? ` (${mp.driverName})` : ''}` : ''}. ` +
            'Requests to it (OIDs, sends) wait until the driver completes the reset.',
          lines: [mp.line],
        });
      }
    }
    for (const o of data.oids) {
      if (!o.completed) {
        findings.push({
          id: 'ndis.oid.pending',
          severity: 'warning',
          title: `NDIS request ${o.name || '(unnamed OID)'} has not completed`,
          detail: 'An OID request that stays pending blocks every thread waiting for it (for example in ndisQuerySetMiniportEx).',
          lines: [o.line],
        });
      }
    }
    return { ok: true, data, findings, end: last + 1, skipped };
  },
};
