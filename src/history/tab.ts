/**
 * What belongs to one browser tab: its name, under which its draft is saved
 * (two tabs never overwrite each other's text), and a copy of its text in the
 * tab's sessionStorage, written synchronously when the page is hidden or
 * closed and while IndexedDB refuses to store anything. sessionStorage lives
 * as long as the tab: it survives a reload, not the closing of the tab.
 */
import type { Draft } from './local-store';

const TAB_KEY = 'dumplens.tab';
const SESSION_DRAFT_KEY = 'dumplens.draft';
const CHANNEL = 'dumplens-tabs';

/**
 * Longest text copied into sessionStorage. Chromium allows 10 MB per site
 * (5 million characters), and the copy is written in one synchronous call
 * when the page is being hidden or closed: 2 million characters take a few
 * tens of milliseconds. Longer texts rely on IndexedDB alone.
 */
export const SESSION_DRAFT_MAX_CHARS = 2_000_000;

/** sessionStorage when the browser lets us use it, else null. */
export function usableSessionStorage(): Storage | null {
  try {
    const s = globalThis.sessionStorage;
    const probe = 'dumplens.probe';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

function randomName(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** The name of this tab: kept in its sessionStorage, so a reload keeps it; made up on a tab's first load. */
export function readTabId(session: Storage | null, newName: () => string = randomName): string {
  try {
    const known = session?.getItem(TAB_KEY);
    if (known) {
      return known;
    }
  } catch {
    // fall through: a name for this page only
  }
  const name = newName();
  try {
    session?.setItem(TAB_KEY, name);
  } catch {
    // a name for this page only
  }
  return name;
}

/** The tab's name, which changes if another open tab turns out to have the same one. */
export interface TabIdentity {
  readonly id: string;
  stop(): void;
}

type TabMessage = { type: 'hello' | 'taken'; tab: string; from: string };

/**
 * "Duplicate tab" copies sessionStorage, name included: the two tabs would
 * then share one draft again. Each tab says hello on a BroadcastChannel; a tab
 * that already has the name answers, and the newcomer takes a new name (both
 * do, if they started together). Without BroadcastChannel the name stays.
 */
export function watchTabIdentity(
  session: Storage | null,
  options: { newName?: () => string; channel?: () => BroadcastChannel | null } = {},
): TabIdentity {
  const newName = options.newName ?? randomName;
  let id = readTabId(session, newName);
  const instance = randomName();
  let channel: BroadcastChannel | null = null;
  try {
    channel = options.channel ? options.channel() : typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
  } catch {
    channel = null;
  }
  const post = (message: TabMessage) => {
    try {
      channel?.postMessage(message);
    } catch {
      // a closed channel: nothing to tell
    }
  };
  if (channel) {
    channel.onmessage = (event: MessageEvent<TabMessage>) => {
      const m = event.data;
      if (typeof m !== 'object' || m === null || m.tab !== id || m.from === instance) {
        return;
      }
      if (m.type === 'hello') {
        // This tab had the name first: the newcomer must change.
        post({ type: 'taken', tab: id, from: instance });
      } else {
        // Both tabs of a pair rename when they started together; the older one only answers.
        id = newName();
        try {
          session?.setItem(TAB_KEY, id);
        } catch {
          // a name for this page only
        }
      }
    };
    post({ type: 'hello', tab: id, from: instance });
  }
  return {
    get id() {
      return id;
    },
    stop() {
      channel?.close();
      channel = null;
    },
  };
}

/** The copy of this tab's text in sessionStorage. */
export interface SessionDraft {
  read(): Draft | null;
  /** Store `draft` synchronously; false when it is too long or sessionStorage refuses it. */
  write(draft: Draft): boolean;
  clear(): void;
}

export function createSessionDraft(session: Storage | null, maxChars = SESSION_DRAFT_MAX_CHARS): SessionDraft {
  return {
    read() {
      try {
        const raw = session?.getItem(SESSION_DRAFT_KEY);
        if (!raw) {
          return null;
        }
        const d = JSON.parse(raw) as Partial<Draft>;
        return typeof d.text === 'string' ? { text: d.text, sourceName: typeof d.sourceName === 'string' ? d.sourceName : null, savedAt: Number(d.savedAt) || 0 } : null;
      } catch {
        return null;
      }
    },
    write(draft) {
      if (session === null || draft.text.length > maxChars) {
        return false;
      }
      try {
        session.setItem(SESSION_DRAFT_KEY, JSON.stringify(draft));
        return true;
      } catch {
        return false;
      }
    },
    clear() {
      try {
        session?.removeItem(SESSION_DRAFT_KEY);
      } catch {
        // nothing to clear
      }
    },
  };
}
