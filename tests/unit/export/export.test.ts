/**
 * Exports of a report: Markdown, BBCode, JSON and plain text, on the real
 * reports of the seed sessions and on a hand-made report full of hostile
 * strings (`[/code]`, backticks, `<script>`, Markdown and BBCode markup).
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzers/index';
import type { AnalysisReport, Stack } from '../../../src/analyzers/types';
import {
  bbCodeBlock,
  escapeBBCode,
  escapeMarkdown,
  EXPORT_FORMATS,
  exportReport,
  markdownCode,
  markdownCodeBlock,
  REPORT_KEY_ORDER,
  toBBCode,
  toJson,
  toMarkdown,
  toPlainText,
  topStack,
} from '../../../src/export/index';
import { SEEDS } from '../permalink/seeds';
// @ts-expect-error: Monaco's bundled marked (a GFM renderer: tables, autolinks) has no type declarations of its own.
import { Marked } from 'monaco-editor/base/common/marked/marked.js';

const ZWSP = '\u200b';

function frames(n: number, module = 'nt'): Stack['frames'] {
  return Array.from({ length: n }, (_, i) => ({
    index: i,
    site: `${module}!Func${i}+0x${(i * 16).toString(16)}`,
    module,
    symbol: `Func${i}`,
    offset: `0x${(i * 16).toString(16)}`,
    line: 100 + i,
  }));
}

/** A report with every section filled, its text fields hostile. */
function hostileReport(): AnalysisReport {
  return {
    schemaVersion: 1,
    kind: 'kernel',
    bugcheck: {
      code: '0x000000D1',
      name: 'DRIVER_IRQL_NOT_LESS_OR_EQUAL',
      args: ['0x0', '0x2', '0x0', '0xfffff80012345678'],
      line: 7,
      meaning: 'A driver touched *pageable* memory at _raised_ IRQL | see [docs](http://evil.example)',
      decodedArgs: [
        { value: '0x0', label: 'memory referenced' },
        { value: '0x2', label: 'IRQL', decoded: 'DISPATCH_LEVEL' },
        { value: '0x0', label: 'access', decoded: 'read' },
        { value: '0xfffff80012345678', label: 'address that referenced memory | pipe' },
      ],
    },
    category: 'driver',
    suspects: [
      {
        module: 'evil`mod',
        confidence: 0.9,
        origin: 'third-party',
        vendor: 'Evil [b]Corp[/b]',
        reasons: [
          { text: 'frame evil`mod+0x10 is on the stack [url=http://evil.example]click[/url]', line: 12, rule: 'faulting-stack' },
          { text: '<script>alert(1)</script> & friends', rule: 'analyze-names' },
        ],
      },
      { module: 'nt', confidence: 0.1, origin: 'microsoft', reasons: [] },
    ],
    findings: [
      { id: 'x.critical', severity: 'critical', title: 'Boom [/code] ``` <img src=x onerror=alert(1)>', lines: [3, 4], detail: 'detail with\nnewline ## not a heading' },
      { id: 'x.warning', severity: 'warning', title: '# not a heading', lines: [5] },
      { id: 'x.info', severity: 'info', title: '1. not a list', lines: [] },
    ],
    commands: [{ command: '!analyze -v', line: 1, endLine: 40 }],
    headline: 'Headline [/code] `tick` **bold** <script>x</script> [b]x[/b]\n## injected heading',
    nextSteps: [
      { command: '!foo [/code] ```', why: 'why; with semicolon [/CODE ]' },
      { command: 'lmvm evil`mod', why: 'see the module' },
    ],
    stacks: [
      { frames: frames(3, 'ndis'), format: 'x64', line: 50, endLine: 52, source: 'kv on processor 0' },
      {
        frames: [...frames(2), { site: 'evil`mod+0x10 [/code] ````', module: 'evil`mod', symbol: null, offset: '0x10', line: 62 }],
        format: 'x64',
        line: 60,
        endLine: 62,
        source: 'STACK_TEXT [/code]',
      },
    ],
    threads: [],
    processes: [],
    locks: [],
    memory: { vm: [], poolUsed: [], pools: [] },
    modules: [],
    irps: [],
    irpFind: [],
    devices: [],
    devStacks: [],
    drivers: [],
    hardware: { whea: [], cpu: [] },
    verifier: [],
    filters: [],
    ndis: [],
    stats: { lines: 80, blocks: 3, skippedLines: 0, truncated: false },
  };
}

