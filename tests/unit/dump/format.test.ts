/** Numbers and times as the debugger prints them. */
import { describe, expect, it } from 'vitest';
import { addr, count, fileTimeSeconds, formatFileTime, formatIsoTime, formatLinkTime, formatUptime } from '../../../src/dump/format';

describe('format', () => {
  it('prints addresses with the backtick on 64-bit and 8 digits on 32-bit', () => {
    expect(addr(0xfffff8048b58334cn, true)).toBe('fffff804`8b58334c');
    expect(addr(0x1234n, true)).toBe('00000000`00001234');
    expect(addr(0x40429en, false)).toBe('0040429e');
  });

  it('prints link timestamps like `lm t`, in UTC', () => {
    expect(formatLinkTime(0x48f2e192)).toBe('Mon Oct 13 05:50:10 2008 (48F2E192)');
    // Cross-checked with the platform's own calendar over many values.
    for (let t = 0; t < 0xffffffff; t += 0x0fedcba9) {
      const d = new Date(t * 1000);
      const expected = d.toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5 $4');
      expect(formatLinkTime(t).slice(0, 24)).toBe(expected);
    }
  });

  it('prints FILETIMEs, uptimes and counts', () => {
    expect(formatFileTime(132583451029877657n)).toBe('Sun Feb 21 01:38:22.987 2021 (UTC + 0:00)');
    expect(formatIsoTime(fileTimeSeconds(132583451029877657n) as number)).toBe('2021-02-21 01:38:22 UTC');
    expect(formatFileTime(5n)).toBeNull();
    expect(formatUptime(37470697n)).toBe('0 days 0:00:03.747');
    expect(formatUptime(-1n)).toBeNull();
    expect(count(1444532)).toBe('1,444,532');
  });
});
