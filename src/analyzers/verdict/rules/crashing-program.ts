/**
 * Rule crashing-program: a program's crash that lands in Windows code with nothing else named points at the program.
 */
import { blocksOf } from '../../run';
import { addEvidence, type VerdictContext } from '../context';
import { isCandidate } from '../modules';
import type { Rule } from '../rule';
import { decideKind } from '../session';

/** A lead, as weak as a call site seen in the text: the program is where to look, not a verdict. */
const WEIGHT = 0.15;
/** Third-party evidence this strong means the stack or the analysis named someone. */
const SPOKEN = 0.1;
/** cdb/WinDbg's launch line: `CommandLine: "C:\Program Files\Acme\acmesvc.exe" -service`. */
const COMMAND_LINE = /^\s*(?:#+\s*)?CommandLine:\s*"?(?:[^"\r\n]*[\\/])?([^\\/"\r\n]+?\.exe)\b/i;
/** Lines looked at for the launch line: it comes first. */
const HEAD = 400;

export const crashingProgram: Rule = {
  id: 'crashing-program',
  description: "A user-mode crash whose stack runs only through Windows code and names no other module: the program that crashed (PROCESS_NAME, cdb's CommandLine) is the lead.",
  reasoning:
    'When a program faults inside Windows code (a heap routine that finds its blocks overwritten, a string or memory routine given a bad ' +
    'pointer) and nothing else is named, the data came from the program: Windows’ routines do what they are told. Experts start with ' +
    'the program itself (page heap, its own logs, its vendor) before suspecting Windows, and ask for the full stack that shows which of ' +
    'its functions made the call.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debugger/gflags-and-pageheap; Advanced Windows Debugging (Hewardt, Pravat), ch. 6 "Memory Corruption Part II — Heaps"',
  apply(ctx: VerdictContext): void {
    if (!ctx.crash || ctx.bugcheck !== null || decideKind(ctx) !== 'user') {
      return;
    }
    if (ctx.evidence.some((e) => e.weight >= SPOKEN && isCandidate(e.module))) {
      return;
    }
    let image: { name: string; line: number } | undefined;
    for (const b of blocksOf(ctx.model, 'analyze-v')) {
      const p = b.data.fields.PROCESS_NAME;
      if (p && /\.exe$/i.test(p.value.trim())) {
        image = { name: p.value.trim(), line: p.line };
        break;
      }
    }
    const lines = ctx.model.source.lines;
    for (let i = 0; image === undefined && i < lines.length && i < HEAD; i++) {
      const m = COMMAND_LINE.exec(lines[i] as string);
      if (m) {
        image = { name: m[1] as string, line: i + 1 };
      }
    }
    const name = image?.name.replace(/\.exe$/i, '');
    if (image && name && isCandidate(name)) {
      addEvidence(ctx, name, WEIGHT, `${image.name} is the program that crashed, and nothing else in the output is named: its own code passed Windows the bad data`, image.line);
    }
  },
};
