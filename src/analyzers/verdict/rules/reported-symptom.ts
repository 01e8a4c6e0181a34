/**
 * Rule reported-symptom: the words around a paste say it hung, or that a program crashed.
 */
import { signal, type VerdictContext } from '../context';
import { isCandidate } from '../modules';
import type { Rule } from '../rule';
import { CRASH_WORDS, decideKind } from '../session';
import { userModeEntry } from '../stack-reading';
import { blockedOn } from '../waits';

// "it hangs", "a hang in Inetinfo", "the UI freezes", "deadlocked", "stops responding", "100% CPU",
// "caught in a loop", "loops forever" (a thread that never finishes its work).
const HANG_WORDS =
  /\b(?:hangs?|hung|hanging|deadlock(?:s|ed)?|dead-lock(?:s|ed)?|freez(?:e|es|ing)|froze|frozen|(?:stops?|stopped|not) responding|unresponsive|lock(?:s|ed)? up|lockups?|100\s?% (?:of )?(?:the )?CPU|high CPU|spins? forever|(?:infinite|endless)(?:ly)? loop|loop(?:s|ing)? (?:forever|endlessly|indefinitely|infinitely)|(?:caught|stuck) in (?:an? )?(?:infinite |endless )?loop|may loop|loops while)\b/i;
/**
 * The same in the other languages debugging posts are written in: Chinese (未响应 "not responding", 卡死/卡住
 * "stuck", 死锁 "deadlock", 假死 "frozen"), Japanese (フリーズ, 応答なし, デッドロック, ハングアップ), Korean
 * (응답 없음, 멈춤, 교착 상태, 데드락), Russian (завис…, не отвечает, взаимоблокировка), German (hängt sich auf,
 * friert ein, reagiert nicht), French (se fige, ne répond plus, interblocage), Spanish and Portuguese
 * (se congela, no responde, interbloqueo, trava, não responde).
 */
const HANG_WORDS_INTL =
  /未响应|无响应|没有响应|失去响应|卡死|卡住|死锁|假死|锁死|フリーズ|応答なし|応答しな|応答がな|デッドロック|ハングアップ|응답 ?없|멈춤|멈춰|교착 ?상태|데드락|завис|не отвечает|взаимоблокиров|дедлок|hängt sich auf|aufgehängt|friert ein|eingefroren|reagiert nicht|se fige|ne répond plus|interblocage|se congela|no responde|interbloqueo|travou|não responde/i;
/** Lines looked at: the words come with the paste, not pages into it. */
const MAX_LINES = 20_000;

