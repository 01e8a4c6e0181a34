import { describe, expect, it } from 'vitest';
import { blocksOf, runText } from '../../../src/analyzers/run';

// From s09: an elided thread list (rows 2-180 left out of the paste), then prose.
const S09 = `    0:020> ~

    #  0  Id: c08.c0c Suspend: 0 Teb: 00007ff7\`765ae000 Unfrozen

       1  Id: c08.c34 Suspend: 0 Teb: 00007ff7\`765a9000 Unfrozen


    181  Id: c08.36a0 Suspend: 0 Teb: 00007ff7\`76360000 Unfrozen

    182  Id: c08.4c10 Suspend: 0 Teb: 00007ff7\`7633a000 Unfrozen


    The process has 183 threads. This is high, but we cannot judge if this is abnormal.`;

// Written in the debugger's format: ~* with detail lines and a frozen, current thread.
const DETAIL = `0:001> ~*
   0  Id: 1a2c.1a30 Suspend: 1 Teb: 000000e5\`8b1d4000 Unfrozen "Main Thread"
      Start: app!wmainCRTStartup (00007ff6\`12341000)
      Priority: 0  Priority class: 32  Affinity: f
.  1  Id: 1a2c.2b10 Suspend: 1 Teb: 000000e5\`8b1d6000 Frozen
      Start: ntdll!TppWorkerThread (00007ffb\`5d5e2680)
      Priority: 0  Priority class: 32  Affinity: f`;

function rows(text: string) {
  return blocksOf(runText(text), 'threadlist').flatMap((b) => b.data.threads);
}

describe('the threadlist analyzer', () => {
  it('reads the rows that were printed, without inventing the 183 threads named in prose', () => {
    const r = rows(S09);
    expect(r).toEqual([
      { index: 0, id: 'c0c', pid: 'c08', current: false, frozen: false, line: 3 },
      { index: 1, id: 'c34', pid: 'c08', current: false, frozen: false, line: 5 },
      { index: 181, id: '36a0', pid: 'c08', current: false, frozen: false, line: 8 },
      { index: 182, id: '4c10', pid: 'c08', current: false, frozen: false, line: 10 },
    ]);
    expect(Math.max(...r.map((t) => t.index))).toBe(182);
    expect(blocksOf(runText(S09), 'threadlist')[0]!.endLine).toBe(10);
  });

  it('reads a single row quoted in prose, and the current-thread mark', () => {
    const r = rows('From the output of the ~ command we find owning thread 43d8 is thread 20:\n\n    . 20  Id: c08.43d8 Suspend: 0 Teb: 00007ff7`76460000 Unfrozen\n\nSwitch to thread 20.');
    expect(r).toEqual([{ index: 20, id: '43d8', pid: 'c08', current: true, frozen: false, line: 3 }]);
  });

  it('reads ~* rows with their detail lines, thread names and frozen threads', () => {
    const r = rows(DETAIL);
    expect(r.map((t) => [t.index, t.id, t.current, t.frozen])).toEqual([
      [0, '1a30', false, false],
      [1, '2b10', true, true],
    ]);
    expect(blocksOf(runText(DETAIL), 'threadlist')[0]!.endLine).toBe(7);
  });

  it('reads the same from a CRLF copy and a copy with curly quotes, and keeps the rows of a truncated paste', () => {
    expect(rows(S09.replace(/\n/g, '\r\n'))).toEqual(rows(S09));
    expect(rows(DETAIL.replace(/"([^"]*)"/g, '\u201c$1\u201d'))).toEqual(rows(DETAIL));
    expect(rows(S09.split('\n').slice(0, 4).join('\n')).map((t) => t.index)).toEqual([0]);
  });

  it('finds no rows in garbage or prose', () => {
    expect(rows('Id: is the thread id. Suspend: counts.')).toEqual([]);
    expect(rows('\u0001\u0002\u0003')).toEqual([]);
  });
});
