import type { AnalysisReport, LockInfo, Stack } from '../../analyzers/types';
import { lockWaiters, stackOfThread, uniqueLocks, type LockView } from '../../store/selectors';
import { LineButton } from '../verdict/LineButton';
import { ThreadRef } from './ThreadRef';

const KIND_LABEL: Record<LockInfo['kind'], string> = {
  eresource: 'ERESOURCE',
  'critical-section': 'Critical section',
  monitor: '.NET monitor',
};

/** A frame that means "this thread waits for a lock or an object". */
const WAIT_FRAME = /EnterCriticalSection|WaitOnCriticalSection|WaitForCriticalSection|ExAcquireResource|ExpWaitForResource|ExAcquireFastMutex|KeWaitForSingleObject|KeWaitForMultipleObjects|WaitForSingleObject|WaitForMultipleObjects|WaitForAlertByThreadId/i;
const SYSTEM = /^(?:nt|ntdll|kernelbase|kernel32|hal)$/i;

/** What the owner's stack says it is doing: the first frame outside Windows' own wait plumbing. */
function ownerActivity(stack: Stack | undefined): { waiting: boolean; where?: string } {
  if (!stack) {
    return { waiting: false };
  }
  const waiting = stack.frames.slice(0, 8).some((f) => WAIT_FRAME.test(f.symbol ?? ''));
  const where = stack.frames.find((f) => f.module !== null && !SYSTEM.test(f.module))?.site;
  return where !== undefined ? { waiting, where } : { waiting };
}

function OwnerChain({ report, lock }: { report: AnalysisReport; lock: LockInfo }) {
  const waiting = lockWaiters(lock);
  const owner = lock.owners[0];
  const ref = owner !== undefined ? stackOfThread(report, owner) : undefined;
  const stack = ref ? report.stacks.find((s) => s.line === ref.line) ?? report.threads.find((t) => t.stack?.line === ref.line)?.stack ?? undefined : undefined;
  const activity = ownerActivity(stack);
  return (
    <ol className="lock-chain" aria-label={`From the waiters of ${lock.name ?? lock.address} to its owner`}>
      <li className="chain-step">
        <span className={`chain-node${waiting > 0 ? ' is-waiting' : ''}`}>
          {waiting} waiting thread{waiting === 1 ? '' : 's'}
        </span>
      </li>
      <li className="chain-step">
        {owner !== undefined ? (
          <span className="chain-node">
            held by <ThreadRef report={report} id={owner} />
            {lock.owners.length > 1 ? <span className="muted"> +{lock.owners.length - 1} shared</span> : null}
          </span>
        ) : (
          <span className="chain-node muted">no owner</span>
        )}
      </li>
      {stack && activity.where ? (
        <li className="chain-step">
          <span className={`chain-node${activity.waiting ? ' is-waiting' : ''}`}>
            {activity.waiting ? 'itself waiting, in ' : 'running in '}
            <code>{activity.where}</code>
          </span>
        </li>
      ) : null}
    </ol>
  );
}

function LockCard({ report, view }: { report: AnalysisReport; view: LockView }) {
  const { lock } = view;
  const held = lock.owners.length > 0 && lock.state !== 'free';
  const facts: [string, string | number | undefined][] = [
    ['Exclusive waiters', lock.exclusiveWaiters],
    ['Shared waiters', lock.sharedWaiters],
    ['Contention', lock.contention],
    ['Lock count', lock.lockCount],
    ['Recursion', lock.recursion],
  ];
  return (
    <li className={`lock${held ? ' is-held' : ''}`}>
      <div className="lock-head">
        <span className="lock-name">{lock.name ?? lock.address}</span>
        <span className="badge">{KIND_LABEL[lock.kind]}</span>
        <span className={`badge lock-state state-${lock.state}`}>{lock.state}</span>
        <span className="lock-lines">
          <LineButton line={lock.line} />
          {view.alsoLines.slice(0, 3).map((l) => (
            <LineButton key={l} line={l} />
          ))}
        </span>
      </div>
      {lock.name ? <div className="muted small mono">{lock.address}</div> : null}
      {held ? <OwnerChain report={report} lock={lock} /> : null}
      <dl className="facts">
        {facts
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      {lock.owners.length > 1 ? (
        <div className="thread-list">
          <span className="muted">Owners:</span>
          {lock.owners.map((o) => (
            <ThreadRef key={o} report={report} id={o} />
          ))}
        </div>
      ) : null}
      {lock.waiters.length > 0 ? (
        <div className="thread-list">
          <span className="muted">Waiters:</span>
          {lock.waiters.slice(0, 20).map((w) => (
            <ThreadRef key={w} report={report} id={w} />
          ))}
          {lock.waiters.length > 20 ? <span className="muted">+{lock.waiters.length - 20} more</span> : null}
        </div>
      ) : null}
    </li>
  );
}

/** ERESOURCEs and critical sections: owners, waiters, contention, and the chain from waiters to the owner's stack. */
export function LockList({ report }: { report: AnalysisReport }) {
  const views = uniqueLocks(report);
  const free = views.filter((v) => !(v.lock.owners.length > 0 && v.lock.state !== 'free'));
  const held = views.filter((v) => !free.includes(v));
  return (
    <>
      <ul className="lock-list">
        {held.map((v) => (
          <LockCard key={`${v.lock.kind}-${v.lock.address}`} report={report} view={v} />
        ))}
      </ul>
      {free.length > 0 ? (
        <details className="free-locks">
          <summary>
            {free.length} lock{free.length === 1 ? '' : 's'} not held
          </summary>
          <ul className="lock-list">
            {free.map((v) => (
              <LockCard key={`${v.lock.kind}-${v.lock.address}`} report={report} view={v} />
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}
