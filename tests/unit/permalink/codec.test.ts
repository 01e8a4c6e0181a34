/**
 * Share links and share files: round trips on every seed session, every
 * refusal with its message, the decompression cap, version upgraders, and
 * property tests (any text round-trips; no string makes the decoder throw).
 */
import fc from 'fast-check';
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzers/index';
import type { AnalysisReport } from '../../../src/analyzers/types';
import { decodeBase64Url, encodeBase64Url } from '../../../src/permalink/base64url';
import {
  CODEC,
  CURRENT_VERSION,
  decodePayload,
  decodePayloadWith,
  decodeShareFile,
  encodePayload,
  encodeShareFile,
  inflateZlibCapped,
  linkLength,
  MAX_DECOMPRESSED,
  MAX_URL_LENGTH,
  planShare,
  SAFE_URL_LENGTH,
  shareAdvice,
  shareFileName,
  shareUrl,
  V1_FORMAT,
  type CodecTable,
  type DecodeResult,
  type FormatVersion,
  type SharePayload,
} from '../../../src/permalink/codec';
import { SEEDS } from './seeds';

const enc = new TextEncoder();

/** A v1 fragment around arbitrary bytes (zlib-compressed), for crafting bad payloads. */
function fragmentOfBytes(bytes: Uint8Array): string {
  return `v1.${encodeBase64Url(zlibSync(bytes))}`;
}

function fragmentOfJson(value: unknown): string {
  return fragmentOfBytes(enc.encode(JSON.stringify(value)));
}

function reasonOf(r: DecodeResult): string {
  if (r.ok) {
    throw new Error('expected the decoder to refuse');
  }
  return r.reason;
}

function payloadOf(r: DecodeResult): SharePayload {
  if (!r.ok) {
    throw new Error(`expected the decoder to accept: ${r.reason}`);
  }
  return r.payload;
}

const SMALL_TEXT = SEEDS.find((s) => s.name.startsWith('s15'))?.text ?? 'kd> !analyze -v';

describe('base64url', () => {
  it('matches Node’s base64url for any bytes and decodes back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = encodeBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        const back = decodeBase64Url(text);
        expect(back.ok && Array.from(back.bytes)).toEqual(Array.from(bytes));
      }),
    );
  });

  it('refuses characters outside the alphabet, with their position', () => {
    expect(decodeBase64Url('ab+d')).toEqual({ ok: false, reason: 'character', position: 2 });
    expect(decodeBase64Url('ab/d')).toEqual({ ok: false, reason: 'character', position: 2 });
    expect(decodeBase64Url('abé')).toEqual({ ok: false, reason: 'character', position: 2 });
  });

  it('refuses a length no encoder produces and a last character with stray bits', () => {
    expect(decodeBase64Url('abcde')).toEqual({ ok: false, reason: 'length' });
    expect(decodeBase64Url('AB')).toEqual({ ok: false, reason: 'trailing-bits' });
    expect(decodeBase64Url('AA').ok).toBe(true);
  });

  it('tolerates trailing = padding', () => {
    const r = decodeBase64Url('aGk=');
    expect(r.ok && new TextDecoder().decode(r.bytes)).toBe('hi');
  });
});

