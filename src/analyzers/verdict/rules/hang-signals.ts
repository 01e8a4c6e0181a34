/**
 * Rule hang-signals: held locks with waiters and long waits mean a hang.
 */
import { blocksOf } from '../../run';
import { signal, type VerdictContext } from '../context';
import type { Rule } from '../rule';
import { isHeld, waiterCount } from '../threads';

/** A thread waiting this long (ms) is stuck, not busy: the 0x9F/0x133 watchdogs use minutes. */
const LONG_WAIT_MS = 60000;

export const hangSignals: Rule = {
  id: 'hang-signals',
  description: 'A lock held while other threads wait on it, or a thread that has waited a minute or more, is a hang.',
  reasoning:
    'A hang is threads waiting for something that does not come: !locks shows resources and critical sections held with waiters, and !thread ' +
    'shows how long each thread has waited (Wait Start TickCount against the current tick count). Locks held with a queue, and waits of ' +
    'minutes, are what experts look for first in a hung machine or process.',
  source: 'https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-locks; https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-thread',
  apply(ctx: VerdictContext): void {
    for (const b of blocksOf(ctx.model, 'locks')) {
      for (const l of b.data.locks) {
        const waiting = waiterCount(l);
        if (isHeld(l) && waiting > 0) {
          signal(ctx, 'hang-deadlock', `${l.name ?? l.address} is held with ${waiting} waiting`, l.line);
        }
      }
    }
    for (const t of ctx.threads) {
      if (t.waitMs !== undefined && t.waitMs >= LONG_WAIT_MS) {
        signal(ctx, 'hang-deadlock', `thread ${t.address ?? ''} has waited ${t.waitText ?? `${Math.round(t.waitMs / 1000)} s`}`, t.line);
      }
    }
  },
};
