/**
 * `!vm` and `!vm 1`: the virtual memory summary.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-vm
 *
 * Sample (shortened):
 *   *** Virtual Memory Usage ***
 *   Physical Memory:      130724 (    522896 Kb)
 *   Page File: \??\C:\pagefile.sys
 *      Current:   1048576 Kb  Free Space:   1048572 Kb
 *   NonPagedPool Usage:   764909 (   3059636 Kb)
 *   NonPagedPoolNx Usage:   3870 (     15480 Kb)
 *   NonPagedPool Max:     764972 (   3059888 Kb)
 *   ********** Excessive NonPaged Pool Usage *****
 *   PagedPool 0 Usage:      3867 (     15468 Kb)      (newer: "PagedPool  0:")
 *   PagedPool Usage:        5915 (     23660 Kb)
 *   PagedPool Maximum:    523264 (   2093056 Kb)
 *   Committed pages:       59129 (    236516 Kb)
 *   Commit limit:         382336 (   1529344 Kb)
 *   Total Private:         35993 (    143972 Kb)
 *            0284 lsass.exe         4883 (     19532 Kb)
 *
 * Forum copies sometimes collapse the whole output onto one line
 * (`*** Virtual Memory Usage *** Physical Memory: 4175860 ( 16703440 Kb) Page File: …`),
 * so values are read as `Label: pages ( kb Kb)` triples from the words of a
 * line, wherever they sit.
 */
import type { Analyzer, Finding, VmInfo } from '../types';

/**
 * Blank lines in a row that still continue a block: forum copies double-space
 * output, sometimes twice over, and trim it with gaps.
 */
const MAX_BLANKS = 8;

/** Share of a maximum at which a pool counts as exhausted. */
const EXHAUSTED = 0.9;
/** Share of the commit limit at which commit counts as near its limit. */
const COMMIT_NEAR = 0.9;

const TITLE = /^\s*\*\*\* Virtual Memory Usage \*\*\*/i;
// A debugger banner: `********** Excessive NonPaged Pool Usage *****`.
const BANNER = /^\s*\*{4,}\s*(.*?)\s*\*{3,}\s*$/;
// One row of the per-process private list: `0284 lsass.exe 4883 ( 19532 Kb)`.
//   group 1 pid (hex), 2 image (may hold spaces: "Memory Compression"), 3 pages, 4 KB.
const PROCESS = /^\s*([0-9a-f]{3,8})\s+(\S(?:.{0,60}\S)?)\s+(\d+)\s+\(\s*(\d+)\s*Kb\)\s*$/i;
// Newer debuggers start with the page files, then "Physical Memory:".
const PAGE_FILE = /^\s*Page File: \\\?\?\\/i;
const PHYSICAL = /^\s*Physical Memory:\s+\d+\s+\(\s*\d+\s*Kb\)/i;
// Page-file lines and others we read but do not keep.
const KNOWN_TEXT = /^\s*(?:Page File:|No Name for Paging File|Current:|Minimum:|Terminal Server Memory Usage|Session ID|Unable to read|Pagefile hash)/i;
// A label word (not the last): letters, `/` or `.`.
const LABEL_WORD = /^[A-Za-z][A-Za-z/.]*$/;
// The last label word with its colon (`Usage:`, `Max:`, `0:` after PagedPool).
const LABEL_LAST = /^[A-Za-z0-9][A-Za-z0-9/.]*:$/;

interface Triple {
  label: string;
  pages: number;
  kb: number;
}

/**
 * Every `Label: pages ( kb Kb)` triple in a line. Works token by token, so
 * collapsed one-line pastes and any spacing are read the same way.
 */
function triples(text: string): Triple[] {
  const out: Triple[] = [];
  const tok = text.trim().split(/\s+/);
  for (let k = 0; k < tok.length; k++) {
    const t = tok[k] as string;
    if (!LABEL_LAST.test(t) || !/^\d+$/.test(tok[k + 1] ?? '')) {
      continue;
    }
    // "( 19532 Kb)" or "(19532 Kb)".
    let j = k + 2;
    let kbText = tok[j] ?? '';
    if (kbText === '(') {
      j++;
      kbText = tok[j] ?? '';
    } else if (kbText.startsWith('(')) {
      kbText = kbText.slice(1);
    } else {
      continue;
    }
    if (!/^\d+$/.test(kbText) || !/^Kb\)$/i.test(tok[j + 1] ?? '')) {
      continue;
    }
    const words = [t.slice(0, -1)];
    for (let b = k - 1; b >= 0 && words.length < 4; b--) {
      const w = tok[b] as string;
      const poolIndex = /^\d$/.test(w) && tok[b - 1] === 'PagedPool';
      if ((!LABEL_WORD.test(w) && !poolIndex) || /^Kb\)?$/i.test(w)) {
        break;
      }
      words.unshift(w);
    }
    // A lone digit is a label only after "PagedPool" ("PagedPool  0:").
    if (/^\d+$/.test(words[0] as string)) {
      continue;
    }
    out.push({ label: words.join(' '), pages: Number(tok[k + 1]), kb: Number(kbText) });
    k = j + 1;
  }
  return out;
}

