/**
 * Addresses → `module+0xoffset`, the way a debugger without symbols prints
 * them, and the names the debugger gives modules (`nt` for the kernel image,
 * `hal` for the HAL, the file's base name otherwise).
 */
import type { LoadedModule, UnloadedModule } from './types';

/** Kernel images the debugger calls `nt`, whatever the file's name. */
const KERNEL_IMAGES = /^(?:ntoskrnl|ntkrnlmp|ntkrnlpa|ntkrpamp|ntkrla57)\.exe$/i;
/** HAL images the debugger calls `hal` (not the HAL extensions, HalExt*.dll). */
const HAL_IMAGES = /^hal(?:macpi|acpi|aacpi|apic|mps|sp|mpsx|x86)?\.dll$/i;

/** The base file name of a path (`\SystemRoot\system32\drivers\amdppm.sys` → `amdppm.sys`). */
export function fileNameOf(path: string): string {
  const k = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return k >= 0 ? path.slice(k + 1) : path;
}

/**
 * The debugger's name of a module from its image file name: `nt`, `hal`, or
 * the base name without extension, with characters a module name cannot hold
 * replaced by `_` (as the debugger does for names with spaces).
 */
export function debuggerModuleName(image: string, kernel: boolean): string {
  const file = fileNameOf(image);
  if (kernel && KERNEL_IMAGES.test(file)) {
    return 'nt';
  }
  if (kernel && HAL_IMAGES.test(file)) {
    return 'hal';
  }
  const dot = file.lastIndexOf('.');
  const base = dot > 0 ? file.slice(0, dot) : file;
  const clean = base.replace(/[^A-Za-z0-9_.$~-]/g, '_');
  return clean === '' ? 'unknown_module' : clean;
}

/** How far past a module's end its import-call stubs may lie (see `isCallTarget`). */
const CALL_STUB_SLACK = 0x10000n;

/** Where an address lies: a loaded module and the offset into it. */
export interface ModuleHit {
  module: LoadedModule;
  offset: bigint;
}

/** Loaded modules, sorted by base, searched by address. */
export class ModuleMap {
  readonly modules: readonly LoadedModule[];

  constructor(modules: readonly LoadedModule[]) {
    this.modules = [...modules].filter((m) => m.size > 0).sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
  }

  /** The module holding `address`, or undefined. */
  find(address: bigint): ModuleHit | undefined {
    let lo = 0;
    let hi = this.modules.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.modules[mid] as LoadedModule).base <= address) {
        at = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    // A few before: a hostile list may nest modules.
    for (let k = at; k >= 0 && k > at - 4; k--) {
      const m = this.modules[k] as LoadedModule;
      if (address >= m.base && address < m.base + BigInt(m.size)) {
        return { module: m, offset: address - m.base };
      }
    }
    return undefined;
  }

  /**
   * Could a call land at `address`? Inside a module, or in the 64 KB after one:
   * Windows 10 kernels rewrite a driver's import calls into direct calls to
   * stubs placed right after the driver's image (retpoline and import call
   * optimization). In the x64 sample, Wdf01000's calls land 0x2a0 bytes past
   * its SizeOfImage.
   */
  isCallTarget(address: bigint): boolean {
    if (this.find(address) !== undefined) {
      return true;
    }
    const m = this.lastBelow(address);
    return m !== undefined && address >= m.base + BigInt(m.size) && address < m.base + BigInt(m.size) + CALL_STUB_SLACK;
  }

  /** The module with the highest base at or below `address`. */
  private lastBelow(address: bigint): LoadedModule | undefined {
    let lo = 0;
    let hi = this.modules.length - 1;
    let at: LoadedModule | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = this.modules[mid] as LoadedModule;
      if (m.base <= address) {
        at = m;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return at;
  }

  /** `amdppm+0x334c`, or null outside every module. */
  symbolize(address: bigint): string | null {
    const hit = this.find(address);
    return hit === undefined ? null : `${hit.module.name}+0x${hit.offset.toString(16)}`;
  }
}

/** The unloaded module whose range held `address`, if any (for "this address is in an unloaded driver"). */
export function findUnloaded(list: readonly UnloadedModule[], address: bigint): UnloadedModule | undefined {
  return list.find((u) => address >= u.base && address < u.end);
}
