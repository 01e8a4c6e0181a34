/**
 * Phrases that `!analyze -v` prints in its argument descriptions, per bug
 * check, used only when a paste has the `Arg1:`…`Arg4:` block but not the
 * line with the code (`CRITICAL_STRUCTURE_CORRUPTION (109)` / `BUGCHECK_CODE:`).
 *
 * Source: the argument descriptions printed by WinDbg's `!analyze -v`, which
 * follow the parameter tables of the bug check reference
 * (github.com/MicrosoftDocs/windows-driver-docs, windows-driver-docs-pr/debugger/bug-check-0x*.md).
 * Each phrase is short, distinctive, and compared case-insensitively after
 * whitespace folding. Maintained by hand; add a phrase only when it names one code.
 */

/** [code, phrase] pairs. */
const PHRASES: readonly [number, string][] = [
  [0x109, 'type of corrupted region'],
  [0x109, 'failure type dependent information'],
  [0xc1, 'caller is trying to free an incorrect special pool memory block'],
  [0xc1, 'size of the memory block, as recorded in the pool block header'],
  [0x1a, 'a page table page has been corrupted'],
  [0x7a, 'virtual address that could not be in-paged'],
  [0x7a, 'lock type that was held (value 1,2,3, or pte address)'],
  [0x9f, 'the power transition timed out waiting to synchronize with the pnp'],
  [0x9f, 'a device object has been blocking an irp for too long a time'],
  [0x124, 'machine check exception'],
  [0x124, 'address of the whea_error_record structure'],
  [0x101, 'clock interrupt time out interval in nominal clock ticks'],
  [0x133, 'the dpc watchdog detected a prolonged run time at an irql of dispatch_level or above'],
  [0xef, 'process object or thread object'],
];

/** Infer a bug check code from the debugger's argument descriptions. */
export function inferCodeFromAnalyzeText(argText: readonly (string | undefined)[]): { code: number; phrase: string } | undefined {
  const text = argText
    .filter((t): t is string => typeof t === 'string')
    .join(' ')
    .toLowerCase()
    .replace(/\s+/g, ' ');
  if (text === '') {
    return undefined;
  }
  const hits = new Map<number, string>();
  for (const [code, phrase] of PHRASES) {
    if (text.includes(phrase) && !hits.has(code)) {
      hits.set(code, phrase);
    }
  }
  // Only an unambiguous match counts.
  if (hits.size !== 1) {
    return undefined;
  }
  const [entry] = hits;
  return entry ? { code: entry[0], phrase: entry[1] } : undefined;
}
