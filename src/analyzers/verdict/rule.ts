/**
 * The shape of one verdict rule, like an ESLint rule: an id, the expert habit
 * it encodes and where that habit is written down publicly, and `apply`,
 * which reads the context and adds evidence, findings and signals through it
 * (everything it adds carries its id).
 */
import type { VerdictContext } from './context';

export interface Rule {
  /** Stable kebab-case id, shown beside every reason the rule produces (`rule: lock-owner`). */
  readonly id: string;
  /** One line: what the rule looks at. */
  readonly description: string;
  /** The expert reasoning it encodes, in a paragraph. */
  readonly reasoning: string;
  /** Where that reasoning is written down publicly (a Microsoft docs page, a book, a write-up). */
  readonly source: string;
  /** Add evidence, findings and signals to the context. */
  apply(ctx: VerdictContext): void;
}
