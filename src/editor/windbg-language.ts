/**
 * Monarch grammar for WinDbg / kd / cdb output. Every line is tokenized on its
 * own (the grammar has a single state), so a stray prompt or banner never
 * colours the rest of the document.
 *
 * Highlighted: prompts (`0: kd>`, `kd>`, `lkd>`, `0:000>`, `0:020>`) and the
 * command after them; `FIELD_NAME:` keys of `!analyze -v`; `Arg1:` lines;
 * `*** ERROR` / `*** WARNING` lines; `BugCheck 9F, {…}`; bug check names in
 * CAPS_WITH_UNDERSCORES; `module!Symbol+0xoff` and `module+0xoff`; addresses
 * with a backtick (`fffff880`02fddce8`) and plain 8/16-digit hex.
 */
import type { languages } from 'monaco-editor/editor/editor.api';

export const WINDBG_LANGUAGE_ID = 'windbg';

export const windbgLanguage: languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.windbg',
  brackets: [
    { open: '{', close: '}', token: 'delimiter.curly' },
    { open: '[', close: ']', token: 'delimiter.square' },
    { open: '(', close: ')', token: 'delimiter.parenthesis' },
  ],
  tokenizer: {
    root: [
      // Prompt and command: `0: kd> !analyze -v`, `lkd> lm`, `0:020> ~*k`, `0:000:x86> k`.
      [/^(\s*)(\d+:\s?kd>|kd>|lkd>|\d+:\d+(?::[\w-]+)?>)(.*)$/, ['white', 'keyword.prompt', 'command']],
      // `*** ERROR: Module load completed but symbols could not be loaded for foo.sys`
      [/^\s*\*\*\*\s?(?:ERROR|Error)\b.*$/, 'error'],
      // `*** WARNING: Unable to verify timestamp for foo.sys`
      [/^\s*\*\*\*\s?(?:WARNING|Warning)\b.*$/, 'warning'],
      // The `****…` banner around "Bugcheck Analysis" and its `*   …   *` lines.
      [/^\s*\*{5,}.*$/, 'comment.banner'],
      [/^\s*\*\s.*\*\s*$/, 'comment.banner'],
      [/^\s*-{3,}\s*$/, 'comment'],
      // `BugCheck 9F, {4, 258, fffffa8007005660, fffff800053e83d0}`
      [/^(\s*)(BugCheck)(\s+)([0-9A-Fa-f]+)(,)/, ['white', 'keyword.bugcheck', 'white', 'number.bugcheck', 'delimiter']],
      // `Probably caused by : acmenet.sys ( acmenet+1e2b )`
      [/^(\s*)(Probably caused by)(\s*:\s*)([\w.-]+)/, ['white', 'keyword.culprit', 'delimiter', 'type.module.culprit']],
      // `Arg1: ffffb30e2c7a1010, memory referenced`
      [/^(\s*)(Arg\d)(:)/, ['white', 'key.arg', 'delimiter']],
      // `BUGCHECK_CODE:  d1`, `IMAGE_NAME:  acmenet.sys` (upper-case key at line start).
      [/^(\s*)([A-Z][A-Z0-9_]*[A-Z0-9])(:)/, ['white', 'key', 'delimiter']],
      { include: '@values' },
    ],
    values: [
      // 64-bit address with the debugger's backtick: fffff802`4d5fd0a0
      [/[0-9a-fA-F]{8}`[0-9a-fA-F]{8}/, 'number.address'],
      [/0x[0-9a-fA-F]+/, 'number.hex'],
      // module!Symbol+0xoff: (module)(!)(symbol chars incl. C++ ::, templates, ?)(+0x offset or empty).
      // Every group must take part in the match (Monarch reads each group's length).
      [/([A-Za-z_][\w.$-]*)(!)([\w@?$:<>~.]*)((?:\+0x[0-9a-fA-F]+)?)/, ['type.module', 'delimiter.bang', 'symbol', 'number.offset']],
      // module+0xoff (no symbols): acmenet+0x1e2b
      [/([A-Za-z_][\w.]*)(\+0x[0-9a-fA-F]+)/, ['type.module', 'number.offset']],
      // Bug check names: DRIVER_IRQL_NOT_LESS_OR_EQUAL, KMODE_EXCEPTION_NOT_HANDLED
      [/[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/, 'constant.bugcheck'],
      // Plain 8- or 16-digit hex not glued to a longer word.
      [/[0-9a-fA-F]{8}(?:[0-9a-fA-F]{8})?(?![\w`])/, 'number.hex'],
      [/\d+/, 'number'],
      // Other words are consumed whole so the rules above only fire at word starts.
      [/[A-Za-z_]\w*/, ''],
      [/[{}()[\]]/, '@brackets'],
      [/\s+/, 'white'],
    ],
  },
};

export const windbgLanguageConfiguration: languages.LanguageConfiguration = {
  // `$$` starts a comment in debugger scripts.
  comments: { lineComment: '$$' },
  brackets: [
    ['{', '}'],
    ['[', ']'],
    ['(', ')'],
  ],
  // Addresses with backticks, module!symbol and hex count as one word (double-click, highlight).
  wordPattern: /(?:[0-9a-fA-F]{8}`[0-9a-fA-F]{8})|(?:[\w.$-]+(?:![\w@?$:<>~.]*)?(?:\+0x[0-9a-fA-F]+)?)/,
};