describe('encodePayload / decodePayload', () => {
  it('writes a fragment of the form v1.<base64url>', () => {
    const frag = encodePayload({ kind: 'text', text: 'kd> k', redacted: false });
    expect(frag).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(CURRENT_VERSION).toBe(1);
  });

  describe.each(SEEDS)('seed $name', ({ text }) => {
    it('round-trips the text with its title and redaction flag', () => {
      const payload: SharePayload = { kind: 'text', text, title: 'Crash on Tuesday', redacted: true };
      const r = decodePayload(encodePayload(payload));
      expect(r).toEqual({ ok: true, payload, version: 1 });
    });

    it('round-trips the report of analyze() as an analysis-only share', () => {
      const report = analyze(text);
      const r = decodePayload(encodePayload({ kind: 'report', report, redacted: false }));
      const p = payloadOf(r);
      expect(p.kind).toBe('report');
      expect(p.kind === 'report' && p.report).toEqual(report);
    });

    it('compresses the text well below its own length', () => {
      expect(encodePayload({ kind: 'text', text, redacted: false }).length).toBeLessThan(text.length);
    });
  });

  it('reads reports shared when frames still carried their columns, and drops them', () => {
    const report = analyze(SEEDS.find((x) => x.text.includes(' : '))?.text ?? '');
    const frame = report.stacks.flatMap((st) => st.frames)[0];
    expect(frame).toBeDefined();
    // Older builds kept Child-SP, the return address and the arguments (as a list, then as one string).
    Object.assign(frame as object, { sp: 'fffff880`02fddce8', retAddr: 'fffff800`02ec7169', args: ['00000000`0000007f', '00000000`00000008'] });
    const p = payloadOf(decodePayload(encodePayload({ kind: 'report', report, redacted: false })));
    const back = p.kind === 'report' ? p.report.stacks.flatMap((st) => st.frames).find((f) => f.line === frame?.line) : undefined;
    expect(back).toBeDefined();
    expect(back).not.toHaveProperty('sp');
    expect(back).not.toHaveProperty('retAddr');
    expect(back).not.toHaveProperty('args');
    expect(back?.site).toBe(frame?.site);
  });

  it('accepts the fragment with its #, inside a whole URL, and wrapped over lines', () => {
    const payload: SharePayload = { kind: 'text', text: SMALL_TEXT, redacted: false };
    const frag = encodePayload(payload);
    expect(payloadOf(decodePayload(`#${frag}`))).toEqual(payload);
    expect(payloadOf(decodePayload(`https://dumplens.example/report#${frag}`))).toEqual(payload);
    const wrapped = frag.replace(/(.{60})/g, '$1\r\n  ');
    expect(payloadOf(decodePayload(wrapped))).toEqual(payload);
  });

  it('keeps only the known fields of a payload', () => {
    const extra = { kind: 'text', text: 'x', redacted: false, secret: 'do not leak' } as SharePayload;
    const frag = encodePayload(extra);
    expect(payloadOf(decodePayload(frag))).toEqual({ kind: 'text', text: 'x', redacted: false });
  });

  it('says so when there is nothing after #', () => {
    expect(reasonOf(decodePayload(''))).toMatch(/nothing after “#”/);
    expect(reasonOf(decodePayload('https://dumplens.example/report#'))).toMatch(/nothing after/);
    expect(reasonOf(decodePayload('#   '))).toMatch(/nothing after/);
  });

  it('says so when the fragment is not a dumplens link', () => {
    expect(reasonOf(decodePayload('#section-2'))).toMatch(/not a dumplens share link.*“v1\.”/);
    expect(reasonOf(decodePayload('v.abc'))).toMatch(/not a dumplens share link/);
  });

  it('asks to update for a link made by a newer version', () => {
    const body = encodePayload({ kind: 'text', text: 'x', redacted: false }).slice(3);
    expect(reasonOf(decodePayload(`v9.${body}`))).toMatch(/made by a newer dumplens \(format v9\).*up to v1/);
    expect(reasonOf(decodePayload('v999999.'))).toMatch(/newer dumplens/);
  });

  it('refuses an older format it cannot read', () => {
    expect(reasonOf(decodePayload('v0.e30'))).toMatch(/format v0, which this dumplens cannot read/);
  });

  it('refuses characters that cannot appear in a link, naming the character and position', () => {
    const frag = encodePayload({ kind: 'text', text: SMALL_TEXT, redacted: false });
    const bad = `${frag.slice(0, 10)}$${frag.slice(11)}`;
    expect(reasonOf(decodePayload(bad))).toBe(
      'The link is damaged: it contains a character that cannot appear in a share link ("$" at position 8 of the data).',
    );
    expect(reasonOf(decodePayload(`${frag.slice(0, 20)}%20${frag.slice(20)}`))).toMatch(/cannot appear/);
  });

  it('refuses every cut-off copy of a link', () => {
    const frag = encodePayload({ kind: 'text', text: SMALL_TEXT, redacted: false });
    for (let cut = 3; cut < frag.length; cut++) {
      const r = decodePayload(frag.slice(0, cut));
      expect(r.ok, `cut at ${cut}`).toBe(false);
      expect(reasonOf(r)).toMatch(/^The link is (?:incomplete|damaged)/);
    }
    expect(reasonOf(decodePayload(frag.slice(0, 3 + (Math.floor(frag.length / 2) & ~3))))).toMatch(
      /incomplete: its data ends early/,
    );
  });

  it('refuses a link with any character changed (the checksum catches silent changes)', () => {
    const frag = encodePayload({ kind: 'text', text: SMALL_TEXT, redacted: false });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 3; i < frag.length; i += 5) {
      const c = frag[i] as string;
      const other = alphabet[(alphabet.indexOf(c) + 17) % 64] as string;
      const r = decodePayload(frag.slice(0, i) + other + frag.slice(i + 1));
      expect(r.ok, `change at ${i}`).toBe(false);
    }
    // Changing a literal in the middle of the data: stays valid deflate, only the checksum sees it.
    const plain = zlibSync(enc.encode(JSON.stringify({ kind: 'text', text: 'aaaa', redacted: false })), { level: 0 });
    const idx = plain.indexOf(0x61);
    plain[idx] = 0x62;
    expect(reasonOf(decodePayload(`v1.${encodeBase64Url(plain)}`))).toMatch(/fails the checksum/);
  });

  it('refuses data that is not a zlib stream', () => {
    expect(reasonOf(decodePayload(`v1.${encodeBase64Url(enc.encode('plain text, not compressed'))}`))).toMatch(
      /compressed data is invalid \(bad zlib header\)/,
    );
    expect(reasonOf(decodePayload('v1.'))).toMatch(/has a version but no data/);
  });

  it('refuses data that is not UTF-8 or not JSON', () => {
    expect(reasonOf(decodePayload(fragmentOfBytes(new Uint8Array([0xff, 0xfe, 0x41]))))).toMatch(/not valid UTF-8/);
    expect(reasonOf(decodePayload(fragmentOfBytes(enc.encode('{"kind":"text",'))))).toMatch(/not valid JSON/);
  });

  it('names the first field of a wrong shape', () => {
    expect(reasonOf(decodePayload(fragmentOfJson([1, 2])))).toBe(
      "The link's data is not a dumplens share: payload should be an object.",
    );
    expect(reasonOf(decodePayload(fragmentOfJson({ kind: 'text', redacted: false })))).toMatch(/payload\.text is missing/);
    expect(reasonOf(decodePayload(fragmentOfJson({ kind: 'text', text: 5, redacted: false })))).toMatch(
      /payload\.text should be text/,
    );
    expect(reasonOf(decodePayload(fragmentOfJson({ kind: 'text', text: 'x', redacted: 'no' })))).toMatch(
      /payload\.redacted should be true or false/,
    );
    expect(reasonOf(decodePayload(fragmentOfJson({ kind: 'video', redacted: false })))).toMatch(
      /payload\.kind should be "text" or "report"/,
    );
  });

  it('checks that a shared report looks like a report', () => {
    const report = analyze(SEEDS[3]?.text ?? '');
    const withReport = (r: unknown) => fragmentOfJson({ kind: 'report', report: r, redacted: false });
    expect(reasonOf(decodePayload(withReport({ ...report, schemaVersion: 2 })))).toMatch(
      /payload\.report\.schemaVersion should be one of 1/,
    );
    expect(reasonOf(decodePayload(withReport({ ...report, category: 'gremlins' })))).toMatch(
      /payload\.report\.category should be one of "driver"/,
    );
    const { headline: _dropped, ...noHeadline } = report;
    expect(reasonOf(decodePayload(withReport(noHeadline)))).toMatch(/payload\.report\.headline is missing/);
    const badSuspect = { ...report, suspects: [{ module: 5, confidence: 1, reasons: [], origin: 'unknown' }] };
    expect(reasonOf(decodePayload(withReport(badSuspect)))).toMatch(/payload\.report\.suspects\[0\]\.module should be text/);
    const badFrame = {
      ...report,
      stacks: [{ frames: [{ site: 'nt!Foo', module: 'nt', symbol: 'Foo', offset: null }], format: 'x64', line: 1, endLine: 2, source: 'k' }],
    };
    expect(reasonOf(decodePayload(withReport(badFrame)))).toMatch(/payload\.report\.stacks\[0\]\.frames\[0\]\.line is missing/);
    const badFinding = { ...report, findings: [{ id: 'x', severity: 'fatal', title: 't', lines: [] }] };
    expect(reasonOf(decodePayload(withReport(badFinding)))).toMatch(/findings\[0\]\.severity should be one of/);
    expect(reasonOf(decodePayload(withReport({ ...report, memory: { vm: [], pools: [] } })))).toMatch(
      /payload\.report\.memory\.poolUsed is missing/,
    );
  });
});

