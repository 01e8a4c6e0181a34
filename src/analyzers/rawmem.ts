/**
 * TODO: parser for this command family (stub: recognises nothing yet).
 */
import type { Analyzer } from './types';

export const rawmemAnalyzer: Analyzer<'rawmem'> = {
  id: 'rawmem',
  commands: [/^d[pqdcswbau]?[sq]?$/],
  startsAt() {
    return false;
  },
  analyze(start) {
    return { ok: false, reason: 'not implemented', end: start + 1 };
  },
};
