/**
 * `!pool address [flags]`: the pool page around an address.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-pool
 *
 * Sample (shortened):
 *   Pool page ffffc00003dba120 region is Paged pool
 *    ffffe001a2894000 size:  510 previous size:    0  (Allocated)  FMcr
 *   *ffffc00003dba000 size:  450 previous size:    0  (Allocated) *Reff
 *               Pooltag Reff : FCB_DATA, Binary : refs.sys
 *    ffffe001a14df200 size:   10 previous size:  200  (Free)       Free
 *   *ffff8b8a3e5a7000 : large page allocation, tag is MmCm, size is 0x1000 bytes
 *
 * The starred block holds the address asked about; its tag (and the binary
 * pooltag.txt names for it) says which component owns the memory.
 */
import { normalizeAddress } from '../normalize';
import type { Analyzer, Finding, PoolBlockData } from '../types';

/**
 * Blank lines in a row that still continue a block: forum copies double-space
 * output, sometimes twice over, and trim it with gaps.
 */
const MAX_BLANKS = 8;

// "Pool page X region is Paged pool". group 1 address, group 2 region.
const PAGE = /^\s*Pool page ([0-9a-f`]+) region is (.+)$/i;
// One block row.
//   group 1 '*' when it holds the address, 2 address, 3 size, 4 Allocated|Free,
//   5 the tag column (up to 4 characters, possibly with a '*' before it).
const BLOCK = /^\s*(\*)?([0-9a-f`]{8,17}) size:\s*([0-9a-f]+) previous size:\s*[0-9a-f]+\s+\((Allocated|Free)\s*\)\s*\*?(.{0,4})/i;
// Large allocation: "*ffff… : large page allocation, tag is MmCm, size is 0x1000 bytes".
const LARGE = /^\s*\*?([0-9a-f`]{8,17})\s*:\s*large (?:page|pool) allocation, tag\s+is\s+(.{1,4}?),\s*size\s+is\s+(?:0x)?([0-9a-f]+)/i;
// "Pooltag Reff : FCB_DATA, Binary : refs.sys". group 1 tag, 2 the rest.
const OWNER = /^\s*Pooltag (.{1,4}?)\s*:\s*(.*)$/i;
// Signs of a damaged pool page (from !pool and !poolval).
const CORRUPT = /Bad (?:previous )?allocation size|is freed \(or corrupt\) pool|pool header (?:is )?corrupt|Pool page \[ ?[0-9a-f`]+ ?\] is INVALID|invalid (?:previous )?size \[/i;
const NOTES =
  /^\s*(?:Owning component|\*\*\*|[0-9a-f`]+ is |Address [0-9a-f`]+ could not|Bad |Unable to|checking large pool|\d+ bytes? of |Validating Pool headers|Analyzing linked list|Scanning for single bit errors|None found|Pool page \[)/i;

/** `!pool` / `!poolval` page → PoolBlockData; findings `pool.block`, `pool.corruption`. */
export const poolAnalyzer: Analyzer<'pool'> = {
  id: 'pool',
  commands: ['!pool', '!poolval'],
  startsAt(source, i, owned) {
    const text = source.lines[i] as string;
    if (PAGE.test(text)) {
      return true;
    }
    return owned && (BLOCK.test(text) || LARGE.test(text));
  },
  analyze(start, ctx) {
    const data: PoolBlockData = { blocks: [] };
    const findings: Finding[] = [];
    const corrupt: { text: string; line: number }[] = [];
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
      if (text.length > 400) {
        break;
      }
      const page = PAGE.exec(text);
      if (page) {
        if (data.blocks.length > 0) {
          break; // the next !pool output
        }
        data.address = normalizeAddress(page[1] as string);
        data.region = (page[2] as string).trim();
        end = i + 1;
        continue;
      }
      const b = BLOCK.exec(text);
      if (b) {
        data.blocks.push({
          address: normalizeAddress(b[2] as string),
          size: (b[3] as string).toLowerCase(),
          tag: (b[5] as string).padEnd(4, ' '),
          allocated: /allocated/i.test(b[4] as string),
          current: b[1] === '*',
          line: i + 1,
        });
        end = i + 1;
        continue;
      }
      const large = LARGE.exec(text);
      if (large) {
        data.blocks.push({
          address: normalizeAddress(large[1] as string),
          size: (large[3] as string).toLowerCase(),
          tag: (large[2] as string).padEnd(4, ' '),
          allocated: true,
          // The large allocation shown is the one holding the address.
          current: true,
          line: i + 1,
        });
        end = i + 1;
        continue;
      }
      const owner = OWNER.exec(text);
      if (owner) {
        const rest = owner[2] as string;
        const bin = /^(.*?)\s*,\s*Binary\s*:\s*(\S+)\s*$/i.exec(rest);
        data.ownerTag = { tag: (owner[1] as string).padEnd(4, ' '), line: i + 1 };
        const description = (bin ? (bin[1] as string) : rest).trim();
        if (description !== '') {
          data.ownerTag.description = description;
        }
        if (bin) {
          data.ownerTag.binary = bin[2] as string;
        }
        end = i + 1;
        continue;
      }
      if (CORRUPT.test(text)) {
        corrupt.push({ text: text.trim(), line: i + 1 });
        end = i + 1;
        continue;
      }
      if (NOTES.test(text)) {
        end = i + 1;
        continue;
      }
      break;
    }
    if (data.blocks.length === 0 && data.region === undefined) {
      return { ok: false, reason: 'no !pool output recognised', end: Math.max(end, start + 1) };
    }
    if (corrupt.length > 0) {
      findings.push({
        id: 'pool.corruption',
        severity: 'critical',
        title: `The pool page ${data.address ?? ''} is corrupt`.replace('  ', ' '),
        detail: `${corrupt.map((c) => c.text).join(' / ')}. A pool block header was overwritten, usually by the owner of the block before it writing past its end.`,
        lines: corrupt.map((c) => c.line),
      });
    }
    const current = data.blocks.find((b) => b.current);
    if (current) {
      const tag = current.tag.trimEnd();
      const owner = data.ownerTag && data.ownerTag.tag.trimEnd() === tag ? data.ownerTag : undefined;
      const what = owner ? [owner.description, owner.binary].filter((s) => s !== undefined).join(', ') : '';
      const f: Finding = {
        id: 'pool.block',
        severity: 'info',
        title: `${data.address ?? current.address} is in a${current.allocated ? 'n allocated' : ' free'} '${current.tag}' pool block${what === '' ? '' : ` (${what})`}`,
        lines: owner ? [current.line, owner.line] : [current.line],
      };
      if (data.region !== undefined) {
        f.detail = `Region: ${data.region}; block size 0x${current.size}.`;
      }
      findings.unshift(f);
    }
    return { ok: true, data, findings, end };
  },
};
