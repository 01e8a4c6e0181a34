/**
 * TODO: parser for this command family (stub: recognises nothing yet).
 */
import type { Analyzer } from './types';

export const disasmAnalyzer: Analyzer<'disasm'> = {
  id: 'disasm',
  commands: ['u', 'ub', 'uf'],
  startsAt() {
    return false;
  },
  analyze(start) {
    return { ok: false, reason: 'not implemented', end: start + 1 };
  },
};
