/**
 * The largest input dumplens accepts. Above it the page refuses politely
 * instead of freezing: a file is checked by its size before it is read, pasted
 * text by its length before it is analyzed. 100 MB of text is a `!process 0 7`
 * of a very busy server; analysing it takes seconds in the worker.
 */

/** Files larger than this many bytes are not read. */
export const MAX_FILE_BYTES = 100_000_000;

/** Text longer than this many characters is not analyzed. */
export const MAX_INPUT_CHARS = 100_000_000;

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: bytes < 10_000_000 ? 1 : 0 })} MB`;
}

/** The message shown for a file over `MAX_FILE_BYTES`, or null when it may be read. */
export function fileSizeProblem(file: { name: string; size: number }): string | null {
  if (file.size <= MAX_FILE_BYTES) {
    return null;
  }
  // 100,000,001 bytes rounds to "100 MB": say "just over" rather than name the limit as the file's size.
  const size = megabytes(file.size) === megabytes(MAX_FILE_BYTES) ? `just over ${megabytes(MAX_FILE_BYTES)}` : megabytes(file.size);
  return (
    `${file.name} is ${size}; dumplens reads files up to ${megabytes(MAX_FILE_BYTES)}. ` +
    'Save the output of the commands you need in a smaller log (for example with .logopen / .logclose around them) and open that.'
  );
}
