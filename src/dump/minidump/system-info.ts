/**
 * MINIDUMP_SYSTEM_INFO (56 bytes): u16 ProcessorArchitecture +0, u16
 * ProcessorLevel +2, u16 ProcessorRevision +4, u8 NumberOfProcessors +6, u8
 * ProductType +7, u32 MajorVersion +8, MinorVersion +0xC, BuildNumber +0x10,
 * PlatformId +0x14, CSDVersionRva +0x18, u16 SuiteMask +0x1C, then CPU
 * information (+0x20: on x86 the vendor string in three u32).
 *
 * PlatformId 2 is Windows NT (0 and 1 the old Win32s and 9x). Breakpad and
 * Crashpad record other systems here: 0x8101 macOS, 0x8201 Linux…
 */
import { fail, ok, type Arch, type Result } from '../types';
import type { ByteView } from '../view';

/** MINIDUMP_SYSTEM_INFO, decoded. */
export interface SystemInfo {
  arch: Arch;
  /** PROCESSOR_ARCHITECTURE_* as recorded. */
  archCode: number;
  processorLevel: number;
  processors: number;
  productType: number;
  major: number;
  minor: number;
  build: number;
  platformId: number;
  csdVersionRva: number;
  suiteMask: number;
  /** `GenuineIntel`, `AuthenticAMD` (x86 and x64 only). */
  cpuVendor: string | null;
}

/** Size of MINIDUMP_SYSTEM_INFO. */
const SIZE = 56;

/** PROCESSOR_ARCHITECTURE_* → architecture. */
export function archOfProcessor(code: number): Arch {
  switch (code) {
    case 0:
      return 'x86';
    case 5:
      return 'arm';
    case 9:
      return 'x64';
    case 12:
      return 'arm64';
    default:
      return 'unknown';
  }
}

/** Operating systems Breakpad and Crashpad record in PlatformId (MD_OS_* in minidump_format.h). */
const OTHER_SYSTEMS: Readonly<Record<number, string>> = {
  0x8000: 'a Unix system',
  0x8101: 'macOS',
  0x8102: 'iOS',
  0x8201: 'Linux',
  0x8202: 'Solaris',
  0x8203: 'Android',
  0x8204: 'PlayStation 3',
  0x8205: 'Native Client',
  0x8206: 'Fuchsia',
};

/** The system a non-Windows PlatformId names, or null for Windows. */
export function otherSystem(platformId: number): string | null {
  if (platformId <= 2) {
    return null;
  }
  return OTHER_SYSTEMS[platformId] ?? `an operating system other than Windows (platform 0x${platformId.toString(16)})`;
}

/** Decode the stream; `view` holds it from absolute `at`. */
export function readSystemInfo(view: ByteView, at: number): Result<SystemInfo> {
  if (!view.has(at, SIZE)) {
    return fail('the system information stream is cut off');
  }
  const archCode = view.u16(at) as number;
  const arch = archOfProcessor(archCode);
  const vendor = arch === 'x86' || arch === 'x64' ? view.tag(at + 0x20, 12) : '';
  return ok({
    arch,
    archCode,
    processorLevel: view.u16(at + 2) as number,
    processors: view.u8(at + 6) as number,
    productType: view.u8(at + 7) as number,
    major: view.u32(at + 8) as number,
    minor: view.u32(at + 0x0c) as number,
    build: view.u32(at + 0x10) as number,
    platformId: view.u32(at + 0x14) as number,
    csdVersionRva: view.u32(at + 0x18) as number,
    suiteMask: view.u16(at + 0x1c) as number,
    cpuVendor: /^[\x20-\x7e]{12}$/.test(vendor) ? vendor : null,
  });
}
