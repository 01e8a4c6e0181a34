import { Link, useParams } from 'react-router';
import { describeBugcheck, formatBugcheckCode, parseBugcheckCode } from '../analyzers/knowledge/bugcheck-codes';
import { BugcheckReference } from '../components/reference/BugcheckReference';
import '../components/reference/reference.css';
import { useAppStore } from '../store/context';
import { selectReport } from '../store/selectors';

/** `/bugcheck/:code`: one stop code (`0x0000009F`, `9f`, or its name), offline. */
export default function BugcheckPage() {
  const { code = '' } = useParams();
  const report = useAppStore(selectReport);
  const value = parseBugcheckCode(code);
  const info = value === undefined ? undefined : describeBugcheck(value);
  if (!info) {
    return (
      <main id="main" tabIndex={-1} className="page prose ref-page">
        <title>Unknown bug check — dumplens</title>
        <p className="ref-crumbs">
          <Link to="/bugcheck">Bug check reference</Link>
        </p>
        <h1>Unknown bug check</h1>
        <p>
          {value === undefined ? (
            <>
              <code>{code}</code> is not a bug check code or name.
            </>
          ) : (
            <>
              <code>{formatBugcheckCode(value)}</code> is not in the reference. Codes above 0xC0000000 are usually NTSTATUS values, not
              stop codes.
            </>
          )}
        </p>
        <p>
          <Link to="/bugcheck" className="button button-primary">
            Search the reference
          </Link>
        </p>
      </main>
    );
  }
  const session = report?.bugcheck && parseBugcheckCode(report.bugcheck.code) === info.code ? report.bugcheck : null;
  return (
    <main id="main" tabIndex={-1} className="page prose ref-page">
      <title>{`${formatBugcheckCode(info.code)} ${info.name} — dumplens`}</title>
      <BugcheckReference info={info} session={session} />
    </main>
  );
}
