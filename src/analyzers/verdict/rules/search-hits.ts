/**
 * Rule search-hits: modules that hold what a memory search found.
 */
import { normalizeAddress } from '../../normalize';
import { blocksOf } from '../../run';
import { addEvidence, type VerdictContext } from '../context';
import { isForeign } from '../modules';
import type { Rule } from '../rule';

export const searchHits: Rule = {
  id: 'search-hits',
  description: "An address a memory search (s -a/-d) found, resolved to a module with lmta: that module holds the pattern (a pool tag, a pointer).",
  reasoning:
    "To find which driver uses a leaking pool tag or holds a pointer, experts search memory for the pattern and ask which module each hit lies in (lm a ADDR, !for_each_module s \u2026). A hit inside a third-party image names a driver that uses the tag.",
  source: "https://learn.microsoft.com/windows-hardware/drivers/debugger/finding-a-kernel-mode-memory-leak; https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/s--search-memory-",
  apply(ctx: VerdictContext): void {
    const searchText: string[] = [];
    for (const seg of ctx.model.segments) {
      if (/(?:^|;)\s*s\s+-[a-z]/i.test(seg.command) || /for_each_module\s+s\s*-/i.test(seg.command)) {
        for (let i = seg.bodyStart; i < seg.bodyEnd; i++) {
          searchText.push(ctx.model.source.lines[i] as string);
        }
      }
    }
    for (const b of blocksOf(ctx.model, 'lm')) {
      const m = /^lm\s*(?:t\s*)?a\s+(?:0x)?([0-9a-f`]+)/i.exec(b.segment.command);
      if (!m) {
        continue;
      }
      const addr = normalizeAddress(m[1] as string);
      // A search hit line starts with the address where the pattern was found.
      const found = searchText.some((l) => normalizeAddress(l.trimStart().split(/\s/)[0] ?? '') === addr);
      for (const mod of b.data.modules) {
        if (isForeign(mod.name)) {
          addEvidence(ctx, mod.name, found ? 0.5 : 0.3, `${found ? 'the pattern a memory search looked for was found at' : 'the address'} ${addr}, which lmta places inside ${mod.name}`, mod.line);
        }
      }
    }
  },
};
