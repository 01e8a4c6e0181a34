/**
 * User-mode thread list `~` (and `~*`, whose rows add Start/Priority lines).
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/---thread-status-
 *
 * Sample (`.` marks the current thread, `#` the one that raised the last event):
 *   #  0  Id: c08.c0c Suspend: 0 Teb: 00007ff7`765ae000 Unfrozen
 *      1  Id: c08.c34 Suspend: 0 Teb: 00007ff7`765a9000 Unfrozen
 *   . 20  Id: c08.43d8 Suspend: 0 Teb: 00007ff7`76460000 Unfrozen
 *
 * Only rows actually printed are kept: a count given in prose ("The process
 * has 183 threads") is not invented into rows. `~*kcn` prints these rows as
 * headers between stacks; each header becomes a one-row block and the stack
 * analyzer reads the stack after it.
 */
import { Extent } from '../extent';
import type { Analyzer, ThreadListData } from '../types';

// [.#] index  Id: pid.tid Suspend: n Teb: addr Frozen|Unfrozen [name]
//   1 marker, 2 index, 3 pid, 4 tid, 5 Frozen/Unfrozen
const ROW =
  /^\s*([.#])?\s*(\d{1,6})\s+Id:\s+([0-9a-f]+)\.([0-9a-f]+)\s+Suspend:\s*-?\d+\s+Teb:\s+[0-9a-f`]+\s+(Frozen|Unfrozen)\b/i;
// Detail lines of `~*`.
const DETAIL = /^\s*(?:Start:|Priority:|Priority class:|Affinity:)/i;

/** User-mode `~` rows: index, ids, current and frozen marks. */
export const threadlistAnalyzer: Analyzer<'threadlist'> = {
  id: 'threadlist',
  commands: ['~', '~*'],
  startsAt(source, i) {
    const text = source.lines[i] as string;
    return text.includes('Id:') && ROW.test(text);
  },
  analyze(start, ctx) {
    const { source, limit } = ctx;
    const owned = /^~\*?$/.test(ctx.segment.command.trim());
    const threads: ThreadListData['threads'] = [];
    const ext = new Extent(start - 1);
    for (let i = start; i < limit; i++) {
      const text = source.lines[i] as string;
      if (text.trim() === '') {
        continue;
      }
      const m = text.includes('Id:') ? ROW.exec(text) : null;
      if (m || DETAIL.test(text)) {
        if (m) {
          threads.push({
            index: Number(m[2]),
            id: (m[4] as string).toLowerCase(),
            pid: (m[3] as string).toLowerCase(),
            current: m[1] === '.',
            frozen: (m[5] as string).toLowerCase() === 'frozen',
            line: i + 1,
          });
        }
        ext.took(i);
        continue;
      }
      if (ext.passes(i, owned, ctx)) {
        continue;
      }
      break;
    }
    if (threads.length === 0) {
      return { ok: false, reason: 'no thread rows', end: Math.max(start + 1, ext.last + 1) };
    }
    return { ok: true, data: { threads }, findings: [], end: ext.last + 1, skipped: ext.skipped };
  },
};
