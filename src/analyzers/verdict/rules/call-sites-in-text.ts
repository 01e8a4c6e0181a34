/**
 * Rule call-sites-in-text: when nothing else names a module, the call sites
 * scattered through the pasted output (a partial stack, a FAULTING_IP quoted
 * alone, a frame in a note) point at the leading suspect.
 */
import { canonicalModuleName, isPseudoModule, looksLikeBucketWord } from '../../knowledge/modules';
import { addEvidence, type VerdictContext } from '../context';
import { isBlameable, isCandidate } from '../modules';
import type { Rule } from '../rule';
import { decideKind } from '../session';
import { userModeEntry } from '../stack-reading';

/** A weak hint: enough to lead, never to blame (0.5) nor to call the crash a driver fault alone. */
const WEIGHT = 0.15;
/** Only small pastes are scanned line by line; a big session always has parsed evidence. */
const MAX_LINES = 20000;
/** `module!Symbol+0x1f`, `module+0x1f`, `module+b174` (old FAULTING_IP): a call site as the debugger prints it. */
const SITE = /(?:^|[\s(`'"[])([A-Za-z_][A-Za-z0-9_.$-]{1,62})(?:![A-Za-z_?][\w:~<>@$?]*(?:\+(?:0x)?[0-9a-f]+)?|\+(?:0x[0-9a-f]{1,8}|(?=[a-f]*\d)[0-9a-f]{2,8}))(?=$|[\s)`'",.;:\]])/gi;
/** A register in a disassembly operand (`[rsp+28]`, `ebp+8`): not a module. */
/**
 * A kernel or ntdll function printed without its module (`je RtlFreeHeap+0x1ec` in a Dr. Watson
 * disassembly, `KiTrap0E+0x252` in an old log): the name of a routine, not of a module. The prefixes
 * are those of the Windows kernel's and ntdll's components (Windows Internals, 7th ed., part 1, ch. 2).
 */
const KERNEL_ROUTINE = /^(?:Rtlp?|Nt|Zw|K[eix]|Exp?|Iop?|M[mi]|Obp?|Psp?|Sep?|Ldrp?|Csrp?|Dbg|Etwp?|Tpp?|Cmp?|Hal|Kd|Pop?|FsRtl|Cc|Wmip?)[A-Z][a-z]/;
/** A function's name after a module (`user32!wvsprintfW`) or in Dr. Watson's "function: wvsprintfW" header. */
const FUNCTION_NAME = /(?<=\w)![A-Za-z_]\w*(?![\w.])|^\s*function:\s*[A-Za-z_]\w*/g;
const REGISTER = /^(?:[re]?[abcd]x|[re]?[sd]il?|[re]?[sb]pl?|r(?:[89]|1[0-5])[dwb]?|[re]?ip)$/i;
/** Foreign evidence this strong means another rule has spoken. */
const SPOKEN = 0.15;
/** Foreign evidence this strong names a module: the call sites may only strengthen what is named. */
const NAMED = 0.1;

export const callSitesInText: Rule = {
  id: 'call-sites-in-text',
  description: 'A crash or hang with no other evidence: the third-party module whose call sites appear most often in the output (a Microsoft driver if none) is a leading suspect.',
  reasoning:
    'Published sessions are often partial: a few frames of STACK_TEXT, a FAULTING_IP or a module+offset quoted in a comment between ' +
    'commands. Helpers reading such a paste go by the call sites they can see: the non-Microsoft module named in them, most often in ' +
    'debugger syntax (module!function+0x…, module+0x…), is where they look first. It is a lead, not a verdict: weak on its own, and ' +
    'the next steps ask for the full stack.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debugger/debugging-a-stack-trace; https://www.sysnative.com/forums/threads/bsod-method-and-tips.2340/',
  apply(ctx: VerdictContext): void {
    const lines = ctx.model.source.lines;
    if (!(ctx.crash || ctx.signals.has('hang-deadlock')) || lines.length > MAX_LINES) {
      return;
    }
    if (ctx.evidence.some((e) => e.weight >= SPOKEN && isCandidate(e.module))) {
      return;
    }
    // A weaker rule has named third-party modules already (a waiter's caller): the call sites in the
    // text may strengthen one of them, never bring in another.
    const named = new Set(ctx.evidence.filter((e) => e.weight >= NAMED && isCandidate(e.module)).map((e) => canonicalModuleName(e.module)));
    // Third-party call sites first; a Microsoft driver's own (not the kernel's or a framework's) if there are none.
    const seen = new Map<string, { name: string; n: number; line: number }>();
    // A name printed elsewhere as a function (`user32!wvsprintfW`) is one in `wvsprintfW+0xb2` too: an old
    // debugger's branch target, not a module.
    const functions = new Set<string>();
    for (const text of lines) {
      if (text.includes('!') || text.includes('function:')) {
        for (const f of text.match(FUNCTION_NAME) ?? []) {
          functions.add(f.replace(/^!|^\s*function:\s*/, '').toLowerCase());
        }
      }
    }
    // In a kernel crash, the program that made the system call (below the stack's entry from user mode)
    // triggered it: its frames are no lead (faulting-stack says so in a finding).
    const callers = new Set<string>();
    if (decideKind(ctx) === 'kernel') {
      for (const st of ctx.stacks) {
        const k = userModeEntry(st);
        for (const f of k < 0 ? [] : st.frames.slice(k + 1)) {
          if (f.module !== null) {
            callers.add(canonicalModuleName(f.module));
          }
        }
      }
    }
    const microsoft = new Map<string, { name: string; n: number; line: number }>();
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i] as string;
      if (!text.includes('!') && !text.includes('+')) {
        continue;
      }
      SITE.lastIndex = 0;
      for (let m = SITE.exec(text); m !== null; m = SITE.exec(text)) {
        const name = (m[1] as string).replace(/\.(?:sys|dll|exe)$/i, '');
        // Failure buckets look like call sites ("BREAKPOINT_80000003_win32u!…", "AV_acme!…"): not modules.
        if (isPseudoModule(name) || REGISTER.test(name) || /^(?:0x|[0-9a-f]{8,})/i.test(name) || looksLikeBucketWord(name) || (!m[0].includes('!') && (KERNEL_ROUTINE.test(name) || functions.has(name.toLowerCase())))) {
          continue;
        }
        const key = canonicalModuleName(name);
        if (callers.has(key)) {
          continue;
        }
        const into = isCandidate(name) ? (named.size === 0 || named.has(key) ? seen : undefined) : isBlameable(name) && named.size === 0 ? microsoft : undefined;
        if (into === undefined) {
          continue;
        }
        const c = into.get(key);
        if (c) {
          c.n++;
        } else {
          into.set(key, { name, n: 1, line: i + 1 });
        }
      }
    }
    let best: { name: string; n: number; line: number } | undefined;
    for (const c of (seen.size > 0 ? seen : microsoft).values()) {
      if (!best || c.n > best.n) {
        best = c;
      }
    }
    if (best) {
      addEvidence(ctx, best.name, WEIGHT, `its call sites appear ${best.n} time${best.n > 1 ? 's' : ''} in the output (${best.name}…), and nothing else names a module: a lead only`, best.line);
    }
  },
};
