import { readFileSync } from 'node:fs';
import { runText, blocksOf } from './src/analyzers/run.ts';
const f = process.argv[2] as string;
const t = readFileSync(f, 'utf8').split(/\r?\n/).join('\n\n');
const m = runText(t);
for (const b of m.blocks) console.log(b.analyzer, b.line, b.endLine, JSON.stringify(b.data).slice(0, 150));
