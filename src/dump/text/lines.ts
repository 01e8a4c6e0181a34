/**
 * The derived text is laid out as a debugger session: commands after a
 * prompt (`kd>`, `0:005>`) and their output in the debugger's own format, so
 * that the text analyzers read it like any pasted session and evidence links
 * to its lines. This module builds the lines; the writers for kernel and
 * user dumps decide which commands to show.
 */

/** A growing list of lines with a prompt for commands. */
export class SessionText {
  private readonly lines: string[] = [];

  constructor(private readonly prompt: string) {}

  /** A prompt line with `command`, preceded by a blank line (except at the very top). */
  command(command: string): this {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') {
      this.lines.push('');
    }
    this.lines.push(`${this.prompt} ${command}`);
    return this;
  }

  /** Output lines. */
  push(...lines: readonly string[]): this {
    this.lines.push(...lines);
    return this;
  }

  /** A comment of dumplens (not debugger output): `* text`, or `*` alone. */
  note(text = ''): this {
    this.lines.push(text === '' ? '*' : `* ${text}`);
    return this;
  }

  blank(): this {
    this.lines.push('');
    return this;
  }

  /** The text, with a final newline. */
  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

/**
 * Wrap prose for comment lines at about `width` characters (the header is
 * read in the editor, where long lines scroll).
 */
export function wrap(text: string, width = 96): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (word === '') {
      continue;
    }
    if (line !== '' && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') {
    out.push(line);
  }
  return out;
}
