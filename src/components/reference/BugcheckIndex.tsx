import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { allBugchecks, formatBugcheckCode, type BugcheckInfo } from '../../analyzers/knowledge/bugcheck-codes';

/** Does `b` match the query: a code (`9f`, `0x9F`, `0x0000009F`) or words of its name or meaning. */
export function matchesBugcheck(b: BugcheckInfo, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') {
    return true;
  }
  const hex = /^(?:0x)?0*([0-9a-f]{1,8})$/.exec(q);
  if (hex?.[1] && b.code.toString(16) === hex[1]) {
    return true;
  }
  const name = b.name.toLowerCase();
  const words = q.replace(/_/g, ' ').split(/\s+/).filter(Boolean);
  const hay = `${name.replace(/_/g, ' ')} ${b.meaning.toLowerCase()}`;
  return name.includes(q) || words.every((w) => hay.includes(w));
}

/** The code ranks first when the query is a code; else codes whose name matches rank before meaning-only matches. */
function rank(b: BugcheckInfo, query: string): number {
  const q = query.trim().toLowerCase();
  const hex = /^(?:0x)?0*([0-9a-f]{1,8})$/.exec(q);
  if (hex?.[1] && b.code.toString(16) === hex[1]) {
    return 0;
  }
  return b.name.toLowerCase().includes(q.replace(/\s+/g, '_')) ? 1 : 2;
}

/** All stop codes, searchable by code or by name (or words of the meaning). */
export function BugcheckIndex() {
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const all = allBugchecks();
  const list = useMemo(() => {
    const hits = all.filter((b) => matchesBugcheck(b, query));
    return query.trim() === '' ? hits : [...hits].sort((a, b) => rank(a, query) - rank(b, query) || a.code - b.code);
  }, [all, query]);
  return (
    <div className="bugcheck-index">
      <h1>Bug check reference</h1>
      <p className="lead">
        Every Windows stop code with its parameters, the values they take, and — for the common ones — the usual causes and the
        debugger commands to run next. All offline.
      </p>
      <div className="ref-search">
        <label htmlFor="bugcheck-search">Search by code or name</label>
        <input
          id="bugcheck-search"
          type="search"
          className="filter-input"
          placeholder="9F, 0x124, IRQL, POOL…"
          value={query}
          onChange={(e) => {
            const q = e.target.value;
            setParams(q === '' ? {} : { q }, { replace: true });
          }}
        />
        <span className="muted small" role="status">
          {list.length === all.length ? `${all.length} codes` : `${list.length} of ${all.length} codes`}
        </span>
      </div>
      {list.length === 0 ? (
        <p className="muted">No bug check matches “{query}”.</p>
      ) : (
        <ul className="bugcheck-list">
          {list.map((b) => (
            <li key={b.code}>
              <Link to={`/bugcheck/${formatBugcheckCode(b.code)}`} className="bugcheck-entry">
                <code className="bugcheck-entry-code">{formatBugcheckCode(b.code)}</code>
                <span className="bugcheck-entry-name">{b.name}</span>
                {b.meaning ? <span className="bugcheck-entry-meaning">{b.meaning}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
