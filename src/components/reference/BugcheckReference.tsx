import { Link } from 'react-router';
import { formatBugcheckCode, type BugcheckInfo, type BugcheckSubcode } from '../../analyzers/knowledge/bugcheck-codes';
import type { BugcheckReport } from '../../analyzers/types';
import { CopyButton } from '../verdict/CopyButton';

const ARGS = [1, 2, 3, 4] as const;

function subcodeValue(s: BugcheckSubcode): string {
  return `0x${s.value.toString(16)}`;
}

/** The arguments of the session being analyzed, when it crashed with this code. */
function SessionArgs({ info, session }: { info: BugcheckInfo; session: BugcheckReport }) {
  return (
    <section aria-labelledby="ref-session" className="ref-block ref-session">
      <h2 id="ref-session">In your session</h2>
      <p>
        The input in the workspace stopped with this code. <Link to="/">Back to the analysis</Link>
      </p>
      <table className="data-table">
        <caption className="visually-hidden">Arguments of the analyzed session</caption>
        <thead>
          <tr>
            <th scope="col">Argument</th>
            <th scope="col">Value</th>
            <th scope="col">Meaning</th>
          </tr>
        </thead>
        <tbody>
          {ARGS.map((n, i) => {
            const arg = session.decodedArgs[i];
            const value = arg?.value ?? session.args[i];
            return value === undefined ? null : (
              <tr key={n}>
                <th scope="row">Arg{n}</th>
                <td>
                  <code>{value}</code>
                </td>
                <td>{arg?.decoded ?? arg?.label ?? info.params[i] ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** Everything the offline knowledge base holds about one stop code. */
export function BugcheckReference({ info, session }: { info: BugcheckInfo; session?: BugcheckReport | null }) {
  const code = formatBugcheckCode(info.code);
  return (
    <article className="bugcheck-reference" aria-labelledby="ref-title">
      <p className="ref-crumbs">
        <Link to="/bugcheck">Bug check reference</Link> <span aria-hidden="true">›</span> {code}
      </p>
      <h1 id="ref-title" className="ref-title">
        <span className="ref-code">{code}</span> <span className="ref-name">{info.name}</span>
      </h1>
      {info.kind === 'livedump' ? (
        <p className="ref-note">This code tags a live kernel dump: Windows wrote a dump and kept running; it is not a crash.</p>
      ) : null}
      {info.meaning ? <p className="lead ref-meaning">{info.meaning}</p> : null}
      {info.sameParamsAs !== undefined ? (
        <p>
          Same parameters as{' '}
          <Link to={`/bugcheck/${formatBugcheckCode(info.sameParamsAs)}`}>{formatBugcheckCode(info.sameParamsAs)}</Link> (the “_M” variant of
          that code).
        </p>
      ) : null}

      {session ? <SessionArgs info={info} session={session} /> : null}

      <section aria-labelledby="ref-params" className="ref-block">
        <h2 id="ref-params">Parameters</h2>
        <table className="data-table ref-params">
          <caption className="visually-hidden">Parameters of {info.name}</caption>
          <thead>
            <tr>
              <th scope="col">Argument</th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {ARGS.map((n, i) => {
              const subs = info.subcodes.filter((s) => s.arg === n);
              return (
                <tr key={n}>
                  <th scope="row">Arg{n}</th>
                  <td>
                    {info.params[i] ? <span>{info.params[i]}</span> : <span className="muted">Not documented.</span>}
                    {subs.length > 0 ? (
                      <dl className="subcodes" aria-label={`Values of Arg${n}`}>
                        {subs.map((s) => (
                          <div key={`${s.arg}-${s.value}`}>
                            <dt>
                              <code>{subcodeValue(s)}</code>
                            </dt>
                            <dd>{s.label}</dd>
                          </div>
                        ))}
                      </dl>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      {info.causes ? (
        <section aria-labelledby="ref-causes" className="ref-block">
          <h2 id="ref-causes">Usual causes</h2>
          <p>{info.causes}</p>
        </section>
      ) : null}

      <section aria-labelledby="ref-next" className="ref-block">
        <h2 id="ref-next">What to run next</h2>
        {info.nextSteps && info.nextSteps.length > 0 ? (
          <ol className="step-list">
            {info.nextSteps.map((s, i) => (
              <li key={i} className="step">
                <div className="step-command">
                  <code>{s.command}</code>
                  <CopyButton text={s.command} />
                </div>
                <p className="step-why">
                  {s.when ? <span className="badge">when Arg{s.when.arg} = 0x{s.when.value.toString(16)}</span> : null} {s.why}
                </p>
              </li>
            ))}
          </ol>
        ) : (
          <ol className="step-list">
            <li className="step">
              <div className="step-command">
                <code>!analyze -v</code>
                <CopyButton text="!analyze -v" />
              </div>
              <p className="step-why">The debugger decodes the arguments and names the faulting stack and module.</p>
            </li>
            <li className="step">
              <div className="step-command">
                <code>kv</code>
                <CopyButton text="kv" />
              </div>
              <p className="step-why">The stack with trap frames: the first frame outside Microsoft code is the usual suspect.</p>
            </li>
          </ol>
        )}
        <p className="muted small">
          <code>&lt;arg1&gt;</code>…<code>&lt;arg4&gt;</code> stand for the bug check’s arguments; the workspace fills them in for a pasted
          session.
        </p>
      </section>

      <p className="ref-source muted small">
        Names, parameters and values from Microsoft’s bug check reference; meanings, causes and steps written for dumplens. Full
        documentation:{' '}
        <a href={info.docUrl} rel="noopener noreferrer" target="_blank">
          {info.docUrl.replace(/^https:\/\//, '')}
        </a>{' '}
        (opens Microsoft Learn; nothing is loaded from it here).
      </p>
    </article>
  );
}
