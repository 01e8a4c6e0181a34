import { Link, useLocation } from 'react-router';

/** Any unknown path. */
export default function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <main id="main" tabIndex={-1} className="page prose">
      <title>Page not found — dumplens</title>
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{pathname}</code>.
      </p>
      <p>
        <Link to="/" className="button button-primary">
          Go to the workspace
        </Link>
      </p>
    </main>
  );
}
