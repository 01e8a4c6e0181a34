/**
 * Locks: kernel `!locks` (ERESOURCE) and user-mode `!cs`, `!cs -l`, `!locks`
 * (critical sections). References:
 *   https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-locks---kdext--
 *   https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-cs
 *
 * Kernel sample:
 *   KD: Scanning for held locks..
 *   Resource @ nt!PiEngineLock (0xfffff80003492be0)    Exclusively owned
 *       Contention Count = 21
 *       NumberOfExclusiveWaiters = 1
 *        Threads: fffffa8007005660-01<*>
 *        Threads Waiting On Exclusive Access:
 *                 fffffa8009a1b060       fffffa8009a1c660
 *   18855 total locks, 2 locks currently held
 *
 * User-mode samples (`!cs`, then the older `!locks`):
 *   Critical section   = 0x00000092cf31fb38 (+0x92CF31FB38)
 *   DebugInfo          = 0x00000092cfd20960
 *   LOCKED
 *   LockCount          = 0x68
 *   OwningThread       = 0x00000000000043d8
 *   RecursionCount     = 0x1
 *
 *   CritSec ntdll!LdrpLoaderLock+0 at 77fc2340
 *   LockCount          1
 *   OwningThread       c0c
 *   *** Locked
 *
 * For a critical section `!cs` prints LockCount already decoded as the number
 * of waiting threads; that number is kept in `lockCount`, and copied to
 * `exclusiveWaiters` when the section is locked and it is at least 1.
 */
import { Extent } from '../extent';
import { normalizeAddress, parseHex } from '../normalize';
import type { Analyzer, Finding, LockInfo } from '../types';

const HEX_ADDR = String.raw`(?:0x)?(?:[0-9a-f]{8}\`[0-9a-f]{8}|[0-9a-f]{1,16})`;

