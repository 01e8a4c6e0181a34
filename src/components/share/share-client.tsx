/**
 * The analyzer client the Share dialog uses for "analysis only" with
 * redaction (analyze the redacted text). It is a client of its own: the
 * app's client supersedes its pending request on every call, and the share
 * preview must never cancel the analysis the workspace is waiting for.
 */
import { createContext, useContext } from 'react';
import { createAnalyzerClient, type AnalyzerClient } from '../../worker/client';

let shared: AnalyzerClient | null = null;

function defaultClient(): AnalyzerClient {
  shared ??= createAnalyzerClient();
  return shared;
}

/** Tests provide a client here; the app uses a lazily started worker client. */
export const ShareClientContext = createContext<AnalyzerClient | null>(null);

export function useShareClient(): () => AnalyzerClient {
  const provided = useContext(ShareClientContext);
  return provided !== null ? () => provided : defaultClient;
}
