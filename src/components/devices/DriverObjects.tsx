import { useState } from 'react';
import { classifyModule } from '../../analyzers/knowledge/modules';
import type { AnalysisReport, DrvObjData } from '../../analyzers/types';
import { LineButton } from '../verdict/LineButton';
import { OriginBadge } from '../verdict/OriginBadge';

const SHOWN = 10;

function DriverObject({ driver, hooked }: { driver: DrvObjData; hooked: ReadonlySet<number> }) {
  const [all, setAll] = useState(false);
  const hooks = driver.routines.filter((r) => hooked.has(r.line));
  // Hooked routines always show; the rest up to SHOWN unless expanded.
  const rest = driver.routines.filter((r) => !hooked.has(r.line));
  const shown = all ? driver.routines : [...hooks, ...rest.slice(0, Math.max(0, SHOWN - hooks.length))].sort((a, b) => a.line - b.line);
  const title = driver.driverName ?? (driver.ownModule ? `${driver.ownModule}'s driver object` : `Driver object ${driver.address ?? ''}`);
  return (
    <li className={`drvobj${hooks.length > 0 ? ' is-hooked' : ''}`}>
      <div className="drvobj-head">
        <span className="drvobj-name">{title}</span>
        {driver.address ? <code className="muted">{driver.address}</code> : null}
        {hooks.length > 0 ? <span className="badge badge-hook">{hooks.length} hooked</span> : null}
        <LineButton line={driver.line} />
      </div>
      {driver.routines.length === 0 ? (
        <p className="muted small">
          No dispatch routines printed: not a driver object, or <code>!drvobj</code> without flag 2.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table compact">
            <caption className="visually-hidden">Routines of {title}</caption>
            <thead>
              <tr>
                <th scope="col">Routine</th>
                <th scope="col">Points to</th>
                <th scope="col">Module</th>
                <th scope="col" className="num">
                  Line
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.line} className={hooked.has(r.line) ? 'is-hooked' : undefined}>
                  <th scope="row">
                    {r.name}
                    {hooked.has(r.line) ? <span className="badge badge-hook">hook</span> : null}
                  </th>
                  <td>
                    <code>{r.target}</code>
                  </td>
                  <td>{r.module !== null ? <OriginBadge origin={classifyModule(r.module)} compact /> : <span className="badge badge-hook">no module</span>} {r.module ?? ''}</td>
                  <td className="num">
                    <LineButton line={r.line} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {driver.routines.length > shown.length || all ? (
        <button type="button" className="button button-small show-all" aria-expanded={all} onClick={() => setAll((a) => !a)}>
          {all ? 'Show fewer routines' : `Show all ${driver.routines.length} routines`}
        </button>
      ) : null}
    </li>
  );
}

/** `!drvobj`: dispatch and fast-I/O routines; routines pointing outside the driver's image (hooks) highlighted. */
export function DriverObjects({ report }: { report: AnalysisReport }) {
  const hooked = new Set(report.findings.filter((f) => f.id === 'drvobj.hook').flatMap((f) => f.lines));
  const ordered = [...report.drivers].sort((a, b) => Number(b.routines.some((r) => hooked.has(r.line))) - Number(a.routines.some((r) => hooked.has(r.line))));
  return (
    <ul className="drvobj-list">
      {ordered.map((d) => (
        <DriverObject key={d.line} driver={d} hooked={hooked} />
      ))}
    </ul>
  );
}
