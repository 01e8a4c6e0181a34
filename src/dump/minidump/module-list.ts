/**
 * MINIDUMP_MODULE_LIST: u32 count, then 108-byte MINIDUMP_MODULE entries
 * (packed to 4): BaseOfImage u64 +0, SizeOfImage +8, CheckSum +0xC,
 * TimeDateStamp +0x10, ModuleNameRva +0x14, VS_FIXEDFILEINFO +0x18 (52 bytes:
 * signature 0xFEEF04BD, FileVersionMS +8, FileVersionLS +0xC), CvRecord
 * {DataSize, Rva} +0x4C, MiscRecord +0x54, two reserved u64.
 *
 * A CodeView record that starts with `RSDS` holds the PDB GUID (16 bytes),
 * age (u32) and file name (UTF-8, NUL-terminated): what a symbol server
 * needs to find the module's symbols.
 */
import type { DumpFile } from '../file';
import { debuggerModuleName, fileNameOf } from '../modules';
import type { LoadedModule } from '../types';
import type { ByteView } from '../view';
import { listLayout } from './lists';
import { readMinidumpString } from './strings';

/** Size of MINIDUMP_MODULE. */
const ENTRY = 108;
/** VS_FIXEDFILEINFO signature. */
const VS_SIGNATURE = 0xfeef04bd;
/** More modules than any process loads: the rest of a longer list is not read. */
const MAX_MODULES = 10_000;
/** Longest CodeView record read (the PDB path is at most a few hundred bytes). */
const MAX_CV = 1024;

/** One entry before its strings are read. */
interface RawModule {
  base: bigint;
  size: number;
  checksum: number;
  timestamp: number;
  nameRva: number;
  version?: string;
  cv: { size: number; rva: number };
}

function versionOf(view: ByteView, at: number): string | undefined {
  if (view.u32(at) !== VS_SIGNATURE) {
    return undefined;
  }
  const ms = view.u32(at + 8) as number;
  const ls = view.u32(at + 12) as number;
  return `${ms >>> 16}.${ms & 0xffff}.${ls >>> 16}.${ls & 0xffff}`;
}

function hex(n: number, width: number): string {
  return n.toString(16).toUpperCase().padStart(width, '0');
}

/** The PDB identity in an `RSDS` CodeView record at `rva`, if any. */
async function readCodeView(file: DumpFile, cv: { size: number; rva: number }): Promise<LoadedModule['pdb']> {
  if (cv.rva === 0 || cv.size < 24) {
    return undefined;
  }
  const size = Math.min(cv.size, MAX_CV);
  const view = await file.view(cv.rva, size);
  if (view === null || view.tag(cv.rva) !== 'RSDS') {
    return undefined;
  }
  const g = cv.rva + 4;
  const d1 = view.u32(g) as number;
  const d2 = view.u16(g + 4) as number;
  const d3 = view.u16(g + 6) as number;
  let tail = '';
  for (let k = 8; k < 16; k++) {
    tail += hex(view.u8(g + k) as number, 2);
  }
  const guid = `${hex(d1, 8)}-${hex(d2, 4)}-${hex(d3, 4)}-${tail.slice(0, 4)}-${tail.slice(4)}`;
  const age = view.u32(cv.rva + 20) as number;
  const name = view.cstring(cv.rva + 24, size - 24) ?? '';
  return { name: fileNameOf(name), guid, age };
}

/** Decode the module list stream (at absolute `at`, `size` bytes); names are read from their RVAs. */
export async function readModuleList(file: DumpFile, view: ByteView, at: number, size: number, notes: string[]): Promise<LoadedModule[]> {
  const layout = listLayout(view, at, size, ENTRY);
  if (layout === null) {
    notes.push('the module list stream is cut off');
    return [];
  }
  if (layout.cut) {
    notes.push(`the module list claims more entries than its stream holds; ${layout.count} read`);
  }
  if (layout.count > MAX_MODULES) {
    notes.push(`the module list claims ${layout.count} modules; the first ${MAX_MODULES} are read`);
  }
  const raw: RawModule[] = [];
  for (let k = 0; k < Math.min(layout.count, MAX_MODULES); k++) {
    const e = layout.first + k * ENTRY;
    const version = versionOf(view, e + 0x18);
    const m: RawModule = {
      base: view.u64(e) as bigint,
      size: view.u32(e + 8) as number,
      checksum: view.u32(e + 0x0c) as number,
      timestamp: view.u32(e + 0x10) as number,
      nameRva: view.u32(e + 0x14) as number,
      cv: { size: view.u32(e + 0x4c) as number, rva: view.u32(e + 0x50) as number },
    };
    if (version !== undefined) {
      m.version = version;
    }
    raw.push(m);
  }
  const out: LoadedModule[] = [];
  for (const [k, m] of raw.entries()) {
    const path = (await readMinidumpString(file, m.nameRva)) ?? '';
    const image = path !== '' ? fileNameOf(path) : `unknown_${k}`;
    const entry: LoadedModule = { name: debuggerModuleName(image, false), image, base: m.base, size: m.size, timestamp: m.timestamp, checksum: m.checksum };
    if (path !== '') {
      entry.path = path;
    }
    if (m.version !== undefined) {
      entry.version = m.version;
    }
    const pdb = await readCodeView(file, m.cv);
    if (pdb !== undefined) {
      entry.pdb = pdb;
    }
    out.push(entry);
  }
  return out;
}
