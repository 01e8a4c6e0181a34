/**
 * `!thread addr` and the THREAD blocks that `!process` prints for each thread.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-thread
 *
 * Sample (x64, shortened):
 *   THREAD fffffa8007005660  Cid 0004.0048  Teb: 0000000000000000 Win32Thread: 0000000000000000 WAIT: (Executive) KernelMode Non-Alertable
 *       fffffa800d035ee8  NotificationEvent
 *   IRP List:
 *       fffffa8008f5cc10: (0006,03e8) Flags: 00000000  Mdl: 00000000
 *   Not impersonating
 *   Owning Process            fffffa8006f8d890       Image:         System
 *   Wait Start TickCount      396427         Ticks: 38463 (0:00:10:00.026)
 *   Win32 Start Address nt!ExpWorkerThread (0xfffff80003298150)
 *   Child-SP          RetAddr           : Args to Child                         : Call Site
 *   fffff880`03bd22c0 fffff800`032845f2 : fffffa80`07005660 … : nt!KiSwapContext+0x7a
 *
 * The stack (x64 Child-SP or x86 ChildEBP form, with or without arguments)
 * is read with `parseFrames` from stack.ts. Forum copies may put a blank line
 * between every line and indent the whole block; both are accepted.
 */
import { firstNonSpace, isBlank, normalizeAddress } from '../normalize';
import { isStackHeader, parseFrameLine, parseFrames } from './stack';
import type { Analyzer, Finding, SourceText, Stack, ThreadInfo } from '../types';

/** One address as printed: 64-bit with or without backtick, or 32-bit. */
const ADDR = String.raw`(?:[0-9a-f]{8}\`[0-9a-f]{8}|[0-9a-f]{8,16})`;

// THREAD addr  Cid pppp.tttt  [Teb: x] [Win32Thread: y] state…
//   1 thread address, 2 Cid, 3 the rest of the line (state)
const THREAD_HEADER = new RegExp(
  String.raw`^\s*THREAD\s+(${ADDR})\s+Cid\s+([0-9a-f]+\.[0-9a-f]+)\s*(?:Teb:\s*\S+\s*)?(?:Win32Thread:\s*\S+\s*)?(.*)$`,
  'i',
);
// The state part: "WAIT: (Executive) KernelMode Non-Alertable" → 1 reason, 2 mode.
const WAIT_STATE = /^WAIT:\s*\(([^)]*)\)\s*(\w+)/i;
// "RUNNING on processor 2" → 1 processor
const RUNNING_ON = /^RUNNING\s+on\s+processor\s+(\d+)/i;
// Wait object: "    fffffa800d035ee8  NotificationEvent", "89d6f250  Mutant - owning thread 89d6f020"
const WAIT_OBJECT = new RegExp(String.raw`^\s*(${ADDR})\s+([A-Z][A-Za-z]+(?:\s.*)?)$`);
// IRP List entry: "fffffa8008f5cc10: (0006,03e8) Flags: 00000000  Mdl: 00000000" → 1 IRP
const IRP_ENTRY = new RegExp(String.raw`^\s*(${ADDR}):\s*\([0-9a-f]+,\s*[0-9a-f]+\)\s*Flags:`, 'i');
// "Owning Process  fffffa8006f8d890  Image:  System" → 1 process, 2 image
const OWNING_PROCESS = new RegExp(String.raw`^\s*Owning Process\s+(${ADDR})\s+Image:\s*(.*)$`, 'i');
// "Ticks: 38463 (0:00:10:00.026)" → 1 days, 2 hours, 3 minutes, 4 seconds, 5 fraction
const TICKS = /Ticks:\s*\d+\s*\((\d+):(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d{1,3}))?\)/i;
// "Win32 Start Address nt!ExpWorkerThread (0xfffff80003298150)" or "… 0x74de1b33"
//   1 which ("Win32 " or ""), 2 site or address
const START_ADDRESS = /^\s*(Win32 )?Start Address\s+(\S+)/i;
// An address, then an 8-digit hex token: a frame or a memory row, not a wait object.
const TWO_ADDRESSES = /^\s*[0-9a-f`]+\s+[0-9a-f`]{8}/i;

