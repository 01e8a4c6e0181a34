/**
 * Command line: `npm run analyze -- [--json | --full] FILE|-`
 *
 * Runs the same `analyze()` as the web worker, in Node.
 * - no option: a readable summary (format.ts);
 * - `--json`: the report as the app shows it, as JSON on standard output and
 *   nothing else there: the contract's fields whole, stacks grouped by call
 *   sequence, long lists cut with their totals (summary.ts);
 * - `--full`: the whole report as JSON, written as a stream (json-stream.ts).
 * Unreadable or empty input: a one-line message on standard error and exit
 * status 2.
 */
import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { analyze, inputProblem } from '../analyzers/index.ts';
import { decodeText, sniffUtf16 } from '../lib/decode.ts';
import { formatReport } from './format.ts';
import { writeJsonStream } from './json-stream.ts';
import { summarizeForCli } from './summary.ts';

function usage(): never {
  process.stderr.write('usage: npm run analyze -- [--json | --full] FILE|-\n');
  process.exit(2);
}

/** Write to standard output, waiting when the pipe is full. */
function writeOut(chunk: string): Promise<void> | void {
  if (!process.stdout.write(chunk)) {
    return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
  }
}

/** The text of FILE (or standard input), decoded; the bytes are not kept. */
function readText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = file === '-' ? readFileSync(0) : readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    process.stderr.write(`dumplens: cannot read ${file === '-' ? 'standard input' : file} (${code})\n`);
    process.exit(2);
  }
  // Most logs are plain ASCII (no byte order mark, no NUL pattern of UTF-16): read as they are, they
  // give the text decodeText gives, three times faster on 100 MB.
  if (isAscii(bytes) && sniffUtf16(bytes) === null) {
    return bytes.toString('latin1');
  }
  return decodeText(bytes).text;
}

async function main(argv: string[]): Promise<void> {
  let output: 'text' | 'json' | 'full' = 'text';
  const files: string[] = [];
  for (const a of argv) {
    if (a === '--json') {
      output = output === 'full' ? 'full' : 'json';
    } else if (a === '--full') {
      output = 'full';
    } else if (a === '--help' || a === '-h') {
      usage();
    } else {
      files.push(a);
    }
  }
  if (files.length !== 1) {
    usage();
  }
  const text = readText(files[0] as string);
  // The file's bytes, as large as the text, are garbage now but would live until a full collection,
  // through the analysis's peak: npm run analyze passes --expose-gc to free them here (a few ms).
  (globalThis as { gc?: () => void }).gc?.();
  const problem = inputProblem(text);
  if (problem !== null) {
    process.stderr.write(`dumplens: ${problem}\n`);
    process.exit(2);
  }
  const report = analyze(text);
  if (output === 'full') {
    await writeJsonStream(report, writeOut);
    await writeOut('\n');
  } else if (output === 'json') {
    await writeOut(`${JSON.stringify(summarizeForCli(report), null, 2)}\n`);
  } else {
    await writeOut(formatReport(report));
  }
  // Everything is written: exit now rather than tear down a heap of several hundred megabytes.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(0);
}

await main(process.argv.slice(2));
