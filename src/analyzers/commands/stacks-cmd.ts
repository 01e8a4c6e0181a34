/**
 * `!stacks [detail [filter]]`: one row per kernel thread, with its frames at detail 2.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-stacks
 *
 * Sample (`!stacks 2 FooDRV`, shortened):
 *   Proc.Thread  .Thread  Ticks   ThreadState Blocker
 *                               [ffffe0004f3e2390 System]
 *      4.001114  ffffe0007510c040 ffc7d369 Blocked    nt!KiSwapContext+0x76
 *                                          nt!KiSwapThread+0x14d
 *                                          FooDRV+0x1234
 *   Threads Processed: 1803
 *
 * Older debuggers print no Ticks column and `[System]` process headers. With
 * a filter every row listed has the filter string in a symbol on its stack;
 * the filter is read from the command, or from the text just before output
 * pasted without its prompt ("Run !stacks 2 FooDRV to search…").
 */
import { Extent } from '../extent';
import { normalizeAddress } from '../normalize';
import { parseSite } from './stack';
import type { Analyzer, Finding, SourceText, StackFrame, StacksCmdData } from '../types';

const HEADER = /^\s*Proc\.Thread\s+\.Thread\s+(?:Ticks\s+)?ThreadState\s+Blocker/i;
const STATES = 'Blocked|Running|Ready|Standby|Terminated|Transition|Initialized|Waiting|DeferredReady|GateWait\\w*';
// pid.tid  ETHREAD  [ticks]  state  top
//   1 id, 2 thread, 3 state, 4 top of stack
const ROW = new RegExp(String.raw`^\s*([0-9a-f]+\.[0-9a-f]+)\s+([0-9a-f\`]{8,17})\s+(?:[0-9a-f]{8}\s+)?(${STATES})\s+(\S.*)$`, 'i');
// "[ffffe0004f3e2390 System]" or "[System]" → 1 image
const PROCESS = /^\s*\[(?:[0-9a-f`]{8,17}\s+)?([^\]]+)\]\s*$/;
// A frame under a row: a call site alone on its line.
const FRAME = /^\s*([A-Za-z0-9_.$-]+!\S+|[A-Za-z0-9_.$-]+\+0x[0-9a-f]+|0x[0-9a-f`]+)\s*$/i;
const NOISE =
  /^\s*(?:Max cache size is|Total memory in cache|Number of (?:valid )?entries in cache|Threads Processed:|Loading symbols|Failed to read)/i;
// "!stacks 2 FooDRV" typed or mentioned in prose → 1 filter
const FILTER = /!stacks\s+\d\s+([^\s.,;:'"]+)/i;

/** The filter of a `!stacks` command mentioned shortly before `start` (prose or an echoed command). */
function filterBefore(source: SourceText, start: number, floor: number): string | undefined {
  let seen = 0;
  for (let i = start - 1; i >= floor && seen < 8; i--) {
    const text = source.lines[i] as string;
    if (text.trim() === '') {
      continue;
    }
    seen++;
    const m = FILTER.exec(text);
    if (m) {
      return m[1] as string;
    }
  }
  return undefined;
}

/** `!stacks` rows, process headers, detail-2 frames and the filter; finding `stacks.filter-match`. */
export const stacksCmdAnalyzer: Analyzer<'stacks'> = {
  id: 'stacks',
  commands: ['!stacks'],
  startsAt(source, i, owned) {
    const text = source.lines[i] as string;
    if (owned && NOISE.test(text)) {
      return true;
    }
    return HEADER.test(text) || (text.includes('.') && ROW.test(text));
  },
  analyze(start, ctx) {
    const { source, limit } = ctx;
    const owned = /^!stacks\b/i.test(ctx.segment.command);
    const data: StacksCmdData = { threads: [] };
    const filter = owned ? FILTER.exec(ctx.segment.command)?.[1] : filterBefore(source, start, ctx.segment.bodyStart);
    if (filter !== undefined) {
      data.filter = filter;
    }
    let process: string | undefined;
    let row: StacksCmdData['threads'][number] | null = null;
    const ext = new Extent(start - 1);
    for (let i = start; i < limit; i++) {
      const text = source.lines[i] as string;
      if (text.trim() === '') {
        continue;
      }
      let m: RegExpExecArray | null;
      let understood = true;
      if ((m = ROW.exec(text))) {
        row = {
          id: (m[1] as string).toLowerCase(),
          address: normalizeAddress(m[2] as string),
          state: m[3] as string,
          top: (m[4] as string).trim(),
          line: i + 1,
        };
        if (process !== undefined) {
          row.process = process;
        }
        data.threads.push(row);
      } else if (row && (m = FRAME.exec(text))) {
        const frame: StackFrame = { ...parseSite(m[1] as string), line: i + 1 };
        (row.frames ??= []).push(frame);
      } else if ((m = PROCESS.exec(text)) && (owned || data.threads.length > 0 || ext.last >= start)) {
        process = (m[1] as string).trim();
        row = null;
      } else if (!(HEADER.test(text) || NOISE.test(text))) {
        understood = false;
      }
      if (understood) {
        ext.took(i);
        continue;
      }
      if (ext.passes(i, owned, ctx)) {
        continue;
      }
      break;
    }
    if (ext.last < start) {
      return { ok: false, reason: 'no !stacks rows', end: start + 1 };
    }
    const findings: Finding[] = [];
    if (data.filter !== undefined && data.threads.length > 0) {
      const n = data.threads.length;
      findings.push({
        id: 'stacks.filter-match',
        severity: 'info',
        title: `${n} thread${n === 1 ? ' has' : 's have'} ${data.filter} on the stack (!stacks filter)`,
        detail: data.threads
          .slice(0, 5)
          .map((t) => `${t.id} ${t.state} in ${t.top}`)
          .join('; '),
        lines: data.threads.slice(0, 50).map((t) => t.line),
      });
    }
    return { ok: true, data, findings, end: ext.last + 1, skipped: ext.skipped };
  },
};
