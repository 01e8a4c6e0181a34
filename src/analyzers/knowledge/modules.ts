/** STUB — replaced by the knowledge base work. */
import type { ModuleOrigin } from '../types';

/** `Ntfs.sys` → `ntfs`; aliases such as `ntkrnlmp` → `nt`. */
export function canonicalModuleName(name: string): string {
  const n = name.trim().toLowerCase().replace(/\.(sys|dll|exe)$/, '');
  return /^(ntoskrnl|ntkrnlmp|ntkrnlpa|ntkrpamp)$/.test(n) ? 'nt' : n;
}
export function classifyModule(name: string): ModuleOrigin {
  return ['nt', 'hal', 'ndis', 'fltmgr', 'win32k', 'ntfs'].includes(canonicalModuleName(name)) ? 'microsoft' : 'unknown';
}
export function isMicrosoftModule(name: string): boolean {
  return classifyModule(name) === 'microsoft';
}
export function describeDriver(_name: string): { vendor: string; product?: string; category?: string; source?: string } | undefined {
  return undefined;
}
