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
import { sliceText } from '../lib/slices';
import { toStorageError, type KvBackend } from './backend';
import { historyTitle, type HistorySummary } from './summary';

/** The editor's text, saved as it is typed: one draft per browser tab. */
export interface Draft {
  text: string;
  sourceName: string | null;
  savedAt: number;
}

/** A draft as `loadDraft` finds it, with the tab that saved it. */
export interface LoadedDraft extends Draft {
  /** The tab whose draft this is: another one's when this tab had none yet (a new tab starts from the newest draft). */
  tab: string;
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

/** Key of the one draft older versions kept (read once, as the draft of a tab named by it). */
const LEGACY_DRAFT_KEY = 'current';
/** Drafts kept, one per tab, newest first: tabs closed long ago lose theirs. */
export const MAX_DRAFTS = 8;
/**
 * Texts are stored as values of at most this many characters, written one per
 * task: storing one value copies it on the main thread (about 5 ms a megabyte),
 * so a 60 MB text in one value would block the page for a third of a second.
 */
export const TEXT_PART_CHARS = 512_000;

/** How a stored text is described next to its parts. */
interface TextHead {
  /** Characters of the whole text: a text whose parts do not add up to it is damaged and not used. */
  length: number;
  parts: number;
}

interface DraftMeta extends TextHead {
  tab: string;
  sourceName: string | null;
  savedAt: number;
}

interface HistoryTextHead extends TextHead {
  kind: 'text-parts';
}

const draftMetaKey = (tab: string) => `meta:${tab}`;
const draftTextPrefix = (tab: string) => `text:${tab}#`;
const historyTextPrefix = (id: string) => `${id}#`;

/** Keys and values of `text` cut into parts under `prefix` (`prefix000000`, `prefix000001`…). */
function textEntries(prefix: string, text: string): { head: TextHead; entries: [string, string][] } {
  const parts = sliceText(text, TEXT_PART_CHARS);
  return { head: { length: text.length, parts: parts.length }, entries: parts.map((part, i) => [`${prefix}${String(i).padStart(6, '0')}`, part]) };
}

/** The text stored in parts under `prefix`, or null when they are missing or do not add up. */
async function readText(backend: KvBackend, area: 'draft' | 'history-text', prefix: string, head: TextHead): Promise<string | null> {
  const parts = await backend.valuesWithPrefix<unknown>(area, prefix);
  if (parts.length !== head.parts || !parts.every((p): p is string => typeof p === 'string')) {
    return null;
  }
  const text = parts.join('');
  return text.length === head.length ? text : null;
}

function isDraftMeta(v: unknown): v is DraftMeta {
  const m = v as Partial<DraftMeta> | null;
  return typeof m === 'object' && m !== null && typeof m.tab === 'string' && typeof m.length === 'number' && typeof m.parts === 'number';
}

export interface LocalStore {
  /** Where things are kept: `indexeddb`, else `local-storage`, else only `memory` (lost on reload). */
  readonly backendKind: KvBackend['kind'];
  /** The draft of tab `tab`; without one, the newest draft of any tab (or of an older dumplens). */
  loadDraft(tab: string): Promise<LoadedDraft | null>;
  /** Save the draft of tab `tab` (another tab's draft is never touched, except by `pruneDrafts`). */
  saveDraft(tab: string, draft: Draft): Promise<void>;
  /** Drop all but the newest `MAX_DRAFTS` drafts (tab `keep`'s always stays). */
  pruneDrafts(keep: string): Promise<void>;
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

  async function draftMetas(): Promise<DraftMeta[]> {
    return (await backend.valuesWithPrefix<unknown>('draft', 'meta:')).filter(isDraftMeta).sort((a, b) => b.savedAt - a.savedAt);
  }

  async function openContent(id: string): Promise<HistoryContent | null> {
    const head = await backend.get<HistoryContent | HistoryTextHead>('history-text', id);
    if (head === undefined || head === null) {
      return null;
    }
    if (head.kind === 'text-parts') {
      const text = await readText(backend, 'history-text', historyTextPrefix(id), head);
      return text === null ? null : { kind: 'text', text };
    }
    return head;
  }

  async function deleteContent(id: string): Promise<void> {
    await backend.writeBatch('history-text', { clear: historyTextPrefix(id), entries: [] });
    await backend.delete('history-text', id);
  }

  return {
    backendKind: backend.kind,
    loadDraft: (tab) =>
      guard(async () => {
        const metas = await draftMetas();
        // This tab's own draft first (a reload), else the newest one (a new tab starts where the last one was).
        for (const m of [...metas.filter((m) => m.tab === tab), ...metas.filter((m) => m.tab !== tab)]) {
          const text = await readText(backend, 'draft', draftTextPrefix(m.tab), m);
          if (text !== null) {
            return { text, sourceName: m.sourceName ?? null, savedAt: m.savedAt ?? 0, tab: m.tab };
          }
        }
        const d = await backend.get<Draft>('draft', LEGACY_DRAFT_KEY);
        return d !== undefined && d !== null && typeof d.text === 'string'
          ? { text: d.text, sourceName: d.sourceName ?? null, savedAt: d.savedAt ?? 0, tab: LEGACY_DRAFT_KEY }
          : null;
      }),
    saveDraft: (tab, draft) =>
      guard(async () => {
        const { head, entries } = textEntries(draftTextPrefix(tab), draft.text);
        const meta: DraftMeta = { ...head, tab, sourceName: draft.sourceName, savedAt: draft.savedAt };
        // The parts, then their description, in one transaction: a draft is whole or not changed.
        await backend.writeBatch('draft', { clear: draftTextPrefix(tab), entries: [...entries, [draftMetaKey(tab), meta]] });
      }),
    pruneDrafts: (keep) =>
      guard(async () => {
        const metas = await draftMetas();
        const stale = metas.filter((m) => m.tab !== keep).slice(MAX_DRAFTS - 1);
        for (const m of stale) {
          await backend.writeBatch('draft', { clear: draftTextPrefix(m.tab), entries: [] });
          await backend.delete('draft', draftMetaKey(m.tab));
        }
        if (metas.length > 0) {
          await backend.delete('draft', LEGACY_DRAFT_KEY);
        }
      }),
    listHistory: () => guard(list),
    openHistory: (id) => guard(() => openContent(id)),
    saveHistory: (input) =>
      guard(async () => {
        const hash = contentHash(input.content);
        const metas = await list();
        let id = input.id;
        if (id === undefined) {
          for (const m of metas.filter((m) => m.hash === hash)) {
            if (sameContent((await openContent(m.id)) ?? undefined, input.content)) {
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
        // Content first: a meta record never points at missing content. A text goes in
        // parts (see TEXT_PART_CHARS), a report (capped in size) as one value.
        if (input.content.kind === 'text') {
          const { head, entries } = textEntries(historyTextPrefix(meta.id), input.content.text);
          const textHead: HistoryTextHead = { kind: 'text-parts', ...head };
          await backend.writeBatch('history-text', { clear: historyTextPrefix(meta.id), entries: [...entries, [meta.id, textHead]] });
        } else {
          await backend.writeBatch('history-text', { clear: historyTextPrefix(meta.id), entries: [[meta.id, input.content]] });
        }
        await backend.set('history', meta.id, meta);
        const stale = [meta, ...metas.filter((m) => m.id !== meta.id)].slice(max);
        for (const m of stale) {
          await backend.delete('history', m.id);
          await deleteContent(m.id);
        }
        changed();
        return meta;
      }),
    deleteHistory: (id) =>
      guard(async () => {
        await backend.delete('history', id);
        await deleteContent(id);
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
