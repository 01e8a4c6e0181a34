/**
 * TODO: parser for this command family (stub: recognises nothing yet).
 */
import type { Analyzer } from './types';

export const threadAnalyzer: Analyzer<'thread'> = {
  id: 'thread',
  commands: ['!thread', '.thread'],
  startsAt() {
    return false;
  },
  analyze(start) {
    return { ok: false, reason: 'not implemented', end: start + 1 };
  },
};
