/**
 * fast-check generators of hostile input: text that looks like debugger output
 * (real fixture lines cut and mixed, prompts, hex with backticks, frame lines
 * with garbage), text that does not (unicode, control characters, very long
 * lines), and the adversarial shapes that make backtracking regexes explode.
 */
import fc from 'fast-check';

const FIXTURES = import.meta.glob('../../fixtures/**/*.txt', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** Every non-empty line of every fixture (seeds, sessions, per-family cases). */
export const FIXTURE_LINES: readonly string[] = [
  ...new Set(
    Object.values(FIXTURES)
      .flatMap((t) => t.split(/\r\n|\r|\n/))
      .filter((l) => l.trim() !== ''),
  ),
];

const hexDigit = fc.constantFrom(...'0123456789abcdefABCDEF');
export const hex = (min: number, max: number) => fc.string({ unit: hexDigit, minLength: min, maxLength: max });
/** `fffff880`03bd22c0`, `8f14d970`, `0x7799161a`, `00000000`0000009f`. */
export const address = fc.oneof(
  fc.tuple(hex(8, 8), hex(8, 8)).map(([a, b]) => `${a}\`${b}`),
  hex(8, 8),
  hex(16, 16),
  hex(1, 8).map((h) => `0x${h}`),
);

const prompt = fc.oneof(
  fc.constantFrom('kd> ', '0: kd> ', '12: kd> ', 'lkd> ', '0:000> ', '1:003:x86> ', '  3: kd> '),
  fc.nat(999).map((n) => `${n}: kd> `),
);
const command = fc.constantFrom(
  '!analyze -v',
  'kb',
  'kv',
  'knL',
  '~*kb',
  '~*kcn',
  '!process 0 7',
  '!thread',
  'lm t n',
  'lmvm nt',
  '!poolused 2',
  '!irpfind',
  '!locks',
  '!vm',
  '.trap fffff880`0aa4f0b0',
  'r',
  'dps esp',
  '!devstack',
  '!drvobj \\Driver\\foo 2',
  '!errrec',
  '',
);
const site = fc.oneof(
  fc.constantFrom('nt!KeBugCheckEx', 'nt!KiSwapContext+0x7a', 'ZTEusbnet+0x35dd', "nt! ?? ::FNODOBFM::`string'+0x4e3e", '0x7799161a', 'ntdll!RtlUserThreadStart+0x21'),
  fc.string({ maxLength: 40 }),
);
const frameLine = fc.oneof(
  fc.tuple(address, address, fc.array(address, { maxLength: 7 }), site).map(([sp, ret, args, s]) => `${sp} ${ret} : ${args.join(' ')} : ${s}`),
  fc.tuple(fc.nat(255), address, address, site).map(([n, sp, ret, s]) => `${n.toString(16).padStart(2, '0')} ${sp} ${ret} ${s}`),
  fc.tuple(fc.nat(255), site).map(([n, s]) => `${n.toString(16).padStart(2, '0')} ${s}`),
);
const fieldLine = fc.oneof(
  fc.tuple(fc.constantFrom('BUGCHECK_CODE', 'IMAGE_NAME', 'MODULE_NAME', 'PROCESS_NAME', 'FAILURE_BUCKET_ID', 'Arg1', 'Arg2'), fc.string({ maxLength: 30 })).map(
    ([k, v]) => `${k}:  ${v}`,
  ),
  fc.tuple(address, fc.constantFrom('THREAD', 'PROCESS', 'Irp', 'Resource @')).map(([a, k]) => `${k} ${a}`),
  fc.tuple(hex(1, 2), address, address, address).map(([a, b, c, d]) => `BugCheck ${a}, {${b}, ${c}, ${d}, 0}`),
);
const noise = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('`', ' ', '\t', '0', 'f', ':', '!', '+', '(', ')', '[', ']', '\u00a0', '\u2019', '\u0000'), maxLength: 120 }),
);

/** One line of debugger-like text. */
export const debuggerLine = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FIXTURE_LINES) },
  { weight: 2, arbitrary: fc.tuple(prompt, command).map(([p, c]) => p + c) },
  { weight: 3, arbitrary: frameLine },
  { weight: 2, arbitrary: fieldLine },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: noise },
  // A fixture line cut at a random place, or with its spacing doubled (forum copies).
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...FIXTURE_LINES), fc.nat()).map(([l, k]) => l.slice(0, k % (l.length + 1))) },
  { weight: 1, arbitrary: fc.constantFrom(...FIXTURE_LINES).map((l) => l.replace(/ /g, '  ')) },
);

/** Debugger-like text: lines joined with LF, CRLF or CR. */
export const debuggerText = fc
  .tuple(fc.array(debuggerLine, { maxLength: 60 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([lines, eol]) => lines.join(eol));

/** Anything at all. */
export const garbageText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 200 }),
  fc.string({ unit: fc.constantFrom('\n', '\r', ' ', '`', 'f', '0', ':', '>', 'k', 'd'), maxLength: 400 }),
);

/** Long lines of a repeated piece: the shapes that make backtracking regexes slow. */
export const adversarialLine = fc
  .tuple(
    fc.constantFrom('fffff880`', '0', 'fffff880`03bd22c0 ', '`', ' ', '\t', 'ab ', '0x', 'nt!', '(TrapFrame @ ', ': ', '00 ', 'Id: ', 'irpStack: (', 'PROCESS ', '1 '),
    fc.integer({ min: 1000, max: 20000 }),
    fc.constantFrom('', 'x', ': nt!Foo', ' nt!Foo+0x1', ']', ')'),
    fc.constantFrom('', '0: kd> ', '  ', 'THREAD ', 'fffff880`03bd22c0 fffff800`032845f2 : '),
  )
  .map(([piece, n, tail, head]) => head + piece.repeat(Math.ceil(n / piece.length)) + tail);
