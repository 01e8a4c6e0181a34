/**
 * Does decoded file text look like binary data rather than text? The same
 * test the analyzers apply to input (many control characters other than tab,
 * CR and LF, or replacement characters, in the first 64 KiB), done before a
 * file replaces the editor's text.
 */

/** Characters examined from the start of the text. */
const SAMPLE = 65536;

/** True when more than 32 of the first 64 Ki characters, and over 10 % of them, are control or replacement characters. */
export function looksBinary(text: string): boolean {
  const n = Math.min(text.length, SAMPLE);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) {
      control++;
    }
  }
  return control > 32 && control / n > 0.1;
}
