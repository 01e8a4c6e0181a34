/**
 * Command line: `npm run analyze -- [--json | --derived] FILE|-`
 *
 * Runs the same `analyze()` as the web worker, in Node. FILE may be debugger
 * output (text) or a crash dump (.dmp: kernel or user-mode, recognised by its
 * first bytes, not by its name), whose derived debugger-style text is
 * analyzed. With --json, prints the report as JSON on standard output and
 * nothing else there; with --derived, prints a dump's derived text instead of
 * a report. Unreadable or empty input: a one-line message on standard error
 * and exit status 2.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { analyze, inputProblem } from '../analyzers/index.ts';
import { bytesSource, dumpSignature, readDump, SIGNATURE_BYTES, type ByteSource } from '../dump/index.ts';
import { formatReport } from './format.ts';
import { decodeText } from '../lib/decode.ts';
import { openFileSource } from './node-source.ts';

function usage(): never {
  process.stderr.write('usage: npm run analyze -- [--json | --derived] FILE|-\n');
  process.exit(2);
}

function fail(message: string): never {
  process.stderr.write(`dumplens: ${message}\n`);
  process.exit(2);
}

/** The text to analyze: the file's own text, or the text derived from a dump. */
async function inputText(file: string, derivedOnly: boolean): Promise<{ text: string; dump: boolean }> {
  const name = file === '-' ? 'standard input' : basename(file);
  let source: ByteSource;
  let close = async () => {};
  try {
    if (file === '-') {
      source = bytesSource(readFileSync(0));
    } else {
      const opened = await openFileSource(file);
      source = opened.source;
      close = opened.close;
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    fail(`cannot read ${name} (${code})`);
  }
  try {
    const head = await source.read(0, Math.min(SIGNATURE_BYTES, source.size));
    if (dumpSignature(head) !== null) {
      const r = await readDump(source, name);
      if (!r.ok) {
        fail(r.reason);
      }
      return { text: r.text, dump: true };
    }
    if (derivedOnly) {
      fail(`${name} is not a crash dump: --derived applies to .dmp files`);
    }
    return { text: decodeText(await source.read(0, source.size)).text, dump: false };
  } finally {
    await close();
  }
}

async function main(argv: string[]): Promise<void> {
  let json = false;
  let derived = false;
  const files: string[] = [];
  for (const a of argv) {
    if (a === '--json') {
      json = true;
    } else if (a === '--derived') {
      derived = true;
    } else if (a === '--help' || a === '-h') {
      usage();
    } else {
      files.push(a);
    }
  }
  if (files.length !== 1 || (json && derived)) {
    usage();
  }
  const { text } = await inputText(files[0] as string, derived);
  if (derived) {
    process.stdout.write(text);
    return;
  }
  const problem = inputProblem(text);
  if (problem !== null) {
    fail(problem);
  }
  const report = analyze(text);
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
}

await main(process.argv.slice(2));
