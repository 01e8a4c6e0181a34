/**
 * The pass over the input: normalize → segment at prompts → find blocks of
 * output (by the segment's command, or by their look when pasted without a
 * prompt) → hand each block to its analyzer.
 *
 * Every line is tested against the registry at most once (memoized), so the
 * cost is linear in the input size.
 */
import { REGISTRY, analyzerForCommand } from './commands/registry';
import { firstNonSpace, isBlank, normalizeText } from './normalize';
import { segmentLines } from './segment';
import type { AnalysisReport, Analyzer, Block, BlockContext, BlockDataMap, CommandSpan, Finding, Segment, SourceText, Stack } from './types';

/** Everything the verdict engine and the report builder need. */
export interface SessionModel {
  source: SourceText;
  segments: Segment[];
  blocks: Block[];
  findings: Finding[];
  commands: CommandSpan[];
  skippedLines: number;
}

// "Thread ffffb40ba7fa5080", "THREAD fffffa8007005660", "Thread 0x1a2c:" as a label of its own.
const THREAD_LABEL = /^\s*(?:thread|THREAD)\s+(?:0x)?([0-9a-f`]{3,17})\s*:?\s*$/i;

/** The thread a label line just above line `i` (blank lines and fences allowed) names, if any. */
function threadLabelAbove(lines: readonly string[], i: number): string | undefined {
  for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
    const text = lines[k] as string;
    if (isBlank(text)) {
      continue;
    }
    const m = THREAD_LABEL.exec(text);
    return m ? (m[1] as string) : undefined;
  }
  return undefined;
}

const NONE = -1;
const UNKNOWN = -2;
/** The shortest line (visible characters) that can start a block; the shortest seen in real sessions has 5. */
const MIN_START = 4;

/** Progress callback of `runAnalyzers`: `done` of `total` lines read. */
export type RunProgress = (progress: { phase: 'parsing'; done: number; total: number }) => void;

/** Runs the registry over normalized lines; `onProgress` hears about every 1 % of the lines. */
export function runAnalyzers(lines: string[], onProgress?: RunProgress): SessionModel {
  const source: SourceText = { lines };
  const segments = segmentLines(lines);
  const blocks: Block[] = [];
  const findings: Finding[] = [];
  const commands: CommandSpan[] = [];
  let skippedLines = 0;

  // Memo: which analyzer (index in REGISTRY) starts at line i, NONE, or UNKNOWN (not tested yet).
  const starts = new Int16Array(lines.length).fill(UNKNOWN);
  const startIndex = (i: number): number => {
    let v = starts[i] as number;
    if (v === UNKNOWN) {
      v = NONE;
      const text = lines[i] as string;
      // No block starts at a line of fewer than four visible characters (lines end
      // trimmed): a million one-letter lines cost one test each, not one per parser.
      if (text.length - firstNonSpace(text) >= MIN_START) {
        for (let a = 0; a < REGISTRY.length; a++) {
          if ((REGISTRY[a] as Analyzer).startsAt(source, i, false)) {
            v = a;
            break;
          }
        }
      }
      starts[i] = v;
    }
    return v;
  };

  // Progress is reported between blocks, at most once per step of lines.
  const step = Math.max(1000, Math.ceil(lines.length / 100));
  let reported = 0;
  const report = (i: number): void => {
    if (onProgress && i - reported >= step) {
      reported = i;
      onProgress({ phase: 'parsing', done: i, total: lines.length });
    }
  };

  // One context object for all segments (a big session has a million of them).
  let limit = 0;
  const startsOther = (i: number): boolean => i < limit && startIndex(i) !== NONE;
  for (const segment of segments) {
    if (segment.prompt !== null) {
      commands.push({ command: segment.command, line: segment.line, endLine: segment.endLine });
    }
    if (segment.bodyStart >= segment.bodyEnd) {
      continue;
    }
    const owner = analyzerForCommand(segment.command);
    limit = segment.bodyEnd;
    const ctx: BlockContext = { source, segment, limit, startsOther };
    let i = segment.bodyStart;
    let ownerTried = false;
    while (i < segment.bodyEnd) {
      report(i);
      const text = lines[i] as string;
      if (isBlank(text)) {
        i++;
        continue;
      }
      let analyzer: Analyzer | undefined;
      if (owner && !ownerTried) {
        ownerTried = true;
        if (owner.startsAt(source, i, true)) {
          analyzer = owner;
        }
      }
      if (!analyzer) {
        const a = startIndex(i);
        analyzer = a >= 0 ? REGISTRY[a] : undefined;
      }
      if (!analyzer) {
        skippedLines++;
        i++;
        continue;
      }
      const res = analyzer.analyze(i, ctx);
      const end = Math.min(segment.bodyEnd, Math.max(res.end, i + 1));
      if (res.ok) {
        const prev = blocks[blocks.length - 1];
        if (analyzer.id === 'stack' && prev?.analyzer === 'threadlist' && prev.segment === segment) {
          // `~*k`: each "   0  Id: c08.c0c Suspend: …" header is followed by that thread's stack.
          const rows = (prev.data as BlockDataMap['threadlist']).threads;
          const last = rows[rows.length - 1];
          if (last && i + 1 - prev.endLine <= 2) {
            (res.data as BlockDataMap['stack']).thread = last.id;
            (res.data as BlockDataMap['stack']).source = `${segment.command || 'stack'} of thread ${last.index} (${last.id})`;
          }
        } else if (analyzer.id === 'stack' && (res.data as BlockDataMap['stack']).thread === undefined) {
          // "Thread ffffb40ba7fa5080" (or "THREAD …", "Thread 0x1a2c:") on a line just above a stack
          // pasted without its command: the stack is that thread's.
          const label = threadLabelAbove(lines, i);
          if (label !== undefined) {
            (res.data as BlockDataMap['stack']).thread = label;
            (res.data as BlockDataMap['stack']).source = `stack of thread ${label}`;
          }
        }
        blocks.push({
          analyzer: analyzer.id,
          data: res.data as BlockDataMap[typeof analyzer.id],
          line: i + 1,
          endLine: end,
          segment,
        });
        for (const f of res.findings) {
          findings.push({ ...f, rule: `parse:${analyzer.id}` });
        }
        skippedLines += res.skipped ?? 0;
        if (segment.prompt === null || analyzer !== owner) {
          // Output recognised without its own prompt: list it as an inferred command.
          if (segment.prompt === null) {
            commands.push({ command: `(${analyzer.id} output)`, line: i + 1, endLine: end });
          }
        }
      } else {
        skippedLines++;
      }
      i = end;
    }
  }
  commands.sort((a, b) => a.line - b.line);
  return { source, segments, blocks, findings, commands, skippedLines };
}

/** Normalize raw text and run the analyzers. */
export function runText(text: string, onProgress?: RunProgress): SessionModel {
  return runAnalyzers(normalizeText(text).lines, onProgress);
}

// The verdict rules ask for one family's blocks dozens of times, and a big
// session has tens of thousands of blocks: they are grouped once per model
// (again if blocks were added since).
const byAnalyzer = new WeakMap<Block[], { count: number; groups: Map<string, Block[]> }>();
const NO_BLOCKS: readonly Block[] = [];

/** All blocks of one analyzer, typed, in input order (shared: do not modify). */
export function blocksOf<K extends keyof BlockDataMap>(model: SessionModel, id: K): readonly Block<K>[] {
  let index = byAnalyzer.get(model.blocks);
  if (index === undefined || index.count !== model.blocks.length) {
    const groups = new Map<string, Block[]>();
    for (const b of model.blocks) {
      const list = groups.get(b.analyzer);
      if (list === undefined) {
        groups.set(b.analyzer, [b]);
      } else {
        list.push(b);
      }
    }
    index = { count: model.blocks.length, groups };
    byAnalyzer.set(model.blocks, index);
  }
  return (index.groups.get(id) ?? NO_BLOCKS) as readonly Block<K>[];
}

/** Every stack in the session: standalone ones and those inside other output. */
export function allStacks(model: SessionModel): Stack[] {
  const stacks: Stack[] = [];
  for (const b of model.blocks) {
    switch (b.analyzer) {
      case 'stack':
        stacks.push(b.data as Stack);
        break;
      case 'analyze-v': {
        const s = (b.data as AnalysisReport['bugcheck'] & { stack?: Stack | null }).stack;
        if (s) {
          stacks.push(s);
        }
        break;
      }
      case 'clrstack': {
        const s = (b.data as { stack: Stack | null }).stack;
        if (s) {
          stacks.push(s);
        }
        break;
      }
      default:
        break;
    }
  }
  for (const t of blocksOf(model, 'thread')) {
    if (t.data.stack) {
      stacks.push(t.data.stack);
    }
  }
  for (const p of blocksOf(model, 'process')) {
    for (const proc of p.data.processes) {
      for (const t of proc.threads) {
        if (t.stack) {
          stacks.push(t.stack);
        }
      }
    }
  }
  stacks.sort((a, b) => a.line - b.line);
  return stacks;
}
