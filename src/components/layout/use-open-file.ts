import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { readTextFile } from '../../lib/read-file';
import { useOpenSharedFile } from '../share/use-open-shared-file';
import { useAppStore } from '../../store/context';
import { selectLoadText } from '../../store/selectors';

/** Load a dropped or chosen file into the editor and go to the workspace. */
export function useLoadFile(): (file: File) => Promise<void> {
  const loadText = useAppStore(selectLoadText);
  const navigate = useNavigate();
  const openSharedFile = useOpenSharedFile();
  return useCallback(
    async (file: File) => {
      const { text } = await readTextFile(file);
      // A .dumplens share file (or a saved share link) opens as what was shared.
      if (openSharedFile(file.name, text)) {
        return;
      }
      loadText(text, file.name);
      void navigate('/');
    },
    [loadText, navigate, openSharedFile],
  );
}
