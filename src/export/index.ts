/**
 * Exports of an `AnalysisReport` for pasting elsewhere: Markdown (issue
 * trackers), BBCode (BSOD forums), JSON (tools), plain text (mail, chat).
 * Pure functions of the report; no DOM, no clock.
 */
export { toMarkdown, escapeMarkdown, markdownCode, markdownCodeBlock } from './markdown';
export { toBBCode, escapeBBCode, bbCodeBlock } from './bbcode';
export { toJson, REPORT_KEY_ORDER, type JsonExportOptions } from './json';
export { toPlainText } from './plain-text';
export { topStack, type ExportOptions } from './common';

/** The export formats, for a menu. */
export const EXPORT_FORMATS = [
  { id: 'markdown', label: 'Markdown (GitHub, GitLab, Jira)', extension: '.md', mime: 'text/markdown' },
  { id: 'bbcode', label: 'BBCode (Sysnative, TenForums, ElevenForum)', extension: '.txt', mime: 'text/plain' },
  { id: 'text', label: 'Plain text', extension: '.txt', mime: 'text/plain' },
  { id: 'json', label: 'JSON', extension: '.json', mime: 'application/json' },
] as const;

/** One of `EXPORT_FORMATS`' ids. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number]['id'];

import type { AnalysisReport } from '../analyzers/types';
import { toBBCode as bb } from './bbcode';
import type { ExportOptions as Options } from './common';
import { toJson as json } from './json';
import { toMarkdown as md } from './markdown';
import { toPlainText as text } from './plain-text';

/** The report in `format`. */
export function exportReport(report: AnalysisReport, format: ExportFormat, options: Options = {}): string {
  switch (format) {
    case 'markdown':
      return md(report, options);
    case 'bbcode':
      return bb(report, options);
    case 'json':
      return json(report);
    case 'text':
      return text(report, options);
  }
}
