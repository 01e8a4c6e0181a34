/**
 * `!devobj addr`: one device object, its driver and its neighbours in the stack.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-devobj
 *
 * Sample:
 *   Device object (fffffa800c089050) is for:
 *    NDMP14 \Driver\ZTEusbnet DriverObject fffffa800deeae70
 *   Current Irp 00000000 RefCount 0 Type 00000017 Flags 00002050
 *   Dacl fffff9a10009b881 DevExt fffffa800c0891a0 DevObjExt fffffa800c08a8c0
 *   ExtensionFlags (0x00000800)  DOE_DEFAULT_SD_PRESENT
 *   Characteristics (0x00000100)  FILE_DEVICE_SECURE_OPEN
 *   AttachedDevice (Upper) fffffa800c0a1040 \Driver\Filter
 *   AttachedTo (Lower) fffffa80070bfa00 \Driver\usbccgp
 *   Device queue is not busy.
 * An unnamed device prints only `\Driver\X DriverObject …` on the second line.
 */
import { Extent } from '../extent';
import { normalizeAddress } from '../normalize';
import type { Analyzer, DevObjData } from '../types';

// "Device object (fffffa800c089050) is for:" → 1 address
const HEADER = /^\s*Device object \(([0-9a-f`]{1,17})\) is for:/i;
// " NDMP14 \Driver\ZTEusbnet DriverObject fffffa800deeae70" → 1 device name (optional), 2 driver
const OWNER = /^\s*(?:(\S+)\s+)?(\\[A-Za-z]+\\\S+)\s+DriverObject\b/i;
// "AttachedTo (Lower) fffffa80070bfa00 \Driver\usbccgp" → 1 Device|To, 2 address, 3 driver
const ATTACHED = /^\s*Attached(Device|To)\s+\((?:Upper|Lower)\)\s+([0-9a-f`]{8,17})(?:\s+(\\\S+))?/i;
const KNOWN =
  /^\s*(?:Current Irp|Dacl|ExtensionFlags|Characteristics|Device queue|Vpb\b|Device Object Extension|DevNode|ExtensionFlags|SecurityOperation|PowerFlags|Device queue|AlignmentRequirement|Timer\b|DeviceType|StackSize|DevExt|DevObjExt|Dope|Device Node|Cannot read|Unable to read)/i;

/** `!devobj`: the device's driver, name and attached devices. */
export const devobjAnalyzer: Analyzer<'devobj'> = {
  id: 'devobj',
  commands: ['!devobj'],
  startsAt(source, i) {
    return HEADER.test(source.lines[i] as string);
  },
  analyze(start, ctx) {
    const { source, limit } = ctx;
    const owned = /^!devobj\b/i.test(ctx.segment.command);
    const h = HEADER.exec(source.lines[start] as string);
    if (!h) {
      return { ok: false, reason: 'no "Device object (…) is for:" line', end: start + 1 };
    }
    const data: DevObjData = { address: normalizeAddress(h[1] as string), line: start + 1 };
    const ext = new Extent(start);
    for (let i = start + 1; i < limit; i++) {
      const text = source.lines[i] as string;
      if (text.trim() === '') {
        continue;
      }
      if (HEADER.test(text)) {
        break; // the next device
      }
      let m: RegExpExecArray | null;
      let understood = true;
      if (data.driver === undefined && (m = OWNER.exec(text))) {
        data.driver = m[2] as string;
        if (m[1] !== undefined) {
          data.name = m[1];
        }
      } else if ((m = ATTACHED.exec(text))) {
        const link: NonNullable<DevObjData['attachedTo']> = { address: normalizeAddress(m[2] as string), line: i + 1 };
        if (m[3] !== undefined) {
          link.driver = m[3];
        }
        if ((m[1] as string).toLowerCase() === 'to') {
          data.attachedTo = link;
        } else {
          data.attachedDevice ??= link;
        }
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
    return { ok: true, data, findings: [], end: ext.last + 1, skipped: ext.skipped };
  },
};
