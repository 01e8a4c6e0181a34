/**
 * `!analyze -v` output, kernel and user mode, old and new WinDbg formats.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-analyze
 *
 *   *                        Bugcheck Analysis                                    *
 *   DRIVER_POWER_STATE_FAILURE (9f)
 *   Arguments:
 *   Arg1: 0000000000000004, The power transition timed out waiting to synchronize with the Pnp
 *   Arg2: 0000000000000258, Timeout in seconds.
 *   BUGCHECK_CODE:  9f
 *   BUGCHECK_P1: 4
 *   STACK_TEXT:
 *   fffff880`03bd22c0 fffff800`032845f2 : fffffa80`07005660 … : nt!KiSwapContext+0x7a
 *   MODULE_NAME: ZTEusbnet      IMAGE_NAME:  ZTEusbnet.sys
 *   Probably caused by : ZTEusbnet.sys ( ZTEusbnet+35dd )
 *   EXCEPTION_CODE: (NTSTATUS) 0xc0000006 - The instruction at 0x%p referenced memory …
 *   ExceptionCode: c0000005 (Access violation)           (user mode, from .exr / EXCEPTION_RECORD)
 *
 * Pieces of this output are often pasted alone (a few `BUGCHECK_Pn:` lines, or
 * the `Arg1:` block), so any of the field lines starts a block.
 */
import { parseFrames } from './stack';
import { parseHex } from '../normalize';
import type { AnalyzeVData, Analyzer, SourceText } from '../types';

