/**
 * Bug check (stop code) knowledge: name, parameter labels, sub-code labels,
 * a plain-language meaning, and for the common codes the usual causes and the
 * debugger commands worth running next.
 *
 * Sources:
 * - names, parameter labels, sub-codes, kind, doc page: data/bugchecks.ts, generated
 *   from bugchecks.tsv (github.com/MicrosoftDocs/windows-driver-docs
 *   @825aa15f476fc33a3e80abd3db387b025771f6f8, windows-driver-docs-pr/debugger/
 *   bug-check-0x*.md, bug-check-code-reference2.md, kernel-live-dump-code-reference.md);
 * - meanings (bugcheck-meanings.ts) and causes / next steps (bugcheck-guidance.ts):
 *   written for this project in our own words.
 * Reference: https://learn.microsoft.com/en-us/windows-hardware/drivers/debugger/bug-check-code-reference2
 *
 * The table is turned into objects once, on first use, and the same frozen
 * objects are returned afterwards, so `allBugchecks()` is cheap for the UI's
 * reference pages.
 */
import { BUGCHECK_MEANINGS } from './bugcheck-meanings';
import { BUGCHECK_GUIDANCE } from './bugcheck-guidance';
import type { NextStep } from './bugcheck-guidance';
import { BUGCHECK_ROWS } from './data/bugchecks';
import { describeNtStatus, ntStatusFromArg } from './ntstatus';
import { hexUpper, parseDebuggerValue } from './values';

export type { NextStep } from './bugcheck-guidance';

/** A bug-check argument number. */
export type BugcheckArg = 1 | 2 | 3 | 4;

/** A labelled value of one argument (e.g. 0x9F arg1 = 4). */
export interface BugcheckSubcode {
  arg: BugcheckArg;
  value: number;
  label: string;
}

/** Everything known about one stop code. */
export interface BugcheckInfo {
  code: number;
  name: string;
  /** One or two plain sentences for a sysadmin. */
  meaning: string;
  /** Short labels of Arg1..Arg4; '' where the documentation gives none. */
  params: [string, string, string, string];
  subcodes: BugcheckSubcode[];
  /** 'livedump' codes tag live kernel dumps: the machine kept running. */
  kind: 'bugcheck' | 'livedump';
  /** Usual causes (common codes only). */
  causes?: string;
  /** Commands worth running next (common codes only); see `suggestNextSteps`. */
  nextSteps?: NextStep[];
  /** The Microsoft reference page for this code. */
  docUrl: string;
  /** For `_M` variants: the code whose parameters these are (0x1000007E → 0x7E). */
  sameParamsAs?: number;
}

const DOC_BASE = 'https://learn.microsoft.com/en-us/windows-hardware/drivers/debugger/';

interface Index {
  list: readonly BugcheckInfo[];
  byCode: ReadonlyMap<number, BugcheckInfo>;
  byName: ReadonlyMap<string, number>;
}

let index: Index | undefined;

/**
 * The table's shorthand for arguments read as words: "subcode (see
 * param1_subcodes)" → "subcode: which check failed", "depends on subcode" →
 * "its meaning depends on Arg1's subcode".
 */
function paramWords(p: string): string {
  const t = p.replace(/\s*\(see param\d_subcodes[^)]*\)/, '');
  if (t === 'subcode') {
    return 'subcode: which check failed';
  }
  return t
    .replace(/^depends on (?:the )?(?:subcode|param1|param1\/subcode)\b/, "its meaning depends on Arg1's subcode")
    .replace(/^depends on (subtype|case|reason code)\b/, 'its meaning depends on the $1')
    .replace(/^depends on arg4 subcode\b/, "its meaning depends on Arg4's subcode");
}

function load(): Index {
  if (index) {
    return index;
  }
  const list: BugcheckInfo[] = [];
  const byCode = new Map<number, BugcheckInfo>();
  const byName = new Map<string, number>();
  const rowByCode = new Map(BUGCHECK_ROWS.map((r) => [r[0], r]));
  for (const row of BUGCHECK_ROWS) {
    const [code, name, p1, p2, p3, p4, kind, sameAs, doc, subs] = row;
    // _M variants share their base code's sub-codes and guidance when they list none.
    const base = sameAs ? rowByCode.get(sameAs) : undefined;
    const subRows = subs.length === 0 && base ? base[9] : subs;
    const guidance = BUGCHECK_GUIDANCE[code] ?? (sameAs ? BUGCHECK_GUIDANCE[sameAs] : undefined);
    const slug = doc !== '' ? doc : `bug-check-0x${code.toString(16)}--${name.toLowerCase().replace(/_/g, '-')}`;
    const info: BugcheckInfo = {
      code,
      name,
      meaning: BUGCHECK_MEANINGS[code] ?? '',
      params: [paramWords(p1), paramWords(p2), paramWords(p3), paramWords(p4)],
      subcodes: subRows.map(([arg, value, label]) => Object.freeze({ arg, value, label })),
      kind: kind === 1 ? 'livedump' : 'bugcheck',
      docUrl: DOC_BASE + slug,
    };
    if (guidance) {
      info.causes = guidance.causes;
      info.nextSteps = guidance.nextSteps.map((s) => Object.freeze({ ...s }));
    }
    if (sameAs) {
      info.sameParamsAs = sameAs;
    }
    Object.freeze(info.params);
    Object.freeze(info.subcodes);
    if (info.nextSteps) {
      Object.freeze(info.nextSteps);
    }
    list.push(Object.freeze(info));
    byCode.set(code, info);
    byName.set(name, code);
  }
  index = { list: Object.freeze(list), byCode, byName };
  return index;
}

