import { describe, expect, it } from 'vitest';
import { commandWord, parsePrompt, segmentLines } from '../../../src/analyzers/segment';

describe('parsePrompt', () => {
  it('reads kernel prompts with and without a processor number', () => {
    expect(parsePrompt('3: kd> !vm')).toEqual({ prompt: { text: '3: kd>', mode: 'kernel', processor: 3 }, command: '!vm' });
    expect(parsePrompt('kd> kv')?.prompt).toEqual({ text: 'kd>', mode: 'kernel' });
    expect(parsePrompt('lkd> !process 0 0')?.prompt.live).toBe(true);
  });

  it('reads user-mode prompts, including the WOW64 form', () => {
    expect(parsePrompt('0:020> kcn')).toEqual({ prompt: { text: '0:020>', mode: 'user', thread: 20 }, command: 'kcn' });
    expect(parsePrompt('1:003:x86> k')?.prompt.thread).toBe(3);
  });

  it('accepts indented prompts and prompts with no command', () => {
    expect(parsePrompt('      0: kd> !process 0 0 test.exe')?.command).toBe('!process 0 0 test.exe');
    expect(parsePrompt('0: kd>')?.command).toBe('');
  });

  it('does not take prose or output for a prompt', () => {
    expect(parsePrompt('You should see an "lkd>" prompt.')).toBeNull();
    expect(parsePrompt('fffff880`0318a978  fffff880`04285e6f')).toBeNull();
    expect(parsePrompt('   >[ 1b,17]   0  0 fffffa800c089050')).toBeNull();
  });
});

describe('segmentLines', () => {
  it('splits at prompts and keeps the text before the first prompt as a command-less segment', () => {
    const segs = segmentLines(['intro', '0: kd> !locks', 'Resource @ x', '', '0: kd> kv', 'frame']);
    expect(segs.map((s) => [s.command, s.line, s.endLine, s.bodyStart, s.bodyEnd])).toEqual([
      ['', 1, 1, 0, 1],
      ['!locks', 2, 4, 2, 4],
      ['kv', 5, 6, 5, 6],
    ]);
  });

  it('returns one segment for text without prompts', () => {
    expect(segmentLines(['a', 'b'])).toHaveLength(1);
  });
});

describe('commandWord', () => {
  it('returns the first word in lower case', () => {
    expect(commandWord('!Analyze -v')).toBe('!analyze');
    expect(commandWord('  ~*kcn')).toBe('~*kcn');
    expect(commandWord('')).toBe('');
  });
});