// "DRIVER_POWER_STATE_FAILURE (9f)" — a bug check name and its code in parentheses.
const NAME_LINE = /^\s*([A-Z][A-Z0-9_]{5,})\s+\((?:0x)?([0-9a-fA-F]{1,8})\)(?:\s|$)/;
// Several "ArgN: value" on one line (output flattened by a forum or e-mail).
const INLINE_ARG = /\bArg([1-4]):\s*([0-9a-f`]+)/gi;
// "Arg1: 0000000000000004, The power transition…" — value, then optional description.
const ARG_LINE = /^\s*Arg([1-4]):\s*([0-9a-f`]+)(?:\s*,\s*(.*))?$/i;
// "BUGCHECK_CODE:  9f" — an upper-case key, a colon, the value (may be empty: STACK_TEXT:).
// Some tools align the colons: "BUGCHECK_CODE       : 9f".
const FIELD_LINE = /^\s*([A-Z][A-Z0-9_]{2,})(?: {0,24}):(?:\s+(.*))?$/;
// "Probably caused by : ZTEusbnet.sys ( ZTEusbnet+35dd )"
const PROBABLY = /^\s*Probably caused by\s*:\s*(\S+)|\bProbably caused by\s*:\s*([\w.$-]+\.(?:sys|dll|exe))\s*\(\s*[\w.$-]+(?:![^\s()]+|\+(?:0x)?[0-9a-f]+)?\s*\)/i;
// "ExceptionCode: c0000005 (Access violation)"
const EXCEPTION_CODE = /^\s*ExceptionCode:\s*([0-9a-f]{8})\b/i;
// "ExceptionAddress: 00007ff6`1a2b3c4d (app!Foo+0x12)"
const EXCEPTION_ADDRESS = /^\s*ExceptionAddress:\s*([0-9a-f`]+)(?:\s*\(([^)]*)\))?/i;
// Its symbol alone on a line of its own: "(libacme!Parse+0x00000000000910d3)".
const WRAPPED_SYMBOL = /^\s*\(([A-Za-z0-9_.$-]+![^)\s]*)\)\s*$/;
// KEY_VALUES_STRING block:  "    Key  : Failure.Bucket" then "    Value: AV_tunnel!Teredo…"
const KV_KEY = /^\s*Key\s*:\s*(\S.*)$/;
const KV_VALUE = /^\s*Value\s*:\s*(.*)$/;
// Windows Error Reporting / Event Viewer text people paste with the dump:
//   "Exception code: 0xc00000fd (STATUS_STACK_OVERFLOW)"   "Faulting module name: wezterm-gui.exe, version …"
const WER_EXCEPTION = /^\s*Exception code:\s*0x([0-9a-f]{8})\b/i;
const WER_MODULE = /^\s*Faulting module(?: name)?:\s*([A-Za-z0-9_.$ -]+?\.(?:exe|dll|sys))\b/i;
// Crash reporters built on DbgHelp (Dr. MinGW, ExcHndl, StackWalker):
//   "DDNet.exe caused an Access Violation at location 00007FF9D631AAAB in module atio6axx.dll Reading from location 0000000000000428."
const CRASH_REPORT = /\bcaused an? (Access Violation|Stack Overflow|Illegal Instruction|Integer Divide By Zero|Privileged Instruction|In Page Error|Breakpoint)\b.*?\bin module ([A-Za-z0-9_.$ -]+?\.(?:exe|dll|sys))\b/i;
/** NTSTATUS of the exceptions those reporters name (ntstatus.h). */
const REPORTED_CODE: Record<string, number> = {
  'access violation': 0xc0000005,
  'stack overflow': 0xc00000fd,
  'illegal instruction': 0xc000001d,
  'integer divide by zero': 0xc0000094,
  'privileged instruction': 0xc0000096,
  'in page error': 0xc0000006,
  breakpoint: 0x80000003,
};
const BANNER = /^\s*\*\s+(?:Bugcheck|Exception) Analysis\s+\*\s*$/i;
/** A code the debugger has no name for: a driver's own (KeBugCheckEx(0xDEAD7495, …)) or a live break's 0. */
const UNKNOWN_CODE = /^\s*Unknown bugcheck code \((?:0x)?([0-9a-f]{1,8})\)\s*$/i;

/** Field keys that start an `!analyze -v` block when pasted without the command. */
const START_KEYS = new Set([
  'BUGCHECK_CODE',
  'BUGCHECK_P1',
  'BUGCHECK_P2',
  'BUGCHECK_P3',
  'BUGCHECK_P4',
  'BUGCHECK_STR',
  'DEFAULT_BUCKET_ID',
  'FAILURE_BUCKET_ID',
  'MODULE_NAME',
  'IMAGE_NAME',
  'SYMBOL_NAME',
  'PROCESS_NAME',
  'STACK_TEXT',
  'KEY_VALUES_STRING',
  'EXCEPTION_CODE',
  'EXCEPTION_CODE_STR',
  'EXCEPTION_RECORD',
  'FAULTING_IP',
  'FAULTING_MODULE',
  'FAILURE_ID_HASH',
  'ANALYSIS_VERSION',
  'ERROR_CODE',
  'IMAGE_VERSION',
  'CUSTOMER_CRASH_COUNT',
  'DUMP_TYPE',
]);

/** Keys whose values this parser understands; others are kept verbatim. */
function isFieldLine(text: string): RegExpExecArray | null {
  const m = FIELD_LINE.exec(text);
  if (!m) {
    return null;
  }
  // "NOTE:" / "WARNING:" and similar prose are not fields.
  if (/^(?:NOTE|WARNING|ERROR|TIP|REF)$/.test(m[1] as string)) {
    return null;
  }
  return m;
}

function startsBlock(source: SourceText, i: number): boolean {
  const text = source.lines[i] as string;
  if (WER_EXCEPTION.test(text) || WER_MODULE.test(text) || CRASH_REPORT.test(text)) {
    return true;
  }
  if (UNKNOWN_CODE.test(text)) {
    return true;
  }
  if (BANNER.test(text) || ARG_LINE.test(text) || PROBABLY.test(text) || EXCEPTION_CODE.test(text)) {
    return /^\s*Arg1/i.test(text) || !ARG_LINE.test(text);
  }
  if (NAME_LINE.test(text)) {
    return true;
  }
  // `.exr` prints the address before the code: "ExceptionAddress: …" then "ExceptionCode: c0000005".
  if (EXCEPTION_ADDRESS.test(text)) {
    for (let k = i + 1; k < source.lines.length && k <= i + 2; k++) {
      if (EXCEPTION_CODE.test(source.lines[k] as string)) {
        return true;
      }
    }
  }
  const f = isFieldLine(text);
  if (f !== null && START_KEYS.has(f[1] as string)) {
    return true;
  }
  // "Key  : Failure.Bucket" pasted alone (a piece of KEY_VALUES_STRING), its Value: on a following line.
  const kv = KV_KEY.exec(text);
  if (kv && /^(?:Failure\.|Bugcheck\.Code|Analysis\.|FailFast\.|Dump\.|WER\.|Hypervisor\.)/i.test(kv[1] as string)) {
    for (let k = i + 1; k < source.lines.length && k <= i + 3; k++) {
      if (KV_VALUE.test(source.lines[k] as string)) {
        return true;
      }
    }
  }
  return false;
}

/** What `ExceptionAddress:` says: the address, and the symbol the debugger printed for it. */
type ExceptionAddress = Pick<NonNullable<AnalyzeVData['exception']>, 'address' | 'site'>;

/** Parse `!analyze -v` output from `start`. */
export function parseAnalyzeV(source: SourceText, start: number, limit: number, startsOther: (i: number) => boolean) {
  const data: AnalyzeVData = { bugcheck: null, fields: {}, argText: [], stack: null };
  const args: string[] = [];
  const argLines: number[] = [];
  let name: { name: string; code: number; line: number } | undefined;
  let unknown: { code: number; line: number } | undefined;
  let end = start;
  let skipped = 0;
  let lastArg = -1;
  let pendingAddress: ExceptionAddress | undefined;
  let i = start;
  while (i < limit) {
    const text = source.lines[i] as string;
    if (text.trim() === '') {
      // A blank line ends an argument's description: what follows is not part of it.
      lastArg = -1;
      i++;
      continue;
    }
    // Another family's output (not ours) ends the block, except inside STACK_TEXT handled below.
    if (i > start && startsOther(i) && !startsBlock(source, i) && !ARG_LINE.test(text)) {
      break;
    }
    let m: RegExpExecArray | null;
    if ((m = KV_KEY.exec(text))) {
      // The value follows on the next non-blank line; keep it as a field named "KV:<key>".
      let j = i + 1;
      while (j < limit && (source.lines[j] as string).trim() === '') {
        j++;
      }
      const v = KV_VALUE.exec(source.lines[j] ?? '');
      if (v) {
        const key = `KV:${(m[1] as string).trim()}`;
        if (!(key in data.fields)) {
          data.fields[key] = { value: (v[1] as string).trim(), line: j + 1 };
        }
        end = j + 1;
        i = j + 1;
        continue;
      }
    }
    if (BANNER.test(text)) {
      end = i + 1;
      i++;
      continue;
    }
    if ((m = UNKNOWN_CODE.exec(text))) {
      unknown = { code: parseHex(m[1] as string), line: i + 1 };
      end = i + 1;
      i++;
      continue;
    }
    if ((m = NAME_LINE.exec(text))) {
      name = { name: m[1] as string, code: parseHex(m[2] as string), line: i + 1 };
      // A flattened paste carries the arguments on the same line.
      for (const a of text.matchAll(INLINE_ARG)) {
        const n = Number(a[1]) - 1;
        args[n] = a[2] as string;
        argLines[n] = i + 1;
      }
      end = i + 1;
      i++;
      continue;
    }
    if (ARG_LINE.test(text)) {
      // A copy that lost its line breaks puts the four on one line: "Arg1: a3a0…, Reserved Arg2: b3b7…, Reserved Arg3:",
      // and a word wrap may leave an argument's value at the start of the next line ("fffff8029c85fb2c, … Arg4: 0000…").
      let joined = text;
      let used = 1;
      while (used < 3 && i + used < limit && /\sArg[1-4]:\s*$/.test(joined) && /^\s*[0-9a-f`]{4,}\b/i.test(source.lines[i + used] ?? '')) {
        joined = `${joined.trimEnd()} ${(source.lines[i + used] as string).trim()}`;
        used++;
      }
      for (const piece of joined.length < 2000 ? joined.split(/\s(?=Arg[1-4]:\s)/) : [joined]) {
        const p = ARG_LINE.exec(piece);
        if (p) {
          const n = Number(p[1]) - 1;
          args[n] = p[2] as string;
          argLines[n] = i + 1;
          data.argText[n] = (p[3] ?? '').trim();
          lastArg = n;
        }
      }
      end = i + used;
      i += used;
      continue;
    }
    if ((m = PROBABLY.exec(text))) {
      // At the start of a line as printed, or quoted whole in a sentence ("the message „Probably caused by : x.sys ( x+69222 )“").
      data.probablyCausedBy = { module: (m[1] ?? (m[2] as string)).replace(/\.(sys|dll|exe)$/i, ''), line: i + 1 };
      end = i + 1;
      i++;
      continue;
    }
    if ((m = WER_EXCEPTION.exec(text))) {
      data.exception ??= { code: parseHex(m[1] as string), line: i + 1 };
      end = i + 1;
      i++;
      continue;
    }
    if ((m = CRASH_REPORT.exec(text))) {
      const code = REPORTED_CODE[(m[1] as string).toLowerCase()];
      if (code !== undefined && code !== 0x80000003) {
        data.exception ??= { code, line: i + 1 };
      }
      data.fields.FAULTING_MODULE ??= { value: (m[2] as string).trim(), line: i + 1 };
      end = i + 1;
      i++;
      continue;
    }
    if ((m = WER_MODULE.exec(text))) {
      data.fields.FAULTING_MODULE ??= { value: (m[1] as string).trim(), line: i + 1 };
      end = i + 1;
      i++;
      continue;
    }
    if ((m = EXCEPTION_CODE.exec(text))) {
      data.exception = { code: parseHex(m[1] as string), line: i + 1, ...pendingAddress };
      pendingAddress = undefined;
      end = i + 1;
      i++;
      continue;
    }
    if ((m = EXCEPTION_ADDRESS.exec(text))) {
      const at: ExceptionAddress = { address: (m[1] as string).replace(/`/g, '') };
      // A copy wrapped at 80 columns puts the symbol on the next line: "(app!Foo+0x12)".
      const wrapped = m[2] === undefined && i + 1 < limit ? WRAPPED_SYMBOL.exec(source.lines[i + 1] as string) : null;
      const symbol = m[2] ?? wrapped?.[1];
      if (symbol?.includes('!') === true) {
        at.site = { text: symbol.trim(), line: wrapped ? i + 2 : i + 1 };
      }
      if (wrapped) {
        i++;
      }
      // `.exr` prints the address first; `!analyze`'s EXCEPTION_RECORD after the code.
      if (data.exception) {
        Object.assign(data.exception, at);
      } else {
        pendingAddress = at;
      }
      end = i + 1;
      i++;
      continue;
    }
    const f = isFieldLine(text);
    if (f) {
      const key = f[1] as string;
      const value = (f[2] ?? '').trim();
      if (!(key in data.fields)) {
        data.fields[key] = { value, line: i + 1 };
      }
      lastArg = -1;
      end = i + 1;
      if ((key === 'FAULTING_IP' || key === 'FAULTING_SOURCE_CODE') && value === '') {
        // "FAULTING_IP:" then "aswSnx+6b95" on the next non-blank line.
        let j = i + 1;
        while (j < limit && (source.lines[j] as string).trim() === '') {
          j++;
        }
        const site = (source.lines[j] ?? '').trim();
        if (key === 'FAULTING_IP' && /^[A-Za-z0-9_.$-]+(?:![^\s]+|\+[0-9a-fx]+)$/i.test(site)) {
          data.fields.FAULTING_IP = { value: site, line: j + 1 };
          // The faulting instruction follows ("fffff806`8a1c75b0 488b4108  mov rax,[rcx+8]"): part of this output.
          let n = j + 1;
          while (n < limit && (source.lines[n] as string).trim() === '') {
            n++;
          }
          const k = /^\s*[0-9a-f`]{8,17}\s+[0-9a-f]{2,}\s+\S/i.test(source.lines[n] ?? '') ? n + 1 : j + 1;
          end = k;
          i = k;
          continue;
        }
      }
      if (key === 'STACK_TEXT') {
        // STACK_TEXT may be reduced to bare call sites ("nt!KeBugCheckEx", "VBoxUSB+0x2d09").
        const st = parseFrames(source, i + 1, limit, true);
        if (st.frames.length > 0) {
          data.stack = {
            frames: st.frames,
            format: st.format,
            line: i + 2,
            endLine: st.end,
            source: 'STACK_TEXT of !analyze -v',
          };
          end = st.end;
          i = st.end;
          continue;
        }
      }
      i++;
      continue;
    }
    // Continuation of an argument's description ("contains the address of the PFN…").
    if (lastArg >= 0 && /^\s*\S/.test(text) && !/^\s*[0-9a-f`]{8,}\s/.test(text)) {
      const joined = `${data.argText[lastArg] ?? ''} ${text.trim()}`.trim();
      // Descriptions run a few lines; keep them short so prose that follows is not absorbed.
      data.argText[lastArg] = joined.length > 400 ? joined.slice(0, 400) : joined;
      end = i + 1;
      i++;
      continue;
    }
    skipped++;
    i++;
  }
  // A kernel exception named only by its fields: "EXCEPTION_CODE: (NTSTATUS) 0xc0000005 - …", "ERROR_CODE: …".
  if (!data.exception) {
    for (const key of ['EXCEPTION_CODE', 'ERROR_CODE', 'EXCEPTION_CODE_STR']) {
      const f = data.fields[key];
      const code = f ? /(?:0x)?([0-9a-f]{8})\b/i.exec(f.value) : null;
      if (f && code) {
        data.exception = { code: parseHex(code[1] as string), line: f.line };
        break;
      }
    }
  }
  // Newer debuggers put the bucket only among the key/value pairs.
  const kvBucket = data.fields['KV:Failure.Bucket'];
  if (kvBucket && !data.fields.FAILURE_BUCKET_ID) {
    data.fields.FAILURE_BUCKET_ID = kvBucket;
  }
  // A user-mode bucket carries the exception code: "ILLEGAL_INSTRUCTION_c000001d_OpenConsole.exe!…",
  // "NULL_CLASS_PTR_READ_c0000005_app.dll!…" (kernel buckets start with the bug check code instead).
  const bucket = data.fields.FAILURE_BUCKET_ID ?? data.fields.DEFAULT_BUCKET_ID;
  if (!data.exception && bucket) {
    const ex = /(?:^|_)((?:c0|80|e0)[0-9a-f]{6})(?:_|$)/i.exec(bucket.value);
    // A breakpoint or a single step in a bucket is a dump taken on purpose (a hang dump), not a crash.
    if (ex && !/^(?:X64_|X86_|ARM64_)?0x/i.test(bucket.value.trim()) && !/^8000000[34]$/i.test(ex[1] as string)) {
      data.exception = { code: parseHex(ex[1] as string), line: bucket.line };
    }
  }
  // The code: BUGCHECK_CODE, else the "NAME (code)" line.
  const codeField = data.fields.BUGCHECK_CODE;
  let code = codeField ? parseHex(codeField.value.split(/\s/)[0] ?? '') : Number.NaN;
  let codeLine = codeField?.line ?? 0;
  if (Number.isNaN(code) && name) {
    code = name.code;
    codeLine = name.line;
  } else if (Number.isNaN(code) && unknown) {
    code = unknown.code;
    codeLine = unknown.line;
  }
  for (let p = 0; p < 4; p++) {
    const field = data.fields[`BUGCHECK_P${p + 1}`];
    if (args[p] === undefined && field) {
      args[p] = field.value.split(/\s/)[0] ?? '';
      argLines[p] = field.line;
    }
  }
  if (!Number.isNaN(code) || args.some((a) => a !== undefined)) {
    data.bugcheck = {
      code,
      line: codeLine || (argLines.find((l) => l !== undefined) ?? start + 1),
      args: [0, 1, 2, 3].map((k) => args[k] ?? ''),
      argLines: [0, 1, 2, 3].map((k) => argLines[k] ?? 0),
    };
    if (name) {
      data.bugcheck.name = name.name;
    }
  }
  return { data, end: Math.max(end, start + 1), skipped };
}

export const analyzeVAnalyzer: Analyzer<'analyze-v'> = {
  id: 'analyze-v',
  commands: ['!analyze'],
  startsAt(source, i, owned) {
    return owned || startsBlock(source, i);
  },
  analyze(start, ctx) {
    const { data, end, skipped } = parseAnalyzeV(ctx.source, start, ctx.limit, ctx.startsOther);
    const useful =
      data.bugcheck !== null ||
      data.stack !== null ||
      data.exception !== undefined ||
      data.probablyCausedBy !== undefined ||
      Object.keys(data.fields).length > 0;
    if (!useful) {
      return { ok: false, reason: 'no !analyze fields recognised', end };
    }
    return { ok: true, data, findings: [], end, skipped };
  },
};
