/**
 * `npm run check:dumps -- DIR`: for each crash dump in DIR (a `.dmp` file,
 * or any file that starts like one), what the reader found — kind,
 * architecture, build, bug check or exception, module counts — and the top
 * suspect of the verdict on its derived text, or "none". A way to check the
 * reader by hand against dumps that may not be committed (no licence).
 * Exit status 1 when a file named .dmp could not be read as a dump.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../analyzers/index.ts';
import { describeBugcheck, formatBugcheckCode } from '../analyzers/knowledge/bugcheck-codes.ts';
import { describeArch, dumpSignature, readDump, SIGNATURE_BYTES, type DumpFacts } from '../dump/index.ts';
import { openFileSource } from './node-source.ts';

/** `0x0000009F DRIVER_POWER_STATE_FAILURE {0x4, 0x258, …}`. */
function bugcheckText(b: NonNullable<DumpFacts['bugcheck']>): string {
  const name = describeBugcheck(b.code)?.name ?? '(unknown name)';
  return `${formatBugcheckCode(b.code)} ${name} {${b.args.map((a) => `0x${a.toString(16)}`).join(', ')}}`;
}

function exceptionText(e: NonNullable<DumpFacts['exception']>): string {
  return `exception 0x${e.code.toString(16).padStart(8, '0')} at 0x${e.address.toString(16)}${e.site !== null ? ` (${e.site})` : ''}`;
}

async function checkFile(path: string, name: string): Promise<boolean> {
  const opened = await openFileSource(path);
  try {
    const head = await opened.source.read(0, Math.min(SIGNATURE_BYTES, opened.source.size));
    const isDump = dumpSignature(head) !== null;
    if (!isDump && !/\.dmp$/i.test(name)) {
      return true;
    }
    const started = performance.now();
    const r = await readDump(opened.source, name);
    if (!r.ok) {
      process.stdout.write(`${name}\n  not read    ${r.reason}\n\n`);
      return r.problem === 'not-windows';
    }
    const f = r.facts;
    const report = analyze(r.text);
    const ms = performance.now() - started;
    const top = report.suspects[0];
    const blamed = top !== undefined && top.confidence >= 0.5;
    const suspect = blamed
      ? `${top.module} (${Math.round(top.confidence * 100)}%)`
      : `none${top !== undefined ? ` (strongest: ${top.module} ${Math.round(top.confidence * 100)}%, below 50%)` : ''}`;
    const lines = [
      name,
      `  kind        ${f.description}`,
      `  arch        ${describeArch(f.arch)}${f.processors !== null ? `, ${f.processors} processor${f.processors === 1 ? '' : 's'}` : ''}`,
      `  build       ${f.build}`,
      ...(f.process !== null ? [`  process     ${f.process}`] : []),
      `  crash       ${f.bugcheck !== null ? `bug check ${bugcheckText(f.bugcheck)}` : f.exception !== null ? exceptionText(f.exception) : 'none recorded'}`,
      ...(f.codeAddress !== null ? [`  code at     Arg${f.codeAddress.arg} 0x${f.codeAddress.value.toString(16)} = ${f.codeAddress.site ?? 'in no listed module'}`] : []),
      `  time        ${f.time ?? 'not recorded'}`,
      `  modules     ${f.modules} loaded, ${f.unloaded} unloaded${f.threads !== null ? `; ${f.threads} threads` : ''}`,
      `  verdict     ${report.category}; top suspect: ${suspect}`,
      `  took        ${ms.toFixed(0)} ms (read, derive, analyze)`,
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return true;
  } finally {
    await opened.close();
  }
}

async function main(argv: string[]): Promise<void> {
  if (argv.length !== 1) {
    process.stderr.write('usage: npm run check:dumps -- DIR\n');
    process.exit(2);
  }
  const dir = argv[0] as string;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (err) {
    process.stderr.write(`dumplens: cannot read ${dir} (${(err as NodeJS.ErrnoException).code ?? 'error'})\n`);
    process.exit(2);
  }
  let ok = true;
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isFile()) {
      ok = (await checkFile(path, name)) && ok;
    }
  }
  process.exit(ok ? 0 : 1);
}

await main(process.argv.slice(2));
