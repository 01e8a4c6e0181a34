import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../src/analyzers/normalize';
import { blocksOf, runText } from '../../../src/analyzers/run';
import type { BlockContext } from '../../../src/analyzers/types';
import { decodeVerifierFlags, verifierAnalyzer } from '../../../src/analyzers/commands/verifier';
import X64_COLLAPSED from '../../fixtures/verifier/x64-collapsed.txt?raw';

// Written in the debugger's layout: one flag per row, statistics, the verified driver.
const X86_ROWS = `1: kd> !verifier 3 Sample.sys

Verify Flags Level 0x00000009

  STANDARD FLAGS:
    [X] (0x00000000) Automatic Checks
    [X] (0x00000001) Special pool
    [ ] (0x00000002) Force IRQL checking
    [X] (0x00000008) Pool tracking
    [ ] (0x00000010) I/O verification

  ADDITIONAL FLAGS:
    [ ] (0x00000004) Randomized low resources simulation
    [ ] (0x00000400) IRP logging

    [X] Indicates flag is enabled


Summary of All Verifier Statistics

  RaiseIrqls           0x0
  AcquireSpinLocks     0x0

  Pool Allocations Attempted             0x3
  Current paged pool allocations         0x1 for 00000070 bytes

Driver Verification List
------------------------

nt!_VF_TARGET_DRIVER 0xa013f2c8: Sample.sys (Loaded and Unloaded)

    Pool Allocation Statistics: ( NonPagedPool / PagedPool )

      Current Pool Allocations: ( 0x00000000 / 0x00000001 )

    Pool Allocations:

      Address     Length      Tag   Caller
      ----------  ----------  ----  ----------
      0x86491d10  0x00000070  abcd  0xa05c1047  Sample!DriverEntry+0x27`;

// The older layout: a level and the names of the enabled options only.
const OLD = `kd> !verifier

Verify Level 1b ... enabled options are:
\tSpecial pool
\tSpecial irql
\tAll pool allocations checked on unload
\tIo subsystem checking enabled

Summary of All Verifier Statistics

RaiseIrqls                             0x0
Trims                                  0x0

Driver Verification List

Entry     State           NonPagedPool   PagedPool   Module

8a3e6d38 Loaded           00000000       00000000    mydriver.sys`;

function verifier(text: string) {
  return blocksOf(runText(text), 'verifier');
}

function analyzeAlone(text: string) {
  const lines = normalizeText(text).lines;
  const ctx: BlockContext = {
    source: { lines },
    segment: { command: '!verifier', prompt: null, line: 1, endLine: lines.length, bodyStart: 0, bodyEnd: lines.length },
    limit: lines.length,
    startsOther: () => false,
  };
  return verifierAnalyzer.analyze(0, ctx);
}

const crlf = (t: string): string => t.replace(/\r?\n/g, '\r\n');
const forum = (t: string): string => `Let\u2019s run \u201c!verifier\u201d:\n${t.split('\n').join('\n\n')}`;

describe('!verifier', () => {
  it('reads the level and the enabled flags collapsed onto one line', () => {
    const [block] = verifier(X64_COLLAPSED);
    expect(block?.line).toBe(3);
    expect(block?.endLine).toBe(9);
    expect(block?.data.flags).toBe(0xdbb);
    expect(block?.data.enabled).toEqual([
      { bit: 0, name: 'Special pool' },
      { bit: 1, name: 'Force IRQL checking' },
      { bit: 3, name: 'Pool tracking' },
      { bit: 4, name: 'I/O verification' },
      { bit: 5, name: 'Deadlock detection' },
      { bit: 7, name: 'DMA checking' },
      { bit: 8, name: 'Security checks' },
      { bit: 11, name: 'Miscellaneous checks' },
      { bit: 10, name: 'IRP logging' },
    ]);
  });

  it('reports Driver Verifier as enabled with its options', () => {
    const f = runText(X64_COLLAPSED).findings.find((x) => x.id === 'verifier.enabled');
    expect(f?.title).toBe(
      'Driver Verifier is enabled (flags 0xdbb): Special pool, Force IRQL checking, Pool tracking, I/O verification, Deadlock detection, DMA checking, Security checks, Miscellaneous checks, IRP logging',
    );
    expect(f?.lines).toEqual([3, 5, 7]);
  });

  it('reads one flag per row, the statistics and the verified driver', () => {
    const [block] = verifier(X86_ROWS);
    expect(block?.data.enabled).toEqual([
      { bit: 0, name: 'Special pool' },
      { bit: 3, name: 'Pool tracking' },
    ]);
    expect(block?.data.drivers).toEqual(['Sample']);
    expect(block?.endLine).toBe(40);
  });

  it('decodes the bits itself when only the level is printed', () => {
    const d = verifier(OLD)[0]?.data;
    expect(d?.flags).toBe(0x1b);
    expect(d?.enabled.map((e) => e.name)).toEqual(['Special pool', 'Force IRQL checking', 'Pool tracking', 'I/O verification']);
    expect(d?.drivers).toEqual(['mydriver']);
    expect(decodeVerifierFlags(0x2000000)).toEqual([{ bit: 25, name: 'Code integrity checks' }]);
    expect(decodeVerifierFlags(0x1000)).toEqual([{ bit: 12, name: 'bit 12' }]);
  });

  it('says so when Driver Verifier is off', () => {
    const f = runText('kd> !verifier\nVerify Flags Level 0x00000000\n').findings;
    expect(f.map((x) => x.id)).toEqual(['verifier.disabled']);
  });

  it('gives the same result for a CRLF copy', () => {
    expect(verifier(crlf(X86_ROWS))[0]?.data).toEqual(verifier(X86_ROWS)[0]?.data);
  });

  it('reads a forum copy with doubled lines and curly quotes', () => {
    const d = verifier(forum(X86_ROWS))[0]?.data;
    expect(d?.enabled).toHaveLength(2);
    expect(d?.line).toBe(6);
  });

  it('keeps what a truncated paste shows', () => {
    const cut = X86_ROWS.split('\n').slice(0, 8).join('\n');
    const d = verifier(cut)[0]?.data;
    expect(d?.enabled).toEqual([{ bit: 0, name: 'Special pool' }]);
    expect(d?.drivers).toBeUndefined();
  });

  it('recognises the output pasted without its prompt', () => {
    expect(verifier(X64_COLLAPSED.split('\n').slice(1).join('\n'))[0]?.data.enabled).toHaveLength(9);
  });

  it('rejects text that is not !verifier output', () => {
    expect(analyzeAlone('Driver Verifier can find pool corruption.\nEnable it with verifier.exe.').ok).toBe(false);
    expect(verifier('Verify the level of the water before diving.')).toHaveLength(0);
  });
});
