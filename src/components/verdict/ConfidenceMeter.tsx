import { confidencePercent, confidenceWord } from './labels';

/** Confidence as a bar with its percentage and a word (strong / likely / weak). */
export function ConfidenceMeter({ value }: { value: number }) {
  const pct = confidencePercent(value);
  const word = confidenceWord(value);
  const level = word === 'strong' ? 'strong' : word === 'likely' ? 'likely' : 'weak';
  return (
    <div className={`confidence confidence-${level}`}>
      <span
        className="confidence-bar"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct}% (${word})`}
        aria-label="Confidence"
      >
        <span className="confidence-fill" style={{ width: `${pct}%` }} />
      </span>
      <span className="confidence-text">
        <strong>{pct}%</strong> {word}
      </span>
    </div>
  );
}
