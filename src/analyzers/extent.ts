/**
 * How far a block of output reaches, as the parsers read it line by line: a
 * line they understand extends the block (and the unknown lines before it
 * count as skipped); an unknown line is passed over only inside the block's
 * own command's output and where no other family's output starts, and ends
 * the block otherwise.
 */
import type { BlockContext } from './types';

export class Extent {
  /** The last line (index) the block reaches; `start - 1` while none is understood. */
  last: number;
  /** Unknown lines inside the block. */
  skipped = 0;
  private pending = 0;

  constructor(last: number) {
    this.last = last;
  }

  /** Line `i` was understood: the block reaches it. */
  took(i: number): void {
    this.last = i;
    this.skipped += this.pending;
    this.pending = 0;
  }

  /** Line `i` was not understood: may the block go on past it? */
  passes(i: number, owned: boolean, ctx: BlockContext): boolean {
    if (owned && !ctx.startsOther(i)) {
      this.pending++;
      return true;
    }
    return false;
  }
}
