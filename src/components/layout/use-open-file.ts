import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { readTextFile } from '../../lib/read-file';
import { useOpenSharedFile } from '../share/use-open-shared-file';
import { useAppStore } from '../../store/context';
import { selectLoadText } from '../../store/selectors';
import { fileSizeProblem } from '../../worker/limits';

/** Load a dropped or chosen file into the editor and go to the workspace. */
export function useLoadFile(): (file: File) => Promise<void> {
  const loadText = useAppStore(selectLoadText);
  const navigate = useNavigate();
  const openSharedFile = useOpenSharedFile();
  const showNotice = useAppStore((s) => s.showNotice);
  return useCallback(
    async (file: File) => {
      // Checked before reading: a file over the limit would freeze the page, not fail.
      const tooLarge = fileSizeProblem(file);
      if (tooLarge !== null) {
        showNotice({ key: 'file-too-large', tone: 'warning', title: 'File too large', message: tooLarge });
        return;
      }
      const { text } = await readTextFile(file);
      // A .dumplens share file (or a saved share link) opens as what was shared.
      if (openSharedFile(file.name, text)) {
        return;
      }
      loadText(text, file.name);
      void navigate('/');
    },
    [loadText, navigate, openSharedFile, showNotice],
  );
}
