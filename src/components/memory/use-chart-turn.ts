/**
 * Charts draw one at a time, a task apart. Recharts lays a chart out by
 * measuring its labels in the DOM (a forced layout each) and re-renders it
 * synchronously from its own store; the charts of the Memory section, drawn
 * together when their width became known, took hundreds of milliseconds of one
 * task on a big dump. A chart asks for a turn, draws when given one, and
 * passes it on once its drawing is committed.
 */
import { useEffect, useState } from 'react';
import { nextTask } from '../../lib/slices';

interface Waiter {
  grant: () => void;
}

const waiting: Waiter[] = [];
let current: Waiter | null = null;

function grantNext(): void {
  if (current !== null) {
    return;
  }
  const next = waiting.shift();
  if (next) {
    current = next;
    next.grant();
  }
}

function release(w: Waiter): void {
  const i = waiting.indexOf(w);
  if (i !== -1) {
    waiting.splice(i, 1);
  }
  if (current === w) {
    current = null;
    // The next chart in a task of its own, after the browser has had a chance to paint.
    void nextTask().then(grantNext);
  }
}

/**
 * True once this chart may draw (it asks when `ready`: it knows its width). The
 * turn passes on once the render that drew the chart is committed; from then
 * on the chart redraws at once (a resize, a theme).
 */
export function useChartTurn(ready: boolean): boolean {
  const [turn, setTurn] = useState(false);
  useEffect(() => {
    if (!ready || turn) {
      return;
    }
    const waiter: Waiter = { grant: () => setTurn(true) };
    waiting.push(waiter);
    grantNext();
    // Runs when the turn came (the chart has just been drawn) or the chart goes.
    return () => release(waiter);
  }, [ready, turn]);
  return turn;
}
