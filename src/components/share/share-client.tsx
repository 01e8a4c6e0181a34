/**
 * The service the Share dialog prepares its preview and link with: a worker
 * (share.worker.ts) that redacts, analyzes the redacted text again when only
 * the report is shared, and compresses, so a large session never blocks the
 * page. One client for the app, started on the first Share.
 */
import { createContext, useContext } from 'react';
import { createShareClient, type ShareService } from '../../worker/share-client';

let shared: ShareService | null = null;

function defaultService(): ShareService {
  shared ??= createShareClient();
  return shared;
}

/** Tests provide a service here; the app uses a lazily started worker client. */
export const ShareServiceContext = createContext<ShareService | null>(null);

export function useShareService(): () => ShareService {
  const provided = useContext(ShareServiceContext);
  return provided !== null ? () => provided : defaultService;
}
