#!/usr/bin/env node
// `npm run analyze -- [--json | --full] FILE|-` (node --expose-gc scripts/analyze.mjs: the CLI frees
// the file's bytes before the analysis): the command line (src/cli/analyze.ts), run from a
// bundle of plain JavaScript that Vite (a dev dependency already) builds into
// node_modules/.cache/dumplens-cli/ the first time, and again whenever a file under src/ is newer.
//
// Why a bundle: loading the TypeScript sources through tsx costs Node a module-loader thread and
// a transform per module; that start-up took 0.4 s on a quiet machine and over a second on a busy
// one, against half a second for the whole bundled run of a seed session. A rebuild takes about a
// second. If it fails, the sources run through tsx as before. Nothing is printed on standard
// output but the command's own output.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const CACHE = join(ROOT, 'node_modules', '.cache', 'dumplens-cli');
const BUNDLE = join(CACHE, 'analyze.mjs');
const ENTRY = join(ROOT, 'src', 'cli', 'analyze.ts');

/** The newest modification time of the files the bundle is made from (and of this script). */
function newestSource() {
  let newest = statSync(fileURLToPath(import.meta.url)).mtimeMs;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(path);
      } else {
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  };
  walk(join(ROOT, 'src'));
  return newest;
}

/** Build the bundle next to the old one, then put it in place in one rename (two runs may race). */
async function buildBundle() {
  const { build } = await import('vite');
  mkdirSync(CACHE, { recursive: true });
  const out = mkdtempSync(join(CACHE, 'build-'));
  try {
    await build({
      configFile: false,
      root: ROOT,
      publicDir: false,
      logLevel: 'error',
      build: {
        ssr: ENTRY,
        outDir: out,
        emptyOutDir: true,
        target: 'node20',
        minify: false,
        rollupOptions: { output: { entryFileNames: 'analyze.mjs', format: 'es' } },
      },
      // Everything in the bundle: no TypeScript is loaded at run time.
      ssr: { noExternal: true },
    });
    renameSync(join(out, 'analyze.mjs'), BUNDLE);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

let bundled = existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= newestSource();
if (!bundled) {
  try {
    await buildBundle();
    bundled = true;
  } catch (err) {
    process.stderr.write(`dumplens: could not bundle the command line (${err instanceof Error ? err.message : String(err)}); running its sources through tsx\n`);
  }
}
if (bundled) {
  await import(pathToFileURL(BUNDLE).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(ENTRY).href);
}