describe('the decompression cap', () => {
  // 50 MB of zeros deflates to about 50 KB: a tiny link that would exhaust memory.
  const bomb = zlibSync(new Uint8Array(50 * 1024 * 1024), { level: 9 });

  it('is 16 MiB', () => {
    expect(MAX_DECOMPRESSED).toBe(16 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(100 * 1024);
  });

  it('stops inflating soon after the cap instead of producing everything', () => {
    const r = inflateZlibCapped(bomb);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBe('too-large');
      expect(r.produced).toBeGreaterThan(MAX_DECOMPRESSED);
      // At most one 4 KiB input slice past the cap: deflate expands at most ~1032:1.
      expect(r.produced).toBeLessThan(MAX_DECOMPRESSED + 4096 * 1040);
    }
  });

  it('refuses such a link with a message', () => {
    expect(reasonOf(decodePayload(`v1.${encodeBase64Url(bomb)}`))).toBe(
      'The shared data would expand past 16 MiB; dumplens refuses it to protect this page.',
    );
  });

  it('applies a caller’s smaller cap', () => {
    const frag = encodePayload({ kind: 'text', text: 'x'.repeat(5000), redacted: false });
    expect(decodePayloadWith(frag, CODEC, 100_000).ok).toBe(true);
    expect(reasonOf(decodePayloadWith(frag, CODEC, 1000))).toMatch(/expand past/);
  });

  it('refuses to encode a payload no decoder would accept', () => {
    const huge: SharePayload = { kind: 'text', text: 'a'.repeat(MAX_DECOMPRESSED), redacted: false };
    expect(() => encodePayload(huge)).toThrow(RangeError);
    const plan = planShare(huge);
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.reason).toMatch(/too large to share \(16 MiB of data; the limit is 16 MiB\)\. Share the analysis only/);
  });

  it('accepts a payload just under the cap', () => {
    const text = 'b'.repeat(MAX_DECOMPRESSED - 64);
    const frag = encodePayload({ kind: 'text', text, redacted: false });
    const p = payloadOf(decodePayload(frag));
    expect(p.kind === 'text' && p.text.length).toBe(text.length);
  });
});

