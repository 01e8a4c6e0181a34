/** Types of bench-sessions.mjs, for the TypeScript tests that generate sessions with it. */

/** A kernel session of about `bytes` characters in the debuggers' real formats (deterministic per seed). */
export function generateSession(bytes: number, seed?: number): string;

/** Text made to trip backtracking regexes, about `bytes` characters long. */
export function generateAdversarial(bytes: number, seed?: number): string;
