/**
 * The stop code as printed outside `!analyze -v`:
 *   `.bugcheck`      Bugcheck code 000000C1
 *                    Arguments ca0b4fe0 00000521 00000020 00000021
 *   dump banner      BugCheck 9F, {4, 258, fffffa8007005660, fffff800053e83d0}
 *   MEX `!di`        Bugcheck: D1 (FFFF9B08ED297010, 2, 0, FFFFF8027D7612D0)
 *   kd break-in      *** Fatal System Error: 0x0000007e
 *                                           (0xFFFFFFFFC0000005,0xFFFFF80AD4A41A63,0xFFFFB70DD7EB7028,0xFFFFB70DD7EB6860)
 *   blue screen      *** STOP: 0x0000001E (0xC0000005,0x8014A6C4,0x00000000,0x00000000)
 *   dumpchk          BugCheckCode . . . . .0x0000000a
 *                    BugCheckParameter1 . .0x00000000   (… Parameter4)
 * Windows' and crash tools' own summaries of a stop, as people paste them:
 *   event 1001       The computer has rebooted from a bugcheck.  The bugcheck was: 0x0000009f (0x…03, 0x…, 0x…, 0x…). A dump was saved in: …
 *   WER signature    BCCode:	d1      BCP1:	0000000000000000   (… BCP4)
 *   WhoCrashed       Bugcheck code: 0xD1 (0x0, 0x2, 0x0, 0xFFFFF80712345678)
 *   BlueScreenView   Bug Check Code    : 0x000000d1, Parameter 1 : …, Caused By Driver  : acmefilt.sys
 *                    This was probably caused by the following module: acmefilt.sys (acmefilt+0x1a55)
 *   blue screen      Stop code: DRIVER_IRQL_NOT_LESS_OR_EQUAL        What failed: acmefilt.sys
 *   XP blue screen   ***  acmefilt.sys - Address F7A3A55A base at F7A30000, DateStamp 3b7d855c
 *   Kernel-Power 41  BugcheckCode 209   BugcheckParameter1 0x0   (decimal code; 0 means no bug check)
 * and, in user mode, the exception event the debugger stops on:
 *                    (1a2c.1b3c): Access violation - code c0000005 (first chance)
 *                    Security check failure or stack buffer overrun - code c0000409 (!!! second chance !!!)
 *                    Last event: 1a2c.1b3c: Exception C00000FD, second chance
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-bugcheck--display-bug-check-data-
 */
import { parseBugcheckCode } from '../knowledge/bugcheck-codes';
import { describeBugcheck } from '../knowledge/bugcheck-codes';
import { isBlank, nextFilledLine, parseHex } from '../normalize';
import { touchesMemory } from './disasm';
import type { AnalyzeVData, Analyzer } from '../types';

