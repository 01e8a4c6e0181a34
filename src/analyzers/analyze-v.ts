/**
 * TODO: parser for this command family (stub: recognises nothing yet).
 */
import type { Analyzer } from './types';

export const analyzeVAnalyzer: Analyzer<'analyze-v'> = {
  id: 'analyze-v',
  commands: ['!analyze'],
  startsAt() {
    return false;
  },
  analyze(start) {
    return { ok: false, reason: 'not implemented', end: start + 1 };
  },
};
