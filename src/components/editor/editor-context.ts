/**
 * Which editor component the workspace uses. The app lazy-loads Monaco;
 * tests (jsdom cannot run Monaco) provide the plain textarea editor instead.
 */
import { createContext, type ReactNode } from 'react';

export interface EditorProps {
  /** Accessible name of the editing area. */
  label: string;
}

/** Renders the editor; null means the default (Monaco behind a textarea placeholder). */
export const EditorRenderContext = createContext<((props: EditorProps) => ReactNode) | null>(null);
