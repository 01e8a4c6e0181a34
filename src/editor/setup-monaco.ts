/**
 * Monaco, bundled from node_modules (no CDN, no loader): the editor core API,
 * the few contributions a log viewer needs, and only the generic editor worker
 * (no TypeScript/JSON/CSS/HTML language services). Imported lazily by
 * components/editor/MonacoEditor.tsx, so the first screen does not pay for it.
 *
 * The package's `exports` map serves `esm/vs/*` as `monaco-editor/*`, so
 * `monaco-editor/editor/editor.api` is the file
 * `node_modules/monaco-editor/esm/vs/editor/editor.api.js`.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/browser/widget/codeEditor/codeEditorWidget';
import 'monaco-editor/editor/contrib/find/browser/findController';
import 'monaco-editor/editor/contrib/folding/browser/folding';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/comment/browser/comment';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu';
import 'monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/editor/contrib/multicursor/browser/multicursor';
import 'monaco-editor/editor/contrib/lineSelection/browser/lineSelection';
import 'monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo';
import 'monaco-editor/editor/standalone/browser/quickAccess/standaloneGotoLineQuickAccess';
import 'monaco-editor/editor/contrib/placeholderText/browser/placeholderText.contribution';
import 'monaco-editor/editor/common/standaloneStrings';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { DARK_THEME, LIGHT_THEME, darkTheme, lightTheme } from './themes';
import { WINDBG_LANGUAGE_ID, windbgLanguage, windbgLanguageConfiguration } from './windbg-language';
import { registerWindbgProviders } from './providers';

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

monaco.languages.register({ id: WINDBG_LANGUAGE_ID, extensions: ['.log', '.txt'], aliases: ['WinDbg output'] });
monaco.languages.setMonarchTokensProvider(WINDBG_LANGUAGE_ID, windbgLanguage);
monaco.languages.setLanguageConfiguration(WINDBG_LANGUAGE_ID, windbgLanguageConfiguration);
monaco.editor.defineTheme(LIGHT_THEME, lightTheme);
monaco.editor.defineTheme(DARK_THEME, darkTheme);
// Hovers (bug check codes, NTSTATUS, modules, pool tags, evidence lines) and folding per command.
registerWindbgProviders(monaco);

export { monaco };
