import { describe, expect, it } from 'vitest';
import { blocksOf, runText } from '../../../src/analyzers/run';

// Written in the debugger's format (see the !runaway reference page).
const RUNAWAY = `0:000> !runaway 3
 User Mode Time
  Thread       Time
   7:1a2c      0 days 0:05:12.345
   0:1b3c      0 days 0:00:00.031
 Kernel Mode Time
  Thread       Time
   7:1a2c      0 days 0:00:01.250
   0:1b3c      0 days 0:00:00.015`;

const THREADPOOL = `0:001> !threadpool
CPU utilization: 97%
Worker Thread: Total: 23 Running: 1 Idle: 7 MaxLimit: 32767 MinLimit: 8
Work Request in Queue: 0`;

describe('the !runaway analyzer', () => {
  it("reads each thread's user and kernel time in milliseconds", () => {
    const [b] = blocksOf(runText(RUNAWAY), 'runaway');
    expect(b?.data.user).toEqual([
      { index: 7, tid: '1a2c', ms: 312345, line: 4 },
      { index: 0, tid: '1b3c', ms: 31, line: 5 },
    ]);
    expect(b?.data.kernel.map((r) => r.ms)).toEqual([1250, 15]);
  });

  it("reads an older debugger's rows: the thread id alone, no days, four decimals", () => {
    const old = ['0:002> !runaway 3', ' User Mode Time', ' Thread    Time', ' 4e0        0:12:16.0312', ' 268        0:00:00.0000'].join('\n');
    expect(blocksOf(runText(old), 'runaway')[0]?.data.user).toEqual([
      { tid: '4e0', ms: 736031, line: 4 },
      { tid: '268', ms: 0, line: 5 },
    ]);
  });

  it('reads the CPU line of !threadpool', () => {
    expect(blocksOf(runText(THREADPOOL), 'runaway')[0]?.data.cpu).toEqual({ percent: 97, line: 2 });
  });

  it('reads a CRLF copy the same way', () => {
    expect(blocksOf(runText(RUNAWAY.replace(/\n/g, '\r\n')), 'runaway')[0]?.data.user).toHaveLength(2);
  });

  it('finds nothing in prose about runaway threads', () => {
    expect(blocksOf(runText('A runaway thread used the CPU for days.'), 'runaway')).toEqual([]);
  });
});
