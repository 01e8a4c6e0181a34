/**
 * `dt` structure dumps: the key fields, so other rules can use them.
 *   2: kd> dt nt!_MMPFN fffffa80015c69c0
 *      +0x010 PteAddress       : 0xfffff6fb`400001e0 _MMPTE
 *      +0x01c UsedPageTableEntries : 0xffff
 *   1: kd> dt nt!_DRIVER_OBJECT ffffe001a28949b0
 *      +0x038 DriverName       : _UNICODE_STRING "\FileSystem\Ntfs"
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/dt--display-type-
 */
import { normalizeAddress } from '../normalize';
import type { Analyzer, DtData } from '../types';

// "   +0x01c UsedPageTableEntries : 0xffff"  — offset, field name, colon, value.
const FIELD = /^\s*\+0x([0-9a-f]+)\s+([A-Za-z_][\w.[\]]*)\s*:\s?(.*)$/;

/** Type and address from the command: `dt nt!_MMPFN addr`, `dt addr nt!_EPROCESS flags`, `dt poi(x) _FLT_CALLBACK_DATA`. */
function parseCommand(command: string): { type?: string; address?: string } {
  const out: { type?: string; address?: string } = {};
  for (const tok of command.split(/\s+/).slice(1)) {
    if (/^(?:[\w]+!)?_[A-Z][\w]*$/i.test(tok) && out.type === undefined) {
      out.type = tok;
    } else if (/^(?:0x)?[0-9a-f`]{6,}$/i.test(tok) && out.address === undefined) {
      out.address = normalizeAddress(tok);
    }
  }
  return out;
}

export const dtAnalyzer: Analyzer<'dt'> = {
  id: 'dt',
  commands: ['dt', '!mex.ddt'],
  startsAt(source, i) {
    return FIELD.test(source.lines[i] as string);
  },
  analyze(start, ctx) {
    const fields: DtData['fields'] = [];
    let end = start;
    for (let i = start; i < ctx.limit; i++) {
      const t = ctx.source.lines[i] as string;
      if (t.trim() === '') {
        continue;
      }
      const m = FIELD.exec(t);
      if (!m) {
        break;
      }
      fields.push({ offset: Number.parseInt(m[1] as string, 16), name: m[2] as string, value: (m[3] as string).trim(), line: i + 1 });
      end = i + 1;
    }
    if (fields.length === 0) {
      return { ok: false, reason: 'no dt fields', end: start + 1 };
    }
    const data: DtData = { fields, ...parseCommand(/^dt\b/i.test(ctx.segment.command) ? ctx.segment.command : '') };
    const findings = fields
      .filter((f) => /(?:Count|Entries|References|Refs)$/.test(f.name) && /^0x(?:ffff|ffffffff|ffffffffffffffff)(?:\s|$)/i.test(f.value))
      .map((f) => ({
        id: 'dt.underflow',
        severity: 'warning' as const,
        title: `${f.name} is ${f.value.split(/\s/)[0]}: a count that went below zero (underflow)`,
        lines: [f.line],
      }));
    return { ok: true, data, findings, end };
  },
};
