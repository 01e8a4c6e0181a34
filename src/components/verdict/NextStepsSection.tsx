import type { NextStep } from '../../analyzers/types';
import { Section } from '../results/Section';
import { CopyButton } from './CopyButton';

/** Debugger commands worth running next, each with why and a copy button. */
export function NextStepsSection({ steps }: { steps: readonly NextStep[] }) {
  if (steps.length === 0) {
    return null;
  }
  const all = steps.map((s) => s.command).join('\n');
  return (
    <Section id="next-steps" label="Next steps" className="next-steps" tools={steps.length > 1 ? <CopyButton text={all} label="Copy all commands" /> : null}>
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
    </Section>
  );
}
