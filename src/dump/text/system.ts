/**
 * `vertarget`-style system facts: the Windows version line, product and
 * suite, times. Shared by kernel and user dumps.
 */
import type { Arch } from '../types';

/** Windows marketing version of an NT build, as the debugger prints it (`Windows 10` for any NT 10.0 build). */
export function windowsName(major: number, minor: number, build: number): string {
  if (major >= 10 || build >= 10240) {
    return 'Windows 10';
  }
  if (major === 6) {
    return ['Windows Vista', 'Windows 7', 'Windows 8', 'Windows 8.1'][minor] ?? 'Windows';
  }
  if (major === 5) {
    return minor === 0 ? 'Windows 2000' : minor === 1 ? 'Windows XP' : 'Windows Server 2003';
  }
  return 'Windows';
}

/** Windows version of a kernel build number alone (kernel dumps record only the build). */
export function windowsOfBuild(build: number): { major: number; minor: number } {
  if (build >= 10240) {
    return { major: 10, minor: 0 };
  }
  if (build >= 9600) {
    return { major: 6, minor: 3 };
  }
  if (build >= 9200) {
    return { major: 6, minor: 2 };
  }
  if (build >= 7600) {
    return { major: 6, minor: 1 };
  }
  if (build >= 6000) {
    return { major: 6, minor: 0 };
  }
  if (build >= 3790) {
    return { major: 5, minor: 2 };
  }
  return build >= 2600 ? { major: 5, minor: 1 } : { major: 5, minor: 0 };
}

/** `x64`, `ARM 64-bit (AArch64)`, `x86` as the debugger names them. */
export function archLabel(arch: Arch): string {
  switch (arch) {
    case 'x64':
      return 'x64';
    case 'arm64':
      return 'ARM 64-bit (AArch64)';
    case 'x86':
      return 'x86 compatible';
    case 'arm':
      return 'ARM (Thumb-2)';
    default:
      return 'unknown architecture';
  }
}

/** Short architecture name for summaries. */
export function archShort(arch: Arch): string {
  return arch === 'unknown' ? 'unknown' : arch === 'arm64' ? 'ARM64' : arch === 'arm' ? 'ARM' : arch;
}

/** `Product: WinNt, suite: TerminalServer SingleUserTS` from ProductType and SuiteMask. */
export function productLine(productType: number | null, suiteMask: number | null): string | null {
  if (productType === null) {
    return null;
  }
  const product = productType === 1 ? 'WinNt' : productType === 2 ? 'LanManNt' : productType === 3 ? 'ServerNt' : `type ${productType}`;
  const names: [number, string][] = [
    [0x1, 'SmallBusiness'],
    [0x2, 'Enterprise'],
    [0x4, 'BackOffice'],
    [0x8, 'CommunicationServer'],
    [0x10, 'TerminalServer'],
    [0x20, 'SmallBusinessRestricted'],
    [0x40, 'EmbeddedNT'],
    [0x80, 'DataCenter'],
    [0x100, 'SingleUserTS'],
    [0x200, 'Personal'],
    [0x400, 'Blade'],
    [0x800, 'EmbeddedRestricted'],
    [0x1000, 'SecurityAppliance'],
    [0x2000, 'StorageServer'],
    [0x4000, 'ComputeServer'],
    [0x8000, 'WHServer'],
  ];
  const suite = names.filter(([bit]) => ((suiteMask ?? 0) & bit) !== 0).map(([, n]) => n);
  return `Product: ${product}${suite.length > 0 ? `, suite: ${suite.join(' ')}` : ''}`;
}
