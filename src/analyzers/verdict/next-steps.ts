/**
 * The debugger commands worth running next, for this bug check, exception and
 * category, with the leading suspect filled in; only those not already in the
 * paste.
 */
import { suggestNextSteps } from '../knowledge/bugcheck-codes';
import { EXCEPTION_GUIDANCE } from '../knowledge/exception-guidance';
import { blocksOf } from '../run';
import type { NextStep } from '../types';
import { sessionExceptions, type Verdict, type VerdictContext } from './context';
import { decideKind } from './session';

/** Has a command of this family already been run in the paste? */
function ran(ctx: VerdictContext, re: RegExp): boolean {
  return ctx.model.segments.some((s) => re.test(s.command));
}

/** Commands worth running next. */
export function buildNextSteps(v: Verdict, ctx: VerdictContext): NextStep[] {
  const steps: NextStep[] = [];
  const add = (command: string, why: string, already?: RegExp) => {
    if (already && ran(ctx, already)) {
      return;
    }
    if (!steps.some((s) => s.command === command)) {
      steps.push({ command, why });
    }
  };
  const b = ctx.bugcheck;
  if (!b && v.category === 'none') {
    return steps;
  }
  if (b && blocksOf(ctx.model, 'analyze-v').length === 0) {
    add('!analyze -v', 'the debugger decodes the bug check and picks a faulting stack', /^!analyze/i);
  }
  const lead = v.suspects[0];
  for (const raw of b ? suggestNextSteps(b.code, b.args) : []) {
    // "<suspect>" stands for the leading suspect; without one the step stays generic.
    const step = lead && lead.origin !== 'microsoft' ? { ...raw, command: raw.command.replace(/<suspect>/g, lead.module) } : raw;
    const word = step.command.split(/\s/)[0] ?? '';
    // A command the paste already holds is not suggested again (`!irp <addr>` after `!irp <addr>`).
    const already = word.startsWith('!') || word.startsWith('.') ? new RegExp(`^${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`, 'i') : undefined;
    add(step.command, step.why, already);
  }
  const top = v.suspects[0];
  const escaped = top ? top.module.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : '';
  if (top && top.origin !== 'microsoft' && v.kind !== 'user') {
    add(`lm vm ${top.module}`, `see ${top.module}'s version, path and timestamp (an old driver is a common cause)`, new RegExp(`^lm\\w*\\s+.*\\b${escaped}\\b`, 'i'));
    if (top.confidence < 0.8 && v.category !== 'hang-deadlock') {
      add(`verifier /standard /driver ${top.module}.sys`, 'run Driver Verifier on the suspect so the next crash catches it in the act (on the affected machine, then reboot)');
    }
  } else if (top && v.kind === 'user') {
    add(`lmvm ${top.module}`, `${top.module}'s version and path: is it current?`, new RegExp(`^lm\\w*\\s+.*\\b${escaped}\\b`, 'i'));
  }
  const app = blocksOf(ctx.model, 'analyze-v')
    .map((b) => b.data.fields.PROCESS_NAME?.value)
    .find((x): x is string => x !== undefined && x !== '');
  const ex = sessionExceptions(ctx)[0];
  for (const step of ex ? (EXCEPTION_GUIDANCE.get(ex.code)?.steps ?? []) : []) {
    add(step.command, step.why);
  }
  switch (v.category) {
    case 'hardware':
      add('!errrec <address of the WHEA record>', 'decode the hardware error record (error type, processor, bank)', /^!errrec/i);
      add('!sysinfo cpuinfo', 'check the CPU model and clock (overclocking)', /^!sysinfo/i);
      add('!sysinfo smbios', 'BIOS/firmware version: update it before replacing hardware', /^!sysinfo\s+smbios/i);
      add('!errrec on the other dumps', 'the same processor and bank across several dumps points firmly at that CPU; different ones point at power, board or memory');
      break;
    case 'disk-io':
      add('!vm', 'rule out memory pressure', /^!vm/i);
      add('chkdsk /scan and the disk\'s SMART data', 'confirm the failing disk or controller (outside the debugger)');
      break;
    case 'os-corruption':
      add('sigverif / sigcheck -i <driver>.sys', 'find system files whose signature or catalog no longer verifies; check the CatRoot catalogs (System32\\CatRoot) they are signed through');
      add('sfc /scannow and DISM /Online /Cleanup-Image /RestoreHealth', 'repair damaged system files (outside the debugger)');
      break;
    case 'pool-leak':
      add('!poolused 2', 'top non-paged pool tags', /^!poolused\s+\/?\w*\s*2/i);
      add('!poolused 4', 'top paged pool tags', /^!poolused.*4/i);
      add('!for_each_module s -a @#Base @#End "<Tag>"', 'find which drivers use the leaking tag', /for_each_module/i);
      break;
    case 'memory-corruption':
      add('verifier /flags 0x9 /all (special pool + pool tracking), then wait for the next crash', 'catch the driver that writes outside its allocation at the moment it does');
      add('Windows Memory Diagnostic or MemTest86', 'rule out bad RAM when the victims differ from crash to crash');
      break;
    case 'hang-deadlock':
      if (decideKind(ctx) === 'user') {
        // A hung process: the kernel's !stacks does not exist in a user-mode session.
        add('~*k', 'every thread\'s stack: which ones wait, and on what', /^~\*\s*k/i);
        add('!cs -l', 'the locked critical sections and the thread that owns each', /^!(?:cs|locks)\b/i);
        add('!runaway', 'CPU time per thread: a thread that spins instead of waiting', /^!runaway/i);
        add('!analyze -v -hang', 'the debugger\'s own hang analysis: the blocking thread and its wait chain', /^!analyze\b.*-hang/i);
      } else {
        add('!locks', 'who owns the contended locks', /^!locks/i);
        add('!stacks 2', 'every thread\'s stack, grouped, to find the blocked ones', /^!stacks/i);
      }
      break;
    case 'user-app':
      // A program's fault whose exception or faulting stack was not pasted (or not found).
      if (v.suspects.length === 0) {
        add('!analyze -v', "the crash dump's exception record and the stack the debugger picks as the faulting one", /^!analyze/i);
        add('.ecxr; kb', 'switch to the exception context and print the stack that faulted: the first frame of the program or a plug-in is the usual suspect', /^\.ecxr/i);
        add('lm', 'the loaded modules: plug-ins, hooks and injected DLLs that do not belong to the program', /^lm/i);
      }
      break;
    case 'manual':
      if (decideKind(ctx) === 'user') {
        add('~*k', 'the process was stopped on purpose: look at what every thread was doing', /^~\*\s*k/i);
      } else {
        add('!stacks 2', 'a forced crash captures a hang: look at what every thread was waiting for', /^!stacks/i);
      }
      break;
    default:
      break;
  }
  if (v.suspects.length === 0 && b && v.category === 'unknown') {
    add('kv', 'the full stack with arguments', /^k/i);
    add('lm t n', 'all modules with timestamps, to spot old third-party drivers', /^lm/i);
  }
  // The leaking pool tag, for "!for_each_module s -a … \"<Tag>\"".
  const poolTop = blocksOf(ctx.model, 'poolused')
    .map((b) => [...b.data.tags].sort((x, y) => (b.data.sortedBy === 'paged' ? y.pagedBytes - x.pagedBytes : y.nonPagedBytes - x.nonPagedBytes))[0])
    .find((t) => t !== undefined);
  if (poolTop) {
    for (const st of steps) {
      st.command = st.command.replace('<Tag>', poolTop.tag.padEnd(4, ' '));
    }
  }
  if (app) {
    for (const st of steps) {
      st.command = st.command.replace(/<app>\.exe/g, `${app.replace(/\.exe$/i, '')}.exe`);
    }
  }
  return steps.slice(0, 8);
}
