/**
 * Command line: `npm run analyze -- [--json | --full | --derived] FILE|-`
 *
 * Runs the same `analyze()` as the web worker, in Node. FILE may be debugger
 * output (text) or a crash dump (.dmp: kernel or user-mode, recognised by its
 * first bytes, not by its name), whose derived debugger-style text is analyzed.
 * - no option: a readable summary (format.ts);
 * - `--json`: the report as the app shows it, as JSON on standard output and
 *   nothing else there: the contract's fields whole, stacks grouped by call
 *   sequence, long lists cut with their totals (summary.ts);
 * - `--full`: the whole report as JSON, written as a stream (json-stream.ts);
 * - `--derived`: a dump's derived text instead of a report.
 * Unreadable or empty input: a one-line message on standard error and exit
 * status 2.
 */
import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { analyze, inputProblem } from '../analyzers/index.ts';
import { bytesSource, dumpSignature, readDump, SIGNATURE_BYTES } from '../dump/index.ts';
import { decodeText, sniffUtf16 } from '../lib/decode.ts';
import { formatReport } from './format.ts';
import { writeJsonStream } from './json-stream.ts';
import { openFileSource } from './node-source.ts';
import { summarizeForCli } from './summary.ts';

function usage(): never {
  process.stderr.write('usage: npm run analyze -- [--json | --full | --derived] FILE|-\n');
  process.exit(2);
}

function fail(message: string): never {
  process.stderr.write(`dumplens: ${message}\n`);
  process.exit(2);
}

/** Write to standard output, waiting when the pipe is full. */
function writeOut(chunk: string): Promise<void> | void {
  if (!process.stdout.write(chunk)) {
    return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
  }
}

/** Text from bytes: most logs are plain ASCII (no byte order mark, no UTF-16), read as they are, three times faster on 100 MB. */
function textOf(bytes: Buffer): string {
  if (isAscii(bytes) && sniffUtf16(bytes) === null) {
    return bytes.toString('latin1');
  }
  return decodeText(bytes).text;
}

/** The text to analyze: the file's own text, or the text derived from a dump (read by slices). */
async function inputText(file: string, derivedOnly: boolean): Promise<string> {
  const name = file === '-' ? 'standard input' : basename(file);
  const cannot = (err: unknown): never => fail(`cannot read ${name} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  if (file === '-') {
    let bytes: Buffer;
    try {
      bytes = readFileSync(0);
    } catch (err) {
      return cannot(err);
    }
    if (dumpSignature(bytes.subarray(0, SIGNATURE_BYTES)) !== null) {
      const r = await readDump(bytesSource(bytes), name);
      return r.ok ? r.text : fail(r.reason);
    }
    return derivedOnly ? fail(`${name} is not a crash dump: --derived applies to .dmp files`) : textOf(bytes);
  }
  let opened: Awaited<ReturnType<typeof openFileSource>>;
  try {
    opened = await openFileSource(file);
  } catch (err) {
    return cannot(err);
  }
  try {
    const head = await opened.source.read(0, Math.min(SIGNATURE_BYTES, opened.source.size));
    if (dumpSignature(head) !== null) {
      const r = await readDump(opened.source, name);
      return r.ok ? r.text : fail(r.reason);
    }
  } finally {
    await opened.close();
  }
  if (derivedOnly) {
    fail(`${name} is not a crash dump: --derived applies to .dmp files`);
  }
  try {
    return textOf(readFileSync(file));
  } catch (err) {
    return cannot(err);
  }
}

async function main(argv: string[]): Promise<void> {
  let output: 'text' | 'json' | 'full' | 'derived' = 'text';
  const files: string[] = [];
  for (const a of argv) {
    if (a === '--json') {
      output = output === 'full' ? 'full' : 'json';
    } else if (a === '--full') {
      output = 'full';
    } else if (a === '--derived') {
      output = 'derived';
    } else if (a === '--help' || a === '-h') {
      usage();
    } else {
      files.push(a);
    }
  }
  if (files.length !== 1) {
    usage();
  }
  const text = await inputText(files[0] as string, output === 'derived');
  if (output === 'derived') {
    await writeOut(text);
    return;
  }
  // The file's bytes, as large as the text, are garbage now but would live until a full collection,
  // through the analysis's peak: npm run analyze passes --expose-gc to free them here (a few ms).
  (globalThis as { gc?: () => void }).gc?.();
  const problem = inputProblem(text);
  if (problem !== null) {
    fail(problem);
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