describe('version upgraders', () => {
  // A synthetic older format: `v0.` + base64url of plain JSON `{ t, name? }`, no compression.
  const V0: FormatVersion = {
    unpack(body) {
      const b = decodeBase64Url(body);
      if (!b.ok) {
        return { ok: false, reason: 'bad v0' };
      }
      return { ok: true, value: JSON.parse(new TextDecoder().decode(b.bytes)) as unknown };
    },
  };
  const upgradeV0 = (v: unknown): unknown => {
    const old = v as { t: unknown; name?: unknown };
    if (typeof old.t !== 'string') {
      throw new Error('no text');
    }
    return { kind: 'text', text: old.t, title: old.name, redacted: false };
  };
  const v0Link = (value: unknown) => `v0.${encodeBase64Url(enc.encode(JSON.stringify(value)))}`;
  const TABLE: CodecTable = { current: 1, formats: { 0: V0, 1: V1_FORMAT }, upgraders: { 0: upgradeV0 } };

  it('reads an old link through its format and upgrader, reporting the old version', () => {
    const r = decodePayloadWith(v0Link({ t: 'kd> k', name: 'old' }), TABLE);
    expect(r).toEqual({ ok: true, payload: { kind: 'text', text: 'kd> k', title: 'old', redacted: false }, version: 0 });
  });

  it('still reads current links with the same table', () => {
    const payload: SharePayload = { kind: 'text', text: 'now', redacted: true };
    expect(decodePayloadWith(encodePayload(payload), TABLE)).toEqual({ ok: true, payload, version: 1 });
  });

  it('checks the upgraded value like a fresh one', () => {
    const broken: CodecTable = { ...TABLE, upgraders: { 0: () => ({ kind: 'text' }) } };
    expect(reasonOf(decodePayloadWith(v0Link({ t: 'x' }), broken))).toMatch(/payload\.text is missing/);
  });

  it('says so when an upgrader fails or is missing', () => {
    expect(reasonOf(decodePayloadWith(v0Link({ t: 42 }), TABLE))).toMatch(/format v0 data could not be upgraded to v1/);
    const noUpgrader: CodecTable = { ...TABLE, upgraders: {} };
    expect(reasonOf(decodePayloadWith(v0Link({ t: 'x' }), noUpgrader))).toMatch(/no upgrade from v0/);
  });

  it('chains upgraders across several versions in order', () => {
    const calls: string[] = [];
    const chain: CodecTable = {
      current: 2,
      formats: { 0: V0, 1: V1_FORMAT, 2: V1_FORMAT },
      upgraders: {
        0: (v) => {
          calls.push('0→1');
          return upgradeV0(v);
        },
        1: (v) => {
          calls.push('1→2');
          return { ...(v as object), title: 'upgraded twice' };
        },
      },
    };
    const r = decodePayloadWith(v0Link({ t: 'x' }), chain);
    expect(calls).toEqual(['0→1', '1→2']);
    expect(r).toEqual({ ok: true, payload: { kind: 'text', text: 'x', title: 'upgraded twice', redacted: false }, version: 0 });
  });
});

