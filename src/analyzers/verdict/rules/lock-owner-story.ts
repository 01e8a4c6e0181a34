/**
 * Rule lock-owner-story: tell where the owner of a held critical section is, in user mode and in the kernel.
 */
import { canonicalModuleName } from '../../knowledge/modules';
import { normalizeAddress } from '../../normalize';
import { blocksOf } from '../../run';
import { addFinding, type VerdictContext } from '../context';
import type { Rule } from '../rule';
import { threadStack, userStackOfThreadId, waitSite } from '../threads';

export const lockOwnerStory: Rule = {
  id: 'lock-owner-story',
  description: "Follows a held critical section's owner thread to its user-mode stack and to the same thread in the kernel.",
  reasoning:
    'In a user-mode hang the question is what the owner of the contended critical section is doing. !locks or !cs gives the owning thread id; ' +
    'experts switch to that thread (~~[id]s, k) to read where it is and who called it, and when a kernel dump of the same moment is at hand ' +
    '(!process, !thread) what it waits for in the kernel: often the lock owner itself waits on I/O or another lock.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debugger/debugging-a-deadlock; https://learn.microsoft.com/windows-hardware/drivers/debugger/displaying-a-critical-section',
  apply(ctx: VerdictContext): void {
    for (const b of blocksOf(ctx.model, 'locks')) {
      for (const l of b.data.locks) {
        if (l.kind !== 'critical-section' || l.state !== 'locked') {
          continue;
        }
        for (const owner of l.owners) {
          const id = normalizeAddress(owner);
          const user = userStackOfThreadId(ctx, owner);
          const userTop = user?.frames.find((f) => f.module !== null);
          const userBottom = user ? [...user.frames].reverse().find((f) => f.module !== null && !/^(?:ntdll|kernel32|kernelbase)$/i.test(canonicalModuleName(f.module))) : undefined;
          if (userTop) {
            addFinding(ctx, {
              id: 'cs.owner-stack',
              severity: 'warning',
              title: `The owner of critical section ${l.address}, thread ${id}, is in ${userTop.site}${userBottom && userBottom !== userTop ? `, called from ${userBottom.site}` : ''}`,
              lines: [userTop.line],
            });
          }
          const kernel = ctx.threads
            .filter((t) => t.cid !== undefined && normalizeAddress(t.cid.split('.')[1] ?? '') === id)
            .sort((a, b2) => Number(b2.waitText !== undefined) - Number(a.waitText !== undefined))[0];
          if (kernel) {
            const where = waitSite(kernel.stack ?? (kernel.address ? threadStack(ctx, kernel.address) : null));
            addFinding(ctx, {
              id: 'cs.owner-kernel',
              severity: 'warning',
              title: `In the kernel, the same thread (${kernel.address ?? ''}, Cid ${kernel.cid ?? ''}) waits${where ? ` in ${where}` : ''}${kernel.waitText ? ` for ${kernel.waitText}` : ''}`,
              lines: [kernel.line],
            });
          }
        }
      }
    }
    const lists = blocksOf(ctx.model, 'threadlist');
    // A loop, not Math.max(...list): a list of a hundred thousand threads would overflow the call stack.
    let max = -1;
    for (const b of lists) {
      for (const t of b.data.threads) {
        max = Math.max(max, t.index);
      }
    }
    if (max >= 20) {
      addFinding(ctx, {
        id: 'threads.count',
        severity: 'info',
        title: `The process has at least ${max + 1} threads (thread numbers up to ${max})`,
        lines: lists.map((b) => b.line).slice(0, 1),
      });
    }
  },
};
