import { afterEach, describe, expect, it, vi } from 'vitest';
import { REGISTRY } from '../../../src/analyzers/commands/registry';
import { runText } from '../../../src/analyzers/run';

// Shapes of text that once cost one test per parser per line (issue 14: 4 MB of
// `a\n` took 69× the floor). Counted in calls, not timed: the count is what
// makes the cost, and a count does not depend on how busy the machine is.
describe('the pass over shapes of text that once were slow', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  function countStartsAt(): () => number {
    const spies = REGISTRY.map((a) => vi.spyOn(a, 'startsAt'));
    return () => spies.reduce((n, s) => n + s.mock.calls.length, 0);
  }

  it('asks no parser about lines too short to start a block', () => {
    const calls = countStartsAt();
    const model = runText('a\n'.repeat(10_000));
    expect(model.blocks).toHaveLength(0);
    expect(calls()).toBe(0);
  });

  it('still finds a block whose first line is short but long enough', () => {
    const text = ['a', 'b', 'STACK_TEXT:', 'fffff801`1234 fffff801`5678 : 0 0 0 0 : nt!KeBugCheckEx', 'c'].join('\n');
    const model = runText(text);
    expect(model.blocks.length).toBeGreaterThan(0);
  });

  it('does not set up a block search for prompts with no output', () => {
    const calls = countStartsAt();
    const model = runText('0: kd> k\n'.repeat(10_000));
    expect(model.commands).toHaveLength(10_000);
    expect(calls()).toBe(0);
  });
});