// Lines of a thread block that carry nothing we keep but belong to it.
const KNOWN_FIELD =
  /^\s*(?:IRP List:|Not impersonating|Impersonation token|DeviceMap\b|Attached Process\b|Context Switch Count\b|UserTime\b|KernelTime\b|Stack Init\b|Base\s+[0-9a-f]|Priority\s+\d|Kernel stack not resident|Stack not resident|Waiting for reply to ALPC|Thread is terminating|LargeStack|Debugger\b|ReadyTime\b|Owning Process\b|Wait Start TickCount\b|Win32 Start Address|Start Address\b|Memory Priority|Scheduling Group|Cycle Time\b|\*\*\* (?:Stack trace|WARNING|ERROR)|WARNING: |Suspend Count|Freeze Count|Affinity\b)/i;

/** Options for `parseThreadBlock`. */
export interface ThreadBlockOptions {
  /**
   * Skip lines not understood (counting them) instead of ending the block
   * there; used when the text follows the thread's own `!thread` prompt.
   */
  tolerant?: boolean;
  /** In tolerant mode, stop where another family's output begins. */
  startsOther?: (i: number) => boolean;
}

/** Result of `parseThreadBlock`. */
export interface ThreadBlock {
  thread: ThreadInfo;
  /** Index one past the last line of the block. */
  end: number;
  /** Lines inside the block that were not understood. */
  skipped: number;
}

/**
 * The character at `k` (the first after the leading spaces), lower-cased (ASCII), or 0
 * when that is other white space (or nothing): then every pattern is tried.
 */
