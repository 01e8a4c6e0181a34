/**
 * `!runaway` (time each thread has spent running) and the CPU line of SOS
 * `!threadpool`: what a CPU hang is read from.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-runaway
 *
 *   0:000> !runaway 3
 *    User Mode Time
 *     Thread       Time
 *      7:1a2c      0 days 0:05:12.345
 *      0:1b3c      0 days 0:00:00.031
 *      4e0         0:12:16.0312          (older debuggers: the thread id alone)
 *    Kernel Mode Time
 *     Thread       Time
 *      7:1a2c      0 days 0:00:01.250
 *
 *   0:001> !threadpool
 *   CPU utilization: 97%
 */
import type { Analyzer, RunawayData, RunawayRow } from '../types';

const SECTION = /^\s*(User|Kernel) Mode Time\s*$|^\s*Elapsed Time\s*$/i;
const COLUMNS = /^\s*Thread\s+Time\s*$/i;
// "   7:1a2c      0 days 0:05:12.345": debugger thread, OS thread id, days, h:mm:ss.mmm;
// "   4e0        0:12:16.0312": an older debugger's row, the OS thread id alone and no days.
const ROW = /^\s*(?:(\d+):)?([0-9a-f]+)\s+(?:(\d+)\s+days?\s+)?(\d+):(\d{2}):(\d{2})\.(\d{3,4})\s*$/i;
const CPU = /^\s*CPU utilization:\s*(\d{1,3})\s*%/i;

export const runawayAnalyzer: Analyzer<'runaway'> = {
  id: 'runaway',
  commands: ['!runaway', '!threadpool', '!sos.threadpool'],
  startsAt(source, i) {
    const t = source.lines[i] as string;
    return SECTION.test(t) || CPU.test(t);
  },
  analyze(start, ctx) {
    const data: RunawayData = { user: [], kernel: [] };
    let section: 'user' | 'kernel' | 'elapsed' | null = null;
    let end = start;
    for (let i = start; i < ctx.limit; i++) {
      const t = ctx.source.lines[i] as string;
      if (t.trim() === '' || COLUMNS.test(t)) {
        continue;
      }
      const s = SECTION.exec(t);
      if (s) {
        section = s[1] === undefined ? 'elapsed' : (s[1].toLowerCase() as 'user' | 'kernel');
        end = i + 1;
        continue;
      }
      const cpu = CPU.exec(t);
      if (cpu) {
        data.cpu = { percent: Number(cpu[1]), line: i + 1 };
        end = i + 1;
        continue;
      }
      const m = ROW.exec(t);
      if (m && section !== null) {
        const ms = ((Number(m[3] ?? 0) * 24 + Number(m[4])) * 3600 + Number(m[5]) * 60 + Number(m[6])) * 1000 + Math.round(Number(`0.${m[7] as string}`) * 1000);
        if (section !== 'elapsed') {
          const row: RunawayRow = { tid: (m[2] as string).toLowerCase(), ms, line: i + 1 };
          if (m[1] !== undefined) {
            row.index = Number(m[1]);
          }
          data[section].push(row);
        }
        end = i + 1;
        continue;
      }
      if (i > start && ctx.startsOther(i)) {
        break;
      }
      if (section === null && data.cpu !== undefined) {
        break; // the rest of !threadpool
      }
      if (section !== null) {
        break;
      }
    }
    if (data.user.length === 0 && data.kernel.length === 0 && data.cpu === undefined) {
      return { ok: false, reason: 'no thread times', end: start + 1 };
    }
    return { ok: true, data, findings: [], end: Math.max(end, start + 1) };
  },
};