// "Resource @ nt!PiEngineLock (0xfffff80003492be0)    Exclusively owned"
// "Resource @ 0x8a3b3c38    Shared 1 owning threads"
//   1 name, 2 address in parentheses, 3 bare address, 4 the state text
const RESOURCE = new RegExp(String.raw`^\s*Resource @\s+(?:(\S+)\s+\((${HEX_ADDR})\)|(${HEX_ADDR}))\s*(.*)$`, 'i');
// "Threads: fffffa8007005660-01<*> 8a0c8d78-01" → each owner: address, "-count", optional "<*>"
const OWNER = /([0-9a-f`]{8,17})-[0-9a-f]{1,4}(?:<\*>)?/gi;
// One waiter address (a row holds several, split on spaces first to stay linear).
const WAITER = /^[0-9a-f`]{8,17}(?:-[0-9a-f]{1,4})?(?:<\*>)?$/i;

/** Is the line only thread addresses? */
function isAddressRow(text: string): boolean {
  const parts = text.trim().split(/\s+/);
  return parts.length > 0 && parts.every((p) => WAITER.test(p));
}
// "Critical section   = 0x00000092cf31fb38 (+0x92CF31FB38)" → 1 address, 2 what is in parentheses
const CS_ADDRESS = new RegExp(String.raw`^\s*Critical section\s*=\s*(${HEX_ADDR})(?:\s*\(([^)]*)\))?`, 'i');
// "CritSec ntdll!LdrpLoaderLock+0 at 77fc2340" → 1 name, 2 address
const CRITSEC = new RegExp(String.raw`^\s*CritSec\s+(\S+)\s+at\s+(${HEX_ADDR})\s*$`, 'i');
// "LockCount = 0x68" or "LockCount          1": 1 key, 2 value
const CS_FIELD =
  /^\s*(DebugInfo|LockCount|WaiterWoken|OwningThread|RecursionCount|LockSemaphore|SpinCount|EntryCount|ContentionCount)\s*(?:=\s*)?(\S+)/i;
// Noise inside the output.
const NOISE =
  /^\s*(?:KD: Scanning for held locks|\d+ total locks|Scanned \d+ critical sections|-{8,}\s*$|Contention Count\s*=|Number ?Of(?:Exclusive|Shared)Waiters\s*=|Threads Waiting On|Threads:|Resource @|CritSec\b|\*\*\* Locked|LOCKED\s*$|NOT LOCKED\s*$|Critical section\s*=|Cannot read|Unable to read)/i;

/** Contention count above which an owned resource is reported even without waiters. */
const HIGH_CONTENTION = 10_000;
/** Waiters from which a locked critical section is a warning (below: info). */
const MANY_WAITERS = 10;

interface CsDraft {
  lock: LockInfo;
  seen: Set<string>;
  explicitState: boolean;
  lines: number[];
}

/** Count from a `!cs` / `!locks` value: `0x68` is hex, `1` (old `!locks`) is decimal. */
function countValue(v: string): number {
  if (/^0x/i.test(v)) {
    return parseHex(v);
  }
  if (/^-?\d+$/.test(v)) {
    return Number(v);
  }
  return parseHex(v);
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** `lock.contended` for an ERESOURCE, or null. */
function resourceFinding(l: LockInfo, lines: number[]): Finding | null {
  const waiting = Math.max(l.waiters.length, (l.exclusiveWaiters ?? 0) + (l.sharedWaiters ?? 0));
  const held = l.state === 'exclusive' || l.state === 'shared';
  if (!held || (waiting === 0 && (l.contention ?? 0) < HIGH_CONTENTION)) {
    return null;
  }
  const name = l.name ?? l.address;
  const owner = l.owners.length > 0 ? ` by thread ${l.owners.join(', ')}` : '';
  const how = l.state === 'exclusive' ? 'exclusively' : 'shared';
  const title =
    waiting > 0
      ? `${name} is held ${how}${owner} with ${plural(waiting, 'waiting thread')}`
      : `${name} is held ${how}${owner} under heavy contention (${l.contention ?? 0})`;
  const detail: string[] = [];
  if (l.contention !== undefined) {
    detail.push(`Contention count ${l.contention}.`);
  }
  if (l.waiters.length > 0) {
    detail.push(`Waiting: ${l.waiters.join(', ')}.`);
  }
  const f: Finding = { id: 'lock.contended', severity: waiting > 0 ? 'warning' : 'info', title, lines };
  if (detail.length > 0) {
    f.detail = detail.join(' ');
  }
  return f;
}

/** `cs.locked` for a critical section, or null. */
function csFinding(l: LockInfo, lines: number[]): Finding | null {
  const waiting = l.exclusiveWaiters ?? 0;
  if (l.state !== 'locked' || waiting < 1) {
    return null;
  }
  const owner = l.owners.length > 0 ? ` by thread ${l.owners.join(', ')}` : '';
  const f: Finding = {
    id: 'cs.locked',
    severity: waiting >= MANY_WAITERS ? 'warning' : 'info',
    title: `Critical section ${l.name ?? l.address} is locked${owner} with ${plural(waiting, 'waiting thread')}`,
    lines,
  };
  if (l.recursion !== undefined) {
    f.detail = `Recursion count ${l.recursion}.`;
  }
  return f;
}

// SOS `!syncblk`: "Index SyncBlock MonitorHeld Recursion Owning Thread Info  SyncBlock Owner"
const SYNCBLK_HEADER = /^\s*Index\s+SyncBlock\s+MonitorHeld\s+Recursion\b/i;
//    "   52 20ee3118          229         2 20fc6ba0 9628  42   0a13ee8c System.Object"
//   1 index, 2 sync block, 3 MonitorHeld, 4 recursion, 5 thread object, 6 OS thread id, 7 debugger thread (or XXX), 8 owner object, 9 its type
const SYNCBLK_ROW = /^\s*(\d+)\s+([0-9a-f]{8,16})\s+(\d+)\s+(\d+)\s+([0-9a-f]{8,16})\s+([0-9a-f]+|none)\s+(\d+|XXX)\s+([0-9a-f]{8,16})\s+(\S.*?)\s*$/i;

/**
 * `!syncblk` rows: each a .NET Monitor with its owner. MonitorHeld counts 1 for
 * the owner and 2 for each waiter (SOS documentation), so waiters = (held − 1) / 2.
 */
function parseSyncBlk(lines: readonly string[], start: number, limit: number): { locks: LockInfo[]; end: number } {
  const locks: LockInfo[] = [];
  let end = start + 1;
  for (let i = start + 1; i < limit; i++) {
    const t = lines[i] as string;
    const m = SYNCBLK_ROW.exec(t);
    if (!m) {
      if (t.trim() === '' || /^\s*-{5,}\s*$/.test(t)) {
        continue;
      }
      break;
    }
    const held = Number(m[3]);
    const owner = m[6] as string;
    const l: LockInfo = {
      kind: 'monitor',
      name: `${m[9] as string} ${m[8] as string}`,
      address: m[2] as string,
      state: /^0+$/.test(m[5] as string) || owner === 'none' ? 'free' : 'locked',
      owners: /^0+$/.test(m[5] as string) || owner === 'none' ? [] : [owner],
      waiters: [],
      exclusiveWaiters: Math.max(0, Math.floor((held - 1) / 2)),
      recursion: Number(m[4]),
      line: i + 1,
    };
    locks.push(l);
    end = i + 1;
  }
  return { locks, end };
}

/** Kernel `!locks` and user-mode `!cs` / `!locks`; findings `lock.contended` and `cs.locked`. */
export const locksAnalyzer: Analyzer<'locks'> = {
  id: 'locks',
  commands: ['!locks', '!cs', '!qlocks', '!syncblk', '!sos.syncblk', 'syncblk'],
  startsAt(source, i, owned) {
    const text = source.lines[i] as string;
    if (owned && NOISE.test(text)) {
      return true;
    }
    return (
      /^\s*(?:Resource @ |KD: Scanning for held locks|CritSec\s+\S+\s+at\s)/i.test(text) ||
      /^\s*(?:Critical section|DebugInfo)\s*=\s*0x[0-9a-f]/i.test(text) ||
      SYNCBLK_HEADER.test(text)
    );
  },
  analyze(start, ctx) {
    const { source, limit } = ctx;
    if (SYNCBLK_HEADER.test(source.lines[start] as string)) {
      const { locks: monitors, end } = parseSyncBlk(source.lines, start, limit);
      const held = monitors.filter((l) => l.state === 'locked' && (l.exclusiveWaiters ?? 0) > 0);
      const findings: Finding[] = held.map((l) => ({
        id: 'lock.contended',
        severity: 'warning' as const,
        title: `.NET monitor on ${l.name ?? l.address} is held by thread ${l.owners[0] ?? '?'} with ${l.exclusiveWaiters ?? 0} waiting`,
        lines: [l.line],
      }));
      return monitors.length > 0 ? { ok: true, data: { locks: monitors }, findings, end } : { ok: false, reason: 'no !syncblk rows', end: start + 1 };
    }
    const owned = /^!(?:locks|cs|qlocks)\b/i.test(ctx.segment.command);
    const locks: LockInfo[] = [];
    const findings: Finding[] = [];
    let res: { lock: LockInfo; lines: number[] } | null = null;
    let cs: CsDraft | null = null;
    let waiting = false; // after "Threads Waiting On …"
    const ext = new Extent(start - 1);

    const closeResource = (): void => {
      if (res) {
        const f = resourceFinding(res.lock, res.lines);
        if (f) {
          findings.push(f);
        }
        res = null;
      }
      waiting = false;
    };
    const closeCs = (): void => {
      if (cs) {
        const l = cs.lock;
        if (!cs.explicitState) {
          l.state = l.owners.length > 0 ? 'locked' : cs.seen.has('owningthread') ? 'free' : 'unknown';
        }
        if (l.state === 'locked' && l.lockCount !== undefined && l.lockCount >= 1) {
          l.exclusiveWaiters = l.lockCount;
        }
        if (l.address !== '') {
          locks.push(l);
          const f = csFinding(l, cs.lines);
          if (f) {
            findings.push(f);
          }
        }
        cs = null;
      }
    };
    const newCs = (line: number): CsDraft => {
      closeResource();
      closeCs();
      const d: CsDraft = {
        lock: { kind: 'critical-section', address: '', state: 'unknown', owners: [], waiters: [], line },
        seen: new Set(),
        explicitState: false,
        lines: [line],
      };
      cs = d;
      return d;
    };
    /** The critical section a field belongs to: a new one when the current already has that field. */
    const csFor = (key: string, line: number): CsDraft => {
      const d: CsDraft = cs !== null && !(cs as CsDraft).seen.has(key) ? cs : newCs(line);
      d.seen.add(key);
      return d;
    };

    let i = start;
    for (; i < limit; i++) {
      const text = source.lines[i] as string;
      if (text.trim() === '') {
        continue;
      }
      const lineNo = i + 1;
      let understood = true;
      let m: RegExpExecArray | null;
      if ((m = RESOURCE.exec(text))) {
        closeCs();
        closeResource();
        const stateText = m[4] ?? '';
        const lock: LockInfo = {
          kind: 'eresource',
          address: normalizeAddress((m[2] ?? m[3]) as string),
          state: /Exclusively owned/i.test(stateText)
            ? 'exclusive'
            : /Shared\s+\d+\s+owning/i.test(stateText)
              ? 'shared'
              : /Not owned|Available/i.test(stateText)
                ? 'free'
                : 'unknown',
          owners: [],
          waiters: [],
          line: lineNo,
        };
        if (m[1] !== undefined) {
          lock.name = m[1];
        }
        locks.push(lock);
        res = { lock, lines: [lineNo] };
      } else if (res && (m = /^\s*Contention Count\s*=\s*(\d+)/i.exec(text))) {
        res.lock.contention = Number(m[1]);
      } else if (res && (m = /^\s*NumberOf(Exclusive|Shared)Waiters\s*=\s*(\d+)/i.exec(text))) {
        if ((m[1] as string).toLowerCase() === 'exclusive') {
          res.lock.exclusiveWaiters = Number(m[2]);
        } else {
          res.lock.sharedWaiters = Number(m[2]);
        }
      } else if (res && /^\s*Threads Waiting On/i.test(text)) {
        waiting = true;
      } else if (res && /^\s*Threads:/i.test(text)) {
        for (const o of text.matchAll(OWNER)) {
          res.lock.owners.push(normalizeAddress(o[1] as string));
        }
        res.lines.push(lineNo);
      } else if (res && waiting && isAddressRow(text)) {
        for (const a of text.trim().split(/\s+/)) {
          res.lock.waiters.push(normalizeAddress(a.replace(/-.*$/, '')));
        }
      } else if ((m = CS_ADDRESS.exec(text))) {
        const d = csFor('address', lineNo);
        d.lock.address = normalizeAddress(m[1] as string);
        d.lock.line = Math.min(d.lock.line, lineNo);
        const inParens = (m[2] ?? '').trim();
        // "(+0x92CF31FB38)" is no name; "(ntdll!LdrpLoaderLock+0x0)" is.
        if (inParens !== '' && !inParens.startsWith('+')) {
          d.lock.name = inParens.replace(/\+0x0+$/i, '').replace(/\+0$/, '');
        }
      } else if ((m = CRITSEC.exec(text))) {
        const d = newCs(lineNo);
        d.seen.add('address');
        d.lock.name = (m[1] as string).replace(/\+0x0+$/i, '').replace(/\+0$/, '');
        d.lock.address = normalizeAddress(m[2] as string);
      } else if ((m = CS_FIELD.exec(text)) && (cs !== null || /^\s*DebugInfo/i.test(text))) {
        const key = (m[1] as string).toLowerCase();
        const value = m[2] as string;
        const d = csFor(key, lineNo);
        if (key === 'lockcount') {
          const n = countValue(value);
          if (!Number.isNaN(n)) {
            d.lock.lockCount = n;
          }
        } else if (key === 'owningthread') {
          const owner = normalizeAddress(value);
          if (owner !== '0') {
            d.lock.owners.push(owner);
            d.lines.push(lineNo);
          }
        } else if (key === 'recursioncount') {
          const n = countValue(value);
          if (!Number.isNaN(n)) {
            d.lock.recursion = n;
          }
        } else if (key === 'contentioncount') {
          const n = countValue(value);
          if (!Number.isNaN(n)) {
            d.lock.contention = n;
          }
        }
      } else if (/^\s*(?:LOCKED|\*\*\* Locked)\s*$/i.test(text) && cs !== null) {
        (cs as CsDraft).lock.state = 'locked';
        (cs as CsDraft).explicitState = true;
        (cs as CsDraft).lines.push(lineNo);
      } else if (/^\s*NOT LOCKED\s*$/i.test(text) && cs !== null) {
        (cs as CsDraft).lock.state = 'free';
        (cs as CsDraft).explicitState = true;
      } else if (/^\s*-{8,}\s*$/.test(text)) {
        closeCs();
      } else if (NOISE.test(text)) {
        // Scanning banners and totals.
      } else {
        understood = false;
      }
      if (understood) {
        ext.took(i);
        continue;
      }
      if (ext.passes(i, owned, ctx)) {
        continue;
      }
      break;
    }
    closeResource();
    closeCs();
    if (ext.last < start) {
      return { ok: false, reason: 'no lock recognised', end: start + 1 };
    }
    return { ok: true, data: { locks }, findings, end: ext.last + 1, skipped: ext.skipped };
  },
};
