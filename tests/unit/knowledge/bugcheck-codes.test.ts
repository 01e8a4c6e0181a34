import { describe, expect, it } from 'vitest';
import {
  allBugchecks,
  bugcheckArgIsStatus,
  describeBugcheck,
  describeBugcheckArg,
  formatBugcheckCode,
  parseBugcheckCode,
  suggestNextSteps,
} from '../../../src/analyzers/knowledge/bugcheck-codes';

/** The codes the brief names as most common: each needs causes and next steps. */
const COMMON = [
  0x0a, 0x1a, 0x1e, 0x24, 0x3b, 0x50, 0x7e, 0x7f, 0x9f, 0xa0, 0xc1, 0xc2, 0xc4, 0xc5, 0xd1, 0xe2, 0xef, 0xf4, 0xf7,
  0x101, 0x109, 0x116, 0x117, 0x119, 0x124, 0x133, 0x139, 0x13a, 0x144, 0x154, 0x15f, 0x1d8, 0x5a, 0x5c, 0x7b, 0x80,
  0x8e, 0x9c, 0xab, 0xbe, 0xc9, 0xca, 0xcb, 0xd5, 0xd6, 0xde, 0xea, 0xfc, 0x19, 0x1c, 0x12b, 0x13, 0x3f, 0x4e, 0x44,
  0x77, 0x7a, 0x74, 0x6b, 0x18, 0x1aa, 0x1ca,
];

describe('describeBugcheck', () => {
  it('names 0x9F DRIVER_POWER_STATE_FAILURE with its parameter labels and doc page', () => {
    const b = describeBugcheck(0x9f);
    expect(b?.name).toBe('DRIVER_POWER_STATE_FAILURE');
    expect(b?.kind).toBe('bugcheck');
    expect(b?.params[0]).toBe('subcode: 3 blocked IRP, 4 PnP lock timeout');
    expect(b?.docUrl).toBe(
      'https://learn.microsoft.com/en-us/windows-hardware/drivers/debugger/bug-check-0x9f--driver-power-state-failure',
    );
  });

  it('names 0x124 WHEA_UNCORRECTABLE_ERROR and suggests !errrec', () => {
    const b = describeBugcheck(0x124);
    expect(b?.name).toBe('WHEA_UNCORRECTABLE_ERROR');
    expect(b?.nextSteps?.map((s) => s.command)).toContain('!errrec <arg2>');
  });

  it('keeps the doc page of codes whose page name is irregular', () => {
    expect(describeBugcheck(0x109)?.docUrl).toMatch(/bug-check-0x109---critical-structure-corruption$/);
  });

  it('marks live-dump codes as such', () => {
    expect(describeBugcheck(0x117)?.kind).toBe('livedump');
    expect(describeBugcheck(0x116)?.kind).toBe('bugcheck');
  });

  it('knows the _M variants and 32-bit codes such as 0xC000021A and 0xDEADDEAD', () => {
    expect(describeBugcheck(0x1000007e)?.name).toBe('SYSTEM_THREAD_EXCEPTION_NOT_HANDLED_M');
    expect(describeBugcheck(0x1000007e)?.sameParamsAs).toBe(0x7e);
    expect(describeBugcheck(0x1000007e)?.nextSteps).toEqual(describeBugcheck(0x7e)?.nextSteps);
    expect(describeBugcheck(0xc000021a)?.name).toBe('WINLOGON_FATAL_ERROR');
    expect(describeBugcheck(0xdeaddead)?.name).toBe('MANUALLY_INITIATED_CRASH1');
  });

  it('returns undefined for codes not in the table and for non-codes', () => {
    expect(describeBugcheck(0x83)).toBeUndefined();
    expect(describeBugcheck(0x12345678)).toBeUndefined();
    expect(describeBugcheck(-1)).toBeUndefined();
    expect(describeBugcheck(1.5)).toBeUndefined();
    expect(describeBugcheck(0x1_0000_009f)).toBeUndefined();
  });

  it('does not invent parameters the documentation lacks (0x5A has none)', () => {
    expect(describeBugcheck(0x5a)?.params).toEqual(['', '', '', '']);
  });
});

