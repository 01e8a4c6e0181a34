import { useState } from 'react';
import { irpMajorName, irpMinorName } from '../../analyzers/knowledge/irp-codes';
import type { AnalysisReport, IrpData, IrpStackLocation } from '../../analyzers/types';
import { normalizeThreadId } from '../../store/selectors';
import { statusName, useKnowledge } from '../results/use-knowledge';
import { ThreadRef } from '../threads/ThreadRef';
import { LineButton } from '../verdict/LineButton';

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** `IRP_MJ_PNP / IRP_MN_SURPRISE_REMOVAL`, or the raw codes when unnamed. */
export function irpFunction(major: number, minor: number): string {
  const mj = irpMajorName(major) ?? `major 0x${hex2(major)}`;
  const mn = irpMinorName(major, minor);
  return mn ? `${mj} / ${mn}` : mj;
}

/** An unused location: `[0,0]` with no device, driver or completion routine. */
function isEmpty(loc: IrpStackLocation): boolean {
  return loc.major === 0 && loc.minor === 0 && !loc.device && !loc.driver && !loc.completion && !loc.current;
}

function LocationRow({ loc, n, drivers }: { loc: IrpStackLocation; n: number; drivers: Map<string, string> }) {
  const driver = loc.driver ?? (loc.device ? drivers.get(normalizeThreadId(loc.device)) : undefined);
  return (
    <tr className={loc.current ? 'is-current' : isEmpty(loc) ? 'is-empty' : undefined}>
      <th scope="row" className="num">
        {n}
      </th>
      <td>
        <code className="irp-codes">
          [{hex2(loc.major)},{hex2(loc.minor)}]
        </code>{' '}
        {irpFunction(loc.major, loc.minor)}
        {loc.current ? <span className="badge badge-current">current</span> : null}
      </td>
      <td>{loc.device ? <code>{loc.device}</code> : <span className="muted">—</span>}</td>
      <td>{driver ?? <span className="muted">—</span>}</td>
      <td>{loc.completion ? <code>{loc.completion}</code> : <span className="muted">—</span>}</td>
      <td className="num">
        <LineButton line={loc.line} />
      </td>
    </tr>
  );
}

/** One `!irp`: status, thread, and its stack locations with the current one marked (unused ones folded). */
export function IrpCard({ report, irp, drivers }: { report: AnalysisReport; irp: IrpData; drivers: Map<string, string> }) {
  const k = useKnowledge();
  const [showEmpty, setShowEmpty] = useState(false);
  const empty = irp.locations.filter(isEmpty).length;
  const status = statusName(k, irp.status);
  const current = irp.locations.find((l) => l.current);
  const currentDriver = current ? current.driver ?? (current.device ? drivers.get(normalizeThreadId(current.device)) : undefined) : undefined;
  return (
    <li className="irp">
      <div className="irp-head">
        <span className="irp-title">
          IRP <code>{irp.address ?? '(address not printed)'}</code>
        </span>
        {irp.stackCount !== undefined ? (
          <span className="muted">
            location {irp.currentIndex ?? '?'} of {irp.stackCount}
          </span>
        ) : null}
        <LineButton line={irp.line} />
      </div>
      <dl className="facts facts-inline">
        {irp.status ? (
          <div>
            <dt>Status</dt>
            <dd>
              <code>{irp.status}</code>
              {status ? <span className="muted"> {status}</span> : null}
            </dd>
          </div>
        ) : null}
        {irp.thread ? (
          <div>
            <dt>Thread</dt>
            <dd>
              <ThreadRef report={report} id={irp.thread} />
            </dd>
          </div>
        ) : null}
        {current ? (
          <div>
            <dt>Waiting at</dt>
            <dd>
              {irpFunction(current.major, current.minor)}
              {currentDriver ? <strong> in {currentDriver}</strong> : null}
            </dd>
          </div>
        ) : null}
      </dl>
      {irp.locations.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table compact irp-stack">
            <caption className="visually-hidden">Stack locations of IRP {irp.address}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  #
                </th>
                <th scope="col">Function</th>
                <th scope="col">Device</th>
                <th scope="col">Driver</th>
                <th scope="col">Completion</th>
                <th scope="col" className="num">
                  Line
                </th>
              </tr>
            </thead>
            <tbody>
              {irp.locations.map((loc, i) =>
                showEmpty || !isEmpty(loc) ? <LocationRow key={loc.line} loc={loc} n={i + 1} drivers={drivers} /> : null,
              )}
            </tbody>
          </table>
        </div>
      ) : null}
      {empty > 0 ? (
        <button type="button" className="button button-small show-all" aria-expanded={showEmpty} onClick={() => setShowEmpty((s) => !s)}>
          {showEmpty ? 'Hide unused locations' : `Show ${empty} unused location${empty === 1 ? '' : 's'}`}
        </button>
      ) : null}
    </li>
  );
}
