/**
 * Which editor component the workspace uses. The app lazy-loads Monaco;
 * tests (jsdom cannot run Monaco) provide the plain textarea editor instead.
 */
import { createContext, type ReactNode } from 'react';

export interface EditorProps {
  /** Accessible name of the editing area. */
  label: string;
  /** Called when the user first focuses or types in the editor (the plain editor then asks for Monaco). */
  onFirstUse?: () => void;
}

/** Renders the editor; null means the default (Monaco behind a textarea placeholder). */
/**
 * Hand-over from the placeholder textarea to Monaco: if the user was typing in
 * the placeholder when Monaco finished loading, Monaco takes the focus.
 */
export const editorHandoff = { focused: false, offset: 0 };

export const EditorRenderContext = createContext<((props: EditorProps) => ReactNode) | null>(null);
