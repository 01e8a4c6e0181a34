/**
 * Rule waiting-threads: threads blocked acquiring locks, with no crash (or a
 * crash forced to capture them), are a hang.
 */
import { MANUAL_CODES } from '../../knowledge/bugcheck-classes';
import { addFinding, signal, type VerdictContext } from '../context';
import type { Rule } from '../rule';
import { isBlameable, isCandidate } from '../modules';
import { blocksOf } from '../../run';
import { decideKind } from '../session';
import { blockedOn } from '../waits';

/** Sites listed in the finding; the rest are counted. */
const LISTED = 4;

/** At most this many stacks: a paste of the stuck threads, not a listing of every thread. */
const FEW_STACKS = 4;

/**
 * No crash and no lock: a paste of one to four stacks, each waiting on an object
 * (an event, a thread, a handle) from code that is not Windows' plumbing, is the
 * stuck thread someone pasted to show a hang ("it hangs here").
 */
function stuckThreadsPasted(ctx: VerdictContext): void {
  const stacks = ctx.stacks.filter((s) => s.frames.length >= 3);
  if (stacks.length === 0 || stacks.length > FEW_STACKS || blocksOf(ctx.model, 'process').length > 0) {
    return;
  }
  const waits = stacks.map((s) => blockedOn(s));
  if (!waits.every((b) => b !== null && b.caller !== undefined && isBlameable(b.caller.module))) {
    return;
  }
  const first = waits[0];
  if (!first?.caller) {
    return;
  }
  signal(ctx, 'hang-deadlock', `${stacks.length === 1 ? 'the one stack pasted waits' : `all ${stacks.length} stacks pasted wait`} on an object (${first.at.site} from ${first.caller.site}), with no crash`, first.at.line);
}

export const waitingThreads: Rule = {
  id: 'waiting-threads',
  description:
    'Stacks blocked in a lock routine (critical section, SRW lock, ERESOURCE, pushlock, mutex, a program’s own lock) in a session without a crash, or with a crash forced on purpose, mean a hang.',
  reasoning:
    'A hung process or machine is read thread by thread (~*k, !stacks 2, !process 0 17): threads whose stacks end in ' +
    'RtlpWaitOnCriticalSection, RtlAcquireSRWLockExclusive, ExAcquireResourceExclusiveLite, ExfAcquirePushLockExclusive or ' +
    'KeWaitForMutexObject are blocked on a lock someone else holds, even when no !locks output was pasted. A dump taken on purpose ' +
    '(NotMyFault, Ctrl+Scroll Lock, a live dump, a hang dump from Task Manager or ProcDump) exists to show exactly that, so its ' +
    'crash stack is set aside and the waits become the story. Without a crash or a lock, one to four stacks pasted on their own, each ' +
    'waiting on an object from code that is not Windows’ plumbing, are the stuck threads someone pasted to show a hang.',
  source:
    'https://learn.microsoft.com/windows-hardware/drivers/debugger/debugging-a-deadlock; https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-stacks; Advanced Windows Debugging (Hewardt, Pravat), ch. 7 "Concurrency"',
  apply(ctx: VerdictContext): void {
    const forced = ctx.signals.has('manual') || (ctx.bugcheck !== null && MANUAL_CODES.has(ctx.bugcheck.code));
    if (!forced && ctx.crash) {
      return;
    }
    const sites: string[] = [];
    let count = 0;
    let line: number | undefined;
    const lines: number[] = [];
    // In user mode, threads of the program's own code waiting on an object (an event, a thread, a
    // handle) are the other face of a hang: the UI thread waiting for a worker that never signals.
    const user = decideKind(ctx) === 'user';
    for (const s of ctx.stacks) {
      const b = blockedOn(s);
      if (b === null || (b.kind === 'object' && !(user && b.caller !== undefined && isCandidate(b.caller.module)))) {
        continue;
      }
      count++;
      line ??= b.at.line;
      if (lines.length < LISTED) {
        lines.push(b.at.line);
      }
      const site = `${b.at.site}${b.caller ? ` from ${b.caller.site}` : ''}`;
      if (!sites.includes(site) && sites.length < LISTED) {
        sites.push(site);
      }
    }
    if (count === 0) {
      if (!ctx.crash) {
        stuckThreadsPasted(ctx);
      }
      return;
    }
    signal(ctx, 'hang-deadlock', `${count} thread${count > 1 ? 's are' : ' is'} blocked acquiring a lock (${sites[0] ?? ''})`, line);
    addFinding(ctx, {
      id: 'hang.blocked-threads',
      severity: 'warning',
      title: `${count} thread${count > 1 ? 's wait' : ' waits'} to acquire a lock: ${sites.join('; ')}${count > sites.length ? '…' : ''}${forced ? ' (the crash was forced to capture this)' : ''}`,
      lines,
    });
  },
};
