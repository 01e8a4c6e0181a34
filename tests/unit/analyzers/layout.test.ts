/**
 * The shape of src/analyzers: no import circle between its modules (value
 * imports; `import type` is erased), no source file much over 600 lines, and
 * nothing that reaches into React, the DOM or the app.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../src/analyzers');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const SOURCES = files(ROOT);
const IMPORT = /^import\s+(type\s+)?[^'"]*from\s+'(\.[^']+)'/gm;

function imports(file: string): string[] {
  const out: string[] = [];
  for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    if (m[1] === undefined) {
      const target = normalize(join(dirname(file), m[2] as string));
      out.push(target.endsWith('.ts') ? target : `${target}.ts`);
    }
  }
  return out;
}

describe('the analyzers folder', () => {
  it('has no import circle', () => {
    const graph = new Map(SOURCES.map((f) => [f, imports(f)]));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]): void => {
      state.set(f, 'open');
      for (const d of graph.get(f) ?? []) {
        if (state.get(d) === 'open') {
          cycles.push([...path.slice(path.indexOf(d)), d].map((p) => p.slice(ROOT.length + 1)).join(' → '));
        } else if (!state.has(d)) {
          visit(d, [...path, d]);
        }
      }
      state.set(f, 'done');
    };
    for (const f of SOURCES) {
      if (!state.has(f)) {
        visit(f, [f]);
      }
    }
    expect(cycles).toEqual([]);
  });

  it('keeps every hand-written source file near 600 lines or under (generated data tables aside)', () => {
    const long = SOURCES.filter((f) => !f.includes('/knowledge/data/')).filter((f) => readFileSync(f, 'utf8').split('\n').length > 650);
    expect(long.map((f) => f.slice(ROOT.length + 1))).toEqual([]);
  });

  it('imports nothing from React, the DOM, zustand, Monaco or the app', () => {
    for (const f of SOURCES) {
      expect(readFileSync(f, 'utf8'), f).not.toMatch(/from '(?:react|react-dom|zustand|monaco-editor)|from '\.\.\/\.\.\/(?:components|store|pages|editor)/);
    }
  });
});
