/**
 * Markdown for issue trackers (GitHub, GitLab, Jira's Markdown, Discourse):
 * headline, bug check table with decoded arguments, category, suspects with
 * confidence and evidence lines, findings by severity, next steps and the
 * top stack as code blocks.
 *
 * Every piece of text that came from the pasted input (symbols, titles,
 * paths) is escaped: Markdown punctuation gets a backslash, `<` and `&` can
 * form no HTML, code spans and fences grow longer than any backtick run in
 * their content (WinDbg prints addresses as `fffff880`02fddce8`).
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

/** Backslash-escape Markdown's inline punctuation in plain text (no addresses here: see `escapeMarkdown`). */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~{}]/g, '\\$&').replace(/&/g, '&amp;');
}

/**
 * Escape text for Markdown inline content: backslash-escape the characters
 * that start emphasis, links, code, HTML, tables or strikethrough, turn `&`
 * into `&amp;` (no entities), and escape a leading `#`, `>`, `-`, `+`, `=`
 * or `1.` that would start a block. Addresses (URLs, `www.` names, e-mail
 * addresses, bare domains) go in code spans: GFM's autolinks and markdown-it's
 * linkify turn them into live links anywhere else, backslashes or not, and no
 * renderer links inside a code span. `inTable`: the text sits in a table cell,
 * where a pipe must be escaped even inside a code span.
 */
export function escapeMarkdown(text: string, inTable = false): string {
  const s = splitAddresses(oneLine(text))
    .map((p) => (p.address ? markdownCode(p.text, inTable) : escapeInline(p.text)))
    .join('');
  // Block markers only matter at the start of a line.
  return s.replace(/^(\s*)([#>+=-]|\d+[.)])/, (_m, space: string, mark: string) => `${space}${mark.replace(/([#>+=.)-])/, '\\$1')}`);
}

/**
 * A code span holding `text` verbatim, delimited by more backticks than it
 * contains in a row. `inTable`: the span sits in a GFM table cell, whose pipes
 * split cells before code spans are read, so each `|` is written `\|` (GFM
 * shows it as `|` inside the span).
 */
export function markdownCode(text: string, inTable = false): string {
  const s = oneLine(text);
  if (s === '') {
    return '';
  }
  let longest = 0;
  for (const run of s.match(/`+/g) ?? []) {
    longest = Math.max(longest, run.length);
  }
  const fence = '`'.repeat(longest + 1);
  // A space on each side keeps a leading or trailing backtick from joining the fence (stripped by renderers).
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  const body = inTable ? s.replace(/\|/g, '\\|') : s;
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function markdownCodeBlock(lines: readonly string[], info = 'text'): string {
  let longest = 0;
  for (const l of lines) {
    for (const run of l.match(/`+/g) ?? []) {
      longest = Math.max(longest, run.length);
    }
  }
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${info}`, ...lines.map((l) => l.replace(/\r\n|\r|\n/g, ' ')), fence].join('\n');
}

/** Escape a table cell: pipes too, inside code spans as well (see `markdownCode`). */
function cell(text: string): string {
  return escapeMarkdown(text, true);
}

function lineRef(label: string, line: number | undefined, options: ExportOptions): string {
  if (line === undefined || label === '') {
    return '';
  }
  const url = safeLink(options.lineUrl?.(line) ?? undefined);
  return url === null ? ` (${label})` : ` ([${label}](<${url}>))`;
}

/** The report as Markdown. */
export function toMarkdown(report: AnalysisReport, options: ExportOptions = {}): string {
  const out: string[] = [];
  out.push(`## ${escapeMarkdown(titleOf(report, options))}`, '');
  out.push(`**${escapeMarkdown(report.headline)}**`, '');
  if (report.inputProblem !== undefined && report.inputProblem !== report.headline) {
    out.push(`> ${escapeMarkdown(report.inputProblem)}`, '');
  }

  const b = report.bugcheck;
  if (b !== null) {
    out.push(
      `**Bug check:** ${markdownCode(b.code)}${b.name !== null ? ` ${escapeMarkdown(b.name)}` : ''}${lineRef(`line ${b.line}`, b.line, options)}`,
    );
    if (b.meaning !== undefined && b.meaning !== '') {
      out.push('', escapeMarkdown(b.meaning));
    }
    const args = b.decodedArgs.length > 0 ? b.decodedArgs : b.args.map((value) => ({ value, label: '', decoded: undefined }));
    if (args.length > 0) {
      out.push('', '| Arg | Value | Meaning |', '|---|---|---|');
      args.forEach((a, i) => {
        out.push(`| ${i + 1} | ${markdownCode(a.value, true)} | ${cell(argMeaning(a))} |`);
      });
    }
  } else {
    out.push('**Bug check:** none in this input');
  }
  out.push('', `**Category:** ${escapeMarkdown(report.category)} · **Session:** ${escapeMarkdown(sessionLabel(report))}`, '');

  out.push('### Suspects', '');
  if (report.suspects.length === 0) {
    out.push('No module is blamed by the evidence.', '');
  } else {
    report.suspects.forEach((s, i) => {
      out.push(`${i + 1}. **${markdownCode(s.module)}**: ${percent(s.confidence)} confidence (${escapeMarkdown(suspectOrigin(s))})`);
      for (const r of s.reasons) {
        out.push(`   - ${escapeMarkdown(r.text)}${lineRef(r.line !== undefined ? `line ${r.line}` : '', r.line, options)}`);
      }
    });
    out.push('');
  }

  const groups = findingsBySeverity(report, options);
  if (groups.length > 0) {
    out.push('### Findings', '');
    for (const g of groups) {
      out.push(`#### ${SEVERITY_LABEL[g.severity]} (${g.findings.length})`, '');
      for (const f of g.findings) {
        out.push(`- ${escapeMarkdown(f.title)}${lineRef(linesLabel(f.lines), f.lines[0], options)}`);
        if (f.detail !== undefined && f.detail !== '') {
          out.push(`  ${escapeMarkdown(f.detail)}`);
        }
      }
      out.push('');
    }
    const hidden = hiddenFindings(report, options);
    if (hidden > 0) {
      out.push(`…and ${hidden} more ${hidden === 1 ? 'finding' : 'findings'}.`, '');
    }
  }

  if (report.nextSteps.length > 0) {
    out.push('### Next steps', '');
    const lines: string[] = [];
    for (const s of report.nextSteps) {
      // `*` starts a WinDbg comment that runs to the end of the line, so the block can be pasted as is.
      lines.push(`* ${oneLine(s.why)}`, oneLine(s.command));
    }
    out.push(markdownCodeBlock(lines), '');
  }

  const stack = topStack(report);
  if (stack !== null) {
    const { lines, hidden } = frameLines(stack, options);
    out.push(`### Stack: ${escapeMarkdown(stack.source)}${lineRef(`lines ${stack.line}–${stack.endLine}`, stack.line, options)}`, '');
    out.push(markdownCodeBlock(hidden > 0 ? [...lines, `… ${countOf(hidden, 'more frame')}`] : lines), '');
  }

  out.push('---', '');
  const footer = escapeMarkdown(footerText(options));
  const link = safeLink(options.link);
  out.push(link !== null ? `${footer} [Open the full analysis](<${link}>)` : footer);
  return `${out.join('\n')}\n`;
}
