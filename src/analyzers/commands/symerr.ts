/**
 * Symbol-loading complaints the debugger prints anywhere in a session, with
 * no command of their own:
 *
 *   *** ERROR: Module load completed but symbols could not be loaded for FooDRV.sys
 *   *** ERROR: Symbol file could not be found.  Defaulted to export symbols for VBoxNetFlt.sys -
 *   *** WARNING: Unable to verify timestamp for dump_iaStorA.sys
 *   *** WARNING: Unable to verify checksum for vmms.exe
 *   Unable to load image \SystemRoot\system32\DRIVERS\foo.sys, Win32 error 0n2
 *
 * A third-party driver without symbols is common and is itself a (weak) hint
 * about which modules are not Microsoft's. One block per run of consecutive
 * such lines. When the same text is glued to the end of a `dps` line, the
 * raw-memory parser (rawmem.ts) reads it instead.
 *
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debugger/symbol-status-abbreviations
 */
import type { Analyzer, Finding, SymbolErrorData } from '../types';

// "*** ERROR: …" / "*** WARNING: …" naming a module after "for".
//   group 1: the image name (FooDRV.sys), up to a space or the end.
const STARS_FOR =
  /\*\*\* (?:ERROR|WARNING): (?:Module load completed but symbols could not be loaded|Symbol file could not be found\.\s+Defaulted to export symbols|Unable to verify (?:timestamp|checksum)) for ([^\s*]+)/i;
// "Unable to load image \SystemRoot\…\foo.sys, Win32 error 0n2": group 1 the path.
const UNABLE_TO_LOAD = /^\s*Unable to load image ([^,]+),\s*Win32 error/i;
// Cheap start test: the line begins with one of the two forms.
const START = /^\s*(?:\*\*\* (?:ERROR|WARNING): |Unable to load image )/;

/** `FooDRV.sys` → `FooDRV`; `\SystemRoot\…\foo.sys` → `foo`. Trailing ` -` and dots dropped. */
function baseName(image: string): string {
  const file = image.replace(/[\s-]+$/, '').split(/[\\/]/).pop() ?? image;
  return file.replace(/\.(?:sys|dll|exe|drv|efi)$/i, '').replace(/\.$/, '');
}

/**
 * The module named by a symbol-loading complaint anywhere in `text`
 * (`*** ERROR: Module load completed but symbols could not be loaded for X.sys`),
 * without its extension, or null when the text holds none.
 */
export function moduleFromSymbolError(text: string): string | null {
  const m = STARS_FOR.exec(text);
  if (m) {
    const name = baseName(m[1] as string);
    return name === '' ? null : name;
  }
  const u = UNABLE_TO_LOAD.exec(text);
  if (u) {
    const name = baseName((u[1] as string).trim());
    return name === '' ? null : name;
  }
  return null;
}

/** Is line `i` one of the symbol complaints this family reads? */
function isSymbolErrorLine(text: string): boolean {
  return START.test(text) && moduleFromSymbolError(text) !== null;
}

/** Symbol-loading complaints anywhere → SymbolErrorData; finding `symbols.missing`. */
export const symerrAnalyzer: Analyzer<'symerr'> = {
  id: 'symerr',
  commands: [],
  startsAt(source, i) {
    return isSymbolErrorLine(source.lines[i] as string);
  },
  analyze(start, ctx) {
    const modules: SymbolErrorData['modules'] = [];
    let end = start;
    for (let i = start; i < ctx.limit; i++) {
      const text = ctx.source.lines[i] as string;
      if (text.trim() === '') {
        // Forum copies put a blank line between lines; two in a row end the run.
        if (i + 1 < ctx.limit && (ctx.source.lines[i + 1] as string).trim() === '') {
          break;
        }
        continue;
      }
      if (!isSymbolErrorLine(text)) {
        break;
      }
      modules.push({ module: moduleFromSymbolError(text) as string, line: i + 1 });
      end = i + 1;
    }
    if (modules.length === 0) {
      return { ok: false, reason: 'no symbol-loading message recognised', end: start + 1 };
    }
    const names = [...new Set(modules.map((m) => m.module))];
    const findings: Finding[] = [
      {
        id: 'symbols.missing',
        severity: 'info',
        title: `Symbols missing or unverified for ${names.join(', ')}`,
        detail:
          'The debugger could not load or verify symbols for these modules. Microsoft modules normally have public symbols, so a module without them is often a third-party driver.',
        lines: modules.map((m) => m.line),
      },
    ];
    return { ok: true, data: { modules }, findings, end };
  },
};
