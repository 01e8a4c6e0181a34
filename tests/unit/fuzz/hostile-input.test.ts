/**
 * Property tests with hostile input: whatever text arrives (a mangled paste,
 * garbage, a binary file, a hand-made permalink payload), no analyzer throws,
 * `analyze()` returns a report that satisfies the contract and never falls
 * into its own "dumplens failed" catch. Timing is not asserted here (that is
 * the benchmark's job: `npm run bench`, adversarial case).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzers/index';
import { REGISTRY } from '../../../src/analyzers/commands/registry';
import { segmentLines } from '../../../src/analyzers/segment';
import { normalizeText } from '../../../src/analyzers/normalize';
import type { AnalysisReport, BlockContext, Finding } from '../../../src/analyzers/types';
import { decodeText } from '../../../src/lib/decode';
import { summarizeReport, type ReportLimits, REPORT_LIMITS } from '../../../src/worker/summarize';
import { expectContractValid } from '../contract';
import { adversarialLine, debuggerLine, debuggerText, garbageText } from './arbitraries';

const RUNS = { numRuns: 150 };

/** `analyze` went through without hitting its own catch-all, and the report is contract-valid. */
function expectSound(report: AnalysisReport, lineCount?: number): void {
  expect(report.headline).not.toMatch(/^dumplens failed/);
  expectContractValid(report);
  if (lineCount !== undefined && report.inputProblem === undefined) {
    expect(report.stats.lines).toBe(lineCount);
    for (const f of report.findings) {
      for (const l of f.lines) {
        expect(l >= 1 && l <= lineCount).toBe(true);
      }
    }
  }
}

function expectFindingsValid(findings: readonly Finding[], lines: number): void {
  for (const f of findings) {
    expect(typeof f.id).toBe('string');
    expect(['critical', 'warning', 'info']).toContain(f.severity);
    expect(typeof f.title).toBe('string');
    for (const l of f.lines) {
      expect(Number.isInteger(l) && l >= 1 && l <= lines).toBe(true);
    }
  }
}

describe('every analyzer in the registry, on hostile lines', () => {
  for (const analyzer of REGISTRY) {
    it(`${analyzer.id}: never throws, and returns a block that ends after it starts with valid findings`, () => {
      fc.assert(
        fc.property(fc.array(debuggerLine, { minLength: 1, maxLength: 30 }), fc.boolean(), (raw, owned) => {
          const lines = normalizeText(raw.join('\n')).lines;
          const source = { lines };
          const segment = segmentLines(lines)[0]!;
          const ctx: BlockContext = {
            source,
            segment: owned ? { ...segment, command: String(analyzer.commands[0] ?? '').replace(/[\\^$/]/g, '') } : segment,
            limit: lines.length,
            startsOther: () => false,
          };
          for (let i = 0; i < lines.length; i++) {
            const starts = analyzer.startsAt(source, i, owned);
            expect(typeof starts).toBe('boolean');
            if (!starts) {
              continue;
            }
            const res = analyzer.analyze(i, ctx);
            expect(Number.isInteger(res.end)).toBe(true);
            expect(res.end).toBeLessThanOrEqual(lines.length + 1);
            if (res.ok) {
              expect(typeof res.data).toBe('object');
              expectFindingsValid(res.findings, lines.length);
            } else {
              expect(typeof res.reason).toBe('string');
            }
          }
        }),
        RUNS,
      );
    });
  }
});

describe('analyze() on hostile text', () => {
  it('handles debugger-like text: real fixture lines mixed, cut, re-spaced, with prompts, frames and noise', () => {
    fc.assert(
      fc.property(debuggerText, (text) => {
        expectSound(analyze(text), text === '' ? undefined : text.split(/\r\n|\r|\n/).length);
      }),
      RUNS,
    );
  });

  it('handles pure garbage: binary, unicode, control characters', () => {
    fc.assert(
      fc.property(garbageText, (text) => {
        expectSound(analyze(text));
      }),
      RUNS,
    );
  });

  it('handles megabyte-scale lines of hex, backticks and spaces among ordinary output', () => {
    fc.assert(
      fc.property(fc.array(adversarialLine, { minLength: 1, maxLength: 4 }), fc.array(debuggerLine, { maxLength: 10 }), (long, normal) => {
        const text = [...long, ...normal].join('\n');
        expectSound(analyze(text), text.split('\n').length);
      }),
      { numRuns: 40 },
    );
  });

  it('gives a report that the page-size summary keeps contract-valid', () => {
    const tiny: ReportLimits = { ...REPORT_LIMITS, findings: 2, stacks: 1, threads: 1, modules: 1, commands: 1, other: 1, poolTags: 1, irpFind: 1, locks: 1, processes: 1 };
    fc.assert(
      fc.property(debuggerText, (text) => {
        const { report } = summarizeReport(analyze(text), tiny);
        expectSound(report);
      }),
      RUNS,
    );
  });
});

describe('files that are not what they seem, through decodeText and analyze', () => {
  const session = ['0: kd> kb', 'fffff880`03bd22c0 fffff800`032845f2 : fffffa80`07005660 00000000`00000000 00000000`00000000 00000000`00000000 : nt!KiSwapContext+0x7a', ''].join('\r\n');

  function utf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
    const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
    let k = 0;
    const put = (c: number) => {
      out[k++] = bigEndian ? c >> 8 : c & 0xff;
      out[k++] = bigEndian ? c & 0xff : c >> 8;
    };
    if (bom) {
      put(0xfeff);
    }
    for (let i = 0; i < text.length; i++) {
      put(text.charCodeAt(i));
    }
    return out;
  }

  it('reads UTF-16 logs, little or big endian, with or without a byte order mark, like the UTF-8 text', () => {
    const expected = analyze(session);
    for (const [be, bom] of [
      [false, true],
      [false, false],
      [true, true],
      [true, false],
    ] as const) {
      const { text } = decodeText(utf16(session, be, bom));
      expect(analyze(text)).toEqual(expected);
    }
  });

  it('refuses an empty file and a binary one with a message, not a verdict', () => {
    const empty = analyze(decodeText(new Uint8Array(0)).text);
    expect(empty.inputProblem).toMatch(/empty/);
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const binary = analyze(decodeText(bytes).text);
    expect(binary.inputProblem).toMatch(/binary/);
    expectContractValid(binary);
  });

  it('survives NUL bytes, invalid UTF-8 and stray bytes of any kind', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.nat(40), (noise, at) => {
        const base = new TextEncoder().encode(session);
        const k = Math.min(at, base.length);
        const bytes = new Uint8Array([...base.subarray(0, k), ...noise, ...base.subarray(k)]);
        const { text } = decodeText(bytes);
        expectSound(analyze(text));
      }),
      RUNS,
    );
  });

  it('drops NUL characters inside lines instead of breaking the frames around them', () => {
    const withNul = session.replace('KiSwapContext', 'KiSwap\u0000Context');
    const report = analyze(decodeText(new TextEncoder().encode(withNul)).text);
    expect(report.stacks[0]?.frames[0]?.site).toBe('nt!KiSwapContext+0x7a');
  });
});
