/**
 * TODO: parser for this command family (stub: recognises nothing yet).
 */
import type { Analyzer } from './types';

export const locksAnalyzer: Analyzer<'locks'> = {
  id: 'locks',
  commands: ['!locks', '!cs', '!qlocks'],
  startsAt() {
    return false;
  },
  analyze(start) {
    return { ok: false, reason: 'not implemented', end: start + 1 };
  },
};