describe('allBugchecks', () => {
  const all = allBugchecks();

  it('lists all 425 codes in code order, 47 of them live-dump codes', () => {
    expect(all).toHaveLength(425);
    expect(all.filter((b) => b.kind === 'livedump')).toHaveLength(47);
    const codes = all.map((b) => b.code);
    expect([...codes].sort((a, b) => a - b)).toEqual(codes);
  });

  it('returns the same objects on every call, so reference pages stay cheap', () => {
    expect(allBugchecks()).toBe(all);
    expect(describeBugcheck(0x9f)).toBe(all.find((b) => b.code === 0x9f));
  });

  it('gives every code a non-empty meaning of at most two sentences', () => {
    for (const b of all) {
      expect(b.meaning.length, b.name).toBeGreaterThan(20);
      expect(b.meaning.split(/[.!?](?:\s|$)/).filter((s) => s.trim() !== '').length, b.name).toBeLessThanOrEqual(2);
    }
  });

  it('never repeats a meaning for two codes', () => {
    const seen = new Map<string, string>();
    for (const b of all) {
      expect(seen.get(b.meaning), `${b.name} repeats another meaning`).toBeUndefined();
      seen.set(b.meaning, b.name);
    }
  });

  it('gives the common codes causes and next steps', () => {
    for (const code of COMMON) {
      const b = describeBugcheck(code);
      expect(b?.causes, formatBugcheckCode(code)).toBeTruthy();
      expect(b?.nextSteps?.length, formatBugcheckCode(code)).toBeGreaterThan(0);
    }
  });

  it('uses only argument, suspect or driver placeholders in commands', () => {
    for (const b of all) {
      for (const s of b.nextSteps ?? []) {
        expect(s.why.length).toBeGreaterThan(10);
        for (const m of s.command.match(/<[^>]*>/g) ?? []) {
          expect(['<arg1>', '<arg2>', '<arg3>', '<arg4>', '<suspect>', '<driver>']).toContain(m);
        }
      }
    }
  });
});

describe('describeBugcheckArg', () => {
  it('labels 0x109 arg4 0x1c as driver object corruption', () => {
    expect(describeBugcheckArg(0x109, 4, '0x1c')).toBe('Driver object corruption');
    expect(describeBugcheckArg(0x109, 4, '000000000000001c')).toBe('Driver object corruption');
  });

  it('labels 0x9F arg1 4 as the PnP lock timeout and arg1 3 as a blocked IRP', () => {
    expect(describeBugcheckArg(0x9f, 1, '4')).toBe('power transition PnP-sync timeout');
    expect(describeBugcheckArg(0x9f, 1, '0x3')).toBe('device object blocked IRP too long');
  });

  it('labels 0x124 arg1 0 as a machine check exception', () => {
    expect(describeBugcheckArg(0x124, 1, '0x0')).toBe('machine check exception');
  });

  it('labels 0x1A arg1 0x41790 as a corrupted page table page', () => {
    expect(describeBugcheckArg(0x1a, 1, '0000000000041790')).toBe('page table page corrupted');
  });

  it('labels 0xC1 arg4 0x21 and 0x7F arg1 8', () => {
    expect(describeBugcheckArg(0xc1, 4, '0x21')).toBe('freeing bad address');
    expect(describeBugcheckArg(0x7f, 1, '8')).toBe('double fault');
    expect(describeBugcheckArg(0x1000007f, 1, '0x8')).toBe('double fault');
  });

  it('reads unprefixed decimal sub-codes of 0x139 as decimal and 0x18C values as hex', () => {
    expect(describeBugcheckArg(0x139, 1, '3')).toBe('LIST_ENTRY corruption');
    expect(describeBugcheckArg(0x139, 1, 'a')).toBe('CFG: invalid indirect call target');
    expect(describeBugcheckArg(0x18c, 1, '100a')).toBe('hypervisor overlay region');
  });

  it('compares 64-bit values exactly instead of rounding them', () => {
    // As a double, 0x100000000000001c loses its low bits; as BigInt it stays distinct from 0x1c.
    expect(describeBugcheckArg(0x109, 4, 'ffffffffffffff1c')).toBeUndefined();
    expect(describeBugcheckArg(0x109, 4, '100000000000001c')).toBeUndefined();
  });

  it('does not match a value against another argument\'s sub-codes', () => {
    expect(describeBugcheckArg(0x109, 1, '0x1c')).toBeUndefined();
    expect(describeBugcheckArg(0xc1, 1, '0x21')).toBeUndefined();
  });

  it('names an NTSTATUS held by a status argument, even sign-extended', () => {
    expect(describeBugcheckArg(0x7e, 1, 'ffffffffc0000005')).toBe('STATUS_ACCESS_VIOLATION');
    expect(describeBugcheckArg(0x7a, 2, 'ffffffff`c000009c')).toBe('STATUS_DEVICE_DATA_ERROR');
    expect(describeBugcheckArg(0xc000021a, 2, '0xc0000005')).toBe('STATUS_ACCESS_VIOLATION');
    expect(bugcheckArgIsStatus(0x124, 3)).toBe(false);
    expect(bugcheckArgIsStatus(0x3b, 1)).toBe(true);
  });

  it('returns undefined for unknown codes, unlisted values and garbage', () => {
    expect(describeBugcheckArg(0x9f, 1, '0x77')).toBeUndefined();
    expect(describeBugcheckArg(0x83, 1, '1')).toBeUndefined();
    expect(describeBugcheckArg(0x9f, 1, 'not hex')).toBeUndefined();
    expect(describeBugcheckArg(0x9f, 1, '')).toBeUndefined();
  });
});

