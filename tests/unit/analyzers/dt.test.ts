import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analyzers/index';
import { blocksOf, runText } from '../../../src/analyzers/run';

const SEEDS = join(__dirname, '../../fixtures/seeds');

describe('the dt analyzer', () => {
  it('reads type, address and fields, and flags a count that went below zero', () => {
    const text = readFileSync(join(SEEDS, 's08-1a-41790-pte-corruption.txt'), 'utf8');
    const [b] = blocksOf(runText(text), 'dt');
    expect(b?.data.type).toBe('nt!_MMPFN');
    expect(b?.data.address).toBe('fffffa80015c69c0');
    expect(b?.data.fields.find((f) => f.name === 'UsedPageTableEntries')?.value).toBe('0xffff');
    expect(analyze(text).findings.some((f) => f.id === 'dt.underflow' && f.title.startsWith('UsedPageTableEntries is 0xffff'))).toBe(true);
  });

  it('names a driver object from its DriverName field', () => {
    const r = analyze(readFileSync(join(SEEDS, 's13-109-driver-object-hook.txt'), 'utf8'));
    expect(r.drivers.some((d) => d.driverName === '\\FileSystem\\Ntfs')).toBe(true);
  });

  it('handles CRLF and blank lines between fields, and nothing in garbage', () => {
    const [b] = blocksOf(runText('0: kd> dt nt!_KTHREAD ffffe000`12345678\r\n\r\n   +0x000 Header : _DISPATCHER_HEADER\r\n\r\n   +0x018 SListFaultAddress : (null)'), 'dt');
    expect(b?.data.fields.map((f) => f.name)).toEqual(['Header', 'SListFaultAddress']);
    expect(blocksOf(runText('+ not a field\n+0xZZ nope'), 'dt')).toEqual([]);
  });
});
