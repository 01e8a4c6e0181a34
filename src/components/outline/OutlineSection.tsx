import { useMemo, useState } from 'react';
import type { AnalysisReport, CommandSpan } from '../../analyzers/types';
import { countOf } from '../../lib/text-lines';
import { useAppStore } from '../../store/context';
import { selectRevealLine } from '../../store/selectors';
import { Section } from '../results/Section';
import { ShowMoreButton, usePaged } from '../results/ShowMore';

const PAGE = 150;

/** How the command is shown: output recognised without a prompt is named in parentheses by the analyzers. */
function commandText(c: CommandSpan): string {
  return c.command === '' ? '(output without a command)' : c.command;
}

/** Every command found in the input with its line span; a click shows it in the editor. */
export function OutlineSection({ report }: { report: AnalysisReport }) {
  const revealLine = useAppStore(selectRevealLine);
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const rows = useMemo(() => (needle === '' ? report.commands : report.commands.filter((c) => c.command.toLowerCase().includes(needle))), [report.commands, needle]);
  const paged = usePaged(rows, PAGE);
  if (report.commands.length === 0) {
    return null;
  }
  const { stats } = report;
  return (
    <Section
      id="outline"
      label="Outline"
      count={report.commands.length}
      className="outline"
      tools={
        report.commands.length > 12 ? (
          <input type="search" className="filter-input" placeholder="Filter commands…" aria-label="Filter commands" value={filter} onChange={(e) => setFilter(e.target.value)} />
        ) : null
      }
    >
      <ol className="outline-list" aria-label="Commands in the input">
        {paged.visible.map((c, i) => (
          <li key={`${c.line}-${i}`}>
            <button type="button" className="outline-item" onClick={() => revealLine(c.line)} title={`Show line ${c.line} in the editor`}>
              <code className={`outline-command${c.command.startsWith('(') ? ' is-implicit' : ''}`}>{commandText(c)}</code>
              <span className="outline-lines">
                {c.endLine > c.line ? `lines ${c.line}–${c.endLine}` : `line ${c.line}`}
              </span>
            </button>
          </li>
        ))}
      </ol>
      <ShowMoreButton more={paged.more} page={PAGE} onClick={paged.showMore} what="commands" />
      <p className="muted small section-note">
        {countOf(stats.lines, 'line')} read
        {stats.skippedLines > 0 ? `, ${stats.skippedLines.toLocaleString('en-US')} not understood (prose, unknown commands)` : ''}
        {stats.truncated ? '; the input looks cut off' : ''}.
      </p>
    </Section>
  );
}
