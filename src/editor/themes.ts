/** Light and dark editor themes matching the app's colours (src/styles/app.css). */
import type { editor } from 'monaco-editor/editor/editor.api';

export const LIGHT_THEME = 'dumplens-light';
export const DARK_THEME = 'dumplens-dark';

export const lightTheme: editor.IStandaloneThemeData = {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'keyword.prompt', foreground: '1d4ed8', fontStyle: 'bold' },
    { token: 'command', foreground: '1e293b', fontStyle: 'bold' },
    { token: 'key', foreground: '7c3aed' },
    { token: 'key.arg', foreground: '7c3aed' },
    { token: 'type.module', foreground: '0f766e' },
    { token: 'symbol', foreground: '1e293b' },
    { token: 'number.offset', foreground: '64748b' },
    { token: 'number.address', foreground: '8a5300' },
    { token: 'number.hex', foreground: '8a5300' },
    { token: 'number.bugcheck', foreground: 'b91c1c', fontStyle: 'bold' },
    { token: 'number', foreground: '8a5300' },
    { token: 'constant.bugcheck', foreground: 'b91c1c', fontStyle: 'bold' },
    { token: 'keyword.bugcheck', foreground: 'b91c1c', fontStyle: 'bold' },
    { token: 'keyword.culprit', foreground: 'b91c1c' },
    { token: 'error', foreground: 'b91c1c' },
    { token: 'warning', foreground: '9a5b00', fontStyle: 'italic' },
    { token: 'comment', foreground: '8a94a3' },
  ],
  colors: {
    'editor.background': '#ffffff',
    'editor.foreground': '#334155',
    'editor.lineHighlightBackground': '#f1f5f9',
    'editor.lineHighlightBorder': '#00000000',
    'editorLineNumber.foreground': '#94a3b8',
    'editorLineNumber.activeForeground': '#334155',
    'editor.selectionBackground': '#bfdbfe',
    'editorGutter.background': '#ffffff',
    'editorIndentGuide.background1': '#e2e8f0',
    'editorWidget.background': '#f8fafc',
    'editorWidget.border': '#cbd5e1',
  },
};

export const darkTheme: editor.IStandaloneThemeData = {
  base: 'vs-dark',
  inherit: true,
  rules: [
    { token: 'keyword.prompt', foreground: '8ab4ff', fontStyle: 'bold' },
    { token: 'command', foreground: 'f1f5f9', fontStyle: 'bold' },
    { token: 'key', foreground: 'c4b5fd' },
    { token: 'key.arg', foreground: 'c4b5fd' },
    { token: 'type.module', foreground: '5eead4' },
    { token: 'symbol', foreground: 'e2e8f0' },
    { token: 'number.offset', foreground: '94a3b8' },
    { token: 'number.address', foreground: 'e8b75a' },
    { token: 'number.hex', foreground: 'e8b75a' },
    { token: 'number.bugcheck', foreground: 'ff8a80', fontStyle: 'bold' },
    { token: 'number', foreground: 'e8b75a' },
    { token: 'constant.bugcheck', foreground: 'ff8a80', fontStyle: 'bold' },
    { token: 'keyword.bugcheck', foreground: 'ff8a80', fontStyle: 'bold' },
    { token: 'keyword.culprit', foreground: 'ff8a80' },
    { token: 'error', foreground: 'ff8a80' },
    { token: 'warning', foreground: 'e8b75a', fontStyle: 'italic' },
    { token: 'comment', foreground: '6b7686' },
  ],
  colors: {
    'editor.background': '#14181e',
    'editor.foreground': '#cbd5e1',
    'editor.lineHighlightBackground': '#1c222b',
    'editor.lineHighlightBorder': '#00000000',
    'editorLineNumber.foreground': '#5b6675',
    'editorLineNumber.activeForeground': '#cbd5e1',
    'editor.selectionBackground': '#2c4a7a',
    'editorGutter.background': '#14181e',
    'editorIndentGuide.background1': '#252c36',
    'editorWidget.background': '#1a1f26',
    'editorWidget.border': '#2f3742',
  },
};
