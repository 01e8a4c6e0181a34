/**
 * Rule named-in-text: when the debugger output names no module at all, a
 * driver or library the surrounding text names by its file name (or a known
 * third-party driver by its base name) is the lead the poster already had.
 */
import { canonicalModuleName, describeDriver, driverForProductName, isDebuggerImage, isPlaceholderName, isPseudoModule, looksLikeBucketWord } from '../../knowledge/modules';
import { blocksOf } from '../../run';
import { addEvidence, type VerdictContext } from '../context';
import { isCandidate } from '../modules';
import type { Rule } from '../rule';
import { decideKind } from '../session';

/** Weaker than a call site quoted in the text (0.15): a name is not code seen at work. */
const WEIGHT = 0.12;
/** Only small pastes are read word by word; a big session always has parsed evidence. */
const MAX_LINES = 20000;
/** Evidence this strong on a third-party module means another rule has spoken. */
const SPOKEN = 0.1;
/** `acmefilt.sys`, `AcmeHook.dll`: a file name, not part of a path's folder or a longer word (a full stop may end the sentence). */
const FILE_NAME = /(?:^|[^\w.-])([A-Za-z][\w-]{1,40})\.(sys|dll)(?!\w|\.\w)/gi;
/**
 * A word that may be a product's name ("Npcap", "WinDivert") or a known
 * driver's base name ("points to adgnetworktdidrv."): letters and digits, four
 * or more; a full stop may end the sentence but not start an extension.
 */
const WORD = /(?:^|[^\w.!\\/-])([A-Za-z][A-Za-z0-9]{3,30})(?![\w!+\\/-]|\.\w)/g;

/** A debugger field line ("FAILURE_BUCKET_ID:  …", "Failure.Bucket …"). */
const FIELD_LINE = /^\s*[A-Z][A-Za-z0-9_.]+\s*:\s/;

const MODLOAD = /^\s*(?:#+\s*)?ModLoad:\s/;

interface Mention {
  name: string;
  n: number;
  line: number;
}

/**
 * The module the words around the output name most often: a driver or DLL file name,
 * else a known third-party driver by its base or product name. Module lists are skipped.
 */
export function textLead(ctx: VerdictContext): Mention | undefined {
  const lines = ctx.model.source.lines;
  const dll = decideKind(ctx) !== 'kernel';
  const files = new Map<string, Mention>();
  const words = new Map<string, Mention>();
  const count = (into: Map<string, Mention>, name: string, line: number): void => {
    const key = canonicalModuleName(name);
    const m = into.get(key);
    if (m) {
      m.n++;
    } else {
      into.set(key, { name, n: 1, line });
    }
  };
  // A module list (`lm`, a dump's loaded drivers) names everything loaded: no name in it is a lead.
  const listed = blocksOf(ctx.model, 'lm').map((b) => [b.line, b.endLine] as const);
  for (let i = 0; i < lines.length; i++) {
    if (listed.some(([from, to]) => i + 1 >= from && i + 1 <= to)) {
      continue;
    }
    const text = lines[i] as string;
    // The debugger's list of loaded modules as it loads them ("ModLoad: 71a50000 71a8b000   C:\…\mswsock.dll").
    if (MODLOAD.test(text)) {
      continue;
    }
    if (text.includes('.')) {
      FILE_NAME.lastIndex = 0;
      for (let m = FILE_NAME.exec(text); m !== null; m = FILE_NAME.exec(text)) {
        const name = m[1] as string;
        if ((m[2] as string).toLowerCase() === 'dll' && !dll) {
          continue;
        }
        // "DPT_SCSI.SYS" in a sentence is a file; "AV_acme.sys" in a failure bucket is the bucket's words.
        const bucketLine = FIELD_LINE.test(text) || /bucket/i.test(text);
        if (isCandidate(name) && !isPseudoModule(name) && !isDebuggerImage(name) && !isPlaceholderName(name) && !(bucketLine && looksLikeBucketWord(name))) {
          count(files, name, i + 1);
        }
      }
    }
    WORD.lastIndex = 0;
    for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
      const word = m[1] as string;
      const driver = describeDriver(word)?.product !== undefined ? word : driverForProductName(word);
      if (driver !== undefined && isCandidate(driver)) {
        count(words, driver, i + 1);
      }
    }
  }
  let best: Mention | undefined;
  for (const m of (files.size > 0 ? files : words).values()) {
    if (!best || m.n > best.n) {
      best = m;
    }
  }
  return best;
}

export const namedInText: Rule = {
  id: 'named-in-text',
  description: 'A crash or hang whose output names no module: a third-party driver or library that the text around it names (by file name, or a known driver by its base name) is a lead.',
  reasoning:
    'Pastes are often cut before the stack, or hold only the bug check and its arguments, while the poster writes which driver ' +
    'they suspect, which product was installed, or which file the crash report named. A helper takes that as the first lead ' +
    'and asks for the output that would confirm it; so does this rule. It weighs less than any code seen in the output, and ' +
    'it never speaks when the output itself names a third-party module.',
  source: 'https://learn.microsoft.com/troubleshoot/windows-client/performance/stop-error-or-blue-screen-error-troubleshooting; https://www.sysnative.com/forums/threads/bsod-method-and-tips.2340/',
  apply(ctx: VerdictContext): void {
    const lines = ctx.model.source.lines;
    if (!(ctx.crash || ctx.signals.has('hang-deadlock')) || lines.length > MAX_LINES) {
      return;
    }
    // Any call site quoted in the output is a better lead than a name (call-sites-in-text has spoken).
    if (ctx.evidence.some((e) => (e.weight >= SPOKEN && isCandidate(e.module)) || e.rule === 'call-sites-in-text')) {
      return;
    }
    const best = textLead(ctx);
    if (best) {
      addEvidence(
        ctx,
        best.name,
        WEIGHT,
        `the text around the output names ${best.name}${best.n > 1 ? ` ${best.n} times` : ''}, and the output itself names no module: the poster's lead, to confirm with the stack`,
        best.line,
      );
    }
  },
};
