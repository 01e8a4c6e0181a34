/**
 * Public entry point of the analyzers: `analyze(text)` → `AnalysisReport`
 * (../shared/contract/REPORT.md). Pure: the same code runs in the web worker,
 * in Node for the CLI, and in tests.
 */
import { buildReport, emptyReport } from './report';
import { runText } from './run';
import type { AnalysisReport } from './types';

export type * from './types';
export { describeBugcheckReport, describeHeadline, describeModuleOrigin } from './verdict/words';

/**
 * How far an analysis has come. While `parsing`, `done` of `total` input lines
 * are read; `judging` follows (the verdict, `done` = `total`).
 */
export interface AnalyzeProgress {
  phase: 'parsing' | 'judging';
  done: number;
  total: number;
}

/** Options for `analyze`. */
export interface AnalyzeOptions {
  /** Refuse input longer than this many characters (default: no limit). */
  maxChars?: number;
  /**
   * Called as the analysis advances (about every 1 % of the lines, between
   * blocks: one huge block reports once). It must not throw; it cannot change
   * the result.
   */
  onProgress?: (progress: AnalyzeProgress) => void;
}

/** Describe why text cannot be analyzed, or null when it can. */
export function inputProblem(text: string, options: AnalyzeOptions = {}): string | null {
  if (text.trim() === '') {
    return 'The input is empty: paste the output of a debugger session (for example `!analyze -v`).';
  }
  if (options.maxChars !== undefined && text.length > options.maxChars) {
    return (
      `The input is ${text.length.toLocaleString('en-US')} characters long; dumplens analyzes up to ${options.maxChars.toLocaleString('en-US')}. ` +
      'Paste the output of the commands you need (for example `!analyze -v`, `!process 0 7` or `~*kb`) rather than the whole log.'
    );
  }
  // Binary: many control characters other than tab/CR/LF in the first 64 KiB.
  const head = text.slice(0, 65536);
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) {
      control++;
    }
  }
  if (control > 32 && control / head.length > 0.1) {
    return 'This looks like a binary file, not debugger text. A crash dump (.dmp) can be opened as a file (Open file, or drop it on the page): it is read in your browser. Otherwise paste the output of `!analyze -v`.';
  }
  return null;
}

/** Analyze debugger output. Never throws for any input text. */
export function analyze(text: string, options: AnalyzeOptions = {}): AnalysisReport {
  const problem = inputProblem(text, options);
  if (problem !== null) {
    return emptyReport(problem, text);
  }
  try {
    const model = runText(text, options.onProgress);
    const lines = model.source.lines.length;
    options.onProgress?.({ phase: 'judging', done: lines, total: lines });
    return buildReport(model);
  } catch (err) {
    // A bug of ours must not cost the user their text or the page: report it plainly.
    const message = err instanceof Error ? err.message : String(err);
    return emptyReport(`dumplens failed on this input (${message}). Please report it with the text that caused it.`, text);
  }
}
