/**
 * Segmentation: pasted text → command segments, split at debugger prompts.
 *
 * Prompts recognised (see the WinDbg docs, "Debugger Command Window Prompt"):
 *   kernel:  `kd>`  `0: kd>`  `12: kd>`  `lkd>` (local/live kernel)
 *   user:    `0:000>`  `0:020>`  `1:003:x86>` (WOW64 view)
 * A prompt may be indented (forum quotes) and may be followed by nothing.
 * The text before the first prompt becomes a segment with an empty command;
 * analyzers then find output pasted without its prompt inside any segment.
 */
import type { PromptInfo, Segment } from './types';

// ^ indentation, optional "N: " processor, "kd" or "lkd", ">" then the command.
const KERNEL_PROMPT = /^\s*(?:(\d{1,3}):\s?)?(l?kd)>\s?(.*)$/;
// ^ "S:TTT" (system:thread), optional ":x86"-like suffix, ">" then the command.
const USER_PROMPT = /^\s*(\d{1,3}):(\d{3,5})(?::[a-z0-9]+)?>\s?(.*)$/i;
// A prompt reduced to ">" by a blog or a forum ("> !analyze -v", "> kb"): taken as a prompt only
// when a debugger command follows, so quoted prose stays prose.
const REDUCED_PROMPT =
  /^\s*>\s?((?:![a-z][\w.]*|\.(?:bugcheck|cxr|trap|ecxr|exr|thread|process|frame|reload|load|lastevent|symfix|sympath)|~[*\d.#]*\s*[a-z]*k[a-z]*|k[bcdfilmnpv]*\d*|lm[a-z]*|dps|dqs|dds|dt|ln|ub?|r)(?:\s.*)?)$/i;
/** Commands that only exist in user mode, for a reduced prompt's mode. */
const USER_ONLY = /^(?:~|!(?:cs|heap|runaway|clrstack|syncblk|threads|dumpheap|gle|teb|peb|handle|avrf|analyze\s+-v\s+-hang)\b|\.ecxr)/i;

/** Decode a prompt at the start of `line`, or null. */
export function parsePrompt(line: string): { prompt: PromptInfo; command: string } | null {
  // Cheap pre-check: every prompt contains '>' within its first 20 characters.
  const gt = line.indexOf('>');
  if (gt < 0 || gt > 24) {
    return null;
  }
  let m = KERNEL_PROMPT.exec(line);
  if (m) {
    const live = m[2] === 'lkd';
    const prompt: PromptInfo = {
      text: line.slice(0, line.indexOf('>') + 1).trim(),
      mode: 'kernel',
    };
    if (m[1] !== undefined) {
      prompt.processor = Number(m[1]);
    }
    if (live) {
      prompt.live = true;
    }
    return { prompt, command: (m[3] ?? '').trim() };
  }
  const reduced = REDUCED_PROMPT.exec(line);
  if (reduced) {
    const command = (reduced[1] ?? '').trim();
    return { prompt: { text: '>', mode: USER_ONLY.test(command) ? 'user' : 'kernel', reduced: true }, command };
  }
  m = USER_PROMPT.exec(line);
  if (m) {
    return {
      prompt: {
        text: line.slice(0, line.indexOf('>') + 1).trim(),
        mode: 'user',
        thread: Number.parseInt(m[2] ?? '0', 10),
      },
      command: (m[3] ?? '').trim(),
    };
  }
  return null;
}

/** Split lines into segments at prompt lines. Always returns at least one segment. */
export function segmentLines(lines: readonly string[]): Segment[] {
  const segments: Segment[] = [];
  let current: Segment = {
    command: '',
    prompt: null,
    line: 1,
    endLine: lines.length,
    bodyStart: 0,
    bodyEnd: lines.length,
  };
  for (let i = 0; i < lines.length; i++) {
    const p = parsePrompt(lines[i] as string);
    if (!p) {
      continue;
    }
    current.bodyEnd = i;
    current.endLine = Math.max(current.line, i);
    if (current.prompt !== null || current.bodyEnd > current.bodyStart) {
      segments.push(current);
    }
    current = {
      command: p.command,
      prompt: p.prompt,
      line: i + 1,
      endLine: lines.length,
      bodyStart: i + 1,
      bodyEnd: lines.length,
    };
  }
  current.bodyEnd = lines.length;
  current.endLine = Math.max(current.line, lines.length);
  segments.push(current);
  return segments;
}

/** First word of a command, lower case: `!analyze -v` → `!analyze`, `~*kcn` → `~*kcn`. */
export function commandWord(command: string): string {
  const m = /^\s*(\S+)/.exec(command);
  return m ? (m[1] as string).toLowerCase() : '';
}
