/**
 * The output of single debugger commands, as WinDbg prints them:
 * `r` / `.cxr` registers, `.exr` exception records, `kb` stacks, `dps`
 * raw stacks and `lm t n` module lists. Each format is the one the text
 * analyzers read (src/analyzers/registers.ts, stack.ts, rawmem.ts, lm.ts):
 * changing a column here means checking `npm run analyze` on the result.
 */
import { describeNtStatus } from '../../analyzers/knowledge/ntstatus';
import { addr, formatLinkTime, hex8, reg } from '../format';
import type { ModuleMap } from '../modules';
import { siteOf, type StackWalk } from '../stackwalk';
import type { Arch, ExceptionRecord, LoadedModule, Registers, UnloadedModule } from '../types';

/** WinDbg's `iopl=… nv up ei pl zr na po nc` flags text of an EFLAGS value. */
function flagsText(efl: number): string {
  const bit = (n: number) => (efl >> n) & 1;
  const names = [
    bit(11) ? 'ov' : 'nv',
    bit(10) ? 'dn' : 'up',
    bit(9) ? 'ei' : 'di',
    bit(7) ? 'ng' : 'pl',
    bit(6) ? 'zr' : 'nz',
    bit(4) ? 'ac' : 'na',
    bit(2) ? 'pe' : 'po',
    bit(0) ? 'cy' : 'nc',
  ];
  return `iopl=${(efl >> 12) & 3}         ${names.join(' ')}`;
}

function segmentsText(r: Registers): string {
  const s = r.segments;
  if (s === undefined) {
    return '';
  }
  const h4 = (v: number) => v.toString(16).padStart(4, '0');
  return `cs=${h4(s.cs)}  ss=${h4(s.ss)}  ds=${h4(s.ds)}  es=${h4(s.es)}  fs=${h4(s.fs)}  gs=${h4(s.gs)}             efl=${hex8(r.flags)}`;
}

/** The register display of `r` / `.cxr` / `.ecxr`, with the symbol label of the instruction pointer. */
export function registerLines(r: Registers, label: string | null): string[] {
  const out: string[] = [];
  if (r.arch === 'x64') {
    const pairs = r.values.map(([name, v]) => `${name.padStart(3, ' ')}=${reg(v, true)}`);
    for (let k = 0; k < pairs.length; k += 3) {
      out.push(pairs.slice(k, k + 3).join(' '));
    }
    out.push(flagsText(r.flags), segmentsText(r));
  } else if (r.arch === 'x86') {
    const pairs = r.values.map(([name, v]) => `${name}=${reg(v, false)}`);
    out.push(pairs.slice(0, 6).join(' '), `${pairs.slice(6).join(' ')} ${flagsText(r.flags)}`, segmentsText(r));
  } else {
    // ARM64: four registers a line, then pc and the status register.
    const pairs = r.values.filter(([name]) => name !== 'pc').map(([name, v]) => `${name.padStart(3, ' ')}=${reg(v, true)}`);
    for (let k = 0; k < pairs.length; k += 4) {
      out.push(pairs.slice(k, k + 4).join('  '));
    }
    out.push(` pc=${reg(r.ip, true)}  psr=${hex8(r.flags)}`);
  }
  if (label !== null) {
    out.push(`${label}:`);
  }
  return out;
}

/** WinDbg's names of common exception codes (as `.exr` and the event line print them). */
const EXCEPTION_NAMES: ReadonlyMap<number, string> = new Map([
  [0xc0000005, 'Access violation'],
  [0x80000003, 'Break instruction exception'],
  [0x80000004, 'Single step exception'],
  [0xc0000409, 'Security check failure or stack buffer overrun'],
  [0xc00000fd, 'Stack overflow'],
  [0xc0000094, 'Integer divide-by-zero'],
  [0xc0000095, 'Integer overflow'],
  [0xc000001d, 'Illegal instruction'],
  [0xc0000096, 'Privileged instruction'],
  [0xc0000006, 'In-page I/O error'],
  [0xc0000374, 'Heap corruption'],
  [0xe06d7363, 'C++ EH exception'],
  [0xe0434352, 'CLR exception'],
  [0x80000002, 'Data misaligned'],
  [0xc0000420, 'Assertion failure'],
]);

