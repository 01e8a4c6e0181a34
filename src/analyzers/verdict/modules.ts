/**
 * How the verdict sees a module: Microsoft or not, and whether it may be
 * suspected at all. Lookups go through knowledge/modules.ts.
 */
import { MANAGED_FRAMEWORK } from '../knowledge/frames';
import { classifyModule, isFrameworkModule } from '../knowledge/modules';
import type { ModuleOrigin } from '../types';

/** Microsoft, third party or unknown, by the knowledge tables. */
export function origin(module: string): ModuleOrigin {
  return classifyModule(module);
}

/** A frame's module counts as "not Microsoft" (third party or unknown). */
export function isForeign(module: string | null): module is string {
  return module !== null && origin(module) !== 'microsoft';
}

/**
 * May this module be suspected at all? Everything but Microsoft's framework
 * modules (nt, hal, ndis, fltmgr, win32k, file systems…) and .NET's own
 * namespaces; other Microsoft drivers can be at fault, and `combine` raises
 * the bar for them.
 */
export function isBlameable(module: string | null): module is string {
  return module !== null && !MANAGED_FRAMEWORK.test(module) && (origin(module) !== 'microsoft' || !isFrameworkModule(module));
}

/**
 * May this module be suspected on the strength of being on a stack? Not
 * Microsoft's, and not a namespace of .NET's own code. Microsoft modules are
 * suspected only through rules that say why (microsoft-code-path, IRPs,
 * locks…), never for merely being on the stack.
 */
export function isCandidate(module: string | null): module is string {
  return module !== null && !MANAGED_FRAMEWORK.test(module) && origin(module) !== 'microsoft';
}

/** Driver object name (`\Driver\ZTEusbnet`, `\FileSystem\Ntfs`) → module base name. */
export function moduleFromDriverName(name: string): string {
  return name.replace(/^\s*\\(?:Driver|FileSystem)\\/i, '').trim();
}
