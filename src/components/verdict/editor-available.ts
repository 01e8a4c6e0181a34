import { createContext } from 'react';

/**
 * Whether an editor shows the analysed text, so that line references can be
 * revealed in it. False on the read-only /shared page (analysis-only
 * permalinks carry no text): LineButton then renders plain text.
 */
export const EditorAvailable = createContext(true);