/** Store one triple in the VmInfo fields it feeds. */
function store(vm: VmInfo, t: Triple, line: number, lines: Map<string, number>): void {
  const key = t.label.toLowerCase();
  vm.pages[t.label] = t.pages;
  lines.set(key, line);
  const pool = /^pagedpool (\d)(?: usage)?$/.exec(key);
  if (pool) {
    vm.pagedPools.push({ index: Number(pool[1]), kb: t.kb });
    return;
  }
  switch (key) {
    case 'physical memory':
      vm.physicalKb = t.kb;
      break;
    case 'available pages':
      vm.availableKb = t.kb;
      break;
    case 'nonpagedpool usage':
      vm.nonPagedUsageKb = t.kb;
      break;
    case 'nonpagedpoolnx usage':
      vm.nonPagedNxUsageKb = t.kb;
      break;
    case 'nonpagedpool max':
      vm.nonPagedMaxKb = t.kb;
      break;
    case 'pagedpool usage':
      vm.pagedUsageKb = t.kb;
      break;
    case 'pagedpool maximum':
    case 'pagedpool max':
      vm.pagedMaxKb = t.kb;
      break;
    case 'committed pages':
      vm.commitKb = t.kb;
      break;
    case 'commit limit':
      vm.commitLimitKb = t.kb;
      break;
    default:
      break;
  }
}

function pct(used: number, max: number): string {
  const p = (100 * used) / max;
  return p >= 99.95 && used < max ? '99.99%' : `${p >= 10 ? Math.round(p) : Math.round(p * 10) / 10}%`;
}

/** Findings for one !vm block: pool exhaustion, commit, banners, top process, summary. */
function findingsFor(vm: VmInfo, lines: Map<string, number>): Finding[] {
  const out: Finding[] = [];
  const at = (...keys: string[]): number[] => [...new Set(keys.map((k) => lines.get(k)).filter((l): l is number => l !== undefined))];
  // Pages by lower-case label (the debugger's capitalisation has varied).
  const byLabel = new Map(Object.entries(vm.pages).map(([k, v]) => [k.toLowerCase(), v]));
  const pg = (label: string): number | undefined => byLabel.get(label);
  const summary: string[] = [];

  // Non-paged: NX and non-NX pools share one maximum.
  const npUsed = (pg('nonpagedpool usage') ?? 0) + (pg('nonpagedpoolnx usage') ?? 0);
  const npMax = pg('nonpagedpool max');
  const hasNp = pg('nonpagedpool usage') !== undefined || pg('nonpagedpoolnx usage') !== undefined;
  if (hasNp && npMax !== undefined && npMax > 0) {
    const kb = (vm.nonPagedUsageKb ?? 0) + (vm.nonPagedNxUsageKb ?? 0);
    summary.push(`non-paged pool ${kb} KB of ${vm.nonPagedMaxKb ?? '?'} KB (${pct(npUsed, npMax)})`);
    if (npUsed / npMax >= EXHAUSTED) {
      out.push({
        id: 'pool.nonpaged.exhausted',
        severity: 'critical',
        title: `Non-paged pool exhausted: ${pct(npUsed, npMax)} used (${npUsed} of ${npMax} pages)`,
        detail: 'Drivers allocate non-paged pool; when it runs out, allocations fail and the system crashes or hangs. Find the tag that holds it with !poolused 2.',
        lines: at('nonpagedpool usage', 'nonpagedpoolnx usage', 'nonpagedpool max'),
      });
    }
  }
  const pUsed = pg('pagedpool usage');
  const pMax = pg('pagedpool maximum') ?? pg('pagedpool max');
  if (pUsed !== undefined && pMax !== undefined && pMax > 0) {
    summary.push(`paged pool ${vm.pagedUsageKb ?? '?'} KB of ${vm.pagedMaxKb ?? '?'} KB (${pct(pUsed, pMax)})`);
    if (pUsed / pMax >= EXHAUSTED) {
      out.push({
        id: 'pool.paged.exhausted',
        severity: 'critical',
        title: `Paged pool exhausted: ${pct(pUsed, pMax)} used (${pUsed} of ${pMax} pages)`,
        detail: 'Find the tag that holds it with !poolused 4.',
        lines: at('pagedpool usage', 'pagedpool maximum', 'pagedpool max'),
      });
    }
  }
  const cUsed = pg('committed pages');
  const cMax = pg('commit limit');
  if (cUsed !== undefined && cMax !== undefined && cMax > 0) {
    summary.push(`commit ${vm.commitKb ?? '?'} KB of ${vm.commitLimitKb ?? '?'} KB (${pct(cUsed, cMax)})`);
    if (cUsed / cMax >= COMMIT_NEAR) {
      out.push({
        id: 'vm.commit.near-limit',
        severity: cUsed / cMax >= 0.98 ? 'critical' : 'warning',
        title: `Committed memory near its limit: ${pct(cUsed, cMax)} (${cUsed} of ${cMax} pages)`,
        detail: 'Memory commitments are close to RAM plus page file: a leak in a process or in pool, or a page file that is too small.',
        lines: at('committed pages', 'commit limit'),
      });
    }
  }
  for (const b of vm.banners) {
    out.push({
      id: 'vm.banner',
      // "Sum of individual system commit … exceeds overall commit" is a known
      // counter wrap-around in the debugger, not a problem of the system.
      severity: /excessive/i.test(b.text) ? 'critical' : /^Sum of individual/i.test(b.text) ? 'info' : 'warning',
      title: `!vm warns: ${b.text}`,
      lines: [b.line],
    });
  }
  if (vm.processes.length > 0) {
    const top = vm.processes.reduce((a, b) => (b.kb > a.kb ? b : a));
    out.push({
      id: 'vm.process.top',
      severity: 'info',
      title: `Largest private memory: ${top.image} (${top.pid}) with ${top.kb} KB`,
      detail: `${vm.processes.length} processes listed.`,
      lines: [top.line],
    });
  }
  if (summary.length > 0) {
    out.push({
      id: 'vm.summary',
      severity: 'info',
      title: `Memory: ${summary.join('; ')}`,
      lines: at('nonpagedpool usage', 'nonpagedpoolnx usage', 'pagedpool usage', 'committed pages'),
    });
  }
  return out;
}

