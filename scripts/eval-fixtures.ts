/**
 * Scores the analyzer against fixture folders with an expected.json
 * (tests/fixtures/seeds, tests/fixtures/sessions): bug check code, category,
 * top-1 / top-3 culprit and "no blame where none is due", per case and in total.
 * Usage: npx tsx scripts/eval-fixtures.ts [DIR…]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../src/analyzers/index.ts';

interface Case {
  id: string;
  bugcheck: string | null;
  category: string;
  culprit_top1: string[];
  culprit_top3: string[];
  no_blame?: boolean;
}

const dirs = process.argv.slice(2);
for (const dir of dirs.length > 0 ? dirs : ['tests/fixtures/seeds', 'tests/fixtures/sessions']) {
  const { cases } = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { cases: Case[] };
  let code = 0;
  let cat = 0;
  let top1 = 0;
  let top1n = 0;
  let noBlame = 0;
  let noBlameN = 0;
  for (const c of cases) {
    const r = analyze(readFileSync(join(dir, `${c.id}.txt`), 'utf8'));
    const okCode = (r.bugcheck?.code ?? null) === c.bugcheck || ((c as { code_in_output?: boolean }).code_in_output === false && r.bugcheck === null);
    const okCat = r.category === c.category;
    const names = r.suspects.map((s) => s.module.toLowerCase());
    const blameNone = c.no_blame ?? (c.culprit_top1.length === 0 && c.culprit_top3.length === 0);
    let okTop = true;
    if (!blameNone && c.culprit_top1.length > 0) {
      top1n++;
      okTop = c.culprit_top1.map((x) => x.toLowerCase()).includes(names[0] ?? '');
      top1 += okTop ? 1 : 0;
    }
    let okNb = true;
    if (blameNone) {
      noBlameN++;
      okNb = r.suspects.every((s) => s.confidence < 0.5);
      noBlame += okNb ? 1 : 0;
    }
    code += okCode ? 1 : 0;
    cat += okCat ? 1 : 0;
    const mark = (b: boolean) => (b ? ' ok ' : 'FAIL');
    console.log(
      `${mark(okCode)} ${mark(okCat)} ${mark(okTop)} ${mark(okNb)}  ${c.id.padEnd(44)} got ${r.bugcheck?.code ?? 'null'} ${r.category} [${r.suspects
        .slice(0, 3)
        .map((s) => `${s.module} ${s.confidence}`)
        .join(', ')}]  want ${c.bugcheck} ${c.category} [${c.culprit_top1.join('|')}]`,
    );
  }
  const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${Math.round((a / b) * 100)}%`);
  console.log(`${dir}: code ${pct(code, cases.length)}, category ${pct(cat, cases.length)}, top-1 ${pct(top1, top1n)} (${top1}/${top1n}), no-blame ${pct(noBlame, noBlameN)} (${noBlame}/${noBlameN})\n`);
}
