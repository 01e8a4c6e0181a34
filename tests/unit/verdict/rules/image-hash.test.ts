import { expect } from 'vitest';
import { imageHash } from '../../../../src/analyzers/verdict/rules/image-hash';
import { analyzeV, bugcheckBanner } from '../../../fixtures/builders';
import { ruleTester } from '../rule-tester';

// CRITICAL_SERVICE_FAILED (0x5A) as in s01: Arg4 is the status the boot driver failed to load with.
const criticalServiceFailed = (status: string): string =>
  analyzeV({ name: 'CRITICAL_SERVICE_FAILED', code: '5a', args: ['0000000000000001', 'ffff9907c7d23060', 'ffffd50fe22139c0', status] });
const ARG4_LINE = 13;

ruleTester(imageHash, {
  invalid: [
    {
      name: 'reads STATUS_INVALID_IMAGE_HASH in an argument as damaged or unsigned system files, blaming no driver',
      text: criticalServiceFailed('ffffffffc0000428'),
      signal: 'os-corruption',
      check: (out) => {
        expect(out.findings).toEqual([
          { id: 'signal.os-corruption', lines: [ARG4_LINE], title: 'Evidence of damaged system files: Arg4 is STATUS_INVALID_IMAGE_HASH: an image failed code-integrity verification' },
        ]);
        expect(out.category).toBe('os-corruption');
        expect(out.top).toBeUndefined();
      },
    },
    {
      name: 'reads a 32-bit status in the dump banner the same way',
      text: bugcheckBanner('6B', ['c0000428', '2', '0', '0']),
      signal: 'os-corruption',
    },
  ],
  valid: [
    { name: 'a critical service that failed for another reason (STATUS_OBJECT_NAME_NOT_FOUND)', text: criticalServiceFailed('ffffffffc0000034') },
    { name: 'the status in prose, without a bug check', text: 'The driver failed to load with 0xC0000428 (STATUS_INVALID_IMAGE_HASH).' },
  ],
});
