/**
 * The report as plain text: for e-mail, chat, or a ticket field that takes
 * no markup. Lines are laid out with two-space indents. There is no markup to
 * escape, but mail, chat and forum clients turn addresses into live links, so
 * every address that came from the report is defanged
 * (`https[:]//evil[.]example`); only the link to the full analysis stays live.
 */
import type { AnalysisReport } from '../analyzers/types';
import {
  argMeaning,
  defangText,
  findingsBySeverity,
  footerText,
  frameLines,
  hiddenFindings,
  linesLabel,
  oneLine,
  percent,
  safeLink,
  sessionLabel,
  SEVERITY_LABEL,
  suspectOrigin,
  titleOf,
  topStack,
  type ExportOptions,
} from './common';
import { countOf } from '../lib/text-lines';

/** One line of report text, its addresses defanged. */
function line(s: string): string {
  return defangText(oneLine(s));
}

/** The report as plain text. */
export function toPlainText(report: AnalysisReport, options: ExportOptions = {}): string {
  const out: string[] = [];
  const title = line(titleOf(report, options));
  out.push(title, '='.repeat(Math.min(72, Math.max(3, title.length))), '', line(report.headline), '');

  const b = report.bugcheck;
  if (b !== null) {
    out.push(`Bug check: ${line(b.code)}${b.name !== null ? ` ${line(b.name)}` : ''} (line ${b.line})`);
    if (b.meaning !== undefined && b.meaning !== '') {
      out.push(`  ${line(b.meaning)}`);
    }
    const args = b.decodedArgs.length > 0 ? b.decodedArgs : b.args.map((value) => ({ value, label: '', decoded: undefined }));
    args.forEach((a, i) => {
      const meaning = argMeaning(a);
      out.push(`  Arg${i + 1} ${line(a.value).padEnd(20)}${meaning !== '' ? ` ${line(meaning)}` : ''}`);
    });
  } else {
    out.push('Bug check: none in this input');
  }
  out.push(`Category:  ${report.category}`, `Session:   ${sessionLabel(report)}`, '');

  out.push('Suspects');
  if (report.suspects.length === 0) {
    out.push('  none: no module is blamed by the evidence');
  }
  report.suspects.forEach((s, i) => {
    out.push(`  ${i + 1}. ${line(s.module)}  ${percent(s.confidence)}  (${line(suspectOrigin(s))})`);
    for (const r of s.reasons) {
      out.push(`     - ${line(r.text)}${r.line !== undefined ? ` (line ${r.line})` : ''}`);
    }
  });
  out.push('');

  const groups = findingsBySeverity(report, options);
  if (groups.length > 0) {
    out.push('Findings');
    for (const g of groups) {
      for (const f of g.findings) {
        const where = linesLabel(f.lines);
        out.push(`  [${SEVERITY_LABEL[g.severity]}] ${line(f.title)}${where !== '' ? ` (${where})` : ''}`);
        if (f.detail !== undefined && f.detail !== '') {
          out.push(`      ${line(f.detail)}`);
        }
      }
    }
    const hidden = hiddenFindings(report, options);
    if (hidden > 0) {
      out.push(`  …and ${countOf(hidden, 'more finding')}`);
    }
    out.push('');
  }

  if (report.nextSteps.length > 0) {
    out.push('Next steps');
    for (const s of report.nextSteps) {
      out.push(`  ${line(s.command)}`, `      ${line(s.why)}`);
    }
    out.push('');
  }

  const stack = topStack(report);
  if (stack !== null) {
    const { lines, hidden } = frameLines(stack, options);
    out.push(`Stack: ${line(stack.source)} (lines ${stack.line}–${stack.endLine})`);
    out.push(...lines.map((l) => `  ${line(l)}`));
    if (hidden > 0) {
      out.push(`  … ${countOf(hidden, 'more frame')}`);
    }
    out.push('');
  }

  out.push(footerText(options));
  const link = safeLink(options.link);
  if (link !== null) {
    out.push(link);
  }
  return `${out.join('\n')}\n`;
}
