/**
 * Hostile and damaged dumps: cut at every offset, fields overwritten with
 * random values, counts far out of range, structures that overlap. Whatever
 * the bytes, `readDump` resolves (never throws, never falls into its own
 * "could not be read" catch-all), reads only inside the file, makes a
 * bounded number of reads, and derives a bounded text that `analyze` takes.
 * Timing is not asserted here; the test timeout bounds a hang.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzers/index';
import { readDump, type ByteSource, type DumpReadResult } from '../../../src/dump/index';
import { writeMinidump, writeTriageDump } from '../../dump-writer';
import { arm64PowerButton, userAppCrash, x64DriverCrash, x86DriverCrash } from '../../dump-scenarios';

/** A source over `bytes` that fails the test on any read outside the file, and counts reads. */
function strictSource(bytes: Uint8Array, size = bytes.length): ByteSource & { reads: number } {
  const src = {
    size,
    reads: 0,
    read(offset: number, length: number): Promise<Uint8Array> {
      src.reads++;
      if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > size) {
        throw new Error(`read out of bounds: ${offset}+${length} of ${size}`);
      }
      const out = new Uint8Array(length);
      out.set(bytes.subarray(Math.min(offset, bytes.length), Math.min(offset + length, bytes.length)));
      return Promise.resolve(out);
    },
  };
  return src;
}

/** The answer is sound: no catch-all, a bounded text, and (when asked: it costs more than the read) the text analyzes. */
function expectSound(r: DumpReadResult, reads: number, analyzeText = true): void {
  if (!r.ok) {
    expect(r.reason).not.toMatch(/could not be read \(/);
    expect(r.reason.length).toBeLessThan(2000);
  } else {
    expect(r.text.length).toBeLessThan(2_000_000);
    if (analyzeText) {
      expect(analyze(r.text).headline).not.toMatch(/^dumplens failed/);
    }
  }
  expect(reads).toBeLessThan(100_000);
}

const FILES: [string, Uint8Array][] = [
  ['x64 triage', writeTriageDump(x64DriverCrash())],
  ['x86 triage', writeTriageDump(x86DriverCrash())],
  ['ARM64 triage', writeTriageDump(arm64PowerButton())],
  ['x64 minidump', writeMinidump(userAppCrash())],
];

describe('truncated dumps', () => {
  it.each(FILES)('the %s cut anywhere (at every offset of its headers, every fifth after) is read without an exception', async (_, bytes) => {
    // Every offset through the headers, every fifth after them (the text is rebuilt each time);
    // the analyzers, fuzzed on their own elsewhere, read one derived text in 64.
    let n = 0;
    for (let k = 0; k <= bytes.length; k += k < 0x2100 ? 1 : 5) {
      const src = strictSource(bytes.subarray(0, k));
      expectSound(await readDump(src, 'cut.dmp'), src.reads, n++ % 64 === 0);
    }
  }, 60_000);
});

/** Overwrite `writes` u32 values at their offsets (modulo the file length). */
function corrupt(bytes: Uint8Array, writes: readonly [number, number][]): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  for (const [at, value] of writes) {
    const k = at % Math.max(1, out.length - 4);
    view.setUint32(k, value >>> 0, true);
  }
  return out;
}

/** Values that break readers: zero, all ones, near the limits, sizes of the file and around it. */
const nastyU32 = fc.oneof(fc.constantFrom(0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 0x10000, 0x2000, 0x1000, 0xfffffff0), fc.integer({ min: 0, max: 0xffffffff }));

describe('corrupted dumps', () => {
  it.each(FILES)('the %s with random fields overwritten is read safely, whole or by slices', async (_, bytes) => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), nastyU32), { minLength: 1, maxLength: 12 }), fc.boolean(), async (writes, big) => {
        const damaged = corrupt(bytes, writes);
        // `big`: the same bytes padded to 65 MiB with zeros, so the reader takes the by-slices path.
        const src = strictSource(damaged, big ? 65 * 1024 * 1024 : damaged.length);
        expectSound(await readDump(src, 'damaged.dmp'), src.reads);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('counts far out of range in the triage header and the minidump directory are refused or cut', async () => {
    const triage = writeTriageDump(x64DriverCrash());
    const mdmp = writeMinidump(userAppCrash());
    // Triage: DriverCount, unloaded count, DataBlocksCount, SizeOfCallStack, StringPoolSize.
    const triageCounts = [0x2034, 0x207c, 0x202c, 0x203c];
    // Minidump: NumberOfStreams and each stream's size.
    const mdmpCounts = [8, ...Array.from({ length: 8 }, (_, k) => 36 + 12 * k)];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...triageCounts), fc.constantFrom(...mdmpCounts), nastyU32, async (t, m, value) => {
        for (const [bytes, at] of [
          [triage, t],
          [mdmp, m],
        ] as const) {
          const src = strictSource(corrupt(bytes, [[at, value]]));
          expectSound(await readDump(src, 'counts.dmp'), src.reads);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('overlapping structures (every part of a triage dump, every minidump stream at one offset) are read safely', async () => {
    const triage = writeTriageDump(x64DriverCrash());
    const mdmp = writeMinidump(userAppCrash());
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: triage.length }), fc.integer({ min: 0, max: mdmp.length }), async (t, m) => {
        // Triage: the unloaded list, stack, driver list, string pool, debugger data and block table all at `t`.
        const tw: [number, number][] = [0x18, 0x28, 0x30, 0x38, 0x70, 0x78].map((k) => [0x2000 + k, t]);
        const src1 = strictSource(corrupt(triage, tw));
        expectSound(await readDump(src1, 'overlap.dmp'), src1.reads);
        // Minidump: every stream's RVA at `m`.
        const mw: [number, number][] = Array.from({ length: 8 }, (_, k) => [40 + 12 * k, m]);
        const src2 = strictSource(corrupt(mdmp, mw));
        expectSound(await readDump(src2, 'overlap.dmp'), src2.reads);
      }),
      { numRuns: 80 },
    );
  });

  it('random bytes behind a valid signature are read safely', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('PAGEDU64', 'PAGEDUMP', 'MDMP\x93\xa7\x00\x00'), fc.uint8Array({ minLength: 0, maxLength: 0x3000 }), async (sig, rest) => {
        const bytes = new Uint8Array(8 + rest.length);
        bytes.set([...sig].map((c) => c.charCodeAt(0)));
        bytes.set(rest, 8);
        const src = strictSource(bytes);
        expectSound(await readDump(src, 'noise.dmp'), src.reads);
      }),
      { numRuns: 100 },
    );
  });
});
