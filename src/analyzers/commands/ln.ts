/**
 * `ln address`: the symbols nearest to an address.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/ln--list-nearest-symbols-
 *
 * Sample:
 *   (8096c8cc)   nt!SeQueryInformationToken+0x3d   |  (8096cdc0)   nt!SeCaptureObjectTypeList
 *   Exact matches:
 *       nt!SeQueryInformationToken (<no parameter info>)
 *
 * The left side is where the address lies (symbol start in parentheses, the
 * address as symbol+offset); the right side is merely the next symbol and is
 * not kept. `lmta address` answers the same question in `lm` format (lm.ts).
 */
import { parseSite } from './stack';
import { normalizeAddress } from '../normalize';
import type { Analyzer, LnData } from '../types';

/**
 * Blank lines in a row that still continue a block: forum copies double-space
 * output, sometimes twice over, and trim it with gaps.
 */
const MAX_BLANKS = 8;

// "(8096c8cc)   nt!Foo+0x3d   |  (8096cdc0)   nt!Bar". group 1 address, 2 site.
const HIT = /^\s*\(([0-9a-f]{8}(?:`?[0-9a-f]{8})?)\)\s+([A-Za-z0-9_.$-]+(?:!\S*(?: \?\? \S+)?|\+0x[0-9a-f]+))(?:\s|$)/i;
const EXACT_HEADER = /^\s*Exact matches:/i;
// An exact match: "    nt!SeQueryInformationToken (<no parameter info>)". group 1 the site.
const EXACT = /^\s*([A-Za-z0-9_.$-]+![^\s(]+)(?:\s*\(.*\))?\s*$/;
const NOISE = /^\s*(?:Browse module|Set bu breakpoint|No symbol|Unable to|Couldn't resolve)/i;

/** `ln` → LnData (where each address lies). */
export const lnAnalyzer: Analyzer<'ln'> = {
  id: 'ln',
  commands: ['ln'],
  startsAt(source, i, owned) {
    const text = source.lines[i] as string;
    return HIT.test(text) || (owned && EXACT_HEADER.test(text));
  },
  analyze(start, ctx) {
    const hits: LnData['hits'] = [];
    const arg = /^\s*ln\s+(?:0x)?([0-9a-f`]{8,17})\s*(.*)$/i.exec(ctx.segment.command);
    let lastAddress = arg ? normalizeAddress(arg[1] as string) : '';
    let exact = false;
    // A reflowed paste puts the first part of the output on the prompt line:
    // "ln fffff802`9c85fb2c (fffff802`9c85fb2c) nt!KiAcquireSpinLockInstrumented |".
    // Then the first line below is only the right side (the next symbol).
    let skipRightSide = false;
    const onPrompt = arg ? HIT.exec(arg[2] as string) : null;
    if (onPrompt) {
      const s = parseSite(onPrompt[2] as string);
      lastAddress = normalizeAddress(onPrompt[1] as string);
      hits.push({ address: lastAddress, site: s.site, module: s.module, line: ctx.segment.line });
      skipRightSide = /\|\s*$/.test(arg?.[2] ?? '');
    }
    let end = start;
    let blanks = 0;
    for (let i = start; i < ctx.limit; i++) {
      const text = ctx.source.lines[i] as string;
      if (text.trim() === '') {
        if (++blanks > MAX_BLANKS) {
          break;
        }
        continue;
      }
      blanks = 0;
      if (text.length > 600) {
        break;
      }
      const h = HIT.exec(text);
      if (h && skipRightSide) {
        skipRightSide = false;
        exact = /Exact matches:\s*$/i.test(text);
        end = i + 1;
        continue;
      }
      if (h) {
        const s = parseSite(h[2] as string);
        lastAddress = normalizeAddress(h[1] as string);
        hits.push({ address: lastAddress, site: s.site, module: s.module, line: i + 1 });
        exact = false;
        end = i + 1;
        continue;
      }
      if (EXACT_HEADER.test(text)) {
        exact = true;
        end = i + 1;
        continue;
      }
      const x = exact ? EXACT.exec(text) : null;
      if (x) {
        const s = parseSite(x[1] as string);
        if (!hits.some((hit) => hit.site === s.site)) {
          hits.push({ address: lastAddress, site: s.site, module: s.module, line: i + 1 });
        }
        end = i + 1;
        continue;
      }
      if (NOISE.test(text)) {
        end = i + 1;
        continue;
      }
      break;
    }
    if (hits.length === 0) {
      return { ok: false, reason: 'no nearest-symbol line recognised', end: Math.max(end, start + 1) };
    }
    return { ok: true, data: { hits }, findings: [], end };
  },
};
