/**
 * Call sites as the debuggers print them, and the frame lines of debuggers
 * other than WinDbg that people paste from Windows machines:
 *   WinDbg     nt!KiPageFault+0x260, BthPS3+0x1a2, 0xfffff806`1a2b3c4d, <Unloaded_foo.sys>+0x1172
 *   LLDB bt    frame #2: 0x00007fff359ac6c9 jvm.dll`long topLevelExceptionFilter(struct _EXCEPTION_POINTERS *) + 1502329
 *              * frame #0: 0x00007fffe1f01ad4 ntdll.dll`NtWaitForSingleObject + 20
 *   GDB bt     #1  0x00007ffd2e3b1b2e in WaitForSingleObjectEx () from C:\Windows\System32\KernelBase.dll
 * References: https://learn.microsoft.com/windows-hardware/drivers/debugger/symbol-syntax-and-symbol-matching,
 * https://lldb.llvm.org/use/tutorial.html (frame format), https://sourceware.org/gdb/current/onlinedocs/gdb.html/Backtrace.html
 */
import { normalizeAddress } from '../normalize';
import type { StackFrame } from '../types';

/** A call site: `module!symbol+0xoff`, `module+0xoff`, `0xaddress`, `nt! ?? ::X::`string'+0x4e3e`. */
export function parseSite(raw: string): Pick<StackFrame, 'site' | 'module' | 'symbol' | 'offset' | 'trapFrame'> {
  let site = raw.trim();
  let trapFrame: string | undefined;
  // Drop annotations: "(TrapFrame @ …)", "(FPO: …)", "(Inline Function @ …)", "[src @ n]", "<- comment", "<<<< note".
  // Each needs one of these characters; most sites have none.
  if (ANNOTATION_MARK.test(site)) {
    const trap = /TrapFrame\s*@\s*([0-9a-f`]+)/i.exec(site);
    if (trap) {
      trapFrame = normalizeAddress(trap[1] as string);
    }
    // Cut at the first comment marker with indexOf (a regex with a leading \s+ would be
    // quadratic on long runs of spaces), then drop parenthesised annotations.
    const comment = site.search(/ <-| <<|\t<-|\s←/);
    if (comment >= 0) {
      site = site.slice(0, comment);
    }
    if (site.includes('(')) {
      site = site.replace(/\((?:TrapFrame|FPO|Inline Function|Conv|Non-Fpo)[^)]*\)/gi, '');
      // A wrapped line leaves "(FPO: [Non-Fpo]" open at its end.
      site = site.replace(/\((?:TrapFrame|FPO)[^)]*$/i, '');
    }
    const bracket = site.lastIndexOf(' [');
    if (bracket >= 0 && /@ *\d+\]\s*$/.test(site.slice(bracket))) {
      site = site.slice(0, bracket);
    }
    site = site.trim();
  }
  // "TestDriver!FileMoveThread+0x43   C:\src\Driver.c @ 58", "… --> a note", "… // a note":
  // a source path or a comment after the call site (MEX, blog annotations).
  // SOS `!DumpStack` (header "Caller, Callee"): "KERNELBASE!WaitForMultipleObjectsEx+0x133, calling ntdll!NtWait…".
  const calling = site.indexOf(', calling ');
  if (calling > 0) {
    site = site.slice(0, calling);
  }
  // A call site that ends with its offset is complete: what follows a space is another column
  // ("nt!ExAcquireResourceExclusiveLite+0x1fe Thread: ffffdf82…", dx's Info column).
  const ws = site.search(/\s/);
  if (ws > 0 && SITE_TOKEN.test(site.slice(0, ws)) && (TRAILER.test(site.slice(ws)) || /\+0x[0-9a-f]+$/i.test(site.slice(0, ws)))) {
    site = site.slice(0, ws);
  }
  const out: Pick<StackFrame, 'site' | 'module' | 'symbol' | 'offset' | 'trapFrame'> = {
    site,
    module: null,
    symbol: null,
    offset: null,
  };
  if (trapFrame !== undefined) {
    out.trapFrame = trapFrame;
  }
  // 0x7799161a, 0x00007ff9`e632668a: an address outside any module.
  if (/^(?:0x)?[0-9a-f`]+$/i.test(site)) {
    return out;
  }
  // "<Unloaded_TestDriver.sys>+0x1172": code of a driver that has been unloaded since.
  const unloaded = /^<Unloaded_([^>]+?)>\+(0x[0-9a-f]+|[0-9a-f]+)$/i.exec(site);
  if (unloaded) {
    out.module = (unloaded[1] as string).replace(/\.(?:sys|dll|exe)$/i, '');
    out.offset = unloaded[2] as string;
    return out;
  }
  // module!symbol[+0xoff]
  const bang = /^([A-Za-z0-9_.$-]+)!\s?(.*?)(?:\+(0x[0-9a-f]+|[0-9a-f]+))?$/i.exec(site);
  if (bang) {
    out.module = bang[1] as string;
    out.symbol = undecorate((bang[2] as string).trim()) || null;
    out.offset = bang[3] ?? null;
    return out;
  }
  // module+0xoff  (no symbols)
  const plus = /^([A-Za-z0-9_.$-]+)\+(0x[0-9a-f]+|[0-9a-f]+)$/i.exec(site);
  if (plus) {
    out.module = plus[1] as string;
    out.offset = plus[2] as string;
    return out;
  }
  // a bare module name (rare); one or two letters are a site cut short by a copy ("N" of "NDIS!…")
  if (/^[A-Za-z_][A-Za-z0-9_.-]{2,}$/.test(site)) {
    out.module = site;
  }
  return out;
}

const ANNOTATION_MARK = /[@<(←]| \[/;

/**
 * Old x86 symbols carry the C decoration of their calling convention:
 * `NT!_KiTrap0E`, `nt!_KeBugCheckEx@20`, `hal!@KfAcquireSpinLock@4`. The name
 * without it is the function every rule knows. Only a CamelCase name loses
 * its underscore: the C runtime's own `_purecall`, `__security_check_cookie`
 * keep theirs.
 */
function undecorate(symbol: string): string {
  const c = symbol.charCodeAt(0);
  if (c !== 95 && c !== 64 && !symbol.includes('@')) {
    return symbol;
  }
  return symbol.replace(/^[_@](?=[A-Z][a-z0-9]*[A-Z])/, '').replace(/@\d+$/, '');
}
/** A whole call site in one token: `module!symbol+0xoff` or `module+0xoff`. */
export const SITE_TOKEN = /^(?:[A-Za-z0-9_.$-]+![^\s!]+|[A-Za-z0-9_.$-]+\+(?:0x)?[0-9a-f]+)$/i;
/** What may follow a call site on its line: a source path, a bracketed note, an arrow or a comment. */
export const TRAILER = /^\s+(?:\.{3,}\s*$|…\s*$|\(|\[|[A-Za-z]:\\|\/|-+>|<-|<<|←|#|\/\/|\*)/;

/** Does the site look like a call site (not prose)? */
export function looksLikeSite(site: string): boolean {
  const s = site.trim();
  return /^[A-Za-z0-9_.$-]+!\S/.test(s) || /^[A-Za-z0-9_.$-]+\+0x[0-9a-f]+/i.test(s) || /^0x[0-9a-f`]+(\s|$)/i.test(s) || /^<Unloaded_[^>]+>\+/i.test(s);
}

export type SiteParts = Pick<StackFrame, 'site' | 'module' | 'symbol' | 'offset' | 'trapFrame'>;

/** A module's file name as the debugger names the module: `jvm.dll` → `jvm`, `C:\\…\\KernelBase.dll` → `KernelBase`. */
function moduleOfFile(file: string): string {
  const base = file.replace(/^.*[\\/]/, '').replace(/\.(?:dll|exe|sys|drv|ocx|cpl|so|dylib)$/i, '');
  // Cargo names test and build binaries with a hash: "jni_api-743509d72af9119f.exe" is jni_api.
  return base.replace(/-[0-9a-f]{16}$/, '');
}

/** A demangled function name without its argument list, template arguments kept: `long Foo::bar(int)` → `Foo::bar`. */
function functionName(text: string): string {
  let t = text.trim();
  // Cut the argument list at the first "(" outside angle brackets.
  let depth = 0;
  for (let k = 0; k < t.length; k++) {
    const c = t[k];
    if (c === '<') {depth++;}
    else if (c === '>') {depth = Math.max(0, depth - 1);}
    else if (c === '(' && depth === 0 && k > 0) {
      t = t.slice(0, k).trimEnd();
      break;
    }
  }
  // A return type before the name ("long topLevelExceptionFilter"): keep the last word outside angle brackets.
  depth = 0;
  for (let k = t.length - 1; k >= 0; k--) {
    const c = t[k];
    if (c === '>') {depth++;}
    else if (c === '<') {depth--;}
    else if (c === ' ' && depth === 0) {
      return t.slice(k + 1);
    }
  }
  return t;
}

// "[* ]frame #2: 0x00007fff359ac6c9 " then "jvm.dll`symbol + 1502329 [at file:line]", or no symbol: "jvm.dll".
// (Only the prefix is matched by a pattern; the rest is cut with indexOf, linear on any line.)
const LLDB_PREFIX = /^\s*(?:\*\s*)?frame #(\d{1,5}): 0x([0-9a-f]{1,16})(?=\s|$)/i;
// "#1  0x00007ffd2e3b1b2e in " then "WaitForSingleObjectEx () from C:\Windows\System32\KernelBase.dll", or "#0  foo (a=1) at x.c:12".
const GDB_PREFIX = /^\s*#(\d{1,5})\s+(?:0x([0-9a-f]{1,16}) in )?(?=\S)/i;
/** A function call as GDB prints it: a name, then its argument list. */
const GDB_CALL = /^[A-Za-z_?~][\w:<>~?@$.,*! ]*\(/;
/** Frames longer than this are not frames (and no pattern gets to see them). */
const MAX_FRAME = 4000;

/**
 * A frame line of LLDB's or GDB's `bt`: its number and call site in WinDbg's spelling
 * (`module!symbol+0xoff`, the byte offset turned to hex), or null for any other line.
 * GDB names the module only for code in a shared library (`from …`); other frames keep their function name.
 */
export function foreignFrame(text: string): { index: number; parts: SiteParts } | null {
  const k = text.indexOf('#');
  if (k < 0 || k > 24 || text.length > MAX_FRAME) {
    return null;
  }
  const l = LLDB_PREFIX.exec(text);
  if (l) {
    const rest = text.slice(l[0].length).trim();
    if (rest === '') {
      return { index: Number(l[1]), parts: { site: `0x${l[2] as string}`, module: null, symbol: null, offset: null } };
    }
    const tick = rest.indexOf('`');
    const file = tick < 0 ? rest : rest.slice(0, tick);
    if (/\s/.test(file)) {
      return null;
    }
    const module = moduleOfFile(file);
    let call = tick < 0 ? '' : rest.slice(tick + 1);
    const at = call.lastIndexOf(' at ');
    if (at >= 0 && /^ at \S+:\d+(?::\d+)?$/.test(call.slice(at))) {
      call = call.slice(0, at);
    }
    const plus = call.lastIndexOf(' + ');
    const off = plus >= 0 && /^ \+ \d+$/.test(call.slice(plus)) ? call.slice(plus + 3) : null;
    const name = off === null ? call : call.slice(0, plus);
    const symbol = name === '' ? null : functionName(name) || null;
    const offset = off === null ? null : `0x${Number(off).toString(16)}`;
    const site = symbol === null ? `${module}${offset === null ? '' : `+${offset}`}` : `${module}!${symbol}${offset === null ? '' : `+${offset}`}`;
    return { index: Number(l[1]), parts: { site, module, symbol, offset } };
  }
  if (text.charCodeAt(k + 1) < 48 || text.charCodeAt(k + 1) > 57 || text.slice(0, k).trim() !== '') {
    return null;
  }
  const g = GDB_PREFIX.exec(text);
  if (!g) {
    return null;
  }
  let call = text.slice(g[0].length).trimEnd();
  const from = call.lastIndexOf(' from ');
  const lib = from >= 0 ? call.slice(from + 6).trim() : undefined;
  if (from >= 0) {
    call = call.slice(0, from);
  }
  const at = call.lastIndexOf(' at ');
  const located = at >= 0 && /^ at \S+:\d+$/.test(call.slice(at));
  if (located) {
    call = call.slice(0, at);
  }
  if (g[2] === undefined && lib === undefined && !located) {
    return null;
  }
  if (call !== '??' && !GDB_CALL.test(call)) {
    return null;
  }
  let symbol = call === '??' ? null : functionName(call);
  let module = lib !== undefined && lib !== '' ? moduleOfFile(lib) : null;
  const bang = symbol === null ? -1 : symbol.indexOf('!');
  if (symbol !== null && bang > 0) {
    module = symbol.slice(0, bang);
    symbol = symbol.slice(bang + 1);
  }
  const site = module !== null ? (symbol !== null ? `${module}!${symbol}` : module) : (symbol ?? `0x${g[2] ?? '0'}`);
  return { index: Number(g[1]), parts: { site, module, symbol, offset: null } };
}
