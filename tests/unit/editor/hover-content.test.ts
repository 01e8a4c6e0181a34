import { describe, expect, it } from 'vitest';
// @ts-expect-error: Monaco's bundled marked has no type declarations of its own.
import { Marked } from 'monaco-editor/base/common/marked/marked.js';
import { analyze } from '../../../src/analyzers/index';
import * as knowledge from '../../../src/editor/hover-knowledge';
import { describeEvidenceLine, describeWordAt, escapeMarkdown } from '../../../src/editor/hover-content';
import s04 from '../../fixtures/seeds/s04-9f-power-irp-zteusbnet.txt?raw';

/** The hover for the first occurrence of `word` in `line`. */
function hoverOn(line: string, word: string) {
  const at = line.indexOf(word);
  if (at < 0) {
    throw new Error(`${word} is not in ${line}`);
  }
  return describeWordAt(line, at + 1, knowledge);
}

describe('editor hovers', () => {
  it('name a bug check code in a BugCheck banner, a BUGCHECK_CODE field and a title line', () => {
    expect(hoverOn('BugCheck 9F, {4, 258, fffffa8007005660, fffff800053e83d0}', '9F')?.contents[0]).toBe(
      '**Bug check 0x0000009F DRIVER\\_POWER\\_STATE\\_FAILURE**',
    );
    expect(hoverOn('BUGCHECK_CODE:  d1', 'd1')?.contents[0]).toContain('DRIVER\\_IRQL\\_NOT\\_LESS\\_OR\\_EQUAL');
    const title = hoverOn('WHEA_UNCORRECTABLE_ERROR (124)', '124');
    expect(title?.contents[0]).toContain('0x00000124');
    expect(title?.contents.join('\n')).toContain('Reference page: /bugcheck/0x00000124');
  });

  it('name a bug check by its name, with its meaning and argument labels', () => {
    const hover = hoverOn('DRIVER_POWER_STATE_FAILURE (9f)', 'POWER');
    expect(hover).toMatchObject({ start: 0, end: 'DRIVER_POWER_STATE_FAILURE'.length });
    expect(hover?.contents[1]).toMatch(/power transition/);
    expect(hover?.contents[2]).toContain('Arg1: subcode');
  });

  it('decode NTSTATUS values, plain, with 0x, and sign-extended', () => {
    expect(hoverOn('ExceptionCode: c0000005 (Access violation)', 'c0000005')?.contents[0]).toBe('**NTSTATUS 0xC0000005 STATUS\\_ACCESS\\_VIOLATION**');
    expect(hoverOn('Arg4: ffffffffc0000428, the status', 'c0000428')?.contents[0]).toContain('STATUS\\_INVALID\\_IMAGE\\_HASH');
    expect(hoverOn('Status: 0xc00000bb', '0xc00000bb')?.contents[0]).toContain('STATUS\\_NOT\\_SUPPORTED');
  });

  it('do not read an address as an NTSTATUS value', () => {
    expect(hoverOn('fffff880`0ae8e000 c0000005ab', 'c0000005ab')).toBeNull();
  });

  it('say who a module belongs to, from module!symbol, module+offset, an image name and an lm row', () => {
    expect(hoverOn('nt!KeBugCheckEx', 'nt')?.contents[0]).toBe('**nt**: Microsoft (Windows component)');
    expect(hoverOn('ZTEusbnet+0x35dd', 'ZTEusbnet')?.contents[0]).toBe('**ZTEusbnet**: third party, ZTE');
    expect(hoverOn('Image name: acmenet.sys', 'acmenet')?.contents[0]).toContain('not in dumplens');
    expect(hoverOn('fffff880`04a20000 fffff880`04a5e000   fbnetflt fbnetflt.sys', 'fbnetflt')?.contents[0]).toContain('**fbnetflt**');
  });

  it('name the owner of a pool tag in !poolused, !pool and Pooltag lines', () => {
    expect(hoverOn(' Se           0            0     172204    232720312  General security allocations', 'Se')?.contents).toEqual([
      '**Pool tag Se··**',
      'Owner: nt\\!se',
    ]);
    expect(hoverOn('*ffffc00003dba000 size:  450 previous size:    0  (Allocated) *Reff', 'Reff')?.contents[1]).toBe('Owner: refs\\.sys');
    expect(hoverOn('Pooltag FbFc : Fabrikam flow context, Binary : fbnetflt.sys', 'FbFc')?.contents[1]).toMatch(/^Not in the pool tag list/);
  });

  it('say nothing over ordinary words', () => {
    expect(hoverOn('Loading Kernel Symbols', 'Kernel')).toBeNull();
  });

  it('explain why a line is marked: the suspect reasons and findings that cite it', () => {
    const report = analyze(s04);
    const line = report.suspects[0]!.reasons[0]!.line!;
    const lines = describeEvidenceLine(report, line);
    expect(lines[0]).toMatch(/^Evidence against \*\*ZTEusbnet\*\*: /);
    expect(describeEvidenceLine(report, report.bugcheck!.line)[0]).toBe('Bug check 0x0000009F DRIVER\\_POWER\\_STATE\\_FAILURE');
    expect(describeEvidenceLine(report, 1)).toEqual([]);
    expect(describeEvidenceLine(null, line)).toEqual([]);
  });

  it('escape Markdown in pasted text', () => {
    expect(escapeMarkdown('[x](javascript:alert(1)) *b* <img>')).toBe('\\[x\\]\\(javascript\\:alert\\(1\\)\\) \\*b\\* \\<img\\>');
  });

  it('show a URL from a module field as text: Monaco renders no link in the hover', () => {
    // Monaco renders hover Markdown with its own copy of marked (GFM: bare URLs, www. and e-mail addresses become links).
    const marked = new Marked();
    const text = [
      'kd> !analyze -v',
      'DRIVER_IRQL_NOT_LESS_OR_EQUAL (d1)',
      'Arg1: 0000000000000000, memory referenced',
      '',
      'MODULE_NAME: https://evil.example/fix',
      'IMAGE_NAME:  www.evil.example',
      'PROBABLY_CAUSED_BY: help@evil.example',
    ].join('\n');
    const report = analyze(text);
    expect(report.suspects.map((s) => s.module)).toContain('https://evil.example/fix');
    const hovers = [5, 6, 7].flatMap((line) => describeEvidenceLine(report, line));
    expect(hovers.join('\n')).toContain('evil');
    for (const markdown of hovers) {
      const html = marked.parse(markdown, { async: false });
      expect(html).not.toMatch(/<a\b/);
      expect(html.replace(/<[^>]+>/g, '')).toMatch(/https:\/\/evil\.example\/fix|www\.evil\.example|help@evil\.example/);
    }
    for (const word of ['<https://evil.example>', '[fix](https://evil.example)', 'ftp://evil.example', 'mailto:a@b.example', '&lt;b&gt;']) {
      expect(marked.parse(escapeMarkdown(word), { async: false })).not.toMatch(/<a\b|<b>/);
    }
  });
});
