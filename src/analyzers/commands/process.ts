/**
 * `!process 0 0 [image]`, `!process addr [flags]`, `!process 0 7`, `!process 0 2 vmms.exe`.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-process
 *
 * Samples (shortened):
 *   PROCESS fffffa82fa924b30
 *       SessionId: 0  Cid: 036c    Peb: 7fffffda000  ParentCid: 02e4
 *       DirBase: 1085d76000  ObjectTable: fffff8a0042d7970  HandleCount: 11.
 *       Image: test.exe
 *
 *   PROCESS 89038a08  SessionId: 0  Cid: 10f0    Peb: 7ffde000  ParentCid: 0f10
 *
 *   GetPointerFromAddress: unable to read from fffff80003515000PROCESS fffffa800bb94b30 SessionId: none Cid: 0174 … Image: csrss.exe
 *
 * With thread flags (`!process 0 7`) each process is followed by THREAD
 * blocks, parsed by `parseThreadBlock` from thread.ts. The loop is one pass
 * over the lines, so `!process 0 7` of a busy server (thousands of threads)
 * stays linear.
 */
import { isBlank, normalizeAddress } from '../normalize';
import { isThreadHeader, longWaitFinding, parseThreadBlock } from './thread';
import type { Analyzer, Finding, ProcessEntry, ThreadInfo } from '../types';

// Optional debugger complaint glued to the line (s05), then PROCESS addr.
//   1 process address, 2 the rest of the line
const PROCESS_LINE =
  /^\s*(?:GetPointerFromAddress: unable to read from [0-9a-f`]+\s*)?PROCESS\s+((?:[0-9a-f]{8}`[0-9a-f]{8}|[0-9a-f]{8,16}))(?:\s+(.*))?$/i;
// Field lines between PROCESS and the first THREAD (all flags of !process).
const PROCESS_FIELD =
  /^\s*(?:SessionId:|Cid:|DirBase:|ObjectTable:|Image:|VadRoot\b|DeviceMap\b|Token\b|ElapsedTime\b|UserTime\b|KernelTime\b|QuotaPoolUsage|Working Set Sizes|PeakWorkingSetSize|VirtualSize\b|PeakVirtualSize|PageFaultCount|MemoryPriority|BasePriority|CommitCharge|DebugPort|Job\b|Process Lock|CreateTime|No active threads|\*\*\*\* NT ACTIVE PROCESS DUMP|PEB at|PEB NULL|Unable to read|Cannot read|Could not)/i;
const CID = /\bCid:\s*([0-9a-f]+)/i;
const PARENT_CID = /\bParentCid:\s*([0-9a-f]+)/i;
const IMAGE = /\bImage:\s*(\S.*)$/i;

/** Threads reported as long waits in one `!process` block, at most. */
const MAX_WAIT_FINDINGS = 10;

/** Read Cid / ParentCid / Image from one header line into the entry. */
function readFields(entry: ProcessEntry, text: string): void {
  const p = PARENT_CID.exec(text);
  if (p && entry.parentCid === undefined) {
    entry.parentCid = (p[1] as string).toLowerCase();
  }
  // Blank out ParentCid so that "Cid:" does not match inside it.
  const c = CID.exec(text.replace(/ParentCid:/gi, 'Parent___:'));
  if (c && entry.cid === undefined) {
    entry.cid = (c[1] as string).toLowerCase();
  }
  const im = IMAGE.exec(text);
  if (im && entry.image === undefined) {
    entry.image = (im[1] as string).trimEnd();
  }
}

/** Is this thread's long wait worth a finding inside a process listing? */
function isSuspiciousWait(t: ThreadInfo): boolean {
  // Idle workers and user-mode waits sit for hours by design; an I/O or an
  // Executive kernel wait that long is not normal.
  return t.irps.length > 0 || (t.waitMode === 'KernelMode' && t.waitReason === 'Executive');
}

/** `!process` output: processes and, with thread flags, their THREAD blocks. */
export const processAnalyzer: Analyzer<'process'> = {
  id: 'process',
  commands: ['!process'],
  startsAt(source, i, owned) {
    const text = source.lines[i] as string;
    if (owned && /^\s*\*\*\*\* NT ACTIVE PROCESS DUMP/i.test(text)) {
      return true;
    }
    return text.includes('PROCESS') && PROCESS_LINE.test(text);
  },
  analyze(start, ctx) {
    const { source, limit } = ctx;
    const owned = /^!process\b/i.test(ctx.segment.command);
    const processes: ProcessEntry[] = [];
    const findings: Finding[] = [];
    let current: ProcessEntry | null = null;
    let last = start - 1;
    let skipped = 0;
    let pending = 0; // lines not understood since the last understood one
    let longWaits = 0;
    let moreWaits = 0;
    let i = start;
    while (i < limit) {
      const text = source.lines[i] as string;
      if (isBlank(text)) {
        i++;
        continue;
      }
      const pm = text.includes('PROCESS') ? PROCESS_LINE.exec(text) : null;
      if (pm) {
        skipped += pending;
        pending = 0;
        current = { address: normalizeAddress(pm[1] as string), threads: [], line: i + 1 };
        processes.push(current);
        if (pm[2] !== undefined) {
          readFields(current, pm[2]);
        }
        last = i;
        i++;
        continue;
      }
      if (current && isThreadHeader(text)) {
        const r = parseThreadBlock(source, i, limit);
        if (r) {
          skipped += pending + r.skipped;
          pending = 0;
          current.threads.push(r.thread);
          if (r.thread.waitMs !== undefined && isSuspiciousWait(r.thread)) {
            const f = longWaitFinding(r.thread, r.waitLine);
            if (f) {
              if (longWaits < MAX_WAIT_FINDINGS) {
                findings.push(f);
                longWaits++;
              } else {
                moreWaits++;
              }
            }
          }
          last = r.end - 1;
          i = r.end;
          continue;
        }
      }
      if (PROCESS_FIELD.test(text) && (current !== null || /NT ACTIVE PROCESS DUMP/i.test(text))) {
        if (current) {
          readFields(current, text);
        }
        skipped += pending;
        pending = 0;
        last = i;
        i++;
        continue;
      }
      if (owned && !ctx.startsOther(i)) {
        pending++;
        i++;
        continue;
      }
      break;
    }
    if (processes.length === 0) {
      return { ok: false, reason: 'no PROCESS line', end: Math.max(start + 1, last + 1) };
    }
    if (moreWaits > 0) {
      findings.push({
        id: 'thread.long-wait',
        severity: 'info',
        title: `${moreWaits} more threads in this listing have waited over a minute`,
        lines: [start + 1],
      });
    }
    return { ok: true, data: { processes }, findings, end: last + 1, skipped };
  },
};
