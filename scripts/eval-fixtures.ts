/**
 * Scores the analyzer against fixture folders with an expected.json
 * (tests/fixtures/seeds, tests/fixtures/sessions, tests/fixtures/validation):
 * bug check code, category, top-1 / top-3 culprit and "no blame where none is
 * due", per case and in total.
 *
 * Usage: npx tsx scripts/eval-fixtures.ts [--summary] [DIR…]
 * `--summary` prints only the totals: use it for the validation split, whose
 * cases no rule may be written from. The totals also give, for comparison, a
 * peer web tool's ten-line rule on the same texts ("peer": MODULE_NAME, else
 * IMAGE_NAME, else the first module on the first stack that is not the
 * kernel or the HAL; it always names someone when it can) and WinDbg's own
 * MODULE_NAME alone ("windbg").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../src/analyzers/index.ts';
import { allStacks, blocksOf, runText } from '../src/analyzers/run.ts';
import { canonicalModuleName } from '../src/analyzers/knowledge/modules.ts';

/** Module names compare as WinDbg spells them: case, `-` and `.` (foo-bar.sys is foo_bar) aside. */
const key = (name: string): string => canonicalModuleName(name);

interface Case {
  id: string;
  bugcheck: string | null;
  category: string;
  culprit_top1: string[];
  culprit_top3: string[];
  no_blame?: boolean;
  code_in_output?: boolean;
}

/** The peer rule and WinDbg's MODULE_NAME, read from the same parse. */
function baselines(text: string): { peer: string | undefined; windbg: string | undefined } {
  const model = runText(text);
  let moduleName: string | undefined;
  let imageName: string | undefined;
  for (const b of blocksOf(model, 'analyze-v')) {
    moduleName ??= b.data.fields.MODULE_NAME?.value.trim().split(/\s+/)[0];
    imageName ??= b.data.fields.IMAGE_NAME?.value.trim().replace(/\.(?:sys|dll|exe)$/i, '');
  }
  let onStack: string | undefined;
  for (const s of allStacks(model)) {
    const f = s.frames.find((x) => x.module !== null && !/^(?:nt|ntoskrnl|ntkrnlmp|ntkrnlpa|ntkrpamp|hal|halmacpi)$/i.test(x.module));
    if (f?.module) {
      onStack = f.module;
      break;
    }
  }
  const peer = moduleName ?? imageName ?? onStack;
  return { peer: peer === undefined ? undefined : key(peer), windbg: moduleName === undefined ? undefined : key(moduleName) };
}

const args = process.argv.slice(2);
const summary = args.includes('--summary');
const dirs = args.filter((a) => a !== '--summary');
const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${Math.round((a / b) * 100)}%`);

for (const dir of dirs.length > 0 ? dirs : ['tests/fixtures/seeds', 'tests/fixtures/sessions']) {
  const { cases } = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { cases: Case[] };
  const n = { code: 0, codeN: 0, cat: 0, top1: 0, top3: 0, blamed: 0, noBlame: 0, noBlameN: 0, peer: 0, windbg: 0, peerNb: 0 };
  for (const c of cases) {
    const text = readFileSync(join(dir, `${c.id}.txt`), 'utf8');
    const r = analyze(text);
    const base = baselines(text);
    const got = r.bugcheck?.code ?? null;
    // A code shown only in prose is never read: then reporting none is right too.
    const okCode = got === c.bugcheck || (c.code_in_output === false && got === null);
    const okCat = r.category === c.category;
    const names = r.suspects.map((s) => key(s.module));
    const blameNone = c.no_blame ?? (c.culprit_top1.length === 0 && c.culprit_top3.length === 0);
    let okTop = true;
    if (!blameNone && c.culprit_top1.length > 0) {
      n.blamed++;
      const want1 = c.culprit_top1.map(key);
      const want3 = [...want1, ...c.culprit_top3.map(key)];
      okTop = want1.includes(names[0] ?? '');
      n.top1 += okTop ? 1 : 0;
      n.top3 += names.slice(0, 3).some((m) => want3.includes(m)) ? 1 : 0;
      n.peer += want1.includes(base.peer ?? '') ? 1 : 0;
      n.windbg += want1.includes(base.windbg ?? '') ? 1 : 0;
    }
    let okNb = true;
    if (blameNone) {
      n.noBlameN++;
      okNb = r.suspects.every((s) => s.confidence < 0.5);
      n.noBlame += okNb ? 1 : 0;
      n.peerNb += base.peer === undefined ? 1 : 0;
    }
    n.codeN++;
    n.code += okCode ? 1 : 0;
    n.cat += okCat ? 1 : 0;
    if (!summary) {
      const mark = (b: boolean) => (b ? ' ok ' : 'FAIL');
      const top = r.suspects.slice(0, 3).map((s) => `${s.module} ${s.confidence}`).join(', ');
      console.log(`${mark(okCode)} ${mark(okCat)} ${mark(okTop)} ${mark(okNb)}  ${c.id.padEnd(44)} got ${got ?? 'null'} ${r.category} [${top}]  want ${c.bugcheck} ${c.category} [${c.culprit_top1.join('|')}]`);
    }
  }
  console.log(
    `${dir}: ${cases.length} cases; code ${pct(n.code, n.codeN)}, category ${pct(n.cat, cases.length)} (${n.cat}/${cases.length}), ` +
      `top-1 ${pct(n.top1, n.blamed)} (${n.top1}/${n.blamed}), top-3 ${pct(n.top3, n.blamed)} (${n.top3}/${n.blamed}), no-blame ${pct(n.noBlame, n.noBlameN)} (${n.noBlame}/${n.noBlameN})` +
      `; peer rule top-1 ${pct(n.peer, n.blamed)} (${n.peer}), no-blame ${n.peerNb}/${n.noBlameN}; WinDbg MODULE_NAME top-1 ${pct(n.windbg, n.blamed)} (${n.windbg})`,
  );
}
