import { Link, NavLink } from 'react-router';
import { ExportMenu } from '../export/ExportMenu';
import { HistoryButton } from '../history/HistoryButton';
import { ShareButton } from '../share/ShareButton';
import { OpenFileButton } from './OpenFileButton';
import { SamplesMenu } from './SamplesMenu';
import { ThemeToggle } from './ThemeToggle';

/** Product name, navigation, and the file/sample actions. */
export function Header() {
  return (
    <header className="app-header">
      <Link to="/" className="brand" aria-label="dumplens, analyze">
        <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
          <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M15.5 15.5L21 21" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
          <path d="M7 11h2l1-3 2 6 1-3h1" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <span className="brand-name">dumplens</span>
      </Link>
      <nav className="app-nav" aria-label="Main">
        <NavLink to="/" end>
          Analyze
        </NavLink>
        <NavLink to="/bugcheck">Bug checks</NavLink>
        <NavLink to="/about">About</NavLink>
      </nav>
      <div className="header-actions">
        <OpenFileButton />
        <SamplesMenu />
        <HistoryButton />
        <ExportMenu />
        <ShareButton />
        <ThemeToggle />
      </div>
    </header>
  );
}
