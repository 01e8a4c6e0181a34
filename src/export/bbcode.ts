/**
 * BBCode for BSOD help forums (Sysnative, TenForums, ElevenForum: XenForo;
 * also phpBB and vBulletin): [b], [list], [code], and [color] only on the
 * severity of critical and warning findings.
 *
 * BBCode has no escape character. Text from the pasted input could hold
 * `[b]`, `[url=…]` or `[/code]` (closing a code block early); a ZERO WIDTH
 * SPACE (U+200B) after such a `[` keeps every forum engine from reading a
 * tag while the text still looks the same; addresses are broken up the same
 * way so that no forum makes a live link of them.
 */
import type { AnalysisReport } from '../analyzers/types';
import {
  argMeaning,
  findingsBySeverity,
  footerText,
  frameLines,
  hiddenFindings,
  linesLabel,
  oneLine,
  percent,
  sessionLabel,
  safeLink,
  SEVERITY_LABEL,
  splitAddresses,
  suspectOrigin,
  titleOf,
  topStack,
  type ExportOptions,
} from './common';
import { countOf } from '../lib/text-lines';

const ZWSP = '\u200b';

/**
 * Text for BBCode: a `[` that could open or close a tag (`[b]`, `[/code]`,
 * `[*]`) gets a zero-width space after it. So does every `.`, `:` and `@` of
 * an address (URL, `www.` name, e-mail address, bare domain): forum engines
 * turn addresses in posts into live links (XenForo's and vBulletin's
 * autolinks, phpBB's "magic URLs"), and `https\u200b://evil\u200b.example`
 * matches none of them while it reads the same.
 */
export function escapeBBCode(text: string): string {
  const unlinked = splitAddresses(oneLine(text))
    .map((p) => (p.address ? p.text.replace(/[.:@]/g, `${ZWSP}$&`) : p.text))
    .join('');
  return unlinked.replace(/\[(?=\/?[A-Za-z*])/g, `[${ZWSP}`);
}

/** A [code] block: only a closing `[/code]` is special inside one, so only it is broken up. */
export function bbCodeBlock(lines: readonly string[]): string {
  const body = lines.map((l) => l.replace(/\r\n|\r|\n/g, ' ').replace(/\[(?=\s*\/\s*code\s*\])/gi, `[${ZWSP}`));
  return ['[code]', ...body, '[/code]'].join('\n');
}

const SEVERITY_COLOR: Readonly<Record<string, string>> = { critical: '#c00000', warning: '#b36200' };

function lineNote(label: string): string {
  return label === '' ? '' : ` (${label})`;
}

/** The report as BBCode. */
export function toBBCode(report: AnalysisReport, options: ExportOptions = {}): string {
  const out: string[] = [];
  out.push(`[b]${escapeBBCode(titleOf(report, options))}[/b]`, escapeBBCode(report.headline), '');

  const b = report.bugcheck;
  if (b !== null) {
    out.push(`[b]Bug check:[/b] ${escapeBBCode(b.code)}${b.name !== null ? ` ${escapeBBCode(b.name)}` : ''}${lineNote(`line ${b.line}`)}`);
    if (b.meaning !== undefined && b.meaning !== '') {
      out.push(escapeBBCode(b.meaning));
    }
    const args = b.decodedArgs.length > 0 ? b.decodedArgs : b.args.map((value) => ({ value, label: '', decoded: undefined }));
    if (args.length > 0) {
      out.push('[list]');
      args.forEach((a, i) => {
        const meaning = argMeaning(a);
        out.push(`[*]Arg${i + 1} ${escapeBBCode(a.value)}${meaning !== '' ? `: ${escapeBBCode(meaning)}` : ''}`);
      });
      out.push('[/list]');
    }
  } else {
    out.push('[b]Bug check:[/b] none in this input');
  }
  out.push(`[b]Category:[/b] ${escapeBBCode(report.category)}   [b]Session:[/b] ${escapeBBCode(sessionLabel(report))}`, '');

  out.push('[b]Suspects[/b]');
  if (report.suspects.length === 0) {
    out.push('No module is blamed by the evidence.');
  } else {
    out.push('[list=1]');
    for (const s of report.suspects) {
      out.push(`[*][b]${escapeBBCode(s.module)}[/b]: ${percent(s.confidence)} confidence (${escapeBBCode(suspectOrigin(s))})`);
      if (s.reasons.length > 0) {
        out.push('[list]');
        for (const r of s.reasons) {
          out.push(`[*]${escapeBBCode(r.text)}${lineNote(r.line !== undefined ? `line ${r.line}` : '')}`);
        }
        out.push('[/list]');
      }
    }
    out.push('[/list]');
  }
  out.push('');

  const groups = findingsBySeverity(report, options);
  if (groups.length > 0) {
    out.push('[b]Findings[/b]', '[list]');
    for (const g of groups) {
      const color = SEVERITY_COLOR[g.severity];
      const label = color !== undefined ? `[color=${color}][b]${SEVERITY_LABEL[g.severity]}[/b][/color]` : `[b]${SEVERITY_LABEL[g.severity]}[/b]`;
      for (const f of g.findings) {
        const detail = f.detail !== undefined && f.detail !== '' ? `: ${escapeBBCode(f.detail)}` : '';
        out.push(`[*]${label} ${escapeBBCode(f.title)}${lineNote(linesLabel(f.lines))}${detail}`);
      }
    }
    out.push('[/list]');
    const hidden = hiddenFindings(report, options);
    if (hidden > 0) {
      out.push(`…and ${hidden} more ${hidden === 1 ? 'finding' : 'findings'}.`);
    }
    out.push('');
  }

  if (report.nextSteps.length > 0) {
    const lines: string[] = [];
    for (const s of report.nextSteps) {
      lines.push(`* ${oneLine(s.why)}`, oneLine(s.command));
    }
    out.push('[b]Next steps[/b] (WinDbg commands; lines starting with * are comments)', bbCodeBlock(lines), '');
  }

  const stack = topStack(report);
  if (stack !== null) {
    const { lines, hidden } = frameLines(stack, options);
    out.push(`[b]Stack:[/b] ${escapeBBCode(stack.source)} (lines ${stack.line}–${stack.endLine})`);
    out.push(bbCodeBlock(hidden > 0 ? [...lines, `… ${countOf(hidden, 'more frame')}`] : lines), '');
  }

  const footer = escapeBBCode(footerText(options));
  const link = safeLink(options.link);
  out.push(link !== null ? `${footer} [url=${link}]Open the full analysis[/url]` : footer);
  return `${out.join('\n')}\n`;
}
