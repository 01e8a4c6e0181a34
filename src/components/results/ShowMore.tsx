import { useCallback, useState } from 'react';

/** The first `page` items of a long list, and a way to show more (lists stay fast with thousands of entries). */
export function usePaged<T>(
  items: readonly T[],
  page: number,
): { visible: readonly T[]; more: number; showMore: () => void; reset: () => void; ensureVisible: (index: number) => void } {
  const [limit, setLimit] = useState(page);
  const showMore = useCallback(() => setLimit((l) => l + page), [page]);
  const reset = useCallback(() => setLimit(page), [page]);
  const ensureVisible = useCallback((index: number) => setLimit((l) => Math.max(l, (Math.floor(index / page) + 1) * page)), [page]);
  return {
    visible: items.length > limit ? items.slice(0, limit) : items,
    more: Math.max(0, items.length - limit),
    showMore,
    reset,
    ensureVisible,
  };
}

/** "Show 50 more (1,234 hidden)" under a paged list. */
export function ShowMoreButton({ more, page, onClick, what }: { more: number; page: number; onClick: () => void; what: string }) {
  if (more <= 0) {
    return null;
  }
  return (
    <div className="show-more">
      <button type="button" className="button button-small" onClick={onClick}>
        Show {Math.min(more, page).toLocaleString('en-US')} more {what}
      </button>
      <span className="muted small">{more.toLocaleString('en-US')} not shown</span>
    </div>
  );
}