describe('link length advice', () => {
  it('measures the whole link: base URL, #, fragment', () => {
    expect(linkLength('v1.abc', 'https://x.example/report')).toBe(24 + 1 + 6);
    expect(linkLength('#v1.abc', 'https://x.example/report#old')).toBe(24 + 1 + 6);
    expect(linkLength('v1.abc')).toBe(64 + 1 + 6);
  });

  it('grades lengths against the safe and maximum limits', () => {
    expect(SAFE_URL_LENGTH).toBe(2000);
    expect(MAX_URL_LENGTH).toBe(32768);
    expect(shareAdvice(120)).toBe('ok');
    expect(shareAdvice(2000)).toBe('ok');
    expect(shareAdvice(2001)).toBe('long');
    expect(shareAdvice(32768)).toBe('long');
    expect(shareAdvice(32769)).toBe('too-long');
  });

  it('builds a share URL replacing any fragment already there', () => {
    expect(shareUrl('https://x.example/report#v1.old', 'v1.new')).toBe('https://x.example/report#v1.new');
    expect(shareUrl('https://x.example/report', '#v1.new')).toBe('https://x.example/report#v1.new');
  });

  it('plans a share: fragment, length and advice', () => {
    const small = planShare({ kind: 'text', text: SMALL_TEXT, redacted: false }, 'https://x.example/report');
    expect(small.ok).toBe(true);
    if (small.ok) {
      expect(small.length).toBe(small.fragment.length + 25);
      expect(small.advice).toBe(shareAdvice(small.length));
      expect(decodePayload(small.fragment).ok).toBe(true);
    }
    // Random text does not compress: about 1.37 base64url characters per byte.
    let x = 2463534242;
    const noise = Array.from({ length: 60000 }, () => {
      // xorshift32: deterministic noise that deflate cannot shrink much.
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return String.fromCharCode(48 + ((x >>> 0) % 75));
    }).join('');
    const big = planShare({ kind: 'text', text: noise, redacted: false });
    expect(big.ok && big.advice).toBe('too-long');
  });
});

