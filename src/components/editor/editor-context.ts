/**
 * Which editor component the workspace uses. The app lazy-loads Monaco;
 * tests (jsdom cannot run Monaco) provide the plain textarea editor instead.
 */
import { createContext, type ComponentType } from 'react';

export interface EditorProps {
  /** Accessible name of the editing area. */
  label: string;
}

export const EditorComponentContext = createContext<ComponentType<EditorProps> | null>(null);