/** Fenced blocks of a Markdown text: each opening fence and the lines up to its closing twin. */
function fencedBlocks(md: string): { fence: string; body: string[] }[] {
  const lines = md.split('\n');
  const blocks: { fence: string; body: string[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(\w*)$/.exec(lines[i] as string);
    if (open === null) {
      continue;
    }
    const fence = open[1] as string;
    const close = lines.findIndex((l, j) => j > i && l === fence);
    expect(close, `fence at line ${i + 1} is closed`).toBeGreaterThan(i);
    blocks.push({ fence, body: lines.slice(i + 1, close) });
    i = close;
  }
  return blocks;
}

describe('Markdown escaping', () => {
  it('backslash-escapes inline markup and neutralizes HTML and entities', () => {
    expect(escapeMarkdown('*a* _b_ [c](d) <e> `f` |g| ~h~ &amp;')).toBe('\\*a\\* \\_b\\_ \\[c\\](d) \\<e\\> \\`f\\` \\|g\\| \\~h\\~ &amp;amp;');
    expect(escapeMarkdown('C:\\Windows')).toBe('C:\\\\Windows');
  });

  it('escapes block markers at the start and joins lines', () => {
    expect(escapeMarkdown('# title')).toBe('\\# title');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('a\n## b')).toBe('a ## b');
  });

  it('wraps code spans in more backticks than they hold', () => {
    expect(markdownCode('nt!Foo')).toBe('`nt!Foo`');
    expect(markdownCode('fffff880`02fddce8')).toBe('``fffff880`02fddce8``');
    expect(markdownCode('`x``')).toBe('``` `x`` ```');
    expect(markdownCode('')).toBe('');
  });

  it('fences code blocks longer than any backtick run inside', () => {
    expect(markdownCodeBlock(['a', 'b'])).toBe('```text\na\nb\n```');
    expect(markdownCodeBlock(['```', 'x````y'])).toBe('`````text\n```\nx````y\n`````');
  });
});

describe('BBCode escaping', () => {
  it('breaks tag-like brackets with a zero-width space and leaves others', () => {
    expect(escapeBBCode('[b]x[/b] [url=http://e] [*] [0x1f] [1b,17]')).toBe(
      `[${ZWSP}b]x[${ZWSP}/b] [${ZWSP}url=http${ZWSP}://e] [${ZWSP}*] [0x1f] [1b,17]`,
    );
  });

  it('breaks only closing code tags inside code blocks', () => {
    expect(bbCodeBlock(['a [/code] b [/ CODE ] [b]'])).toBe(`[code]\na [${ZWSP}/code] b [${ZWSP}/ CODE ] [b]\n[/code]`);
  });
});

