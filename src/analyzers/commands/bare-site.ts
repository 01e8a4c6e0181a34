/**
 * Stacks pasted as call sites alone, one per line, without the debugger's
 * columns: `nt!KiPageFault+0x260`, `BthPS3+0x1a2`, a Process Hacker row
 * (`0, ntoskrnl.exe!KiSwapContext+0x76`), a template or `nt! ?? ::` site, a
 * note after the site in a column of its own. Used by stack.ts.
 */
import { isBlank } from '../normalize';
import { SITE_TOKEN, TRAILER } from './site';
import type { SourceText } from '../types';

/** A line that is one call site and nothing else but a source note: `nt!KiPageFault+0x260`, `BthPS3+0x1a2`. */
export function isBareSite(text: string): boolean {
  // "0, ntoskrnl.exe!KiSwapContext+0x76" (Process Hacker), "…!Monitor.Wait(class System.Object,int32)" (dotnet-stack).
  const t = bareSiteText(text);
  if (t === '' || t.length > 300) {
    return false;
  }
  const ws = siteTokenEnd(t);
  const token = ws < 0 ? t : t.slice(0, ws);
  return (SITE_TOKEN.test(token.includes(' ') ? token.replace(/\s+/g, '') : token) || /^<Unloaded_[^>]+>\+/i.test(token) || /^0x[0-9a-f`]{6,17}$/i.test(token)) && (ws < 0 || TRAILER.test(t.slice(ws)) || ANNOTATION_GAP.test(t.slice(ws)));
}

// A note in a column of its own after a call site: "MinHookDeadlock!EnableHook+0x144        1. Setting the hook".
const ANNOTATION_GAP = /^ {3,}\S/;

/**
 * Where a bare call site's token ends (-1: the whole text): at the first white space, except inside a
 * template's angle brackets ("d3d9!Worker<enum ProxyWindowCommands>::PostCommand+0x49") and in the
 * "nt! ?? ::FNODOBFM::`string'+0x95b7" form the debugger prints for code it cannot name.
 */
function siteTokenEnd(t: string): number {
  let depth = 0;
  const bang = t.indexOf('! ?? ::');
  const from = bang > 0 && bang < 80 ? bang + 7 : 0;
  for (let k = from; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if (c === 60) {
      depth++;
    } else if (c === 62 && depth > 0) {
      depth--;
    } else if ((c === 32 || c === 9) && depth === 0) {
      return k;
    } else if (k > 300) {
      break;
    }
  }
  return depth === 0 ? -1 : t.search(/\s/);
}

/** The call site of a bare-site line: a Process Hacker row number and an argument list dropped. */
function bareSiteText(text: string): string {
  let t = text.trim();
  if (t.length > 300) {
    return t;
  }
  // Visual Studio marks the current frame with ">"; Process Hacker numbers its rows ("0, ").
  t = t.replace(/^(?:>\s*|\d{1,4},\s*)/, '');
  // Visual Studio's "Copy all" of its Call Stack window: "[Inline Frame] node.exe!uv_run(uv_loop_s * loop) Line 736".
  t = t.replace(/^\[Inline Frame\] /, '').replace(/\s+Line\s+\d+$/, '');
  if (t.endsWith(')')) {
    t = t.replace(/\((?:[^()]|\([^()]*\))*\)$/, '').trimEnd();
  }
  return t;
}

/**
 * A line Visual Studio's "Copy all" puts between its call sites: the source file of the frame above
 * ("	at E:\node\src\tcp_wrap.cc(213)"), or the frames it does not show ("[External Code]").
 */
export const VS_NOTE = /^\s*(?:at\s+(?:[A-Za-z]:\\|\\\\|\/)[^\t]{0,300}\(\d+\)|\[External Code\])\s*$/;

/** Lines that are call sites alone, three in a row (blank lines and Visual Studio's notes between allowed): a stack pasted without columns. */
export function siteRun(source: SourceText, i: number): boolean {
  let seen = 0;
  for (let k = i; k < source.lines.length && k < i + 12; k++) {
    const text = source.lines[k] as string;
    if (isBlank(text) || (seen > 0 && VS_NOTE.test(text))) {
      continue;
    }
    if (!isBareSite(text)) {
      return false;
    }
    if (++seen >= 3) {
      return true;
    }
  }
  return false;
}

/** The call site of a line that `isBareSite` accepted, without its row number, arguments or note. */
export function bareSiteToken(text: string): string {
  const t = bareSiteText(text);
  const ws = siteTokenEnd(t);
  return ws < 0 ? t : t.slice(0, ws);
}
