/**
 * Messy input gives the same answer as clean input: every seed session,
 * re-typed the ways forums, e-mail and editors mangle debugger output.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzers/index';
import type { AnalysisReport } from '../../src/analyzers/types';
import { expectContractValid } from './contract';

const DIR = join(__dirname, '../fixtures/seeds');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.txt'));

const lines = (t: string) => t.split(/\r\n|\r|\n/);
const PROMPT = /^\s*(?:\d+:\s?)?l?kd>|^\s*\d+:\d{3}>/;

/** Same-meaning rewrites: the verdict must not move at all. */
const SAME: Record<string, (t: string) => string> = {
  'CRLF line ends': (t) => lines(t).join('\r\n'),
  'a blank line after every line (double spacing)': (t) => lines(t).join('\n\n'),
  'every line indented': (t) => lines(t).map((l) => `    ${l}`).join('\n'),
  'curly quotes': (t) => t.replace(/'/g, '\u2019').replace(/"([^"\n]*)"/g, '\u201c$1\u201d'),
  'tabs for runs of spaces': (t) => t.replace(/ {4}/g, '\t'),
  'no-break spaces': (t) => t.replace(/ /g, '\u00a0'),
  'a byte order mark': (t) => `\ufeff${t}`,
  'mail quoting': (t) => lines(t).map((l) => `> ${l}`).join('\n'),
  'a line-number gutter': (t) => lines(t).map((l, i) => `${String(i + 1).padStart(4)}  ${l}`).join('\n'),
  'quote marks for the backticks of addresses': (t) => t.replace(/([0-9a-f]{8})`([0-9a-f]{8})/g, '$1\u2018$2'),
  'Markdown escapes of underscores': (t) => t.replace(/_/g, '\\_'),
  'lines wrapped at spaces at 100 columns': (t) => lines(t).map((l) => wrapAtSpaces(l, 100)).join('\n'),
  'lines cut mid-word at 120 columns (a console’s width)': (t) => lines(t).map((l) => l.replace(/(.{120})(?=.)/g, '$1\n')).join('\n'),
  'debugger output kept as a script’s # comments': (t) => lines(t).map((l) => `# ${l}`).join('\n'),
};

/** Break a line at its last space before `width`, as mail and forum editors do. */
function wrapAtSpaces(line: string, width: number): string {
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const k = rest.lastIndexOf(' ', width);
    if (k <= 0) {
      break;
    }
    out.push(rest.slice(0, k));
    rest = rest.slice(k + 1);
  }
  out.push(rest);
  return out.join('\n');
}

function summary(r: AnalysisReport) {
  return {
    code: r.bugcheck?.code ?? null,
    args: r.bugcheck?.args ?? null,
    category: r.category,
    suspects: r.suspects.slice(0, 3).map((s) => s.module),
  };
}

describe.each(FILES)('%s', (file) => {
  const text = readFileSync(join(DIR, file), 'utf8');
  const clean = analyze(text);

  it.each(Object.entries(SAME))('gives the same verdict with %s', (_name, rewrite) => {
    expect(summary(analyze(rewrite(text)))).toEqual(summary(clean));
  });

  it('keeps the bug check and blames no one new when the prompts are missing', () => {
    const r = analyze(lines(text).filter((l) => !PROMPT.test(l)).join('\n'));
    expect(r.bugcheck?.code ?? null).toBe(clean.bugcheck?.code ?? null);
    expect(r.bugcheck?.args ?? null).toEqual(clean.bugcheck?.args ?? null);
    const blamed = new Set(clean.suspects.filter((s) => s.confidence >= 0.5).map((s) => s.module));
    for (const s of r.suspects.filter((x) => x.confidence >= 0.5)) {
      expect(blamed.has(s.module), `${s.module} newly blamed`).toBe(true);
    }
  });

  it('survives output cut off mid-command, keeping what came before the cut', () => {
    const all = lines(text);
    for (const frac of [0.3, 0.6, 0.9]) {
      const cut = Math.floor(all.length * frac);
      // Cut inside a line too, as a paste that stopped mid-output.
      const truncated = `${all.slice(0, cut).join('\n')}\n${(all[cut] ?? '').slice(0, 17)}`;
      const r = analyze(truncated);
      expectContractValid(r);
      if (clean.bugcheck && clean.bugcheck.line < cut - 8) {
        expect(r.bugcheck?.code).toBe(clean.bugcheck.code);
      }
    }
  });
});
