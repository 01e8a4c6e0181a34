/**
 * `!drvobj addr|name [flags]`: a driver object, its devices and routines.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-drvobj
 *
 * Sample (`!drvobj … f`, shortened, from a hooked Ntfs):
 *   Driver object (ffffe001a28949b0) is for:
 *    \FileSystem\Ntfs                            (absent in some pastes)
 *   Device Object list:
 *   ffffe001a144c030  ffffe001a1449030
 *   DriverEntry:   fffff8000d06e280  Ntfs!GsDriverEntry
 *   DriverStartIo: 00000000
 *   DriverUnload:  fffff8000c8d5d24  vicm
 *   Dispatch routines:
 *   [00] IRP_MJ_CREATE                      fffff8000d126a10 Ntfs!NtfsFsdCreate
 *   [01] IRP_MJ_CREATE_NAMED_PIPE           fffff802645809ac nt!IopInvalidDeviceRequest
 *   Fast I/O routines:
 *   FastIoQueryOpen                         ffffe001a17d4540 +0xffffe001a17d4540
 * or:
 *   Driver object (ffffe001a2894a20) is for:
 *   ffffe001a2894a20: is not a driver object
 *
 * `ownModule` is the module most dispatch routines point into, leaving out
 * the kernel (nt!IopInvalidDeviceRequest fills unused slots). A routine that
 * points elsewhere, into another module or into no module at all (pool
 * memory: `+0xffffe001a17d4540`), is reported as a hook, except into the
 * kernel, the HAL, or a framework that legitimately owns routines of the
 * drivers built on it (WDF, NDIS, Storport, class drivers…).
 */
import { Extent } from '../extent';
import { normalizeAddress } from '../normalize';
import { parseSite } from './stack';
import type { Analyzer, DrvObjData, DrvObjRoutine, Finding } from '../types';

