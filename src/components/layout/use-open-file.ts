import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { readTextFile } from '../../lib/read-file';
import { useOpenSharedFile } from '../share/use-open-shared-file';
import { useAppStore } from '../../store/context';
import { selectLoadText } from '../../store/selectors';
import { fileSizeProblem } from '../../worker/limits';

/** What is said about a file whose bytes are not valid UTF-8 (read as Windows-1252). */
export function windows1252Notice(name: string): string {
  return `${name} is not valid UTF-8, so it was read as Windows-1252 (ANSI). If it was saved in another encoding, some characters outside ASCII may be shown wrongly.`;
}

/** Load a dropped or chosen file into the editor and go to the workspace. */
export function useLoadFile(): (file: File) => Promise<void> {
  const loadText = useAppStore(selectLoadText);
  const navigate = useNavigate();
  const openSharedFile = useOpenSharedFile();
  const showNotice = useAppStore((s) => s.showNotice);
  const dismissNotice = useAppStore((s) => s.dismissNotice);
  return useCallback(
    async (file: File) => {
      // Checked before reading: a file over the limit would freeze the page, not fail.
      const tooLarge = fileSizeProblem(file);
      if (tooLarge !== null) {
        showNotice({ key: 'file-too-large', tone: 'warning', title: 'File too large', message: tooLarge });
        return;
      }
      const { text, encoding } = await readTextFile(file);
      // A .dumplens share file (or a saved share link) opens as what was shared.
      if (openSharedFile(file.name, text)) {
        return;
      }
      loadText(text, file.name);
      if (encoding === 'windows-1252') {
        showNotice({ key: 'file-encoding', tone: 'warning', title: 'Not UTF-8', message: windows1252Notice(file.name) });
      } else {
        dismissNotice('file-encoding');
      }
      void navigate('/');
    },
    [loadText, navigate, openSharedFile, showNotice, dismissNotice],
  );
}
