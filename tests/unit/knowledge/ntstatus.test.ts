import { describe, expect, it } from 'vitest';
import { describeNtStatus, ntStatusCodesWithMeaning, ntStatusFromArg } from '../../../src/analyzers/knowledge/ntstatus';

describe('describeNtStatus', () => {
  it('names 0xC0000428 STATUS_INVALID_IMAGE_HASH with a meaning about code integrity', () => {
    const s = describeNtStatus(0xc0000428);
    expect(s?.name).toBe('STATUS_INVALID_IMAGE_HASH');
    expect(s?.common).toBe(true);
    expect(s?.meaning).toMatch(/signature/);
  });

  it('names 0xC0000006 STATUS_IN_PAGE_ERROR and points at the disk', () => {
    const s = describeNtStatus(0xc0000006);
    expect(s?.name).toBe('STATUS_IN_PAGE_ERROR');
    expect(s?.meaning).toMatch(/disk/);
  });

  it('keeps names with other prefixes whole', () => {
    expect(describeNtStatus(0x40010005)?.name).toBe('DBG_CONTROL_C');
  });

  it('keeps the first name when two share a value', () => {
    expect(describeNtStatus(0)?.name).toBe('STATUS_SUCCESS');
  });

  it('marks uncommon codes and leaves their meaning out', () => {
    const s = describeNtStatus(0xc0000003);
    expect(s?.name).toBe('STATUS_INVALID_INFO_CLASS');
    expect(s?.common).toBe(false);
    expect(s?.meaning).toBeUndefined();
  });

  it('returns undefined for unknown codes and non-codes', () => {
    expect(describeNtStatus(0xc0fe0fe0)).toBeUndefined();
    expect(describeNtStatus(-1)).toBeUndefined();
    expect(describeNtStatus(0x1_c000_0005)).toBeUndefined();
  });

  it('gives a meaning to every code flagged common and to the frequent extras', () => {
    const withMeaning = new Set(ntStatusCodesWithMeaning());
    for (const code of withMeaning) {
      expect(describeNtStatus(code), code.toString(16)).toBeDefined();
    }
    for (const code of [0xc0000005, 0xc000009c, 0xc000009d, 0xc0000185, 0xc0000374, 0xc00000fd, 0xc0000409, 0xc0000420, 0x80000003, 0xc000001d, 0xc0000096, 0xc0000102, 0xc000000e, 0xc0000034, 0xc0000221]) {
      expect(describeNtStatus(code)?.meaning, code.toString(16)).toBeTruthy();
    }
    // Every common code has its meaning: walk the flagged set through the table.
    let common = 0;
    for (let code = 0; code <= 0xffff; code++) {
      for (const high of [0x4001, 0x8000, 0xc000]) {
        const s = describeNtStatus(high * 0x10000 + code);
        if (s?.common) {
          common++;
          expect(s.meaning, s.name).toBeTruthy();
        }
      }
    }
    expect(common).toBe(82);
  });

  it('never repeats a meaning', () => {
    const meanings = ntStatusCodesWithMeaning().map((c) => describeNtStatus(c)?.meaning);
    expect(new Set(meanings).size).toBe(meanings.length);
  });
});

describe('ntStatusFromArg', () => {
  it('folds a sign-extended 64-bit argument back to 32 bits', () => {
    expect(ntStatusFromArg('0xffffffffc0000428')).toBe(0xc0000428);
    expect(ntStatusFromArg('ffffffff`c0000428')).toBe(0xc0000428);
    expect(describeNtStatus(ntStatusFromArg('0xffffffffc0000428') ?? 0)?.name).toBe('STATUS_INVALID_IMAGE_HASH');
  });

  it('accepts plain 32-bit values with or without prefix', () => {
    expect(ntStatusFromArg('c0000005')).toBe(0xc0000005);
    expect(ntStatusFromArg('0xC0000006')).toBe(0xc0000006);
    expect(ntStatusFromArg('00000000c000009c')).toBe(0xc000009c);
  });

  it('rejects addresses and garbage', () => {
    expect(ntStatusFromArg('fffffa8007005660')).toBeUndefined();
    expect(ntStatusFromArg('ffffffff40000000')).toBeUndefined();
    expect(ntStatusFromArg('status')).toBeUndefined();
    expect(ntStatusFromArg('')).toBeUndefined();
  });
});
