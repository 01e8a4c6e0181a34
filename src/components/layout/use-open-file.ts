import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { dumpSignature, SIGNATURE_BYTES } from '../../dump/signature';
import { looksBinary } from '../../lib/binary';
import { decodeText } from '../../lib/decode';
import { readBytes, readTextFile } from '../../lib/read-file';
import { useOpenSharedFile } from '../share/use-open-shared-file';
import { useAppStore } from '../../store/context';
import { FILE_REFUSED_NOTICE } from '../../store/app-store';
import { selectLoadDump, selectLoadText } from '../../store/selectors';
import { fileSizeProblem } from '../../worker/limits';

/** What is said about a file whose bytes are not valid UTF-8 (read as Windows-1252). */
export function windows1252Notice(name: string): string {
  return `${name} is not valid UTF-8, so it was read as Windows-1252 (ANSI). If it was saved in another encoding, some characters outside ASCII may be shown wrongly.`;
}

/** Bytes read from the start of a file to tell a dump, text or other binary data apart. */
const HEAD_BYTES = 4096;

/** The first bytes of a file (Blob.slice reads only them, whatever the file's size). */
async function headOf(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await readBytes(file.slice(0, HEAD_BYTES)));
}

/** The notice for binary data that is not a crash dump. */
function notTextMessage(name: string): [string, string] {
  const dmp = /\.dmp$/i.test(name);
  return [
    dmp ? 'Not a crash dump' : 'Not a text file',
    `${name} is binary data${dmp ? ' but not a Windows crash dump (it does not start with PAGEDU64, PAGEDUMP or MDMP)' : ', not debugger output'}. dumplens opens crash dumps (.dmp) and debugger output saved as text (.txt, .log).`,
  ];
}

/**
 * Load a dropped, chosen or launched file and go to the workspace. A crash
 * dump (told by its first bytes, whatever its name or size) is read in the
 * analysis worker and its derived text replaces the editor's; a text file
 * replaces it as it is. An empty file, or a binary one that is not a dump,
 * changes nothing: a notice says why and the editor keeps its text.
 */
export function useLoadFile(): (file: File) => Promise<void> {
  const loadText = useAppStore(selectLoadText);
  const loadDump = useAppStore(selectLoadDump);
  const navigate = useNavigate();
  const openSharedFile = useOpenSharedFile();
  const showNotice = useAppStore((s) => s.showNotice);
  const dismissNotice = useAppStore((s) => s.dismissNotice);
  return useCallback(
    async (file: File) => {
      const refuse = (title: string, message: string) => showNotice({ key: FILE_REFUSED_NOTICE, tone: 'warning', title, message: `${message} The editor keeps its text.` });
      if (file.size === 0) {
        refuse('Empty file', `${file.name} is empty (0 bytes): there is nothing to open.`);
        return;
      }
      const head = await headOf(file);
      if (dumpSignature(head.subarray(0, SIGNATURE_BYTES)) !== null) {
        void navigate('/');
        await loadDump(file, file.name);
        return;
      }
      // Binary data is refused by its first bytes, before the rest is read: a .dmp that is not a
      // dump says so whatever its size; other files over the limit hear about their size first.
      const binary = looksBinary(decodeText(head).text);
      if (binary && /\.dmp$/i.test(file.name)) {
        refuse(...notTextMessage(file.name));
        return;
      }
      // Checked before reading: a file over the limit would freeze the page, not fail.
      const tooLarge = fileSizeProblem(file);
      if (tooLarge !== null) {
        showNotice({ key: 'file-too-large', tone: 'warning', title: 'File too large', message: tooLarge });
        return;
      }
      if (binary) {
        refuse(...notTextMessage(file.name));
        return;
      }
      const { text, encoding } = await readTextFile(file);
      // A .dumplens share file (or a saved share link) opens as what was shared.
      if (openSharedFile(file.name, text)) {
        return;
      }
      if (looksBinary(text)) {
        refuse(...notTextMessage(file.name));
        return;
      }
      if (text.trim() === '') {
        refuse('Empty file', `${file.name} holds only blank space: there is nothing to open.`);
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
    [loadText, loadDump, navigate, openSharedFile, showNotice, dismissNotice],
  );
}