describe('share files', () => {
  it('wrap the link payload in a small JSON document', () => {
    const payload: SharePayload = { kind: 'text', text: SMALL_TEXT, title: 'S15', redacted: false };
    const file = JSON.parse(new TextDecoder().decode(encodeShareFile(payload))) as { dumplens: number; payload: string };
    expect(file.dumplens).toBe(1);
    expect(file.payload).toBe(encodePayload(payload));
  });

  it.each(SEEDS.map((s) => [s.name, s.text] as const))('round-trip text and report of %s', (_name, text) => {
    const t: SharePayload = { kind: 'text', text, redacted: false };
    expect(decodeShareFile(encodeShareFile(t))).toEqual({ ok: true, payload: t, version: 1 });
    const report: AnalysisReport = analyze(text);
    const r = payloadOf(decodeShareFile(encodeShareFile({ kind: 'report', report, title: 'x', redacted: true })));
    expect(r.kind === 'report' && r.report).toEqual(report);
  });

  it('also open a text file holding a saved link', () => {
    const payload: SharePayload = { kind: 'text', text: 'kd> k', redacted: false };
    const link = `https://dumplens.example/report#${encodePayload(payload)}\n`;
    expect(payloadOf(decodeShareFile(enc.encode(link)))).toEqual(payload);
  });

  it('refuse other files with a message', () => {
    expect(reasonOf(decodeShareFile(new Uint8Array()))).toBe('The share file is empty.');
    expect(reasonOf(decodeShareFile(new Uint8Array([0x4d, 0x44, 0x4d, 0x50, 0x93, 0xa7, 0xff])))).toMatch(/not UTF-8/);
    expect(reasonOf(decodeShareFile(enc.encode('0: kd> !analyze -v')))).toBe('This is not a dumplens share file.');
    expect(reasonOf(decodeShareFile(enc.encode('{"dumplens": 1, "payload": ')))).toMatch(/not valid JSON/);
    expect(reasonOf(decodeShareFile(enc.encode('{"name": "x"}')))).toMatch(/no “dumplens” field/);
    expect(reasonOf(decodeShareFile(enc.encode('{"dumplens": 2, "payload": "v2.x"}')))).toMatch(/newer dumplens \(file version 2\)/);
    expect(reasonOf(decodeShareFile(enc.encode('{"dumplens": 1}')))).toMatch(/“payload” is missing/);
    expect(reasonOf(decodeShareFile(enc.encode('{"dumplens": 1, "payload": "v1.AAAA"}')))).toMatch(/The link is/);
  });

  it('get a file-system-safe name from the title', () => {
    expect(shareFileName()).toBe('dumplens-share.dumplens');
    expect(shareFileName('  0x9F on WKS: zteusbnet?  ')).toBe('0x9F on WKS zteusbnet.dumplens');
    expect(shareFileName('..\\..\\etc/passwd')).toBe('etc passwd.dumplens');
    expect(shareFileName('a\u0000b\u007fc')).toBe('a b c.dumplens');
  });
});

describe('properties', () => {
  const anyText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 400 }),
    // Any UTF-16 code units, lone surrogates included.
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 200 }),
  );

  it('any text round-trips, with any title and flag', () => {
    fc.assert(
      fc.property(anyText, fc.option(anyText, { nil: undefined }), fc.boolean(), (text, title, redacted) => {
        const payload: SharePayload = title === undefined ? { kind: 'text', text, redacted } : { kind: 'text', text, title, redacted };
        expect(decodePayload(encodePayload(payload))).toEqual({ ok: true, payload, version: 1 });
      }),
      { numRuns: 300 },
    );
  });

  it('decodePayload never throws, whatever the string', () => {
    const b64 = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), maxLength: 200 });
    const valid = encodePayload({ kind: 'text', text: SMALL_TEXT, redacted: false });
    const mutated = fc
      .tuple(fc.nat(valid.length - 1), fc.string({ maxLength: 4 }), fc.nat(8))
      .map(([at, insert, drop]) => valid.slice(0, at) + insert + valid.slice(at + drop));
    const arbitrary = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      b64.map((s) => `v1.${s}`),
      b64.map((s) => `#v0.${s}`),
      fc.uint8Array({ maxLength: 200 }).map((b) => fragmentOfBytes(b)),
      mutated,
    );
    fc.assert(
      fc.property(arbitrary, (s) => {
        const r = decodePayload(s);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) {
          expect(r.reason.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('decodeShareFile never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(decodeShareFile(bytes).ok).toBe(false);
      }),
    );
  });
});
