/**
 * Monarch grammar for WinDbg / kd / cdb output. Every line is tokenized on its
 * own (the grammar has a single state), so a stray prompt or banner never
 * colours the rest of the document.
 *
 * Highlighted: prompts (`0: kd>`, `kd>`, `lkd>`, `0:000>`, `0:020>`) and the
 * command after them; `FIELD_NAME:` keys of `!analyze -v`; `Arg1:` lines;
 * `*** ERROR` / `*** WARNING` lines; `BugCheck 9F, {…}`; bug check names in
 * CAPS_WITH_UNDERSCORES; `module!Symbol+0xoff` and `module+0xoff`; addresses
 * with a backtick (`fffff880`02fddce8`) and plain 8/16-digit hex. Also what
 * the analyzers read elsewhere:
 *   !irp        `>[IRP_MJ_PNP(1b), IRP_MN_SURPRISE_REMOVAL(17)]`, `[1b,17]` rows
 *   !vm         `NonPagedPool Usage:  1569004 (  6276016 Kb)`, `*** Excessive NonPaged Pool Usage ***`
 *   !poolused   `FbFc  4818341  5608549424  0  0  Fabrikam flow context , Binary: fbnetflt.sys`
 *   !pool       `*fffffa80… size: 490 previous size: 490 (Allocated) *FbFc`, `Pooltag FbFc : …`
 *   !errrec     `Error Type    : Cache error`, `Severity      : Fatal (1)`
 *   lm          `fffff880`04a20000 fffff880`04a5e000   fbnetflt   (no symbols)`
 *   !thread / !locks / ~   `THREAD fffffa80…  Cid 0004.0048`, `WAIT: (Executive)`, `*** Locked`, `Id: 1a3c.2e18`
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
      // !vm and !poolused warnings: `********** Excessive NonPaged Pool Usage *****`, `*** 3 pool allocations have failed ***`.
      [/^\s*\*{3,}\s*(?:Excessive|\d+ pool allocations have failed|Pool allocation failures).*$/, 'error'],
      // !locks / !cs: `*** Locked`.
      [/^\s*\*\*\* Locked\b.*$/, 'warning'],
      // lm row: start, end, module name (`fffff880`04a20000 fffff880`04a5e000   fbnetflt   (no symbols)`).
      [
        /^(\s*)([0-9a-fA-F]{8}`?[0-9a-fA-F]{8})(\s+)([0-9a-fA-F]{8}`?[0-9a-fA-F]{8})(\s+)([A-Za-z_][\w.$~-]*)/,
        ['white', 'number.address', 'white', 'number.address', 'white', 'type.module'],
      ],
      // !poolused row: tag, then four counts (`FbFc   4818341   5608549424   0   0`).
      [/^(\s*)(\S{1,4})(?=\s+\d+\s+\d+\s+\d+\s+\d+(?:\s|$))/, ['white', 'type.pooltag']],
      // !irp current location marker and names: `>[IRP_MJ_PNP(1b), IRP_MN_SURPRISE_REMOVAL(17)]`.
      [/^(\s*)(>)(?=\[)/, ['white', 'keyword.current']],
      // !errrec / !thread / ~ fields: `Error Type    : Cache error`, `Notify Type   : …`, `Owning Process  …`.
      [
        /^(\s*)(Record Id|Severity|Creator|Notify Type|Timestamp|Error Type|Operation|Level|CPU Version|Processor ID|Local APIC Id|Error|Status|Address|Misc\.|Proc\. Type|Instr\. Set|Section \d+)(\s*:)/,
        ['white', 'key', 'delimiter'],
      ],
      [/^(\s*)(THREAD|PROCESS)(\s)/, ['white', 'keyword.object', 'white']],
      [/^(\s*)(Resource @|CritSec)(\s)/, ['white', 'keyword.object', 'white']],
      // !vm labels: `NonPagedPool Usage:`, `PagedPool 0 Usage:`, `Commit limit:` followed by a number.
      [
        /^(\s*)((?:Physical Memory|Available Pages|ResAvail Pages|Locked IO Pages|Free System PTEs|Free NP PTEs|Free Special NP|Modified Pages|Modified PF Pages|Modified No Write Pages|NonPagedPool(?:Nx)? (?:Usage|Max)|PagedPool(?: ?\d+)? (?:Usage|Maximum|Commit)|PagedPool\s+\d+|Session Commit|Shared Commit|Special Pool|Shared Process|Pages For MDLs|Driver Commit|Boot Driver Commit|System PageTables|Sum System Commit|Total Private|Committed pages|Commit limit|Kernel Stacks|Session Pool))(:)/,
        ['white', 'key', 'delimiter'],
      ],
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
      // IRP function names in !irp, !irpfind, !drvobj: IRP_MJ_PNP, IRP_MN_SURPRISE_REMOVAL, IRP_MJ_CREATE_NAMED_PIPE.
      [/IRP_M[JN]_[A-Z0-9_]+/, 'keyword.irp'],
      // !irp stack location codes: `[1b,17]`, `[ 16, 2]`.
      [/\[\s?[0-9a-f]{1,2},\s?[0-9a-f]{1,2}\]/, 'keyword.irp.code'],
      // Pool block state and owner: `(Allocated) *FbFc`, `(Free)`, `Pooltag FbFc :`, `, Binary: fbnetflt.sys`.
      [/(\()(Allocated|Free)(\s*\))(\s*\*?)(\S{1,4})/, ['delimiter', 'keyword.state', 'delimiter', 'white', 'type.pooltag']],
      [/(Pooltag )(\S{1,4})(\s*:)/, ['key', 'type.pooltag', 'delimiter']],
      [/(Binary\s?:\s?)([\w.!-]+)/, ['key', 'type.module']],
      // Thread states and severities worth seeing at a glance.
      [/\b(?:WAIT|RUNNING|READY|Exclusively owned|Shared\b|Fatal|Corrected|Recoverable)\b/, 'keyword.state'],
      [/\b(?:Id|Cid|Teb|Win32Thread|Owning Process|OwningThread|LockCount|ContentionCount|RecursionCount)(?=:|\s)/, 'key'],
      // NTSTATUS values where they usually appear: 0xc0000005, c0000428, ffffffff`c0000006.
      [/(?:0x)?(?:ffffffff`?)?[cC]0[0-9a-fA-F]{6}(?![\w`])/, 'number.status'],
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
