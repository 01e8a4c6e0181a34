/**
 * Work on big texts in slices, one slice per task, so that the page stays
 * responsive: where to cut a text, how large the next slice may be to take
 * about a given time, and a way to yield to the page between two slices.
 * No knowledge of debugger output, Monaco or the DOM beyond MessageChannel.
 */

/** Is `code` the first half of a UTF-16 surrogate pair? */
function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Where the slice of `text` that starts at `from` should end, for a slice of
 * about `size` characters: just after the last line break in the second half
 * of the slice when there is one (so slices are whole lines), otherwise at
 * `from + size` moved so that it never splits a CRLF or a surrogate pair.
 * Always past `from` (unless `from` is the end), at most `text.length`.
 */
export function sliceEnd(text: string, from: number, size: number): number {
  const limit = from + Math.max(1, Math.floor(size));
  if (limit >= text.length) {
    return text.length;
  }
  const lf = text.lastIndexOf('\n', limit - 1);
  if (lf >= from + size / 2) {
    return lf + 1;
  }
  let end = limit;
  if (text.charCodeAt(end - 1) === 0x0d && text.charCodeAt(end) === 0x0a) {
    end++;
  } else if (isHighSurrogate(text.charCodeAt(end - 1))) {
    end = end - 1 > from ? end - 1 : end + 1;
  }
  return end;
}

/** The text cut into slices of about `size` characters (see `sliceEnd`); an empty text gives none. */
export function sliceText(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let from = 0; from < text.length; ) {
    const end = sliceEnd(text, from, size);
    parts.push(text.slice(from, end));
    from = end;
  }
  return parts;
}

/**
 * Adapts a slice size to a time budget: after each slice, `next(ms)` scales
 * the size by how far the slice was from `targetMs`, within `[min, max]`.
 * Text of many short lines costs more per character than text of long ones,
 * so a fixed size would be either slow or needlessly small.
 */
export function adaptiveSize(options: { initial: number; min: number; max: number; targetMs: number }): { readonly size: number; next(ms: number): number } {
  let size = options.initial;
  return {
    get size() {
      return size;
    },
    next(ms) {
      // At most double at a time: one fast slice (a cache warm, a run of long lines) proves little.
      const factor = Math.min(2, options.targetMs / Math.max(1, ms));
      size = Math.round(Math.min(options.max, Math.max(options.min, size * factor)));
      return size;
    },
  };
}

let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

/**
 * Resolves in a new task, after the page has had a chance to handle input and
 * paint. A MessageChannel rather than setTimeout: hidden tabs throttle timers
 * to one a second, and nested timeouts are clamped to 4 ms.
 */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') {
    return new Promise((resolve) => setTimeout(resolve, 0));
  }
  if (channel === null) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
    // Node (tests, the CLI): an idle port must not keep the process alive.
    (channel.port1 as { unref?: () => void }).unref?.();
    (channel.port2 as { unref?: () => void }).unref?.();
  }
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel!.port2.postMessage(null);
  });
}
