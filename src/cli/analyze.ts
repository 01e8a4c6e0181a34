/**
 * Command line: `npm run analyze -- [--json] FILE|-`
 *
 * Runs the same `analyze()` as the web worker, in Node. With --json, prints
 * the report as JSON on standard output and nothing else there. Unreadable or
 * empty input: a one-line message on standard error and exit status 2.
 */
import { readFileSync } from 'node:fs';
import { analyze, inputProblem } from '../analyzers/index.ts';
import { formatReport } from './format.ts';
import { decodeText } from '../lib/decode.ts';

function usage(): never {
  process.stderr.write('usage: npm run analyze -- [--json] FILE|-\n');
  process.exit(2);
}

function main(argv: string[]): void {
  let json = false;
  const files: string[] = [];
  for (const a of argv) {
    if (a === '--json') {
      json = true;
    } else if (a === '--help' || a === '-h') {
      usage();
    } else {
      files.push(a);
    }
  }
  if (files.length !== 1) {
    usage();
  }
  const file = files[0] as string;
  let bytes: Uint8Array;
  try {
    bytes = file === '-' ? readFileSync(0) : readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    process.stderr.write(`dumplens: cannot read ${file === '-' ? 'standard input' : file} (${code})\n`);
    process.exit(2);
  }
  const text = decodeText(bytes).text;
  const problem = inputProblem(text);
  if (problem !== null) {
    process.stderr.write(`dumplens: ${problem}\n`);
    process.exit(2);
  }
  const report = analyze(text);
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
}

main(process.argv.slice(2));