/** `Access violation`, or the NTSTATUS name, or `Unknown exception`. */
export function exceptionName(code: number): string {
  return EXCEPTION_NAMES.get(code) ?? describeNtStatus(code)?.name ?? 'Unknown exception';
}

/** `.exr` output for a record. */
export function exceptionLines(e: ExceptionRecord, is64: boolean, modules: ModuleMap, unloaded: readonly UnloadedModule[]): string[] {
  const site = siteOf(e.address, modules, unloaded);
  const out = [
    `ExceptionAddress: ${reg(e.address, is64)}${site !== null ? ` (${site})` : ''}`,
    `   ExceptionCode: ${hex8(e.code)} (${exceptionName(e.code)})`,
    `  ExceptionFlags: ${hex8(e.flags)}`,
    `NumberParameters: ${e.params.length}`,
  ];
  e.params.forEach((p, k) => out.push(`   Parameter[${k}]: ${reg(p, is64)}`));
  // WinDbg explains an access violation's two parameters in words.
  if ((e.code === 0xc0000005 || e.code === 0xc0000006) && e.params.length >= 2) {
    const kind = e.params[0] === 0n ? 'read from' : e.params[0] === 1n ? 'write to' : e.params[0] === 8n ? 'execute' : 'access';
    out.push(`Attempt to ${kind} address ${reg(e.params[1] as bigint, is64)}`);
  }
  return out;
}

/** The header and WinDbg's own warning over a stack without unwind information. */
const NO_UNWIND = 'WARNING: Stack unwind information not available. Following frames may be wrong.';

/** `kb` output: x64/ARM64 `Child-SP RetAddr : Args to Child : Call Site`, x86 `ChildEBP RetAddr Args to Child`. */
export function stackLines(walk: StackWalk, arch: Arch, is64: boolean, setContext: boolean): string[] {
  const out: string[] = [];
  if (setContext) {
    out.push('*** Stack trace for last set context - .thread/.cxr resets it');
  }
  if (arch === 'x86' || !is64) {
    out.push(' # ChildEBP RetAddr  Args to Child              ');
    if (walk.method !== 'frame-chain') {
      out.push(NO_UNWIND);
    }
    walk.frames.forEach((f, k) => {
      const args = [0, 1, 2].map((i) => reg(f.args[i] ?? 0n, false)).join(' ');
      // An unloaded driver's `<Unloaded_…>` notation would end the stack for the parser: the address stands in.
      const site = f.site !== null && !f.site.startsWith('<') ? f.site : `0x${reg(f.ip, false)}`;
      out.push(`${k.toString(16).padStart(2, '0')} ${reg(f.fp ?? f.sp, false)} ${reg(f.retAddr, false)} ${args} ${site}`);
    });
    return out;
  }
  out.push(' # Child-SP          RetAddr               : Args to Child                                                           : Call Site');
  if (walk.method !== 'frame-chain') {
    out.push(NO_UNWIND);
  }
  walk.frames.forEach((f, k) => {
    const args = [0, 1, 2, 3].map((i) => addr(f.args[i] ?? 0n, true)).join(' ');
    out.push(`${k.toString(16).padStart(2, '0')} ${addr(f.sp, true)} ${addr(f.retAddr, true)} : ${args} : ${f.site ?? `0x${addr(f.ip, true)}`}`);
  });
  return out;
}

/**
 * `dps` output: each word of the stack, with `module+0xoffset` after values
 * inside a module. Values in an unloaded driver's range get no name here
 * (the raw-memory parser would stop at the debugger's `<Unloaded_…>` notation);
 * the caller lists them separately.
 */
