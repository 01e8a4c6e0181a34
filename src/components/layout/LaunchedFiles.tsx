import { useEffect } from 'react';
import { useLoadFile } from './use-open-file';

/** What `window.launchQueue` hands over (File Handling API; Chromium's installed PWAs). */
interface LaunchParams {
  readonly files: readonly FileSystemFileHandle[];
}

interface LaunchQueue {
  setConsumer(consumer: (params: LaunchParams) => void): void;
}

/**
 * Opens the file the installed app was launched with: the manifest's
 * `file_handlers` register dumplens for .dmp, .txt and .log, and the browser
 * passes the file through `window.launchQueue`. Renders nothing.
 */
export function LaunchedFiles() {
  const loadFile = useLoadFile();
  useEffect(() => {
    const queue = (window as Window & { launchQueue?: LaunchQueue }).launchQueue;
    if (queue === undefined) {
      return;
    }
    queue.setConsumer((params) => {
      const handle = params.files[0];
      if (handle !== undefined) {
        void handle.getFile().then(loadFile);
      }
    });
  }, [loadFile]);
  return null;
}
