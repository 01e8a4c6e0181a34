import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { useStorage } from '../../history/context';
import { useAppStoreApi } from '../../store/context';
import { openFragment, takeFragment } from './open-shared';

/**
 * A link pasted into the address bar of an open tab only changes the
 * fragment (no reload): open it then. The fragment present at load time is
 * read in main.tsx, before the first render.
 */
export function PermalinkListener() {
  const store = useAppStoreApi();
  const { persistence } = useStorage();
  const navigate = useNavigate();
  useEffect(() => {
    const onHash = () => {
      const fragment = takeFragment(window.location, window.history);
      if (fragment === null) {
        return;
      }
      // A link that cannot be opened still shows the workspace, next to the draft it left alone.
      void openFragment(store, persistence, fragment).then((route) => navigate(route ?? '/', { replace: true }));
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [store, persistence, navigate]);
  return null;
}
