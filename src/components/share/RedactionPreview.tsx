import { useMemo, type ReactNode } from 'react';
import type { RedactionSpan } from '../../permalink';
import { countOf } from '../../lib/text-lines';

/** Most lines listed; the rest are counted. */
export const PREVIEW_MAX_LINES = 200;
/** Characters of context kept around the replacements of a long line. */
const CONTEXT = 60;

function groupByLine(spans: readonly RedactionSpan[]): Map<number, RedactionSpan[]> {
  const byLine = new Map<number, RedactionSpan[]>();
  for (const s of spans) {
    const list = byLine.get(s.line);
    if (list) {
      list.push(s);
    } else {
      byLine.set(s.line, [s]);
    }
  }
  return byLine;
}

function renderLine(text: string, spans: readonly RedactionSpan[]): ReactNode[] {
  const out: ReactNode[] = [];
  const first = spans[0]!.start;
  const last = spans[spans.length - 1]!.end;
  let pos = Math.max(0, first - CONTEXT);
  if (pos > 0) {
    out.push('…');
  }
  spans.forEach((s, i) => {
    if (s.start > pos) {
      out.push(text.slice(pos, s.start));
    }
    // Text only (React escapes it): the original struck through, then its placeholder.
    out.push(
      <span key={i} className={`redaction redaction-${s.kind}`}>
        <del className="redaction-original">{s.original}</del>
        <ins className="redaction-placeholder">{s.placeholder}</ins>
      </span>,
    );
    pos = s.end;
  });
  const end = Math.min(text.length, last + CONTEXT);
  out.push(text.slice(pos, end));
  if (end < text.length) {
    out.push('…');
  }
  return out;
}

/** Every line `redact` changes, each replacement shown as the original struck through and its placeholder. */
export function RedactionPreview({ text, spans }: { text: string; spans: readonly RedactionSpan[] }) {
  // Lines split as the editor and `redact` count them (CRLF, CR or LF).
  const textLines = useMemo(() => text.split(/\r\n|\r|\n/), [text]);
  const byLine = groupByLine(spans);
  const lines = [...byLine.keys()].sort((a, b) => a - b);
  if (lines.length === 0) {
    return <p className="muted small redaction-none">Nothing to replace: no identifiers of the selected kinds were found.</p>;
  }
  const shown = lines.slice(0, PREVIEW_MAX_LINES);
  return (
    <div className="redaction-preview">
      <p className="small redaction-count">
        {spans.length} replacement{spans.length === 1 ? '' : 's'} on {lines.length} line{lines.length === 1 ? '' : 's'}
      </p>
      <ol className="redaction-lines" aria-label="Replacements by line">
        {shown.map((line) => {
          return (
            <li key={line} className="redaction-line">
              <span className="redaction-line-no">{line}</span>
              <code className="redaction-line-text">{renderLine(textLines[line - 1] ?? '', byLine.get(line)!)}</code>
            </li>
          );
        })}
      </ol>
      {lines.length > shown.length ? <p className="muted small">…and {countOf(lines.length - shown.length, 'more line')}.</p> : null}
    </div>
  );
}
