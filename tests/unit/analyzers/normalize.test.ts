import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBlank, normalizeAddress, normalizeHex, normalizeText, parseHex } from '../../../src/analyzers/normalize';

describe('normalizeText', () => {
  it('keeps one output line per input line for LF, CRLF and lone CR', () => {
    expect(normalizeText('a\nb\r\nc\rd').lines).toEqual(['a', 'b', 'c', 'd']);
    expect(normalizeText('a\r\n\r\nb').lines).toEqual(['a', '', 'b']);
  });

  it('strips a byte order mark and NUL characters', () => {
    expect(normalizeText('\ufeff0: kd> kv').lines).toEqual(['0: kd> kv']);
    expect(normalizeText('k\u0000v').lines).toEqual(['kv']);
  });

  it('folds curly quotes, dashes, ellipses and no-break spaces to ASCII', () => {
    const { lines, changed } = normalizeText('It\u2019s \u201cpool\u201d \u2013 <\u2013 BSOD\u2026\u00a0x');
    expect(lines[0]).toBe('It\'s "pool" - <- BSOD... x');
    expect(changed).toBe(7);
  });

  it('repairs UTF-8 punctuation mis-decoded as Windows-1252', () => {
    expect(normalizeText('can\u00e2\u20ac\u2122t').lines[0]).toBe("can't");
  });

  it('turns tabs into spaces and trims trailing spaces but keeps indentation', () => {
    expect(normalizeText('\tTHREAD 1   \n  x ').lines).toEqual([' THREAD 1', '  x']);
  });
});

describe('hex helpers', () => {
  it('normalizes 64-bit values with backticks to lower-case hex without leading zeros', () => {
    expect(normalizeHex('00000000`0000009F')).toBe('0x9f');
    expect(normalizeHex('ffffffff`c0000428')).toBe('0xffffffffc0000428');
    expect(normalizeHex('0')).toBe('0x0');
  });

  it('parses hex and rejects non-hex', () => {
    expect(parseHex('9f')).toBe(0x9f);
    expect(parseHex('0x124')).toBe(0x124);
    expect(Number.isNaN(parseHex('zz'))).toBe(true);
  });

  it('normalizes addresses without the 0x prefix', () => {
    expect(normalizeAddress('fffffa80`07005660')).toBe('fffffa8007005660');
    expect(normalizeAddress('0x00000000`000043d8')).toBe('43d8');
  });
});

