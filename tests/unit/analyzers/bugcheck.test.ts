import { describe, expect, it } from 'vitest';
import { blocksOf, runText } from '../../../src/analyzers/run';

describe('the bug check analyzer', () => {
  it('reads the dump banner', () => {
    const [b] = blocksOf(runText('BugCheck 9F, {4, 258, fffffa8007005660, fffff800053e83d0}'), 'bugcheck');
    expect(b?.data.bugcheck).toMatchObject({ code: 0x9f, args: ['4', '258', 'fffffa8007005660', 'fffff800053e83d0'], line: 1 });
  });

  it('reads .bugcheck output, with the arguments after a blank line', () => {
    const [b] = blocksOf(runText('3: kd> .bugcheck\nBugcheck code 00000024\n\nArguments 000000b5`00190637 ffffd000`23f17e58 ffffd000`23f17660 fffff800`00cf95c7'), 'bugcheck');
    expect(b?.data.bugcheck?.code).toBe(0x24);
    expect(b?.data.bugcheck?.args[0]).toBe('000000b5`00190637');
    expect(b?.data.bugcheck?.argLines).toEqual([4, 4, 4, 4]);
  });

  it('reads MEX !di output and its NotMyFault note', () => {
    const blocks = blocksOf(runText('Bugcheck: D1 (FFFF9B08ED297010, 2, 0, FFFFF8027D7612D0)\nBugcheck: This is a myfault.sys dump.'), 'bugcheck');
    expect(blocks[0]?.data.bugcheck?.code).toBe(0xd1);
    expect(blocks[1]?.data.fields.CRASH_TOOL?.value).toBe('myfault');
  });

  it('reads user-mode exception events but not breakpoints', () => {
    const av = blocksOf(runText('(8dc.3f8): Access violation - code c0000005 (first chance)'), 'bugcheck');
    expect(av[0]?.data.exception?.code).toBe(0xc0000005);
    expect(av[0]?.data.fields.EVENT_CHANCE?.value).toBe('first');
    const last = blocksOf(runText('Last event: 1a2c.1b3c: Exception C00000FD, second chance'), 'bugcheck');
    expect(last[0]?.data.exception?.code).toBe(0xc00000fd);
    expect(blocksOf(runText('Break instruction exception - code 80000003 (first chance)'), 'bugcheck')).toEqual([]);
  });

  it('ignores prose that mentions a code', () => {
    expect(blocksOf(runText('it has bug checked with a code 5 - which is access denied'), 'bugcheck')).toEqual([]);
  });
});
