/**
 * `!devstack addr`: the device stack a device object sits in, top first.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-devstack
 *
 * Sample (the `>` marks the device that was asked about):
 *     !DevObj           !DrvObj            !DevExt          ObjectName
 *     ffffe00001143040  \Driver\volsnap    ffffe00001143190
 *   > ffffe000011009b0  \Driver\volmgr     ffffe00001100b00  HarddiskVolume4
 *   !DevNode ffffe00001148a50 :
 *     DeviceInst is "STORAGE\Volume\{19df1540-2f74-11e4-80bb-0050568127c8}#0000000000100000"
 *     ServiceName is "volsnap"
 * Blog annotations such as `<<<< this volume is a NTFS volume.` are dropped.
 */
import { Extent } from '../extent';
import { normalizeAddress } from '../normalize';
import type { Analyzer, DevStackData } from '../types';

const HEADER = /^\s*!DevObj\s+!DrvObj\s+!DevExt\s+ObjectName/i;
// [>] device  \Driver\X  [extension]  [name]
//   1 ">", 2 device, 3 driver, 4 extension, 5 the rest (object name)
const ROW = /^\s*(>)?\s*([0-9a-f`]{8,17})\s+(\\(?:Driver|FileSystem|FileSys)\\\S+)(?:\s+([0-9a-f`]{8,17}))?(?:\s+(.*))?$/i;
const SERVICE = /^\s*ServiceName is "([^"]*)"/i;
const KNOWN = /^\s*(?:!DevNode\s+[0-9a-f`]+|DeviceInst is|ServiceName is|Unable to|Cannot read)/i;

/** `!devstack`: the rows of a device stack and the devnode's service. */
export const devstackAnalyzer: Analyzer<'devstack'> = {
  id: 'devstack',
  commands: ['!devstack'],
  startsAt(source, i) {
    const text = source.lines[i] as string;
    return HEADER.test(text) || (text.includes('\\') && ROW.test(text));
  },
  analyze(start, ctx) {
    const { source, limit } = ctx;
    const owned = /^!devstack\b/i.test(ctx.segment.command);
    const data: DevStackData = { entries: [] };
    let sawHeader = false;
    const ext = new Extent(start - 1);
    for (let i = start; i < limit; i++) {
      const raw = source.lines[i] as string;
      if (raw.trim() === '') {
        continue;
      }
      const text = raw.replace(/\s*<<+.*$/, '');
      let m: RegExpExecArray | null;
      let understood = true;
      if (HEADER.test(text)) {
        if (sawHeader || data.entries.length > 0) {
          break; // the next !devstack
        }
        sawHeader = true;
      } else if ((m = ROW.exec(text))) {
        const e: DevStackData['entries'][number] = {
          device: normalizeAddress(m[2] as string),
          driver: m[3] as string,
          current: m[1] === '>',
          line: i + 1,
        };
        if (m[4] !== undefined) {
          e.extension = normalizeAddress(m[4]);
        }
        const name = (m[5] ?? '').trim();
        if (name !== '') {
          e.name = name;
        }
        data.entries.push(e);
      } else if ((m = SERVICE.exec(text))) {
        data.serviceName = m[1] as string;
      } else if (!KNOWN.test(text)) {
        understood = false;
      }
      if (understood) {
        ext.took(i);
        continue;
      }
      if (ext.passes(i, owned, ctx)) {
        continue;
      }
      break;
    }
    if (data.entries.length === 0) {
      return { ok: false, reason: 'no device stack rows', end: Math.max(start + 1, ext.last + 1) };
    }
    return { ok: true, data, findings: [], end: ext.last + 1, skipped: ext.skipped };
  },
};