describe('forum and Markdown markup', () => {
  it('removes BBCode tags but keeps debugger brackets', () => {
    expect(normalizeText('[COLOR=#ff0000]Error : Internal unclassified (Proc 2 Bank 4)[/COLOR]').lines[0]).toBe('Error : Internal unclassified (Proc 2 Bank 4)');
    expect(normalizeText('>[ 1b,17]   0  0 fffffa800c089050 [ \\Driver\\aswNdisFlt]').lines[0]).toBe('>[ 1b,17]   0  0 fffffa800c089050 [ \\Driver\\aswNdisFlt]');
  });

  it('removes Markdown bold, headings before a bug check name and code fences', () => {
    expect(normalizeText('**psav3cld.sys**+1bae0').lines[0]).toBe('psav3cld.sys+1bae0');
    expect(normalizeText('### SYSTEM_SCAN_AT_RAISED_IRQL_CAUGHT_IMPROPER_DRIVER_UNLOAD (d4)').lines[0]).toBe('SYSTEM_SCAN_AT_RAISED_IRQL_CAUGHT_IMPROPER_DRIVER_UNLOAD (d4)');
    expect(normalizeText('```\n0: kd> kv\n```').lines).toEqual(['', '0: kd> kv', '']);
  });

  it('removes a fence glued to the first or the last line of the output it encloses', () => {
    expect(normalizeText('```PNP_DETECTED_FATAL_ERROR (ca)\nArg4: 0000000000000000```').lines).toEqual(['PNP_DETECTED_FATAL_ERROR (ca)', 'Arg4: 0000000000000000']);
    expect(normalizeText('```cpp\n0: kd> kv').lines).toEqual(['', '0: kd> kv']);
  });

  it('removes the backslash Markdown puts before the backtick of an address', () => {
    const line = 'fffff800\\`4876abb0 fffff800\\`0069c44b : 00000000\\`00000000 : MsLbfoProvider!LbfoReceiveNetBufferListsComplete+0x92';
    expect(normalizeText(line).lines[0]).toBe('fffff800`4876abb0 fffff800`0069c44b : 00000000`00000000 : MsLbfoProvider!LbfoReceiveNetBufferListsComplete+0x92');
    // A backslash and a backtick elsewhere (a path, a string) stay.
    expect(normalizeText('C:\\`dir`').lines[0]).toBe('C:\\`dir`');
  });

  it('reads a heading indented with the rest of a paste, and bold whose asterisks were escaped', () => {
    expect(normalizeText('\t### SYSTEM_SCAN_AT_RAISED_IRQL_CAUGHT_IMPROPER_DRIVER_UNLOAD (d4)').lines[0]).toBe(' SYSTEM_SCAN_AT_RAISED_IRQL_CAUGHT_IMPROPER_DRIVER_UNLOAD (d4)');
    expect(normalizeText('\\*\\*NahimicOSD!GetHotPatchInfo+0x67d4\\*\\*\nModule\\_Name').lines[0]).toBe('NahimicOSD!GetHotPatchInfo+0x67d4');
  });

  it('gives back the backtick of an address that a word processor made a quote mark', () => {
    const line = '00 fffff807\u2018255b1aa8 fffff807\u201925f3fe63     nt!KeBugCheckEx';
    expect(normalizeText(line).lines[0]).toBe('00 fffff807`255b1aa8 fffff807`25f3fe63     nt!KeBugCheckEx');
    // A quote mark between words stays.
    expect(normalizeText("it's 'deadbeef' ok").lines[0]).toBe("it's 'deadbeef' ok");
  });

  it('removes a line-number gutter copied with a code block, and only when every line is counted', () => {
    const paste = ['0: kd> kb', ' # ChildEBP RetAddr', '00 f5cc6cf8 ebc51a19 nt!KeBugCheckEx', '01 f5cc6dac 80112947 acmefilt+0x71', '', 'The driver is acmefilt.', '0: kd> lm', 'start    end        module name'];
    const numbered = paste.map((l, i) => `${String(i + 1).padStart(3)}  ${l}`).join('\n');
    expect(normalizeText(numbered).lines).toEqual(paste);
    expect(normalizeText(paste.map((l, i) => `${i + 12}| ${l}`).join('\n')).lines).toEqual(paste);
    // A stack alone: its frame numbers count its lines, but they are zero-padded hex, not a gutter.
    const stack = Array.from({ length: 9 }, (_, i) => `0${i} f5cc6cf8 ebc51a19 nt!Foo+0x${i}`);
    expect(normalizeText(stack.join('\n')).lines).toEqual(stack);
    // Numbers on some lines only (a numbered list in prose) stay.
    const prose = ['Steps:', '1 open the dump', '2 run !analyze -v', 'then', 'look', 'at', 'the', 'stack', 'again'];
    expect(normalizeText(prose.join('\n')).lines).toEqual(prose);
  });

  it('keeps the debugger\'s own asterisks', () => {
    expect(normalizeText('fffff880`0318a978  fffff880`04285e6f*** ERROR: Module load completed').lines[0]).toContain('*** ERROR');
    expect(normalizeText('********** Excessive NonPaged Pool Usage *****').lines[0]).toBe('********** Excessive NonPaged Pool Usage *****');
  });
});