// The NT 3.5–4.0 kernel debugger: "BugCheck 0000000a : ff687000 00000002 00000001 fbcf2488".
const OLD_KD = /^\s*Bug\s?Check\s+([0-9a-f]{8})\s*:\s*([0-9a-f]{8})\s+([0-9a-f]{8})\s+([0-9a-f]{8})\s+([0-9a-f]{8})\s*$/i;
// "BugCheck 9F, {4, 258, fffffa8007005660, fffff800053e83d0}" — code, then 4 values in braces.
const BANNER = /^\s*Bug\s?Check\s+(?:0x)?([0-9a-f]{1,8}),\s*\{\s*([0-9a-f`x]+)\s*,\s*([0-9a-f`x]+)\s*,\s*([0-9a-f`x]+)\s*,\s*([0-9a-f`x]+)\s*\}/i;
// "Bugcheck code 000000C1"
const CODE = /^\s*Bugcheck code\s+(?:0x)?([0-9a-f]{1,8})\s*$/i;
// "Arguments ca0b4fe0 00000521 00000020 00000021" (64-bit values may carry backticks)
// "Bugcheck: D1 (FFFF9B08ED297010, 2, 0, FFFFF8027D7612D0)" (MEX !di)
const MEX = /^\s*Bugcheck:\s*(?:0x)?([0-9a-f]{1,8})\s*\(\s*([0-9a-f`x]+)\s*,\s*([0-9a-f`x]+)\s*,\s*([0-9a-f`x]+)\s*,\s*([0-9a-f`x]+)\s*\)/i;
// "…: Access violation - code c0000005 (first chance)" / "(!!! second chance !!!)"
const EVENT = /^\s*(?:\([0-9a-f]+\.[0-9a-f]+\):\s*)?([A-Za-z][^\n]*?) - code ([0-9a-f]{8})(?: \((?:!!! )?(first|second) chance|\s*$)/i;
// What cdb prints under a first-chance exception event; a copy may keep it and drop the event line.
const FIRST_CHANCE_NOTE = /^\s*First chance exceptions are reported before any exception handling\.\s*$/i;
// Dr. Watson's log of an unhandled exception (drwtsn32.log): "Exception number: c0000005 (access violation)",
// and in its state dump the faulting instruction marked "FAULT ->77f64b53 f6470501  test byte ptr [edi+0x5],0x1".
const DRWATSON_EXCEPTION = /^\s*Exception number:\s*([0-9a-f]{8})\b/i;
const DRWATSON_FAULT = /^\s*FAULT\s*->/;
/** Dr. Watson's marked faulting instruction, touching memory. */
function drWatsonFault(text: string): boolean {
  const mark = DRWATSON_FAULT.exec(text);
  return mark !== null && touchesMemory(text.slice(mark[0].length));
}
/** Lines above a Dr. Watson fault line searched for the log's own exception number. */
const DRWATSON_HEADER_SPAN = 80;
/**
 * Visual Studio's exception message (Output window, its dialog, a dump's summary page), in any language: an address,
 * the module it lies in, then the exception code between colons.
 *   "Unhandled exception at 0x00007FFE1C0DF26F (ntdll.dll) in app.exe: 0xC0000374: A heap has been corrupted …"
 *   "Exception thrown at 0x00007FF6A2B01234 in app.exe: 0xC0000005: Access violation reading location 0x0…"
 *   "0x70B087F8 (WindowsCodecs.dll) (Foo.dmp) Handled Exception: 0xC0000005: Read 0xFFFFFFFF ACCESS_VIOLATION."
 *   "0x00007FFB3C1E4A7C (ntdll.dll)处(位于 app.exe 中)有未经处理的异常: 0xC0000374: 堆已损坏。"
 * Group 1 the module, 2 the code.
 */
const VS_WORD = String.raw`(?:exception|Ausnahme|excepci[oó]n|eccezione|исключение|异常|異常|例外|예외)`;
const VS_AT = String.raw`\b0x[0-9a-f]{8,16}\s*(?:\(([\w.$-]+\.(?:dll|exe|sys|ocx|drv))\))?`;
const VS_CODE = String.raw`:\s*0x([c8][0-9a-f]{7}):`;
/** The word first ("Unhandled exception at 0x… (ntdll.dll) in app.exe: 0xC…:"), or the address first. */
const VS_WORD_FIRST = new RegExp(String.raw`${VS_WORD}[^:]{0,40}?${VS_AT}[^:]{0,120}?${VS_CODE}`, 'i');
const VS_ADDRESS_FIRST = new RegExp(String.raw`${VS_AT}[^:]{0,120}?${VS_WORD}[^:]{0,60}?${VS_CODE}`, 'i');
/** Words of a first-chance report ("Exception thrown at", "First-chance exception", "引发的异常", "例外がスローされました"). */
const VS_FIRST_CHANCE = /thrown|first-chance|引发的异常|引發的例外|スローされました|throw/i;
// ntdll's own report of a fail-fast: "Critical error detected c0000374"
const CRITICAL = /^\s*Critical error detected ([0-9a-f]{8})\s*$/i;
// Application Verifier: "VERIFIER STOP 00000007: pid 0x1A2C: Heap block already freed."
const VERIFIER_STOP = /^\s*(?:={3,}\s*)?VERIFIER STOP ([0-9a-f]{8}):\s*pid\s+0x[0-9a-f]+:\s*(.*)$/i;
/** STATUS_VERIFIER_STOP: what a process stopped by Application Verifier reports (ntstatus.h). */
const STATUS_VERIFIER_STOP = 0xc0000421;
// "Last event: 1a2c.1b3c: Exception C00000FD, second chance"
const LAST_EVENT = /^\s*Last event:\s*(?:[0-9a-f]+\.[0-9a-f]+:\s*)?Exception\s+([0-9a-f]{8}),\s*(first|second) chance/i;
/**
 * Events that are not crashes: breakpoints, single steps, WOW64 breaks, thread
 * names (see the WinDbg docs on first- and second-chance exceptions).
 */
// "Bugcheck: This is a myfault.sys dump." (MEX recognises NotMyFault's forced crashes)
const CRASH_TOOL_NOTE = /^\s*Bugcheck:\s*This is a ([A-Za-z0-9_.-]+?)(?:\.sys)? dump/i;
const NOT_A_CRASH = new Set([0x80000003, 0x80000004, 0x4000001f, 0x4000001e, 0x406d1388, 0x40010006, 0x4001000a]);
// "*** Fatal System Error: 0x0000007e" (the kernel debugger's break-in on a bug check); the
// four parameters follow in parentheses on the same line or the next.
const FATAL = /^\s*\*{3}\s*Fatal System Error:\s*(?:0x)?([0-9a-f]{1,8})\b(.*)$/i;
// "*** STOP: 0x0000001E (0xC0000005,0x8014A6C4,0x00000000,0x00000000)": the blue screen itself,
// copied; the four values in parentheses make it output, not a sentence naming a stop code.
// (Also its code alone on the line, the name under it, and a code a copy shortened: "STOP:0x000000a (…".)
const STOP = /^\s*["'“”‘]?\s*(?:\*{3}\s*)?STOP:?\s*0x([0-9a-f]{1,8})\s*([([].*)?$/i;
// The code and its arguments alone, the stop's name on the next line (NT 3.5x KB articles):
// "0x0000000a (0x0000015a, 0x0000001c, 0x00000000, 0x80116bf4)" then "IRQL_NOT_LESS_OR_EQUAL*** Address …".
const BARE_STOP = /^\s*0x([0-9a-f]{8})\s*(\(\s*0x[0-9a-f]+\s*,.*\))\s*$/i;
// Under it, the NT 4.0 / Windows 2000 blue screen names the module holding the faulting address:
// "KMODE_EXCEPTION_NOT_HANDLED *** Address 80115b60 has base at 80100000 - ntoskrnl.exe" (the name may wrap).
// Windows 2000 adds the image's time stamp: "*** Address BFB2C08E base at BFB1A000, DateStamp 395db967 - nm2200dp.dll".
const HAS_BASE = /\bAddress\s+(?:0x)?[0-9a-f]{8}\s+(?:has\s+)?base at\s+(?:0x)?[0-9a-f]{8}(?:,\s*DateStamp\s+[0-9a-f]{8})?\s*-\s*([A-Za-z0-9_.$-]+?\.(?:sys|dll|exe))?\s*$/i;
/** The same line wrapped inside its time stamp: "…, DateStamp" then "395db967 - nm2200dp.dll". */
const DATESTAMP_CUT = /\bAddress\s+(?:0x)?[0-9a-f]{8}\s+(?:has\s+)?base at\s+(?:0x)?[0-9a-f]{8},\s*DateStamp\s*$/i;
const DATESTAMP_REST = /^\s*[0-9a-f]{8}\s*-\s*([A-Za-z0-9_.$-]+?\.(?:sys|dll|exe))\b/i;
const FILE_NAME_ALONE = /^\s*([A-Za-z0-9_.$-]+?\.(?:sys|dll|exe))\b/i;
// "(0xFFFFFFFFC0000005,0xFFFFF80AD4A41A63, …)": four values, commas, optional spaces.
const PAREN_ARGS = /^\s*[([]\s*(?:0x)?([0-9a-f`]+)\s*,\s*(?:0x)?([0-9a-f`]+)\s*,\s*(?:0x)?([0-9a-f`]+)\s*,\s*(?:0x)?([0-9a-f`]+)\s*[)\]]/i;
// dumpchk / dumpexam: "BugCheckCode . . . . .0x0000000a", "BugCheckParameter1 . .0x00000000".
// (Always dotted or 0x-prefixed: Kernel-Power 41's "BugcheckCode 159" is decimal.)
const DUMPCHK_CODE = /^\s*BugCheckCode(?:[\s:]*(?:\.\s*)+(?:0x)?|[\s.:]*0x)([0-9a-f]{1,8})\s*$/i;
const DUMPCHK_ARG = /^\s*BugCheckParameter([1-4])[\s.:]*?(?:0x)?([0-9a-f`]{1,17})\s*$/i;
const ARGS = /^\s*Arguments\s+([0-9a-f`]+)\s+([0-9a-f`]+)\s+([0-9a-f`]+)\s+([0-9a-f`]+)\s*$/i;
// Event 1001 (BugCheck) and WhoCrashed: "…The bugcheck was: 0x0000007f (0x…, 0x…, 0x…, 0x…)…", "Bugcheck code: 0xD1 (0x0, 0x2, 0x0, 0xFFFF…)":
// the code, then the four values in parentheses that PAREN_ARGS reads.
const EVENT_1001 = /\bThe bug ?check was:?\s*(?:0x)?([0-9a-f]{1,8})\s*(?=\()/i;
const WHOCRASHED = /^\s*Bug ?check code:\s*0x([0-9a-f]{1,8})\s*(?=\()/i;
// "This was probably caused by the following module: acmefilt.sys (acmefilt+0x1a55)"
const WHOCRASHED_MODULE = /^\s*This was probably caused by the following module:\s*([A-Za-z0-9_.$-]+?)(?:\.(?:sys|dll|exe))?(?:\s|$)/i;
// WER's problem signature of a blue screen: "BCCode:	d1", then "BCP1:	…" to "BCP4:	…".
const WER_CODE = /^\s*BCCode\s*:\s*(?:0x)?([0-9a-f]{1,8})\s*$/i;
const WER_ARG = /^\s*BCP([1-4])\s*:\s*(?:0x)?([0-9a-f`]{1,17})\s*$/i;
// The blue screen since Windows 8: "Stop code: DRIVER_IRQL_NOT_LESS_OR_EQUAL" (or "Stop code: 0x0000009F"), "What failed: acmefilt.sys".
const STOP_CODE = /^\s*Stop code\s*:\s*([A-Z][A-Z0-9_]{5,}|0x[0-9a-f]{1,8})\s*(?:\(|$)/i;
const WHAT_FAILED = /^\s*What failed\s*:\s*([A-Za-z0-9_.$-]+?)\.(?:sys|dll|exe)\s*$/i;
// The XP blue screen names the driver at the faulting address: "***  acmefilt.sys - Address F7A3A55A base at F7A30000, DateStamp 3b7d855c".
const XP_DRIVER = /^\s*\*{3}\s*([A-Za-z0-9_.$-]+?)\.(?:sys|dll|exe)\s*-\s*Address\s+(?:0x)?[0-9a-f`]+\s+base at\s+(?:0x)?[0-9a-f`]+/i;
// Kernel-Power event 41: "BugcheckCode 209" in decimal (0: the power was lost, no bug check), "BugcheckParameter1 0x0".
// BlueScreenView's report of a dump ("Bug Check Code : 0x000000d1", "Parameter 1 : 00000000`00000008", …,
// "Caused By Driver : acmefilt.sys"): https://www.nirsoft.net/utils/blue_screen_viewer.html (its columns).
const BSV_CODE = /^\s*Bug Check Code\s*:\s*0x([0-9a-f]{1,8})\s*$/i;
const BSV_ARG = /^\s*Parameter ([1-4])\s*:\s*(?:0x)?([0-9a-f`]{1,17})\s*$/i;
const BSV_DRIVER = /^\s*Caused By Driver\s*:\s*([A-Za-z0-9_.$-]+?)(?:\.(?:sys|dll|exe))?\s*$/i;
// …and one of its rows copied from the list (tab-separated columns, tabs become spaces here): the dump
// file, the crash time, the bug check string and code, the four parameters, the driver it blames.
const BSV_ROW = /^\s*\S+\.dmp\s.{0,60}?\s([A-Z][A-Z0-9_]{5,})\s+0x([0-9a-f]{8})\s+([0-9a-f`]{1,17})\s+([0-9a-f`]{1,17})\s+([0-9a-f`]{1,17})\s+([0-9a-f`]{1,17})(?:\s+([A-Za-z0-9_.$-]+?)\.(?:sys|dll|exe)\b)?/i;
const POWER_CODE = /^\s*(?:BugcheckCode\s+|<Data Name="BugcheckCode">)(\d{1,10})(?:<\/Data>)?\s*$/i;
const POWER_ARG = /^\s*(?:BugcheckParameter([1-4])\s+|<Data Name="BugcheckParameter([1-4])">)(?:0x)?([0-9a-f`]{1,17})(?:<\/Data>)?\s*$/i;

/** A bare "0x0000000a (…)" line whose next line begins with that code's name. */
function bareStop(lines: readonly string[], i: number): RegExpExecArray | null {
  const text = lines[i] as string;
  const m = text.includes('(') ? BARE_STOP.exec(text) : null;
  const name = m ? describeBugcheck(parseHex(m[1] as string))?.name : undefined;
  return m && name !== undefined && (lines[nextFilledLine(lines, i)] ?? '').trimStart().toUpperCase().startsWith(name) ? m : null;
}

export const bugcheckAnalyzer: Analyzer<'bugcheck'> = {
  id: 'bugcheck',
  commands: ['.bugcheck'],
  startsAt(source, i) {
    const text = source.lines[i] as string;
    return (
      BANNER.test(text) ||
      OLD_KD.test(text) ||
      CODE.test(text) ||
      MEX.test(text) ||
      FATAL.test(text) ||
      STOP.test(text) ||
      bareStop(source.lines, i) !== null ||
      DUMPCHK_CODE.test(text) ||
      CRASH_TOOL_NOTE.test(text) ||
      CRITICAL.test(text) ||
      FIRST_CHANCE_NOTE.test(text) ||
      DRWATSON_EXCEPTION.test(text) ||
      drWatsonFault(text) ||
      VERIFIER_STOP.test(text) ||
      (text.includes('0x') && (VS_WORD_FIRST.test(text) || VS_ADDRESS_FIRST.test(text))) ||
      isCrashEvent(text) ||
      summaryLine(text)
    );
  },
  analyze(start, ctx) {
    const text = ctx.source.lines[start] as string;
    const data: AnalyzeVData = { bugcheck: null, fields: {}, argText: [], stack: null };
    let m = BANNER.exec(text) ?? MEX.exec(text) ?? OLD_KD.exec(text);
    if (m) {
      data.bugcheck = {
        code: parseHex(m[1] as string),
        line: start + 1,
        args: [m[2], m[3], m[4], m[5]].map((a) => (a as string).replace(/^0x/i, '')),
        argLines: [start + 1, start + 1, start + 1, start + 1],
      };
      return { ok: true, data, findings: [], end: start + 1 };
    }
    let fatal = FATAL.exec(text) ?? STOP.exec(text) ?? bareStop(ctx.source.lines, start);
    // A code shorter than the blue screen's eight digits is a copy's slip; read it only when it names a known stop.
    if (fatal && !FATAL.test(text) && (fatal[1] as string).length < 8 && describeBugcheck(parseHex(fatal[1] as string)) === undefined) {
      fatal = null;
    }
    if (fatal) {
      data.bugcheck = { code: parseHex(fatal[1] as string), line: start + 1, args: ['', '', '', ''], argLines: [0, 0, 0, 0] };
      let end = start + 1;
      // The parameters: on the same line, or on the next non-blank one.
      for (let i = start, seen = 0; i < ctx.limit && seen < 2; i++) {
        const rest = i === start ? (fatal[2] ?? '') : (ctx.source.lines[i] as string);
        if (rest.trim() === '') {
          continue;
        }
        seen++;
        // The blue screen wraps a long list onto the next line: "(0x00000007, 0x00007abf, 0x0000f17e," / "0x00000000)PFN_LIST_CORRUPT".
        const next = rest.includes('(') && !rest.includes(')') ? nextFilledLine(ctx.source.lines, i) : -1;
        const joined = next > i && next < ctx.limit ? `${rest.trimEnd()} ${(ctx.source.lines[next] as string).trim()}` : null;
        const a = PAREN_ARGS.exec(rest) ?? (joined !== null ? PAREN_ARGS.exec(joined) : null);
        if (a) {
          const last = a.input === joined ? next : i;
          data.bugcheck.args = [a[1], a[2], a[3], a[4]] as string[];
          data.bugcheck.argLines = [i + 1, i + 1, i + 1, last + 1];
          end = last + 1;
          break;
        }
      }
      // The module the faulting address lies in, on the blue screen's next line.
      // (Two lines on, or four in a double-spaced copy.)
      for (let i = end, seen = 0; i < ctx.limit && i < end + 4 && seen < 2; i++) {
        const line = ctx.source.lines[i] as string;
        if (isBlank(line)) {
          continue;
        }
        seen++;
        const base = HAS_BASE.exec(line) ?? (DATESTAMP_CUT.test(line) ? [line, undefined] : null);
        if (base) {
          const n = nextFilledLine(ctx.source.lines, i);
          const next = ctx.source.lines[n] ?? '';
          const wrapped = base[1] === undefined ? (FILE_NAME_ALONE.exec(next) ?? DATESTAMP_REST.exec(next)) : null;
          const file = base[1] ?? wrapped?.[1];
          if (file !== undefined) {
            data.probablyCausedBy = { module: file.replace(/\.(?:sys|dll|exe)$/i, ''), line: i + 1 };
            end = wrapped ? n + 1 : i + 1;
          }
          break;
        }
      }
      return { ok: true, data, findings: [], end };
    }
    const dump = DUMPCHK_CODE.exec(text);
    if (dump) {
      data.bugcheck = { code: parseHex(dump[1] as string), line: start + 1, args: ['', '', '', ''], argLines: [0, 0, 0, 0] };
      let end = start + 1;
      for (let i = start + 1; i < ctx.limit && i < start + 6; i++) {
        const a = DUMPCHK_ARG.exec(ctx.source.lines[i] as string);
        if (!a) {
          break;
        }
        const k = Number(a[1]) - 1;
        data.bugcheck.args[k] = a[2] as string;
        data.bugcheck.argLines[k] = i + 1;
        end = i + 1;
      }
      return { ok: true, data, findings: [], end };
    }
    const summary = readSummary(ctx.source.lines, start, ctx.limit, data);
    if (summary > start) {
      return { ok: true, data, findings: [], end: summary };
    }
    const tool = CRASH_TOOL_NOTE.exec(text);
    if (tool) {
      data.fields.CRASH_TOOL = { value: tool[1] as string, line: start + 1 };
      return { ok: true, data, findings: [], end: start + 1 };
    }
    const stop = VERIFIER_STOP.exec(text);
    if (stop) {
      data.exception = { code: STATUS_VERIFIER_STOP, line: start + 1 };
      data.fields.EVENT_CHANCE = { value: 'second', line: start + 1 };
      data.fields.VERIFIER_STOP = { value: `${stop[1] as string}: ${(stop[2] as string).trim()}`, line: start + 1 };
      return { ok: true, data, findings: [], end: start + 1 };
    }
    const watson = DRWATSON_EXCEPTION.exec(text);
    if (watson) {
      data.exception = { code: parseHex(watson[1] as string), line: start + 1 };
      data.fields.EVENT_CHANCE = { value: 'second', line: start + 1 };
      return { ok: true, data, findings: [], end: start + 1 };
    }
    if (drWatsonFault(text)) {
      // The state dump of an unhandled exception; its code is the log's "Exception number" when that was copied.
      for (let i = start - 1; i >= 0 && i >= start - DRWATSON_HEADER_SPAN; i--) {
        if (DRWATSON_EXCEPTION.test(ctx.source.lines[i] as string)) {
          return { ok: false, reason: 'the log names the exception above', end: start + 1 };
        }
      }
      data.exception = { code: 0xc0000005, line: start + 1 };
      data.fields.EVENT_CHANCE = { value: 'second', line: start + 1 };
      return { ok: true, data, findings: [], end: start + 1 };
    }
    if (FIRST_CHANCE_NOTE.test(text)) {
      // The event line itself was not copied: the registers and the instruction that follow are the
      // fault, and an instruction touching memory there is an access violation.
      let above = start - 1;
      while (above > 0 && isBlank(ctx.source.lines[above] as string)) {
        above--;
      }
      if (above >= 0 && EVENT.test(ctx.source.lines[above] as string)) {
        return { ok: false, reason: 'the event line above says which exception', end: start + 1 };
      }
      // Eight lines of registers and disassembly (a double-spaced copy takes twice as many).
      for (let i = start + 1; i < ctx.limit && i <= start + 16; i++) {
        if (touchesMemory(ctx.source.lines[i] as string)) {
          data.exception = { code: 0xc0000005, line: start + 1 };
          data.fields.EVENT_CHANCE = { value: 'first', line: start + 1 };
          return { ok: true, data, findings: [], end: start + 1 };
        }
      }
      return { ok: false, reason: 'no faulting instruction after the note', end: start + 1 };
    }
    const vs = text.includes('0x') ? (VS_WORD_FIRST.exec(text) ?? VS_ADDRESS_FIRST.exec(text)) : null;
    if (vs) {
      data.exception = { code: parseHex(vs[2] as string), line: start + 1 };
      data.fields.EVENT_CHANCE = { value: VS_FIRST_CHANCE.test(text) ? 'first' : 'second', line: start + 1 };
      if (vs[1] !== undefined) {
        data.fields.FAULTING_MODULE = { value: vs[1], line: start + 1 };
      }
      return { ok: true, data, findings: [], end: start + 1 };
    }
    const crit = CRITICAL.exec(text);
    if (crit) {
      data.exception = { code: parseHex(crit[1] as string), line: start + 1 };
      data.fields.EVENT_CHANCE = { value: 'second', line: start + 1 };
      return { ok: true, data, findings: [], end: start + 1 };
    }
    const ev = EVENT.exec(text) ?? LAST_EVENT.exec(text);
    if (ev && isCrashEvent(text)) {
      const code = parseHex((ev.length > 3 ? ev[2] : ev[1]) as string);
      const chance = ((ev.length > 3 ? ev[3] : ev[2]) ?? 'second') as string;
      data.exception = { code, line: start + 1 };
      data.fields.EVENT_CHANCE = { value: chance.toLowerCase(), line: start + 1 };
      return { ok: true, data, findings: [], end: start + 1 };
    }
    m = CODE.exec(text);
    if (!m) {
      return { ok: false, reason: 'no bug check code', end: start + 1 };
    }
    data.bugcheck = { code: parseHex(m[1] as string), line: start + 1, args: ['', '', '', ''], argLines: [0, 0, 0, 0] };
    let end = start + 1;
    // The Arguments line follows, possibly after blank lines (forum double spacing).
    for (let i = start + 1, seen = 0; i < ctx.limit && seen < 2; i++) {
      const line = ctx.source.lines[i] as string;
      if (line.trim() === '') {
        continue;
      }
      seen++;
      const a = ARGS.exec(line);
      if (a) {
        data.bugcheck.args = [a[1], a[2], a[3], a[4]] as string[];
        data.bugcheck.argLines = [i + 1, i + 1, i + 1, i + 1];
        end = i + 1;
        break;
      }
    }
    return { ok: true, data, findings: [], end };
  },
};

/** An exception event that can end a process (not a breakpoint or a first-chance C++ throw). */
function isCrashEvent(text: string): boolean {
  const ev = EVENT.exec(text);
  if (ev) {
    const code = parseHex(ev[2] as string);
    if (NOT_A_CRASH.has(code)) {
      return false;
    }
    // First-chance C++ exceptions are usually caught by the program.
    return !(code === 0xe06d7363 && /first/i.test(ev[3] ?? ''));
  }
  const last = LAST_EVENT.exec(text);
  return last !== null && !NOT_A_CRASH.has(parseHex(last[1] as string));
}

/** Cheap test for the first line of a summary Windows or a crash tool printed (see the header). */
function summaryLine(text: string): boolean {
  return (
    codeWithArgs(text) !== null ||
    WHOCRASHED_MODULE.test(text) ||
    WER_CODE.test(text) ||
    (STOP_CODE.test(text) && stopCode(text) !== undefined) ||
    WHAT_FAILED.test(text) ||
    XP_DRIVER.test(text) ||
    BSV_CODE.test(text) ||
    (text.includes('.dmp') && BSV_ROW.test(text)) ||
    (POWER_CODE.test(text) && Number(POWER_CODE.exec(text)?.[1]) > 0)
  );
}

/** Event 1001's or WhoCrashed's code and its four arguments, on one line. */
function codeWithArgs(text: string): { code: number; args: string[] } | null {
  const m = (/ug ?check was/i.test(text) ? EVENT_1001.exec(text) : null) ?? WHOCRASHED.exec(text);
  const a = m ? PAREN_ARGS.exec(text.slice(m.index + m[0].length)) : null;
  return m && a ? { code: parseHex(m[1] as string), args: [a[1], a[2], a[3], a[4]] as string[] } : null;
}

/** The code of a "Stop code:" line: a name the table knows, or a hex value. */
function stopCode(text: string): number | undefined {
  const m = STOP_CODE.exec(text);
  if (!m) {
    return undefined;
  }
  const v = m[1] as string;
  return /^0x/i.test(v) ? parseHex(v.slice(2)) : parseBugcheckCode(v);
}

/**
 * Read a summary of a stop (event 1001, WER's signature, WhoCrashed, the blue screen, Kernel-Power 41)
 * starting at `start` into `data`, with the lines that follow it (arguments, the module it names).
 * Returns the index one past the last line used, or `start` when the line is none of these.
 */
function readSummary(lines: readonly string[], start: number, limit: number, data: AnalyzeVData): number {
  const text = lines[start] as string;
  const withArgs = codeWithArgs(text);
  if (withArgs) {
    data.bugcheck = { ...withArgs, line: start + 1, argLines: [start + 1, start + 1, start + 1, start + 1] };
    return start + 1;
  }
  let named = WHOCRASHED_MODULE.exec(text) ?? WHAT_FAILED.exec(text) ?? XP_DRIVER.exec(text);
  if (named) {
    data.probablyCausedBy = { module: named[1] as string, line: start + 1 };
    return start + 1;
  }
  const stop = stopCode(text);
  if (stop !== undefined) {
    data.bugcheck = { code: stop, line: start + 1, args: ['', '', '', ''], argLines: [0, 0, 0, 0] };
    // "What failed: acmefilt.sys" follows within a few lines of the stop code.
    let end = start + 1;
    for (let i = start + 1; i < limit && i < start + 4; i++) {
      named = WHAT_FAILED.exec(lines[i] as string);
      if (named) {
        data.probablyCausedBy = { module: named[1] as string, line: i + 1 };
        end = i + 1;
        break;
      }
    }
    return end;
  }
  const row = text.includes('.dmp') ? BSV_ROW.exec(text) : null;
  if (row) {
    data.bugcheck = { code: parseHex(row[2] as string), line: start + 1, args: [row[3], row[4], row[5], row[6]] as string[], argLines: [start + 1, start + 1, start + 1, start + 1] };
    if (row[7] !== undefined) {
      data.probablyCausedBy = { module: row[7], line: start + 1 };
    }
    return start + 1;
  }
  const bsv = BSV_CODE.exec(text);
  if (bsv) {
    data.bugcheck = { code: parseHex(bsv[1] as string), line: start + 1, args: ['', '', '', ''], argLines: [0, 0, 0, 0] };
    // The parameters follow at once; the driver a few fields later (after "Caused By Address", in the same report).
    let end = start + 1;
    for (let i = start + 1; i < limit && i < start + 12; i++) {
      const t = lines[i] as string;
      const a = BSV_ARG.exec(t);
      if (a) {
        const k = Number(a[1]) - 1;
        data.bugcheck.args[k] = a[2] as string;
        data.bugcheck.argLines[k] = i + 1;
        end = i + 1;
        continue;
      }
      const d = BSV_DRIVER.exec(t);
      if (d) {
        data.probablyCausedBy = { module: d[1] as string, line: i + 1 };
        end = i + 1;
        break;
      }
    }
    return end;
  }
  const wer = WER_CODE.exec(text);
  const power = wer ? null : POWER_CODE.exec(text);
  if (!wer && !(power && Number(power[1]) > 0)) {
    return start;
  }
  const code = wer ? parseHex(wer[1] as string) : Number(power?.[1]);
  data.bugcheck = { code, line: start + 1, args: ['', '', '', ''], argLines: [0, 0, 0, 0] };
  let end = start + 1;
  for (let i = start + 1; i < limit && i < start + 10; i++) {
    const t = lines[i] as string;
    if (t.trim() === '') {
      continue;
    }
    const a = wer ? WER_ARG.exec(t) : POWER_ARG.exec(t);
    if (!a) {
      break;
    }
    const k = Number(wer ? a[1] : (a[1] ?? a[2])) - 1;
    data.bugcheck.args[k] = (wer ? a[2] : a[3]) as string;
    data.bugcheck.argLines[k] = i + 1;
    end = i + 1;
  }
  return end;
}
