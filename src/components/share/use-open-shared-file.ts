import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useStorage } from '../../history/context';
import { decodeShareFile } from '../../permalink';
import { useAppStoreApi } from '../../store/context';
import { applyShared, looksLikeShareFile } from './open-shared';

/**
 * For the Open file button and drag and drop: if a file is a dumplens share
 * file, open it (or explain why not) and return true; false for debugger text.
 */
export function useOpenSharedFile(): (name: string, text: string) => boolean {
  const store = useAppStoreApi();
  const { persistence } = useStorage();
  const navigate = useNavigate();
  return useCallback(
    (name: string, text: string) => {
      if (!looksLikeShareFile(name, text)) {
        return false;
      }
      void applyShared(store, persistence, decodeShareFile(new TextEncoder().encode(text)), 'file').then((route) => {
        if (route !== null) {
          void navigate(route);
        }
      });
      return true;
    },
    [store, persistence, navigate],
  );
}