function leadCode(text: string, k: number): number {
  const c = text.charCodeAt(k);
  if (Number.isNaN(c) || c <= 32 || c >= 128) {
    return 0;
  }
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * Can the line be an IRP List entry ("fffffa8008f5cc10: (0006,03e8) Flags: …")?
 * For a line whose first non-space character (at `k`) is ASCII: the first
 * colon must close an address of 8 to 17 characters that starts there.
 */
function colonAfterAddress(text: string, k: number): boolean {
  const colon = text.indexOf(':', k);
  return colon >= k + 8 && colon <= k + 17;
}

/** Is line `i` a THREAD header (`THREAD addr  Cid p.t …`)? */
export function isThreadHeader(text: string): boolean {
  return text.includes('THREAD') && THREAD_HEADER.test(text);
}

/** `d:hh:mm:ss.ms` parts → milliseconds. */
function durationMs(m: RegExpExecArray): number {
  const frac = (m[5] ?? '').padEnd(3, '0');
  return (
    Number(m[1]) * 86_400_000 +
    Number(m[2]) * 3_600_000 +
    Number(m[3]) * 60_000 +
    Number(m[4]) * 1000 +
    Number(frac)
  );
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** A duration in words: 600026 → "10 minutes", 220859 → "3 minutes 41 seconds". */
export function describeDuration(ms: number): string {
  let s = Math.round(ms / 1000);
  const days = Math.floor(s / 86_400);
  s -= days * 86_400;
  const hours = Math.floor(s / 3600);
  s -= hours * 3600;
  const minutes = Math.floor(s / 60);
  s -= minutes * 60;
  const parts: string[] = [];
  if (days > 0) {
    parts.push(plural(days, 'day'));
  }
  if (hours > 0) {
    parts.push(plural(hours, 'hour'));
  }
  if (minutes > 0 && days === 0) {
    parts.push(plural(minutes, 'minute'));
  }
  if (s > 0 && days === 0 && hours === 0) {
    parts.push(plural(s, 'second'));
  }
  return parts.length > 0 ? parts.join(' ') : `${ms} ms`;
}

/** Threads waiting this long (or longer) get a `thread.long-wait` finding. */
export const LONG_WAIT_MS = 60_000;

/** The `thread.long-wait` finding for a thread, or null when it has not waited long. */
export function longWaitFinding(t: ThreadInfo, waitLine?: number): Finding | null {
  if (t.waitMs === undefined || t.waitMs < LONG_WAIT_MS) {
    return null;
  }
  const who = t.address !== undefined ? `Thread ${t.address}` : 'A thread';
  const why = t.waitReason !== undefined ? ` (${t.waitReason}, ${t.waitMode ?? 'unknown mode'})` : '';
  const detail: string[] = [];
  if (t.processImage !== undefined) {
    detail.push(`It belongs to ${t.processImage}.`);
  }
  if (t.irps.length > 0) {
    detail.push(`It has ${plural(t.irps.length, 'pending IRP')}: ${t.irps.join(', ')}.`);
  }
  const top = t.stack?.frames.find((f) => f.module !== null && !/^(?:nt|ntoskrnl|ntkrnlmp|ntkrnlpa|ntkrpamp)$/i.test(f.module));
  if (top) {
    detail.push(`First frame outside the kernel: ${top.site}.`);
  }
  const lines = [t.line];
  if (waitLine !== undefined) {
    lines.push(waitLine);
  }
  const f: Finding = {
    id: 'thread.long-wait',
    severity: 'warning',
    title: `${who} has been waiting for ${describeDuration(t.waitMs)}${why}`,
    lines,
  };
  if (detail.length > 0) {
    f.detail = detail.join(' ');
  }
  return f;
}

/**
 * Parse one THREAD block starting at `start` (its header line). Returns null
 * when `start` is not a THREAD header. The block ends at the next THREAD or
 * PROCESS line, after its stack, at a line not understood (unless
 * `tolerant`), after four blank lines in a row, or at `limit`.
 */
export function parseThreadBlock(
  source: SourceText,
  start: number,
  limit: number,
  options: ThreadBlockOptions = {},
): (ThreadBlock & { waitLine?: number }) | null {
  const header = source.lines[start];
  if (header === undefined || start >= limit) {
    return null;
  }
  const h = THREAD_HEADER.exec(header);
  if (!h) {
    return null;
  }
  const address = normalizeAddress(h[1] as string);
  const thread: ThreadInfo = {
    address,
    cid: (h[2] as string).toLowerCase(),
    irps: [],
    stack: null,
    line: start + 1,
    endLine: start + 1,
  };
  let processor: number | undefined;
  const state = (h[3] ?? '').trim();
  if (state !== '') {
    const w = WAIT_STATE.exec(state);
    const r = RUNNING_ON.exec(state);
    if (w) {
      thread.state = 'WAIT';
      thread.waitReason = (w[1] as string).trim();
      thread.waitMode = w[2] as string;
    } else if (r) {
      thread.state = 'RUNNING';
      processor = Number(r[1]);
    } else {
      thread.state = (state.split(/[\s:]/)[0] as string).toUpperCase();
    }
  }

  let last = start; // last line understood
  let skipped = 0;
  let pending = 0; // lines not understood since the last understood one
  let blankRun = 0;
  let waitLine: number | undefined;
  /** Line `k` is understood: it and the lines skipped before it are in the block. */
  const mark = (k: number): void => {
    last = Math.max(last, k);
    skipped += pending;
    pending = 0;
  };
  let win32Start = false;
  for (let i = start + 1; i < limit; i++) {
    const text = source.lines[i] as string;
    if (isBlank(text)) {
      blankRun++;
      if (blankRun > 3) {
        break;
      }
      continue;
    }
    blankRun = 0;
    // Each field pattern below begins with one letter (or a hex digit) after
    // the indentation: test only those that can match.
    const k = firstNonSpace(text);
    const c = leadCode(text, k);
    const any = c === 0;
    // The next thread or process ends this one.
    if (isThreadHeader(text) || ((any || c === 112) && /^\s*PROCESS\s+[0-9a-f`]{8,17}\b/i.test(text))) {
      break;
    }
    let m: RegExpExecArray | null;
    const hex = any || (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
    if (hex && (any || colonAfterAddress(text, k)) && (m = IRP_ENTRY.exec(text))) {
      thread.irps.push(normalizeAddress(m[1] as string));
      mark(i);
      continue;
    }
    if ((any || c === 111) && (m = OWNING_PROCESS.exec(text))) {
      thread.process = normalizeAddress(m[1] as string);
      const image = (m[2] as string).trim();
      if (image !== '' && image !== 'N/A') {
        thread.processImage = image;
      }
      mark(i);
      continue;
    }
    if ((any || c === 119) && /^\s*Wait Start TickCount\b/i.test(text)) {
      const t = TICKS.exec(text);
      if (t) {
        thread.waitMs = durationMs(t);
        thread.waitText = text.slice(text.indexOf('(', t.index) + 1, text.indexOf(')', t.index));
      }
      waitLine = i + 1;
      mark(i);
      continue;
    }
    if ((any || c === 119 || c === 115) && (m = START_ADDRESS.exec(text))) {
      // "Win32 Start Address" wins over the plain "Start Address" (Windows 7 prints both).
      if (m[1] !== undefined || !win32Start) {
        thread.startAddress = m[2] as string;
        win32Start = win32Start || m[1] !== undefined;
      }
      mark(i);
      continue;
    }
    // The usual field lines (nine or more per thread) before the stack tests:
    // each begins with a word, so none is a stack header or a frame.
    if (KNOWN_FIELD.test(text)) {
      mark(i);
      continue;
    }
    // Wait objects come right after the header (before "IRP List:" and the fields).
    // An address and a word: never a frame (a frame's site has a "!", a "+0x"
    // or a second address before it), so tested before the stack.
    if (hex && (m = WAIT_OBJECT.exec(text)) && thread.process === undefined && !TWO_ADDRESSES.test(text)) {
      (thread.waitObjects ??= []).push({
        address: normalizeAddress(m[1] as string),
        type: (m[2] as string).trim(),
        line: i + 1,
      });
      mark(i);
      continue;
    }
    if (isStackHeader(text) || parseFrameLine(text, i + 1) !== null) {
      const r = parseFrames(source, i, limit);
      if (r.frames.length > 0) {
        const stack: Stack = {
          frames: r.frames,
          format: r.format,
          line: i + 1,
          endLine: r.end,
          source: `!thread ${address}`,
          thread: address,
        };
        if (processor !== undefined) {
          stack.processor = processor;
        }
        if (r.context) {
          stack.context = true;
        }
        thread.stack = stack;
        mark(r.end - 1);
        break; // the stack is the last part of a thread block
      }
      // A header with no frames (stack paged out): keep going.
      mark(r.end - 1);
      i = Math.max(i, r.end - 1);
      continue;
    }
    if (options.tolerant && !(options.startsOther?.(i) ?? false)) {
      pending++;
      continue;
    }
    break;
  }
  thread.endLine = last + 1;
  const out: ThreadBlock & { waitLine?: number } = { thread, end: last + 1, skipped };
  if (waitLine !== undefined) {
    out.waitLine = waitLine;
  }
  return out;
}

/** `!thread` output and THREAD blocks pasted on their own; a long wait becomes `thread.long-wait`. */
export const threadAnalyzer: Analyzer<'thread'> = {
  id: 'thread',
  commands: ['!thread'],
  startsAt(source, i) {
    return isThreadHeader(source.lines[i] as string);
  },
  analyze(start, ctx) {
    const owned = /^!thread\b/i.test(ctx.segment.command);
    const r = parseThreadBlock(ctx.source, start, ctx.limit, { tolerant: owned, startsOther: ctx.startsOther });
    if (!r) {
      return { ok: false, reason: 'no THREAD header', end: start + 1 };
    }
    const findings: Finding[] = [];
    const f = longWaitFinding(r.thread, r.waitLine);
    if (f) {
      findings.push(f);
    }
    return { ok: true, data: r.thread, findings, end: r.end, skipped: r.skipped };
  },
};
