import { useEffect, useState } from 'react';
import type { NextStep } from '../../analyzers/types';
import { copyText } from '../../lib/clipboard';

function CopyButton({ text }: { text: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') {
      return;
    }
    const t = setTimeout(() => setState('idle'), 1800);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <button
      type="button"
      className="button button-small copy-button"
      onClick={() => {
        void copyText(text).then((ok) => setState(ok ? 'copied' : 'failed'));
      }}
      aria-label={`Copy ${text}`}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
    </button>
  );
}

/** Debugger commands worth running next, each with why and a copy button. */
export function NextStepsSection({ steps }: { steps: readonly NextStep[] }) {
  if (steps.length === 0) {
    return null;
  }
  return (
    <section aria-label="Next steps" className="card next-steps">
      <h2 className="section-title">Next steps</h2>
      <ol className="step-list">
        {steps.map((step, i) => (
          <li key={i} className="step">
            <div className="step-command">
              <code>{step.command}</code>
              <CopyButton text={step.command} />
            </div>
            <p className="step-why">{step.why}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