/** A denial just before the words ("not a crash", "never hangs", "didn't crash"). */
const NEGATED = /\b(?:not|no|never|without|n't)\b[^.,;]{0,12}$|n't\s*$/i;


/** The first line outside every parsed block that describes a hang, as [line (1-based), the words]. */
function describedHang(ctx: VerdictContext): [number, string] | null {
  return describedWords(ctx, HANG_WORDS, HANG_WORDS_INTL);
}

/** The first line outside every parsed block with these words, as [line (1-based), the words]. */
function describedWords(ctx: VerdictContext, ...words: readonly RegExp[]): [number, string] | null {
  const lines = ctx.model.source.lines;
  const blocks = ctx.model.blocks;
  let b = 0;
  for (let i = 0; i < lines.length && i < MAX_LINES; i++) {
    const n = i + 1;
    while (b < blocks.length && (blocks[b]?.endLine ?? 0) < n) {
      b++;
    }
    const blk = blocks[b];
    if (blk !== undefined && blk.line <= n && n <= blk.endLine) {
      continue; // debugger output, not the poster's words
    }
    const text = lines[i] as string;
    const m = text.length < 2000 ? words.reduce<RegExpExecArray | null>((found, w) => found ?? w.exec(text), null) : null;
    // "a debugger event, not a crash", "it did not hang": words that deny it.
    if (m && !NEGATED.test(text.slice(Math.max(0, m.index - 24), m.index))) {
      return [n, m[0]];
    }
  }
  return null;
}

/** How many distinct threads wait inside a system call made from user mode. */
function waitingCallers(ctx: VerdictContext): number {
  const seen = new Set<string>();
  for (const s of ctx.stacks) {
    if (blockedOn(s) !== null && userModeEntry(s) >= 0) {
      seen.add(s.thread ?? s.frames.map((f) => f.site).join('|'));
    }
  }
  return seen.size;
}

export const reportedSymptom: Rule = {
  id: 'reported-symptom',
  description:
    'With no bug check and no exception in the debugger output, words around it that describe a hang ("it hangs", "deadlock", "stops responding", "100% CPU") make it a hang; ' +
    "words that say a program crashed make a program's session an application fault whose exception was not pasted.",
  reasoning:
    'A process that hangs leaves no exception behind: what is pasted is a stack or two of threads that wait or spin, and only the person ' +
    'who saw it knows it froze. Experts read the report first: "a hang in Inetinfo may result", "the UI freezes", "stuck at 100% CPU". ' +
    'When the debugger output holds no bug check and no exception record, that description decides that the stacks show a hang, and the ' +
    'hang rules judge them (the code that waits or spins), rather than taking a lone stack for a crash. It never overrides a crash the ' +
    'debugger reports. The same holds for a crash told only in words ("Explorer crashes here; a typical stack looks like this"): the ' +
    'session is an application fault, and the next step is the exception context the paste left out.',
  source: 'https://learn.microsoft.com/troubleshoot/developer/webapps/iis/site-behavior-performance/troubleshoot-iis-hang-issue; Advanced Windows Debugging (Hewardt, Pravat), ch. 2 and 7',
  apply(ctx: VerdictContext): void {
    // (A kernel stack pasted alone was only taken for a crash: words of a hang say what it was.)
    // Nor does it override a stack that shows the crash itself (an exception being dispatched, a fault
    // frame) when no other thread waits: a thread that died holding a lock others wait for is a hang's cause.
    const crashShown = ctx.stackCrash === 'kernel' || (ctx.stackCrash === 'user' && !ctx.stacks.some((s) => blockedOn(s) !== null));
    if (ctx.bugcheck !== null || ctx.exception || ctx.crashWithoutCode || (crashShown && !ctx.loneStack)) {
      return;
    }
    if (ctx.stacks.length === 0) {
      return;
    }
    // A kernel session without a bug check is a live kd session, which people use for much else:
    // its stacks must show a driver that can hang (a how-to that shows only Windows' own threads,
    // "in the event of a hung server, …", describes no hang of its own). A process pasted without
    // an exception, with words of a hang, is a hang report.
    // Two or more threads of programs waiting inside system calls (the kernel half of a user-mode
    // hang or deadlock) count too; one such thread is what any live session shows.
    if (decideKind(ctx) === 'kernel' && !ctx.stacks.some((s) => s.frames.some((f) => isCandidate(f.module))) && waitingCallers(ctx) < 2) {
      return;
    }
    const said = describedHang(ctx);
    // A program's output that shows no crash of its own, under words that say the program crashed:
    // an application fault whose exception was not pasted. ("The store stops responding and an access
    // violation occurs": with no thread waiting, the words of the crash tell what the stacks show.)
    const crashed = decideKind(ctx) === 'user' ? describedWords(ctx, CRASH_WORDS) : null;
    // (A spin, "100% CPU" or "caught in a loop", is shown by a running thread: the crash words do not override it.)
    if (said !== null && (crashed === null || /CPU|loop|spin/i.test(said[1]) || ctx.stacks.some((s) => blockedOn(s) !== null))) {
      signal(ctx, 'hang-deadlock', `the text around the output describes a hang ("${said[1]}")`, said[0]);
      return;
    }
    if (crashed !== null && !ctx.stackCrash) {
      signal(ctx, 'user-app', `the text around the output says the program crashed ("${crashed[1]}")`, crashed[0]);
    }
  },
};
