/** THE table of verdict rules: ids, reasoning, sources and a test file for each. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/analyzers/verdict/rules/index';

const HERE = dirname(fileURLToPath(import.meta.url));
const RULE_DIR = join(HERE, '../../../src/analyzers/verdict/rules');

describe('the table of verdict rules', () => {
  it('lists every rule once, each under a unique kebab-case id', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
    }
  });

  it('holds every rule file of the folder, and each file is named after its rule', () => {
    const files = readdirSync(RULE_DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));
    expect(files.sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it('gives each rule a description, its reasoning and a public source', () => {
    for (const r of RULES) {
      expect(r.description.length, r.id).toBeGreaterThan(20);
      expect(r.reasoning.length, r.id).toBeGreaterThan(120);
      expect(r.source, r.id).toMatch(/https?:\/\/|Windows Internals|Debugging/);
    }
  });

  it('has a test file for every rule', () => {
    for (const r of RULES) {
      expect(existsSync(join(HERE, 'rules', `${r.id}.test.ts`)), `tests/unit/verdict/rules/${r.id}.test.ts`).toBe(true);
    }
  });

  it('names no particular driver or program in a rule: knowledge lives in knowledge/', () => {
    for (const r of RULES) {
      const src = readFileSync(join(RULE_DIR, `${r.id}.ts`), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(src, r.id).not.toMatch(/['"`][A-Za-z0-9_-]+\.(?:sys|dll|exe)['"`]/);
    }
  });
});