export function rawStackLines(walk: StackWalk, is64: boolean): string[] {
  return walk.slots.map((s) => {
    const site = s.site !== null && !s.site.startsWith('<') ? ` ${s.site}` : '';
    return `${addr(s.address, is64)}  ${addr(s.value, is64)}${site}`;
  });
}

/** A link timestamp column: the date and hex, or `unavailable` for 0 and -1. */
function stampText(timestamp: number): string {
  return timestamp === 0 || timestamp === 0xffffffff ? `unavailable (${hex8(timestamp).toUpperCase()})` : formatLinkTime(timestamp);
}

/**
 * Windows 10 and later build their own images reproducibly: the "timestamp"
 * field holds a hash, which reads as a date anywhere from 1970 to 2106. One
 * later than the crash cannot be a link date; it is shown the way `lmv`
 * shows a hash, on a line of its own, so that nobody (and no age rule) reads
 * it as a date. Earlier hashes cannot be told from dates.
 */
function isHash(timestamp: number, crashTime: number | null): boolean {
  return crashTime !== null && timestamp !== 0xffffffff && timestamp > crashTime + 86400;
}

/**
 * `lm t n` output: start, end, name, image and link timestamp; then the
 * unloaded modules. `crashTime` (seconds since 1970) tells hashes from dates.
 */
export function moduleLines(modules: readonly LoadedModule[], unloaded: readonly UnloadedModule[], is64: boolean, crashTime: number | null): string[] {
  let width = 8;
  let imageWidth = 12;
  for (const m of modules) {
    width = Math.max(width, Math.min(24, m.name.length));
    imageWidth = Math.max(imageWidth, Math.min(32, m.image.length));
  }
  const out = [is64 ? 'start             end                 module name' : 'start    end        module name'];
  const sorted = [...modules].sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
  for (const m of sorted) {
    const range = `${addr(m.base, is64)} ${addr(m.base + BigInt(m.size), is64)}   ${m.name.padEnd(width)} `;
    if (isHash(m.timestamp, crashTime)) {
      out.push(`${range}${m.image}`, `    Timestamp:        ${hex8(m.timestamp).toUpperCase()} (This is a reproducible build file hash, not a timestamp)`);
    } else {
      out.push(`${range}${m.image.padEnd(imageWidth)} ${stampText(m.timestamp)}`);
    }
  }
  if (unloaded.length > 0) {
    out.push('', 'Unloaded modules:');
    for (const u of unloaded) {
      out.push(`${addr(u.base, is64)} ${addr(u.end, is64)}   ${u.image}`);
    }
  }
  return out;
}

/** `lmvm NAME` output: one module with its path, timestamp, checksum, size and version. */
export function moduleDetailLines(m: LoadedModule, is64: boolean, crashTime: number | null): string[] {
  const out = ['Browse full module list', is64 ? 'start             end                 module name' : 'start    end        module name'];
  out.push(`${addr(m.base, is64)} ${addr(m.base + BigInt(m.size), is64)}   ${m.name}   (no symbols)`);
  if (m.path !== undefined) {
    out.push(`    Image path: ${m.path}`);
  }
  out.push(`    Image name: ${m.image}`);
  out.push(
    isHash(m.timestamp, crashTime)
      ? `    Timestamp:        ${hex8(m.timestamp).toUpperCase()} (This is a reproducible build file hash, not a timestamp)`
      : `    Timestamp:        ${stampText(m.timestamp)}`,
  );
  out.push(`    CheckSum:         ${hex8(m.checksum).toUpperCase()}`, `    ImageSize:        ${hex8(m.size).toUpperCase()}`);
  if (m.version !== undefined) {
    out.push(`    File version:     ${m.version}`);
  }
  return out;
}

/** `lmta ADDRESS` output: the one module holding the address. */
export function moduleAtLines(m: LoadedModule, is64: boolean, crashTime: number | null): string[] {
  return ['Browse full module list', ...moduleLines([m], [], is64, crashTime)];
}
