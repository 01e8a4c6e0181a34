import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REGISTRY, analyzerForCommand } from '../../../src/analyzers/commands/registry';

describe('the analyzer registry', () => {
  it('has unique ids', () => {
    const ids = REGISTRY.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('never lets two analyzers claim the same command word', () => {
    const seen = new Map<string, string>();
    for (const a of REGISTRY) {
      for (const c of a.commands) {
        if (typeof c === 'string') {
          expect(seen.get(c), `${c} claimed by ${seen.get(c)} and ${a.id}`).toBeUndefined();
          seen.set(c, a.id);
        }
      }
    }
    for (const word of seen.keys()) {
      expect(analyzerForCommand(word)?.id).toBe(seen.get(word));
    }
  });

  it('routes the usual commands to their families', () => {
    expect(analyzerForCommand('!analyze -v')?.id).toBe('analyze-v');
    expect(analyzerForCommand('knL')?.id).toBe('stack');
    expect(analyzerForCommand('~*kcn')?.id).toBe('stack');
    expect(analyzerForCommand('lm vm ZTEusbnet')?.id).toBe('lm');
    expect(analyzerForCommand('!fltkd.instance 0xffffe000`0165b010')?.id).toBe('fltkd');
    expect(analyzerForCommand('dps b8f04000+7880')?.id).toBe('rawmem');
    expect(analyzerForCommand('!sym noisy')).toBeUndefined();
  });

  it('has a unit test file for every analyzer', () => {
    for (const a of REGISTRY) {
      const file = a.id === 'stacks' ? 'stacks-cmd' : a.id;
      expect(existsSync(join(__dirname, `${file}.test.ts`)), `tests/unit/analyzers/${file}.test.ts`).toBe(true);
    }
  });
});
