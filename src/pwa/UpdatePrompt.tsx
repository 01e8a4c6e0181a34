import { useState } from 'react';
import { useAppStore } from '../store/context';

/** "New version available — reload", shown only while no analysis is running. */
export function UpdatePrompt() {
  const applyUpdate = useAppStore((s) => s.applyUpdate);
  const running = useAppStore((s) => s.status === 'running');
  const [later, setLater] = useState(false);
  if (applyUpdate === null || running || later) {
    return null;
  }
  return (
    <div className="update-prompt" role="status">
      <span>A new version of dumplens is available.</span>
      <button type="button" className="button button-primary button-small" onClick={applyUpdate}>
        Reload
      </button>
      <button type="button" className="button button-ghost button-small" onClick={() => setLater(true)}>
        Later
      </button>
    </div>
  );
}
