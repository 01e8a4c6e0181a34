/**
 * TODO: parser for this command family (stub: recognises nothing yet).
 */
import type { Analyzer } from './types';

export const registersAnalyzer: Analyzer<'registers'> = {
  id: 'registers',
  commands: ['.trap', '.cxr', 'r', '.frame', '.ecxr'],
  startsAt() {
    return false;
  },
  analyze(start) {
    return { ok: false, reason: 'not implemented', end: start + 1 };
  },
};