describe('isBlank', () => {
  it('agrees with trim() on lines of spaces, Unicode white space and visible characters', () => {
    const unit = fc.constantFrom(' ', ' ', ' ', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u000b', '\u200b', 'a', '!', '~', '\u007f', '\u00e9', '`');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 80 }), (units) => {
        const text = units.join('');
        expect(isBlank(text)).toBe(text.trim() === '');
      }),
      { numRuns: 2000 },
    );
    expect(isBlank(' '.repeat(100))).toBe(true);
    expect(isBlank(`${' '.repeat(100)}\u3000`)).toBe(true);
    expect(isBlank(`${' '.repeat(100)}x`)).toBe(false);
  });
});

describe('markup in a long paste', () => {
  it('strips a tag or a bold pair found after thousands of debugger brackets and banners', () => {
    const rows = Array.from({ length: 3000 }, (_, k) => `fffffa80ed4a${String(k).padStart(4, '0')} [fffffa80a669669b] irpStack: ( 7, 0)  fffffa804033d136 [\\Driver\\disk]`);
    const banner = '*'.repeat(79);
    const text = [banner, ...rows, '[COLOR=#ff0000]FAILURE_BUCKET_ID:  X64_0x9F[/COLOR]', 'Probably caused by : **psav3cld.sys**', '```', banner].join('\n');
    const { lines } = normalizeText(text);
    expect(lines[1]).toBe(rows[0]);
    expect(lines[3001]).toBe('FAILURE_BUCKET_ID:  X64_0x9F');
    expect(lines[3002]).toBe('Probably caused by : psav3cld.sys');
    expect(lines[3003]).toBe('');
    expect(lines[0]).toBe(banner);
    // A text of brackets alone is left as it is.
    expect(normalizeText('['.repeat(50_000)).lines[0]).toHaveLength(50_000);
  });
});

describe('debugger output inside script comments', () => {
  it('takes the comment marks off a run of commented lines that holds output', () => {
    const text = [
      'import os',
      '#MODULE_NAME: libacme',
      '#ExceptionAddress: 00000000749ba933 (libacme!Parse+0x10)',
      '#eax=00436f00 ebx=2fdc0100 ecx=25ed2a20 edx=00632efa esi=17fb2fdc edi=00000001',
      '#',
      '# 0012f8a0 77c46fa3 libacme!Parse+0x10',
      'value = 1',
    ].join('\n');
    const { lines } = normalizeText(text);
    expect(lines.slice(1, 6)).toEqual([
      'MODULE_NAME: libacme',
      'ExceptionAddress: 00000000749ba933 (libacme!Parse+0x10)',
      'eax=00436f00 ebx=2fdc0100 ecx=25ed2a20 edx=00632efa esi=17fb2fdc edi=00000001',
      '',
      '0012f8a0 77c46fa3 libacme!Parse+0x10',
    ]);
    expect(lines[0]).toBe('import os');
  });

  it('does the same for a run marked with two hashes (## , as some exploit headers write)', () => {
    const { lines } = normalizeText(
      [
        '## 0:000> g',
        '## ModLoad: 71a50000 71a8b000   C:\\WINDOWS\\system32\\mswsock.dll',
        '## (318.6d4): Access violation - code c0000005 (first chance)',
        '## eax=42424242 ebx=00000285 ecx=44444444 edx=00d38110 esi=00d38110 edi=003a0000',
        '## eip=77f6256f esp=0012f36c ebp=0012f584 iopl=0         nv up ei pl zr na pe nc',
        '## ntdll!RtlAllocateHeapSlowly+0x6bd:',
        '## 77f6256f 8901            mov     dword ptr [ecx],eax  ds:0023:44444444=????????',
      ].join('\n'),
    );
    expect(lines[2]).toBe('(318.6d4): Access violation - code c0000005 (first chance)');
    expect(lines[6]).toBe('77f6256f 8901            mov     dword ptr [ecx],eax  ds:0023:44444444=????????');
  });

  it("reads a commented run whose output is an event line, registers, a symbol error and an x86 disassembly line", () => {
    const { lines } = normalizeText(
      [
        '#!/usr/bin/perl -w',
        '# (154c.a74): Access violation - code c0000005 (first chance)',
        '# eip=0045d3d3 esp=001282b0 ebp=00128304 iopl=0         nv up ei pl nz na po nc',
        '# *** ERROR: Module load completed but symbols could not be loaded for acmeprops.exe',
        '# 0045d3d3 8b8ea4000000    mov     ecx,dword ptr [esi+0A4h] ds:0023:000000a4=????????',
      ].join('\n'),
    );
    expect(lines[1]).toBe('(154c.a74): Access violation - code c0000005 (first chance)');
    expect(lines[4]).toBe('0045d3d3 8b8ea4000000    mov     ecx,dword ptr [esi+0A4h] ds:0023:000000a4=????????');
  });

  it('does the same for // comments', () => {
    const { lines } = normalizeText('// kd> k\n// fffff880`0353a7f8 fffff800`02ed6169 nt!KeBugCheckEx\n// fffff880`0353a800 fffff800`02ed4de0 nt!KiBugCheckDispatch+0x69\nint main() {}');
    expect(lines[1]).toBe('fffff880`0353a7f8 fffff800`02ed6169 nt!KeBugCheckEx');
  });

  it('keeps a double-spaced run of commented output together across its blank lines', () => {
    const { lines } = normalizeText('#MODULE_NAME: libacme\n\n#IMAGE_NAME:  libacme.dll\n\n#eax=00436f00 ebx=2fdc0100 ecx=25ed2a20 edx=00632efa esi=17fb2fdc edi=00000001\nimport os');
    expect(lines).toEqual(['MODULE_NAME: libacme', '', 'IMAGE_NAME:  libacme.dll', '', 'eax=00436f00 ebx=2fdc0100 ecx=25ed2a20 edx=00632efa esi=17fb2fdc edi=00000001', 'import os']);
  });

  it('keeps a run together across the unmarked tail of a wrapped comment line', () => {
    const { lines } = normalizeText('#MODULE_NAME: libacme\n#FAILURE_ID_HASH_STRING:\num:wrong_symbols_c00000fd_libacme.dll!parse\n#IMAGE_NAME:  libacme.dll\n#eax=00436f00 ebx=2fdc0100 ecx=25ed2a20 edx=00632efa esi=17fb2fdc edi=00000001');
    expect(lines.slice(0, 4)).toEqual(['MODULE_NAME: libacme', 'FAILURE_ID_HASH_STRING:', 'um:wrong_symbols_c00000fd_libacme.dll!parse', 'IMAGE_NAME:  libacme.dll']);
  });

  it('leaves a script’s ordinary comments alone', () => {
    const text = '# Exploit Title: acme\n# Date: 2015\n# Tested on: Windows 7\nprint(1)';
    expect(normalizeText(text).lines.slice(0, 3)).toEqual(['# Exploit Title: acme', '# Date: 2015', '# Tested on: Windows 7']);
  });
});

describe('debugger output quoted in part of a post', () => {
  it('takes the quote marks off a quoted run that holds output, and leaves !irp’s marker alone', () => {
    const text = [
      'there is a 0x9f when the NIC is hot plugged',
      '> DRIVER_POWER_STATE_FAILURE (9f)',
      '> Arguments:',
      '> Arg1: 0000000000000004, The power transition timed out waiting to synchronize with the Pnp',
      '> \tsubsystem.',
      '>',
      '> 1: kd> !thread fffffa83b1472040',
      'thanks',
      '>[ 1b,17]   0 e0 ffffe00c`1a2b3c40 00000000 fffff801`22334455-ffffe00c`55667788 Success Error Cancel',
    ].join('\n');
    const { lines } = normalizeText(text);
    expect(lines.slice(1, 7)).toEqual(['DRIVER_POWER_STATE_FAILURE (9f)', 'Arguments:', 'Arg1: 0000000000000004, The power transition timed out waiting to synchronize with the Pnp', ' subsystem.', '', '1: kd> !thread fffffa83b1472040']);
    expect(lines[8]?.startsWith('>[ 1b,17]')).toBe(true);
  });
});
