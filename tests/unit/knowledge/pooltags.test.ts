import { describe, expect, it } from 'vitest';
import { describePoolTag, poolTagOwnerModule } from '../../../src/analyzers/knowledge/pooltags';

describe('describePoolTag', () => {
  it('finds a space-padded tag whether or not the spaces were kept', () => {
    expect(describePoolTag('Se  ')).toEqual({ tag: 'Se  ', binary: 'nt!se' });
    expect(describePoolTag('Se')).toEqual({ tag: 'Se  ', binary: 'nt!se' });
    expect(describePoolTag('Io')?.binary).toBe('nt!io');
  });

  it('finds Reff, owned by refs.sys', () => {
    expect(describePoolTag('Reff')).toEqual({ tag: 'Reff', binary: 'refs.sys' });
  });

  it('is case-sensitive where the list has both cases', () => {
    expect(describePoolTag('AfdA')?.tag).toBe('AfdA');
    expect(describePoolTag('Afda')?.tag).toBe('Afda');
  });

  it('falls back to a case-insensitive match only when the binary is unambiguous', () => {
    expect(describePoolTag('se')).toEqual({ tag: 'Se  ', binary: 'nt!se' });
    expect(describePoolTag('ACPI')?.binary).toBe('acpi.sys');
  });

  it('honours the list\'s ? and * wildcards, exact entries first', () => {
    expect(describePoolTag('AfdZ')).toEqual({ tag: 'Afd?', binary: 'afd.sys' });
    expect(describePoolTag('FMxy')).toEqual({ tag: 'FM??', binary: 'fltmgr.sys' });
    expect(describePoolTag('Acpx')).toEqual({ tag: 'Acp*', binary: 'acpi.sys' });
    expect(describePoolTag('FSfo')?.binary).toBe('nt!fsrtl');
  });

  it('returns a listed tag without a binary when the list names none', () => {
    expect(describePoolTag('Abos')).toEqual({ tag: 'Abos' });
  });

  it('returns undefined for unlisted tags and non-tags', () => {
    expect(describePoolTag('Zq9x')).toBeUndefined();
    expect(describePoolTag('')).toBeUndefined();
    expect(describePoolTag('TooLong')).toBeUndefined();
  });
});

describe('poolTagOwnerModule', () => {
  it('turns the binary into a canonical module name', () => {
    expect(poolTagOwnerModule('Se  ')).toBe('nt');
    expect(poolTagOwnerModule('Reff')).toBe('refs');
    expect(poolTagOwnerModule('NtFs')).toBe('ntfs');
    expect(poolTagOwnerModule('cfsp')).toBe('cfosspeed');
    expect(poolTagOwnerModule('NTID')).toBe('cpqteam');
  });

  it('is undefined for unknown owners and static libraries', () => {
    expect(poolTagOwnerModule('Abos')).toBeUndefined();
    expect(poolTagOwnerModule('SYPK')).toBeUndefined();
    expect(poolTagOwnerModule('Zq9x')).toBeUndefined();
  });
});
