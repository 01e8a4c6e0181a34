import { Suspense, lazy } from 'react';
import { Route, Routes } from 'react-router';
import { FileDrop } from './components/layout/FileDrop';
import { Header } from './components/layout/Header';
import { LaunchedFiles } from './components/layout/LaunchedFiles';
import { useApplyTheme } from './components/layout/use-theme';
import { Notices } from './components/share/Notices';
import { PermalinkListener } from './components/share/PermalinkListener';
import { UpdatePrompt } from './pwa/UpdatePrompt';
import AnalyzePage from './pages/AnalyzePage';
import NotFoundPage from './pages/NotFoundPage';

const AboutPage = lazy(() => import('./pages/AboutPage'));
const BugcheckIndexPage = lazy(() => import('./pages/BugcheckIndexPage'));
const BugcheckPage = lazy(() => import('./pages/BugcheckPage'));
const SharedPage = lazy(() => import('./pages/SharedPage'));

function skipToMain(e: React.MouseEvent<HTMLAnchorElement>) {
  // No fragment navigation: the URL fragment is reserved for permalinks.
  e.preventDefault();
  document.getElementById('main')?.focus();
}

/** The shell: header, routes, the page-wide file drop and the files the installed app is launched with. */
export function App() {
  useApplyTheme();
  return (
    <div className="app">
      <a className="skip-link" href="/" onClick={skipToMain}>
        Skip to content
      </a>
      <Header />
      <FileDrop />
      <LaunchedFiles />
      <PermalinkListener />
      <Notices />
      <UpdatePrompt />
      <Suspense fallback={<div className="page-loading">Loading…</div>}>
        <Routes>
          <Route path="/" element={<AnalyzePage />} />
          <Route path="/about" element={<AboutPage />} />
          <Route path="/bugcheck" element={<BugcheckIndexPage />} />
          <Route path="/bugcheck/:code" element={<BugcheckPage />} />
          <Route path="/shared" element={<SharedPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </div>
  );
}
