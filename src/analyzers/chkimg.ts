/**
 * TODO: parser for this command family (stub: recognises nothing yet).
 */
import type { Analyzer } from './types';

export const chkimgAnalyzer: Analyzer<'chkimg'> = {
  id: 'chkimg',
  commands: ['!chkimg'],
  startsAt() {
    return false;
  },
  analyze(start) {
    return { ok: false, reason: 'not implemented', end: start + 1 };
  },
};