/** Text that cannot be !vm output: a sentence of ordinary words. */
function isProse(text: string): boolean {
  const words = text.trim().split(/\s+/);
  return words.length >= 6 && words.filter((w) => /^[a-z][a-z']*[,.;]?$/.test(w)).length >= 3;
}

/** `!vm` summary → VmInfo; findings for pool exhaustion, commit, banners and the top process. */
export const vmAnalyzer: Analyzer<'vm'> = {
  id: 'vm',
  commands: ['!vm'],
  startsAt(source, i, owned) {
    const text = source.lines[i] as string;
    if (TITLE.test(text) || PAGE_FILE.test(text) || PHYSICAL.test(text)) {
      return true;
    }
    return owned && text.length < 2000 && (KNOWN_TEXT.test(text) || triples(text).length > 0);
  },
  analyze(start, ctx) {
    const vm: VmInfo = { pagedPools: [], pages: {}, banners: [], processes: [], line: start + 1 };
    const lines = new Map<string, number>();
    let end = start;
    let read = 0;
    let skipped = 0;
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
      if (text.length > 100000) {
        break;
      }
      const found = triples(text);
      if (found.length > 0) {
        for (const t of found) {
          store(vm, t, i + 1, lines);
        }
        read += found.length;
        end = i + 1;
        continue;
      }
      if (TITLE.test(text)) {
        if (i !== start && read > 0) {
          break; // a second !vm output begins
        }
        end = i + 1;
        continue;
      }
      const banner = text.length < 300 ? BANNER.exec(text) : null;
      if (banner) {
        vm.banners.push({ text: banner[1] as string, line: i + 1 });
        end = i + 1;
        continue;
      }
      const p = text.length < 200 ? PROCESS.exec(text) : null;
      if (p) {
        vm.processes.push({ pid: (p[1] as string).toLowerCase(), image: p[2] as string, kb: Number(p[4]), line: i + 1 });
        end = i + 1;
        continue;
      }
      if (KNOWN_TEXT.test(text)) {
        end = i + 1;
        continue;
      }
      // Unknown line: newer debuggers add fields; prose or another command's output ends the block.
      if (isProse(text) || ctx.startsOther(i) || text.length > 200) {
        break;
      }
      skipped++;
      end = i + 1;
    }
    if (read === 0) {
      return { ok: false, reason: 'no !vm values recognised', end: Math.max(end, start + 1) };
    }
    return { ok: true, data: vm, findings: findingsFor(vm, lines), end, skipped };
  },
};
