/**
 * Writes the dump files `npm run bench:dumps` opens in Chromium, into DIR:
 *   sparse-header-2g.dmp   a 2 GB sparse file whose first pages are a real kernel
 *                          memory dump header (bitmap kernel dump, 0x9F)
 *   sparse-garbage-2g.dmp  a 2 GB sparse file that starts with 64 KB of random bytes
 *   triage-3mb.dmp         a 3 MB kernel triage dump (400 drivers, 2.9 MB of memory blocks)
 *   triage-3mb.txt         its derived text, to open as text: the baseline of the page's own work
 * Usage: npx tsx scripts/make-bench-dumps.ts DIR
 */
import { truncateSync, writeFileSync } from 'node:fs';
import { bytesSource, readDump } from '../src/dump/index.ts';
import { join } from 'node:path';
import { writeMemoryDumpHeader, writeTriageDump, type DriverSpec, type MemorySpec } from '../tests/dump-writer.ts';
import { x64DriverCrash } from '../tests/dump-scenarios.ts';

const dir = process.argv[2];
if (dir === undefined) {
  process.stderr.write('usage: npx tsx scripts/make-bench-dumps.ts DIR\n');
  process.exit(2);
}
const TWO_GB = 2 * 1024 ** 3;

const header = join(dir, 'sparse-header-2g.dmp');
writeFileSync(header, writeMemoryDumpHeader({ dumpType: 6, bugcheck: { code: 0x9f, args: [3n, 0xffffe0015a2c0060n, 0xfffff80128a5e7f0n, 0xffffe0015b29a010n] }, presentPages: 0x7ff00n }));
truncateSync(header, TWO_GB);

const garbage = join(dir, 'sparse-garbage-2g.dmp');
let seed = 12345;
const noise = new Uint8Array(65536).map(() => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed >>> 24;
});
writeFileSync(garbage, noise);
truncateSync(garbage, TWO_GB);

// A triage dump of realistic size: many drivers and memory blocks around the scenario's own.
const base = x64DriverCrash();
const drivers: DriverSpec[] = [...base.drivers];
for (let k = 0; drivers.length < 400; k++) {
  drivers.push({ name: `\\SystemRoot\\System32\\drivers\\filler${k}.sys`, base: 0xfffff80490000000n + BigInt(k) * 0x100000n, size: 0x20000, timestamp: 0x5c000000 + k * 86400 });
}
const blocks: MemorySpec[] = [...(base.blocks ?? [])];
for (let k = 0; blocks.length < 720; k++) {
  blocks.push({ address: 0xfffff80500000000n + BigInt(k) * 0x10000n, bytes: new Uint8Array(4096).fill(k & 0xff) });
}
const triage = writeTriageDump({ ...base, drivers, blocks });
writeFileSync(join(dir, 'triage-3mb.dmp'), triage);
const derived = await readDump(bytesSource(triage), 'triage-3mb.dmp');
writeFileSync(join(dir, 'triage-3mb.txt'), derived.ok ? derived.text : derived.reason);
process.stdout.write(`${triage.length} bytes of triage dump\n`);
