/**
 * Filter manager extension: `!fltkd.filters`, `!fltkd.filter addr`,
 * `!fltkd.instance addr`, `!fltkd.volumes`, `!fltkd.volume addr`.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/ifs/development-and-testing-tools
 * (fltkd.dll ships with the Debugging Tools for Windows; `!fltkd.help` lists its commands).
 *
 * Samples (shortened; blog notes after `<<<<` are dropped):
 *   FLT_INSTANCE: ffffe0000165daa0 "Fltdrv2 Instance" "366992"
 *      FLT_OBJECT: ffffe0000165daa0  [01000000] Instance
 *      Volume                   : ffffe00002501010 "\Device\HarddiskVolume4"
 *      Filter                   : ffffe00000a9ac50 "DKTLFSMF"
 *
 *   FLT_VOLUME: ffffe0000169e010 "\Device\HarddiskVolume5"
 *      FileSystemType           : [0000001c]
 *      CDODriverName            : "\FileSystem\ReFS"
 *      InstanceList             : (ffffe0000169e0a0)
 *         FLT_INSTANCE: ffffe00001694190 "FLTDRV1" "388920"
 *
 *   Volume List: ffffe00000ab5140 "Frame 0"
 *      FLT_VOLUME: ffffe000010e5010 "\Device\Mup"
 *         FLT_INSTANCE: ffffe000011e6640 "FLTDRV1" "388920"
 *
 * An FLT_INSTANCE line after an FLT_FILTER or FLT_VOLUME line (in the same
 * block) lists an instance of that filter or on that volume; a leading one is
 * the instance being dumped, and its `Volume :` / `Filter :` fields name its
 * volume and filter. Volumes list their instances by address.
 */
import { Extent } from '../extent';
import { normalizeAddress } from '../normalize';
import type { Analyzer, FltKdData } from '../types';

// FLT_FILTER|FLT_INSTANCE|FLT_VOLUME: addr "name" ["altitude"]
//   1 kind, 2 address, 3 name, 4 altitude
const OBJECT = /^\s*FLT_(FILTER|INSTANCE|VOLUME):\s+(?:0x)?([0-9a-f`]{8,17})\s+"([^"]*)"(?:\s+"([^"]*)")?/i;
// "Volume                   : ffffe00002501010 "\Device\HarddiskVolume4"" → 1 field, 2 address, 3 name
const LINK = /^\s*(Volume|Filter)\s*:\s*(?:0x)?([0-9a-f`]{8,17})\s+"([^"]*)"/i;
// "FileSystemType           : [00000002] FLT_FSTYPE_NTFS" → 1 type name
const FSTYPE = /^\s*FileSystemType\s*:\s*\[[0-9a-f]+\](?:\s+FLT_FSTYPE_(\w+))?/i;
// "CDODriverName            : "\FileSystem\ReFS"" → 1 driver name
const CDO_DRIVER = /^\s*CDODriverName\s*:\s*"([^"]*)"/i;
// Any "Field   : value" line (space before the colon, unlike prose), list headers and the extension's complaints.
const FIELD = /^\s*(?:[A-Za-z][A-Za-z0-9_]*\s+:(?:\s|$)|FLT_[A-Z_]+:\s)/;
const KNOWN = /^\s*(?:Volume List:|Filter List:|Could not read|Unable to|Cannot|No (?:filters|volumes|instances))/i;
const START = /^\s*(?:FLT_(?:FILTER|INSTANCE|VOLUME):\s+(?:0x)?[0-9a-f`]{8,17}\s+"|(?:Volume|Filter) List:\s+[0-9a-f`]{8,17})/i;

type Instance = FltKdData['instances'][number];
type Volume = FltKdData['volumes'][number];

/** `!fltkd.*`: filters, instances (with their filter and volume) and volumes. */
export const fltkdAnalyzer: Analyzer<'fltkd'> = {
  id: 'fltkd',
  commands: [/^!fltkd\./],
  startsAt(source, i) {
    const text = source.lines[i] as string;
    return text.includes('FLT_') || text.includes('List:') ? START.test(text) : false;
  },
  analyze(start, ctx) {
    const { source, limit } = ctx;
    const owned = /^!fltkd\./i.test(ctx.segment.command);
    const data: FltKdData = { filters: [], instances: [], volumes: [] };
    const instances = new Map<string, Instance>();
    // The filter or volume whose instances are being listed.
    let container: { kind: 'filter'; name: string } | { kind: 'volume'; volume: Volume } | null = null;
    // The object whose fields follow (an instance dumped on its own, or a volume).
    let subject: { kind: 'instance'; instance: Instance } | { kind: 'volume'; volume: Volume } | null = null;
    const ext = new Extent(start - 1);
    for (let i = start; i < limit; i++) {
      const raw = source.lines[i] as string;
      if (raw.trim() === '') {
        continue;
      }
      const text = raw.replace(/\s*<<+.*$/, '');
      let m: RegExpExecArray | null;
      let understood = true;
      if ((m = OBJECT.exec(text))) {
        const kind = (m[1] as string).toUpperCase();
        const address = normalizeAddress(m[2] as string);
        const name = m[3] as string;
        const altitude = m[4];
        if (kind === 'FILTER') {
          const f: FltKdData['filters'][number] = { name, address, line: i + 1 };
          if (altitude !== undefined) {
            f.altitude = altitude;
          }
          data.filters.push(f);
          container = { kind: 'filter', name };
          subject = null;
        } else if (kind === 'VOLUME') {
          const v: Volume = { address, name, instances: [], line: i + 1 };
          data.volumes.push(v);
          container = { kind: 'volume', volume: v };
          subject = { kind: 'volume', volume: v };
        } else {
          let inst = instances.get(address);
          if (!inst) {
            inst = { name, address, line: i + 1 };
            if (altitude !== undefined) {
              inst.altitude = altitude;
            }
            instances.set(address, inst);
            data.instances.push(inst);
          }
          if (container?.kind === 'filter') {
            inst.filter ??= container.name;
          } else if (container?.kind === 'volume') {
            inst.volume ??= container.volume.name;
            if (!container.volume.instances.includes(address)) {
              container.volume.instances.push(address);
            }
          } else {
            subject = { kind: 'instance', instance: inst };
          }
        }
      } else if ((m = LINK.exec(text)) && subject?.kind === 'instance') {
        if ((m[1] as string).toLowerCase() === 'volume') {
          subject.instance.volume = m[3] as string;
        } else {
          subject.instance.filter = m[3] as string;
        }
      } else if ((m = FSTYPE.exec(text)) && subject?.kind === 'volume') {
        if (m[1] !== undefined) {
          subject.volume.fileSystem = m[1];
        }
      } else if ((m = CDO_DRIVER.exec(text)) && subject?.kind === 'volume') {
        // "\FileSystem\ReFS" names the file system when the type has no name.
        subject.volume.fileSystem ??= (m[1] as string).split('\\').pop() as string;
      } else if (!(FIELD.test(text) || KNOWN.test(text))) {
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
    if (data.filters.length + data.instances.length + data.volumes.length === 0) {
      return { ok: false, reason: 'no filter manager object recognised', end: Math.max(start + 1, ext.last + 1) };
    }
    return { ok: true, data, findings: [], end: ext.last + 1, skipped: ext.skipped };
  },
};