describe('a hostile report', () => {
  const report = hostileReport();

  it('in Markdown keeps every hostile string inert', () => {
    const md = toMarkdown(report);
    expect(md).not.toMatch(/(?<!\\)<(?:script|img)/);
    expect(md).toContain('\\<script\\>alert(1)\\</script\\> &amp; friends');
    expect(md).toContain('\\*\\*bold\\*\\*');
    expect(md).not.toContain('\n## injected');
    expect(md).toContain('**``evil`mod``**: 90% confidence (third-party, Evil \\[b\\]Corp\\[/b\\])');
    expect(md).toContain('| 4 | `0xfffff80012345678` | address that referenced memory \\| pipe |');
    expect(md).toContain('- \\# not a heading (line 5)');
    expect(md).toContain('- 1\\. not a list');
    // Every fence closes, and no block holds a line that could close it early.
    const blocks = fencedBlocks(md);
    expect(blocks.map((b) => b.fence)).toEqual(['````', '`````']);
    expect(blocks[0]?.body).toEqual(['* why; with semicolon [/CODE ]', '!foo [/code] ```', '* see the module', 'lmvm evil`mod']);
    expect(blocks[1]?.body.at(-1)).toBe('02 evil`mod+0x10 [/code] ````');
  });

  it('in BBCode opens and closes exactly the tags it writes', () => {
    const bb = toBBCode(report);
    expect(bb.match(/\[code\]/g)?.length).toBe(2);
    expect(bb.match(/\[\/code\]/gi)?.length).toBe(2);
    expect(bb).not.toMatch(/\[url=/);
    expect(bb).toContain(`Headline [${ZWSP}/code] \`tick\` **bold** <script>x</script> [${ZWSP}b]x[${ZWSP}/b] ## injected heading`);
    expect(bb).toContain(`[*][b]evil\`mod[/b]: 90% confidence (third-party, Evil [${ZWSP}b]Corp[${ZWSP}/b])`);
    expect(bb).toContain('[color=#c00000][b]Critical[/b][/color]');
    expect(bb).toContain(`!foo [${ZWSP}/code] \`\`\``);
    expect(bb.split('\n').filter((l) => /\[\/?list/.test(l)).map((l) => l.replace(/\[\*\].*/, ''))).toEqual([
      '[list]',
      '[/list]',
      '[list=1]',
      '[list]',
      '[/list]',
      '[/list]',
      '[list]',
      '[/list]',
    ]);
  });

  it('in plain text stays one line per item', () => {
    const text = toPlainText(report);
    expect(text).toContain('Headline [/code] `tick` **bold** <script>x</script> [b]x[/b] ## injected heading\n');
    expect(text).toContain('  [Critical] Boom [/code] ``` <img src=x onerror=alert(1)> (lines 3, 4)\n      detail with newline ## not a heading\n');
    expect(text).not.toMatch(/^## injected/m);
  });

  it('in JSON parses back to the same report', () => {
    expect(JSON.parse(toJson(report))).toEqual(report);
  });

  it('shows the STACK_TEXT stack first, numbered as WinDbg does', () => {
    expect(topStack(report)?.source).toBe('STACK_TEXT [/code]');
    expect(toPlainText(report)).toContain('Stack: STACK_TEXT [/code] (lines 60–62)\n  00 nt!Func0+0x0\n  01 nt!Func1+0x10\n  02 evil`mod+0x10 [/code] ````\n');
  });
});

describe('options', () => {
  const report = hostileReport();

  it('link line numbers and the full analysis when given http(s) URLs', () => {
    const md = toMarkdown(report, {
      link: 'https://dumplens.example/report#v1.abc',
      lineUrl: (line) => `https://dumplens.example/report#L${line}`,
    });
    expect(md).toContain('([line 7](<https://dumplens.example/report#L7>))');
    expect(md).toContain('([lines 3, 4](<https://dumplens.example/report#L3>))');
    expect(md).toContain('[Open the full analysis](<https://dumplens.example/report#v1.abc>)');
    expect(toBBCode(report, { link: 'https://dumplens.example/r#v1.a]b' })).toContain('[url=https://dumplens.example/r#v1.a%5Db]Open the full analysis[/url]');
    expect(toPlainText(report, { link: 'https://dumplens.example/r#v1.a' })).toMatch(/\nhttps:\/\/dumplens\.example\/r#v1\.a\n$/);
  });

  it('refuse links that are not http(s)', () => {
    const md = toMarkdown(report, { link: 'javascript:alert(1)', lineUrl: () => 'javascript:alert(2)' });
    expect(md).not.toContain('javascript:');
    expect(toBBCode(report, { link: 'javascript:alert(1)' })).not.toContain('[url=');
  });

  it('cap frames and findings, and can leave out info findings', () => {
    const long: AnalysisReport = { ...report, stacks: [{ frames: frames(40), format: 'kn', line: 1, endLine: 40, source: 'knL' }] };
    expect(toMarkdown(long, { maxFrames: 5 })).toContain('04 nt!Func4+0x40\n… 35 more frames\n```');
    const md = toMarkdown(report, { maxFindings: 1 });
    expect(md).toContain('#### Critical (1)');
    expect(md).not.toContain('#### Warning');
    expect(md).toContain('…and 2 more findings.');
    expect(toPlainText(report, { includeInfo: false })).not.toContain('[Info]');
  });

  it('use the caller’s title and say when the text was redacted', () => {
    const md = toMarkdown(report, { title: 'Crash on <WKS>', redacted: true });
    expect(md.startsWith('## Crash on \\<WKS\\>\n')).toBe(true);
    expect(md).toContain('Analysis by dumplens (personal identifiers were redacted).');
  });
});

describe('JSON', () => {
  it('puts the contract fields first and sorts nested keys, whatever the object order', () => {
    const report = hostileReport();
    const shuffled = Object.fromEntries(Object.entries(report).reverse()) as unknown as AnalysisReport;
    const json = toJson(shuffled);
    expect(json).toBe(toJson(report));
    expect(Object.keys(JSON.parse(json) as object).slice(0, 6)).toEqual(['schemaVersion', 'kind', 'headline', 'bugcheck', 'category', 'suspects']);
    expect(Object.keys((JSON.parse(json) as AnalysisReport).bugcheck ?? {})).toEqual(['args', 'code', 'decodedArgs', 'line', 'meaning', 'name']);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.split('\n')[1]).toBe('  "schemaVersion": 1,');
  });

  it('lists every report field in its order', () => {
    const keys = Object.keys(hostileReport()).concat('inputProblem');
    expect([...REPORT_KEY_ORDER].sort()).toEqual(keys.sort());
  });

  it('can be written on one line', () => {
    expect(toJson(hostileReport(), { indent: 0 }).trim().split('\n')).toHaveLength(1);
  });
});

describe('a report with nothing found', () => {
  const report = analyze('just some prose, no debugger output here');

  it('says so in every format', () => {
    expect(toMarkdown(report)).toContain('**Bug check:** none in this input');
    expect(toMarkdown(report)).toContain('No module is blamed by the evidence.');
    expect(toBBCode(report)).toContain('[b]Bug check:[/b] none in this input');
    expect(toPlainText(report)).toContain('Bug check: none in this input');
    expect(toPlainText(report)).toContain('Debugger session analysis\n=========================\n');
  });
});

describe.each(SEEDS)('seed $name', ({ text }) => {
  const report = analyze(text);

  it('exports to Markdown with its headline, bug check, suspects and balanced fences', () => {
    const md = toMarkdown(report);
    expect(md).toContain(escapeMarkdown(report.headline));
    if (report.bugcheck !== null) {
      expect(md).toContain(`**Bug check:** \`${report.bugcheck.code}\``);
      expect(md.match(/^\| \d \| /gm)?.length).toBe(report.bugcheck.decodedArgs.length || report.bugcheck.args.length);
    }
    for (const s of report.suspects) {
      expect(md).toContain(markdownCode(s.module));
    }
    const blocks = fencedBlocks(md);
    expect(blocks.length).toBe((report.nextSteps.length > 0 ? 1 : 0) + (topStack(report) !== null ? 1 : 0));
  });

  it('exports to BBCode with as many closing tags as opening ones', () => {
    const bb = toBBCode(report);
    for (const tag of ['b', 'code', 'list', 'color']) {
      const open = bb.match(new RegExp(`\\[${tag}(?:=[^\\]]*)?\\]`, 'g'))?.length ?? 0;
      const close = bb.match(new RegExp(`\\[/${tag}\\]`, 'g'))?.length ?? 0;
      expect(close, tag).toBe(open);
    }
    for (const s of report.suspects) {
      expect(bb).toContain(`[b]${escapeBBCode(s.module)}[/b]`);
    }
  });

  it('exports to JSON that parses back to the report', () => {
    expect(JSON.parse(toJson(report))).toEqual(report);
  });

  it('exports to plain text with the bug check and first suspect', () => {
    const plain = toPlainText(report);
    expect(plain).toContain(report.bugcheck !== null ? `Bug check: ${report.bugcheck.code}` : 'Bug check: none in this input');
    if (report.suspects[0] !== undefined) {
      expect(plain).toContain(`  1. ${report.suspects[0].module}  `);
    }
  });

  it('exports through exportReport in every listed format', () => {
    for (const f of EXPORT_FORMATS) {
      expect(exportReport(report, f.id).length).toBeGreaterThan(50);
    }
    expect(exportReport(report, 'markdown')).toBe(toMarkdown(report));
  });
});

/** A shared report crafted to carry a disguised link to a forum through an export. */
function luringReport(): AnalysisReport {
  const lure = '[Download the official fix](https://evil.example/fix)';
  const base = hostileReport();
  return {
    ...base,
    headline: `${lure} or visit www.evil.example/fix now`,
    bugcheck: {
      ...base.bugcheck!,
      name: 'https://evil.example/name',
      meaning: `Meaning, see evil.com/fix or mail help@evil.example`,
      decodedArgs: [
        { value: `0x0\`|${lure}|`, label: `label|${lure}` },
        { value: '0x2', label: 'IRQL', decoded: `<https://evil.example/auto>` },
        { value: '0x0', label: 'access' },
        { value: '0x1', label: 'x' },
      ],
    },
    suspects: [
      { module: 'https://evil.example/module', confidence: 0.9, origin: 'unknown', reasons: [{ text: `reason ${lure}`, line: 3, rule: 'faulting-stack' }, { text: 'ftp://evil.example/r', rule: 'analyze-names' }] },
    ],
    findings: [{ id: 'x', severity: 'critical', title: `title ${lure}`, detail: 'detail http://evil.example/d', lines: [2] }],
    nextSteps: [{ command: `!analyze -v ${lure}`, why: 'why https://evil.example/w' }],
  };
}

describe('a report that carries a disguised link', () => {
  const report = luringReport();
  const OURS = 'https://dumplens.example/report#v1.abc';

  it('exports to Markdown that a GFM renderer shows without any link but ours', () => {
    const md = toMarkdown(report, { link: OURS });
    const html = new Marked().parse(md, { async: false }) as string;
    const hrefs = [...html.matchAll(/<a\b[^>]*href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual([OURS]);
    // The table keeps its three columns on every row: no pipe breaks out of a cell.
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    for (const row of rows) {
      expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(5);
    }
    // Link-like text sits in code spans or fenced blocks, which no Markdown renderer (GFM, markdown-it's linkify) turns into links.
    const outsideCode = md
      .replace(/^(`{3,})\w*\n[\s\S]*?\n\1$/gm, '')
      .replace(/(`+)[\s\S]*?(?<!`)\1(?!`)/g, '')
      .replace(OURS, '');
    expect(outsideCode).not.toMatch(/evil\.(?:example|com)|https?:\/\/|www\.|@evil/);
  });

  it('exports to BBCode with no live address: forum autolinkers find no scheme, www. or e-mail', () => {
    const bb = toBBCode(report, { link: OURS });
    expect(bb.match(/\[url/g)).toHaveLength(1);
    // Forums link nothing inside [code] blocks.
    const withoutOurs = bb.replace(`[url=${OURS}]`, '').replace(/\[code\][\s\S]*?\[\/code\]/g, '');
    expect(withoutOurs).not.toMatch(/[a-z]+:\/\/|www\.|\w@\w|evil\.(?:example|com)/i);
    // The text still reads the same once the invisible breaks are removed.
    expect(withoutOurs.replaceAll(ZWSP, '')).toContain('reason [Download the official fix](https://evil.example/fix)');
  });

  it('exports to plain text with every address defanged, so mail and chat show no link', () => {
    const text = toPlainText(report, { link: OURS });
    const withoutOurs = text.replace(OURS, '');
    expect(withoutOurs).not.toMatch(/[a-z]+:\/\/|www\.|\w@\w|evil\.(?:example|com)/i);
    expect(withoutOurs).toContain('https[:]//evil[.]example/fix');
    expect(text.trimEnd().endsWith(OURS)).toBe(true);
  });

  it('leaves module files and symbols that are not addresses alone', () => {
    const plain: AnalysisReport = { ...hostileReport(), headline: 'ZTEusbnet.sys and nt!KeBugCheckEx+0x1a, version 6.1.7601.17514 (e.g. a driver)' };
    expect(toPlainText(plain)).toContain('ZTEusbnet.sys and nt!KeBugCheckEx+0x1a, version 6.1.7601.17514 (e.g. a driver)');
    expect(toBBCode(plain)).toContain('ZTEusbnet.sys and nt!KeBugCheckEx+0x1a, version 6.1.7601.17514 (e.g. a driver)');
    expect(toMarkdown(plain)).toContain('ZTEusbnet.sys and nt!KeBugCheckEx+0x1a, version 6.1.7601.17514 (e.g. a driver)');
  });
});