// "Driver object (ffffe001a28949b0) is for:" → 1 address
const HEADER = /^\s*Driver object \(([0-9a-f`]{1,17})\) is for:/i;
// " \FileSystem\Ntfs" → 1 driver name
const NAME = /^\s*(\\(?:Driver|FileSystem|FileSys)\\\S+)\s*$/i;
// "ffffe001a2894a20: is not a driver object"
const NOT_OBJECT = /^\s*[0-9a-f`]+:\s*is not a driver object/i;
// A routine: "[00] IRP_MJ_CREATE  addr site", "DriverUnload:  addr  site", "FastIoRead  addr site"
//   1 index (dispatch rows), 2 name, 3 address, 4 target (site) as printed
const ROUTINE = /^\s*(?:\[([0-9a-f]{2})\]\s+)?([A-Za-z_][A-Za-z0-9_]*):?\s+([0-9a-f`]{8,17})(?:\s+(\S.*))?$/i;
const SECTION = /^\s*(?:Device Object list:|Driver Extension List:|Dispatch routines:|Fast I\/O routines:)/i;
// Rows of device object addresses under "Device Object list:".
const ADDRESS_ROW = /^\s*[0-9a-f`]{8,17}(?:\s+[0-9a-f`]{8,17})*\s*$/i;

/** The kernel and HAL under their image names. */
const KERNEL = /^(?:nt|ntoskrnl|ntkrnlmp|ntkrnlpa|ntkrpamp|hal|halmacpi|halacpi|halaacpi)$/i;
/**
 * Frameworks and port/class drivers whose routines fill the driver objects of
 * the drivers built on them (a WDF driver's dispatch table points into
 * Wdf01000, an NDIS miniport's into ndis, a Storport miniport's into storport).
 */
const FRAMEWORK =
  /^(?:wdf01000|wdfldr|ndis|storport|scsiport|ataport|classpnp|portcls|ks|videoprt|dxgkrnl|dxgmms1|dxgmms2|usbport|usbhub|usbhub3|ucx01000|hidclass|hidparse|fltmgr|wmilib|tdi|netio|pci|acpi|wpprecorder|ntosext|volmgr|partmgr|wfplwfs|msrpc|ksecdd|cng|mountmgr)$/i;

function isZero(addr: string): boolean {
  return /^[0`]+$/.test(addr);
}

/** The module most routines in `list` point into, leaving out the kernel. */
function mostCommonModule(list: DrvObjRoutine[]): string | undefined {
  const counts = new Map<string, { name: string; n: number }>();
  for (const r of list) {
    if (r.module === null || KERNEL.test(r.module)) {
      continue;
    }
    const key = r.module.toLowerCase();
    const c = counts.get(key) ?? { name: r.module, n: 0 };
    c.n++;
    counts.set(key, c);
  }
  let best: { name: string; n: number } | undefined;
  for (const c of counts.values()) {
    if (!best || c.n > best.n) {
      best = c;
    }
  }
  return best?.name;
}

/** The names the driver's own image goes by: the commonest dispatch target, DriverEntry's module, the driver's name. */
export function ownImages(data: DrvObjData): Set<string> {
  const own = new Set<string>();
  if (data.ownModule !== undefined) {
    own.add(data.ownModule.toLowerCase());
  }
  const entry = data.routines.find((r) => r.name === 'DriverEntry');
  if (entry?.module) {
    own.add(entry.module.toLowerCase());
  }
  if (data.driverName !== undefined) {
    own.add((data.driverName.split('\\').pop() ?? '').toLowerCase());
  }
  return own;
}

/**
 * Does this routine point outside the driver: not into its own image, the
 * kernel, the HAL or a framework it is built on? (null module: pool memory.)
 */
export function pointsOutside(own: ReadonlySet<string>, r: DrvObjRoutine): boolean {
  const mod = r.module;
  return own.size > 0 && !(mod !== null && (own.has(mod.toLowerCase()) || KERNEL.test(mod) || FRAMEWORK.test(mod)));
}

/** `drvobj.hook` findings for routines pointing outside the driver's own image. */
function hookFindings(data: DrvObjData, dispatch: Set<DrvObjRoutine>): Finding[] {
  const own = ownImages(data);
  if (own.size === 0) {
    return []; // nothing to compare with
  }
  const who = data.driverName ?? (data.ownModule !== undefined ? `${data.ownModule}'s driver object` : 'The driver object');
  const findings: Finding[] = [];
  for (const r of data.routines) {
    const mod = r.module;
    if (!pointsOutside(own, r)) {
      continue;
    }
    const kind = dispatch.has(r) ? 'dispatch routine' : 'routine';
    findings.push({
      id: 'drvobj.hook',
      severity: 'critical',
      title:
        mod === null
          ? `${who}: ${r.name} points outside any module (${r.address})`
          : `${who}: ${r.name} points into ${mod}`,
      detail:
        `The ${kind} ${r.name} is ${r.target} at ${r.address}, not in ${[...own].join('/')}. ` +
        (mod === null
          ? 'Code outside every loaded image (pool memory) is typical of a hook or a rootkit.'
          : `Another driver replaced it: ${mod} is hooking this driver object.`),
      lines: [r.line],
    });
  }
  return findings;
}

/** `!drvobj`: routines with their target modules; finding `drvobj.hook` for routines outside the driver. */
export const drvobjAnalyzer: Analyzer<'drvobj'> = {
  id: 'drvobj',
  commands: ['!drvobj'],
  startsAt(source, i, owned) {
    const text = source.lines[i] as string;
    if (owned && (NOT_OBJECT.test(text) || SECTION.test(text))) {
      return true;
    }
    return HEADER.test(text);
  },
  analyze(start, ctx) {
    const { source, limit } = ctx;
    const owned = /^!drvobj\b/i.test(ctx.segment.command);
    const data: DrvObjData = { routines: [], line: start + 1 };
    const findings: Finding[] = [];
    const dispatch = new Set<DrvObjRoutine>();
    let section: 'none' | 'devices' | 'extensions' | 'dispatch' | 'fastio' = 'none';
    let sawHeader = false;
    const ext = new Extent(start - 1);
    for (let i = start; i < limit; i++) {
      const text = source.lines[i] as string;
      if (text.trim() === '') {
        continue;
      }
      let m: RegExpExecArray | null;
      let understood = true;
      if ((m = HEADER.exec(text))) {
        if (sawHeader) {
          break; // the next driver object
        }
        sawHeader = true;
        data.address = normalizeAddress(m[1] as string);
      } else if (NOT_OBJECT.test(text)) {
        findings.push({
          id: 'drvobj.not-driver-object',
          severity: 'info',
          title: `${data.address ?? 'The address'} is not a driver object`,
          detail: 'The debugger did not find a driver object at this address; it may point inside one (look at the pool block around it).',
          lines: [i + 1],
        });
      } else if ((m = NAME.exec(text)) && data.driverName === undefined && data.routines.length === 0) {
        data.driverName = m[1] as string;
      } else if (SECTION.test(text)) {
        section = /Device Object/i.test(text)
          ? 'devices'
          : /Extension/i.test(text)
            ? 'extensions'
            : /Dispatch/i.test(text)
              ? 'dispatch'
              : 'fastio';
      } else if ((section === 'devices' || section === 'extensions') && ADDRESS_ROW.test(text)) {
        // Device objects (or extension ids) of the driver.
      } else if ((m = ROUTINE.exec(text)) && /[g-z_]/i.test(m[2] as string)) {
        const address = m[3] as string;
        if (!isZero(address)) {
          const target = (m[4] ?? '').trim();
          const site = parseSite(target === '' ? `0x${address}` : target);
          const r: DrvObjRoutine = {
            name: m[2] as string,
            address: normalizeAddress(address),
            target: target === '' ? normalizeAddress(address) : target,
            module: site.module,
            line: i + 1,
          };
          data.routines.push(r);
          if (m[1] !== undefined || section === 'dispatch') {
            dispatch.add(r);
          }
        }
      } else {
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
    if (ext.last < start) {
      return { ok: false, reason: 'no driver object recognised', end: start + 1 };
    }
    const own = mostCommonModule([...dispatch]) ?? mostCommonModule(data.routines);
    if (own !== undefined) {
      data.ownModule = own;
    }
    findings.push(...hookFindings(data, dispatch));
    return { ok: true, data, findings, end: ext.last + 1, skipped: ext.skipped };
  },
};
