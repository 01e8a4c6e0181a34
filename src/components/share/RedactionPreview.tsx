import type { SharePreview } from '../../worker/share-prepare';
import { countOf } from '../../lib/text-lines';

/**
 * Every line `redact` changes (the first few hundred), each replacement shown
 * as the original struck through and its placeholder. The share worker cut
 * the lines down to their replacements and some context.
 */
export function RedactionPreview({ preview }: { preview: SharePreview }) {
  if (preview.lineCount === 0) {
    return <p className="muted small redaction-none">Nothing to replace: no identifiers of the selected kinds were found.</p>;
  }
  return (
    <div className="redaction-preview">
      <p className="small redaction-count">
        {countOf(preview.replacements, 'replacement')} on {countOf(preview.lineCount, 'line')}
      </p>
      <ol className="redaction-lines" aria-label="Replacements by line">
        {preview.lines.map(({ line, parts }) => (
          <li key={line} className="redaction-line">
            <span className="redaction-line-no">{line}</span>
            <code className="redaction-line-text">
              {parts.map((p, i) =>
                typeof p === 'string' ? (
                  p
                ) : (
                  // Text only (React escapes it): the original struck through, then its placeholder.
                  <span key={i} className={`redaction redaction-${p.kind}`}>
                    <del className="redaction-original">{p.original}</del>
                    <ins className="redaction-placeholder">{p.placeholder}</ins>
                  </span>
                ),
              )}
            </code>
          </li>
        ))}
      </ol>
      {preview.lineCount > preview.lines.length ? <p className="muted small">…and {countOf(preview.lineCount - preview.lines.length, 'more line')}.</p> : null}
    </div>
  );
}