/** The stop code's entry, or undefined for a code not in the table. */
export function describeBugcheck(code: number): BugcheckInfo | undefined {
  if (!Number.isInteger(code) || code < 0 || code > 0xffffffff) {
    return undefined;
  }
  return load().byCode.get(code);
}

/**
 * Every known stop code, in code order. The array and its entries are frozen
 * and shared between calls: copy before sorting or editing.
 */
export function allBugchecks(): BugcheckInfo[] {
  return load().list as BugcheckInfo[];
}

/**
 * True when the argument holds an NTSTATUS / exception code according to its
 * label (0x7E arg1, 0x7A arg2, 0xC000021A arg2, …); MCi_STATUS halves and
 * processor status registers are not NTSTATUS values.
 */
export function bugcheckArgIsStatus(code: number, arg: BugcheckArg): boolean {
  const label = describeBugcheck(code)?.params[arg - 1] ?? '';
  if (/MCi_STATUS|status register/i.test(label)) {
    return false;
  }
  return /NTSTATUS|\bNT status\b|exception code|error status|failure status|status returned|status code|else status|else I\/O status/i.test(
    label,
  );
}

/**
 * The label for one argument's value: the sub-code label when the table lists
 * that value (0x9F arg1 4, 0x109 arg4 0x1c, 0xC1 arg4 0x21, 0x1A arg1 0x41790),
 * else, for an argument that holds an NTSTATUS, the status name
 * (0x7E arg1 c0000005 → STATUS_ACCESS_VIOLATION). `value` is debugger hex
 * (`0x1c`, `000000000000001c`, `ffffffff`c0000005`); 64-bit values are
 * compared exactly.
 */
export function describeBugcheckArg(code: number, arg: BugcheckArg, value: string): string | undefined {
  const info = describeBugcheck(code);
  const v = parseDebuggerValue(value);
  if (!info || v === undefined) {
    return undefined;
  }
  const sub = info.subcodes.find((s) => s.arg === arg && BigInt(s.value) === v);
  if (sub) {
    return sub.label;
  }
  if (bugcheckArgIsStatus(code, arg)) {
    const status = ntStatusFromArg(value);
    return status === undefined ? undefined : describeNtStatus(status)?.name;
  }
  return undefined;
}

/** Normalizes an argument for substitution into a command: lower-case hex, no leading zeros. */
function argText(value: string | undefined): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  const v = parseDebuggerValue(value);
  return v === undefined ? undefined : v.toString(16);
}

/**
 * The next steps for a stop code with its arguments: steps whose `when`
 * condition does not hold are dropped, and `<arg1>`..`<arg4>` in commands are
 * replaced by the argument values (lower-case hex). A step whose placeholder
 * cannot be filled keeps the placeholder.
 */
export function suggestNextSteps(code: number, args: readonly string[]): NextStep[] {
  const steps = describeBugcheck(code)?.nextSteps ?? [];
  const values = [0, 1, 2, 3].map((i) => argText(args[i]));
  return steps
    .filter((s) => {
      if (!s.when) {
        return true;
      }
      const v = values[s.when.arg - 1];
      return v !== undefined && BigInt(`0x${v}`) === BigInt(s.when.value);
    })
    .map((s) => ({
      command: s.command.replace(/<arg([1-4])>/g, (m, n: string) => values[Number(n) - 1] ?? m),
      why: s.why,
      ...(s.when ? { when: s.when } : {}),
    }));
}

/** `0x0000009F`: `0x` and eight upper-case hex digits (`0x1000007E` as printed). */
export function formatBugcheckCode(code: number): string {
  return hexUpper(code >>> 0, 8);
}

/**
 * Reads a stop code written as hex (`9f`, `0x9F`, `0x0000009F`, `1000007e`),
 * MASM decimal (`0n159`) or by name (`DRIVER_POWER_STATE_FAILURE`, any case).
 * Returns undefined for anything else or for values wider than 32 bits.
 * A hex value need not be in the table; a name must be.
 */
export function parseBugcheckCode(text: string): number | undefined {
  const t = text.trim();
  const v = parseDebuggerValue(t);
  if (v !== undefined) {
    return v <= 0xffffffffn ? Number(v) : undefined;
  }
  if (/^[A-Za-z][A-Za-z0-9_]*$/.test(t)) {
    return load().byName.get(t.toUpperCase());
  }
  return undefined;
}