describe('suggestNextSteps', () => {
  it('fills the PnP-lock steps of 0x9F arg1 4 with the real arguments', () => {
    const steps = suggestNextSteps(0x9f, ['0x4', '0x258', '0xfffffa8007005660', '0xfffff800053e83d0']);
    expect(steps.map((s) => s.command)).toEqual(['!locks', '!thread fffffa8007005660', 'dt nt!_TRIAGE_9F_PNP fffff800053e83d0']);
  });

  it('offers !irp on the blocked IRP for 0x9F arg1 3', () => {
    const steps = suggestNextSteps(0x9f, ['3', 'ffffe0012345a000', 'fffff80312345678', 'ffffe00122223333']);
    expect(steps.map((s) => s.command)).toContain('!irp ffffe00122223333');
    expect(steps.map((s) => s.command)).not.toContain('!locks');
  });

  it('switches to the hung processor for 0x101', () => {
    const steps = suggestNextSteps(0x101, ['0x31', '0x0', '0xfffff88003165180', '0x2']);
    expect(steps.map((s) => s.command).slice(0, 3)).toEqual(['~2s', 'kv', '!prcb 2']);
  });

  it('keeps a placeholder it cannot fill and returns nothing for unknown codes', () => {
    expect(suggestNextSteps(0x124, []).map((s) => s.command)).toContain('!errrec <arg2>');
    expect(suggestNextSteps(0x83, ['1'])).toEqual([]);
  });
});

describe('formatBugcheckCode and parseBugcheckCode', () => {
  it('prints eight upper-case hex digits', () => {
    expect(formatBugcheckCode(0x9f)).toBe('0x0000009F');
    expect(formatBugcheckCode(0x1000007e)).toBe('0x1000007E');
    expect(formatBugcheckCode(0xdeaddead)).toBe('0xDEADDEAD');
  });

  it('reads hex, MASM decimal and names', () => {
    expect(parseBugcheckCode('9f')).toBe(0x9f);
    expect(parseBugcheckCode(' 0x0000009F ')).toBe(0x9f);
    expect(parseBugcheckCode('1000007e')).toBe(0x1000007e);
    expect(parseBugcheckCode('0n159')).toBe(0x9f);
    expect(parseBugcheckCode('driver_power_state_failure')).toBe(0x9f);
  });

  it('rejects garbage and values wider than 32 bits', () => {
    expect(parseBugcheckCode('')).toBeUndefined();
    expect(parseBugcheckCode('NOT_A_BUGCHECK')).toBeUndefined();
    expect(parseBugcheckCode('0x1ffffffff')).toBeUndefined();
    expect(parseBugcheckCode('9f 00')).toBeUndefined();
  });
});

describe('argument words', () => {
  it("reads the table's subcode shorthand as words", () => {
    expect(describeBugcheck(0xc9)?.params).toEqual(['subcode: which check failed', "its meaning depends on Arg1's subcode", "its meaning depends on Arg1's subcode", "its meaning depends on Arg1's subcode"]);
    expect(allBugchecks().flatMap((b) => b.params).filter((p) => /param\d_subcodes|^depends on/.test(p))).toEqual([]);
  });
});
