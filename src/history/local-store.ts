/**
 * What dumplens keeps in this browser, and nothing else: the editor's draft
 * (so a reload or a crashed tab loses nothing) and the recent analyses
 * (History). Everything stays local; nothing is ever sent anywhere.
 *
 * History entries are split in two areas so the list loads without the
 * texts: `history` holds small `HistoryMeta` records, `history-text` the
 * text (or, for a shared "analysis only" link, the report) under the same id.
 */
import type { AnalysisReport } from '../analyzers/types';
import { toStorageError, type KvBackend } from './backend';
import { historyTitle, type HistorySummary } from './summary';

/** The editor's text, saved as it is typed. */
export interface Draft {
  text: string;
  sourceName: string | null;
  savedAt: number;
}

/** One history entry, without its content. */
export interface HistoryMeta {
  id: string;
  /** `text`: a debugger session (reopening analyzes it again); `report`: a shared analysis without text. */
  kind: 'text' | 'report';
  title: string;
  savedAt: number;
  sourceName: string | null;
  summary: HistorySummary;
  /** Characters of text (0 for a report). */
  size: number;
  /** Identity of the content, to reuse an entry when the same text is opened again. */
  hash: string;
  /** The content was redacted before it was shared. */
  redacted: boolean;
}

/** The content of one entry. */
export type HistoryContent = { kind: 'text'; text: string } | { kind: 'report'; report: AnalysisReport };

/** What `saveHistory` needs. With `id`, that entry is replaced; without, an entry with the same content is reused. */
export interface HistoryInput {
  id?: string;
  content: HistoryContent;
  summary: HistorySummary;
  sourceName: string | null;
  redacted?: boolean;
}

/** Most entries kept; older ones are dropped. */
export const MAX_HISTORY = 50;

const DRAFT_KEY = 'current';

export interface LocalStore {
  /** Where things are kept: `indexeddb`, else `local-storage`, else only `memory` (lost on reload). */
  readonly backendKind: KvBackend['kind'];
  loadDraft(): Promise<Draft | null>;
  saveDraft(draft: Draft): Promise<void>;
  /** Newest first. */
  listHistory(): Promise<HistoryMeta[]>;
  openHistory(id: string): Promise<HistoryContent | null>;
  saveHistory(input: HistoryInput): Promise<HistoryMeta>;
  deleteHistory(id: string): Promise<void>;
  clearHistory(): Promise<void>;
  /** Called after every change of the history. */
  subscribe(listener: () => void): () => void;
}

/** Code units a hash looks at, at most: enough to tell texts apart, cheap on a 10 MB paste. */
const HASH_SAMPLE = 1 << 16;

/**
 * FNV-1a (32-bit) of the length and of at most `HASH_SAMPLE` code units
 * spread evenly over the text: a cheap filter for dedupe (equal hashes are
 * then compared in full), not an identity and not security.
 */
export function contentHash(content: HistoryContent): string {
  const s = content.kind === 'text' ? content.text : JSON.stringify(content.report);
  const step = Math.max(1, Math.floor(s.length / HASH_SAMPLE));
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += step) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${content.kind}:${s.length}:${(h >>> 0).toString(16).padStart(8, '0')}`;
}

function sameContent(a: HistoryContent | undefined, b: HistoryContent): boolean {
  if (a === undefined || a.kind !== b.kind) {
    return false;
  }
  return a.kind === 'text' ? a.text === (b as { text: string }).text : JSON.stringify(a.report) === JSON.stringify((b as { report: AnalysisReport }).report);
}

export interface LocalStoreOptions {
  now?: () => number;
  newId?: () => string;
  maxHistory?: number;
}

let idSeq = 0;
function defaultId(): string {
  return `${Date.now().toString(36)}-${(idSeq++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The draft and history on top of a key/value backend. Errors reject as `StorageError`. */
export function createLocalStore(backend: KvBackend, options: LocalStoreOptions = {}): LocalStore {
  const now = options.now ?? (() => Date.now());
  const newId = options.newId ?? defaultId;
  const max = options.maxHistory ?? MAX_HISTORY;
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());
  const guard = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw toStorageError(err);
    }
  };

  async function list(): Promise<HistoryMeta[]> {
    const all = await backend.values<HistoryMeta>('history');
    return all.filter((m) => typeof m?.id === 'string').sort((a, b) => b.savedAt - a.savedAt);
  }

  return {
    backendKind: backend.kind,
    loadDraft: () =>
      guard(async () => {
        const d = await backend.get<Draft>('draft', DRAFT_KEY);
        return d !== undefined && typeof d.text === 'string' ? { text: d.text, sourceName: d.sourceName ?? null, savedAt: d.savedAt ?? 0 } : null;
      }),
    saveDraft: (draft) => guard(() => backend.set('draft', DRAFT_KEY, draft)),
    listHistory: () => guard(list),
    openHistory: (id) => guard(async () => (await backend.get<HistoryContent>('history-text', id)) ?? null),
    saveHistory: (input) =>
      guard(async () => {
        const hash = contentHash(input.content);
        const metas = await list();
        let id = input.id;
        if (id === undefined) {
          for (const m of metas.filter((m) => m.hash === hash)) {
            if (sameContent(await backend.get<HistoryContent>('history-text', m.id), input.content)) {
              id = m.id;
              break;
            }
          }
        }
        const meta: HistoryMeta = {
          id: id ?? newId(),
          kind: input.content.kind,
          title: historyTitle(input.summary),
          savedAt: now(),
          sourceName: input.sourceName,
          summary: input.summary,
          size: input.content.kind === 'text' ? input.content.text.length : 0,
          hash,
          redacted: input.redacted ?? false,
        };
        // Content first: a meta record never points at missing content.
        await backend.set('history-text', meta.id, input.content);
        await backend.set('history', meta.id, meta);
        const stale = [meta, ...metas.filter((m) => m.id !== meta.id)].slice(max);
        for (const m of stale) {
          await backend.delete('history', m.id);
          await backend.delete('history-text', m.id);
        }
        changed();
        return meta;
      }),
    deleteHistory: (id) =>
      guard(async () => {
        await backend.delete('history', id);
        await backend.delete('history-text', id);
        changed();
      }),
    clearHistory: () =>
      guard(async () => {
        await backend.clear('history');
        await backend.clear('history-text');
        changed();
      }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Why storage is limited, for the UI; null when IndexedDB works. */
export function storageLimitation(kind: KvBackend['kind']): string | null {
  if (kind === 'indexeddb') {
    return null;
  }
  return kind === 'local-storage'
    ? 'This browser does not offer IndexedDB here, so dumplens keeps your draft and history in the smaller localStorage: very long texts may not be saved.'
    : 'This browser does not let dumplens store anything (private browsing, or site data turned off): your text and history will be lost when this tab is closed or reloaded.';
}
