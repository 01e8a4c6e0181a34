/** The seed sessions (tests/fixtures/seeds/*.txt), read once for the permalink and export tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(__dirname, '../../fixtures/seeds');

export interface Seed {
  name: string;
  text: string;
}

export const SEEDS: readonly Seed[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({ name: f.replace(/\.txt$/, ''), text: readFileSync(join(DIR, f), 'utf8') }));
