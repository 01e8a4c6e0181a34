/**
 * JSON written as a stream, for `npm run analyze -- --full`: the whole report
 * of a 100 MB session is over 200 MB of JSON, which one `JSON.stringify`
 * would hold in memory at once (twice, with its UTF-8 copy) before the first
 * byte is written.
 *
 * The value is walked; an object or array whose members are all primitives
 * (a frame, a module row, a pool tag) is written by `JSON.stringify` itself,
 * anything larger member by member. Output is collected in chunks of about
 * `CHUNK` characters, and the writer waits whenever the stream asks it to
 * (backpressure). The text is the same as `JSON.stringify(value, null, indent)`.
 */

/** Characters collected before a chunk is written. */
const CHUNK = 1 << 20;

/** Where the chunks go: resolves once the chunk may be followed by the next. */
export type ChunkWriter = (chunk: string) => Promise<void> | void;

function isLeaf(value: object): boolean {
  for (const v of Array.isArray(value) ? value : Object.values(value)) {
    if (typeof v === 'object' && v !== null) {
      return false;
    }
  }
  return true;
}

/** What `JSON.stringify` writes for a member value, or undefined when it leaves the member out. */
function hasJson(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/**
 * Write `value` as JSON, `indent` spaces per level (0: one line), through
 * `write`. Values with a `toJSON` method, other than plain objects and arrays,
 * are written as `JSON.stringify` would write them.
 */
export async function writeJsonStream(value: unknown, write: ChunkWriter, indent = 2): Promise<void> {
  let buffer: string[] = [];
  let size = 0;
  /** Collect `s`; true when a chunk is ready to be written. */
  const push = (s: string): boolean => {
    buffer.push(s);
    size += s.length;
    return size >= CHUNK;
  };
  const flush = async (): Promise<void> => {
    const chunk = buffer.join('');
    buffer = [];
    size = 0;
    await write(chunk);
  };
  const pad = (depth: number) => (indent > 0 ? `\n${' '.repeat(indent * depth)}` : '');
  const colon = indent > 0 ? ': ' : ':';
  const isWhole = (v: unknown) => typeof v !== 'object' || v === null || typeof (v as { toJSON?: unknown }).toJSON === 'function' || isLeaf(v);
  /** A value written by JSON.stringify itself, indented for its depth. */
  const whole = (v: unknown, depth: number): string => {
    const text = JSON.stringify(v, null, indent) ?? 'null';
    return indent > 0 && depth > 0 && typeof v === 'object' && v !== null ? text.replace(/\n/g, pad(depth)) : text;
  };

  // Only containers of containers are walked (and awaited); their leaf members are written inline.
  const walk = async (v: object, depth: number): Promise<void> => {
    const array = Array.isArray(v);
    let first = true;
    if (push(array ? '[' : '{')) {
      await flush();
    }
    for (const [key, raw] of array ? (v as unknown[]).entries() : Object.entries(v)) {
      if (!array && !hasJson(raw)) {
        continue;
      }
      const member = array && !hasJson(raw) ? null : raw;
      push(`${first ? '' : ','}${pad(depth + 1)}${array ? '' : `${JSON.stringify(key)}${colon}`}`);
      first = false;
      if (isWhole(member)) {
        if (push(whole(member, depth + 1))) {
          await flush();
        }
      } else {
        await walk(member as object, depth + 1);
      }
    }
    if (push(first ? (array ? ']' : '}') : `${pad(depth)}${array ? ']' : '}'}`)) {
      await flush();
    }
  };

  if (isWhole(value)) {
    push(whole(value, 0));
  } else {
    await walk(value as object, 0);
  }
  if (size > 0) {
    await flush();
  }
}
