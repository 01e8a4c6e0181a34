/** The verdict rule (or parser) behind a reason or finding, so an expert can see why. */
export function RuleRef({ rule }: { rule: string | undefined }) {
  if (rule === undefined || rule === '') {
    return null;
  }
  return (
    <span className="rule-ref" title={rule.startsWith('parse:') ? 'found while reading this command\'s output' : 'the verdict rule that produced this'}>
      rule: {rule}
    </span>
  );
}
