import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { readTextFile } from '../../lib/read-file';
import { useAppStore } from '../../store/context';
import { selectLoadText } from '../../store/selectors';

/** Load a dropped or chosen file into the editor and go to the workspace. */
export function useLoadFile(): (file: File) => Promise<void> {
  const loadText = useAppStore(selectLoadText);
  const navigate = useNavigate();
  return useCallback(
    async (file: File) => {
      const { text } = await readTextFile(file);
      loadText(text, file.name);
      void navigate('/');
    },
    [loadText, navigate],
  );
}
