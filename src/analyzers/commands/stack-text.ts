/**
 * What the stack parser reads of the text around its frames: the width a copy
 * was cut at, where a stack came from, and a search over parsed stacks.
 */
import type { BlockContext, SourceText, Stack, StackFrame } from '../types';

/** The first frame of any stack that passes `test`, without building the list of every frame. */
export function findFrame(stacks: readonly Stack[], test: (f: StackFrame) => boolean): StackFrame | undefined {
  for (const s of stacks) {
    for (const f of s.frames) {
      if (test(f)) {
        return f;
      }
    }
  }
  return undefined;
}

/** Lines looked at to find the width a copy was cut at. */
const CUT_SAMPLE = 4000;
const cutWidths = new WeakMap<SourceText, number>();

/**
 * The width a console or a mail program cut every long line at: the longest
 * line length, when at least three lines (and one in twenty that are not
 * blank) have exactly that length. 0 when the text was not cut so.
 */
export function cutWidth(source: SourceText): number {
  let w = cutWidths.get(source);
  if (w === undefined) {
    let max = 0;
    let atMax = 0;
    let filled = 0;
    const n = Math.min(source.lines.length, CUT_SAMPLE);
    for (let k = 0; k < n; k++) {
      const len = (source.lines[k] as string).length;
      if (len > 0) {
        filled++;
      }
      if (len > max) {
        max = len;
        atMax = 1;
      } else if (len === max) {
        atMax++;
      }
    }
    w = max >= 60 && atMax >= 3 && atMax * 20 >= filled ? max : 0;
    cutWidths.set(source, w);
  }
  return w;
}

/** Describe where a stack came from, for the UI. */
export function describeSource(ctx: BlockContext): string {
  const cmd = ctx.segment.command;
  const p = ctx.segment.prompt;
  if (cmd === '') {
    return 'stack pasted without its command';
  }
  if (p?.processor !== undefined && p.mode === 'kernel') {
    return `${cmd} on processor ${p.processor}`;
  }
  // "~2k" at the 0:000> prompt prints thread 2's stack, whatever thread the prompt is on.
  const named = /^~(\d+)\s*k/i.exec(cmd);
  if (named) {
    return `${cmd} on thread ${named[1] as string}`;
  }
  if (p?.thread !== undefined && p.mode === 'user') {
    return `${cmd} on thread ${p.thread}`;
  }
  return cmd;
}
