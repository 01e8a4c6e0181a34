import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../../src/analyzers/normalize';
import { blocksOf, runText } from '../../../src/analyzers/run';
import { ratedMhz, sysinfoAnalyzer } from '../../../src/analyzers/commands/sysinfo';
import type { BlockContext } from '../../../src/analyzers/types';
import X64_CPU from '../../fixtures/sysinfo/x64-cpuinfo-double-spaced.txt?raw';

// Written in the debugger's format: an Intel CPU rated 3.50 GHz measured far above it.
const OVERCLOCKED = `0: kd> !sysinfo cpuinfo
[CPU Information]
~MHz = REG_DWORD 4600
Component Information = REG_BINARY 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0
Configuration Data = REG_FULL_RESOURCE_DESCRIPTOR ff,ff,ff,ff,ff,ff,ff,ff,0,0,0,0,0,0,0,0
Identifier = REG_SZ Intel64 Family 6 Model 60 Stepping 3
ProcessorNameString = REG_SZ Intel(R) Core(TM) i7-4770K CPU @ 3.50GHz
Update Status = REG_DWORD 2
VendorIdentifier = REG_SZ GenuineIntel
MSR8B = REG_QWORD 1900000000`;

const MACHINE_ID = `0: kd> !sysinfo machineid
Machine ID Information [From Smbios 2.7, DMIVersion 39, Size=4276]
BiosMajorRelease = 4
BiosMinorRelease = 6
BiosVendor = American Megatrends Inc.
BiosVersion = 1303
BiosReleaseDate = 05/27/2013
SystemManufacturer = ASUS
SystemProductName = All Series
BaseBoardManufacturer = ASUSTeK COMPUTER INC.
BaseBoardProduct = Z87-PRO`;

const SMBIOS = `0: kd> !sysinfo smbios
[SMBIOS Data Tables v2.7]
[DMI Version - 39]
[Table Size - 4276 bytes]

[BIOS Information (Type 0) - Length 24 - Handle 0000h]
  Vendor                        American Megatrends Inc.
  BIOS Version                  1303
  BIOS Starting Address Segment f000
  BIOS Release Date             05/27/2013
[System Information (Type 1) - Length 27 - Handle 0001h]
  Manufacturer                  ASUS
  Product Name                  All Series
[Processor Information (Type 4) - Length 42 - Handle 0041h]
  Socket Designation            SOCKET 1150
  Processor Version             Intel(R) Core(TM) i7-4770K CPU @ 3.50GHz
  Current Speed                 3500MHz`;

function cpu(text: string) {
  return blocksOf(runText(text), 'sysinfo');
}

function analyzeAlone(text: string) {
  const lines = normalizeText(text).lines;
  const ctx: BlockContext = {
    source: { lines },
    segment: { command: '!sysinfo', prompt: null, line: 1, endLine: lines.length, bodyStart: 0, bodyEnd: lines.length },
    limit: lines.length,
    startsOther: () => false,
  };
  return sysinfoAnalyzer.analyze(0, ctx);
}

const crlf = (t: string): string => t.replace(/\r?\n/g, '\r\n');
const forum = (t: string): string => `Here\u2019s \u201c!sysinfo cpuinfo\u201d:\n${t.split('\n').join('\n\n')}`;

describe('!sysinfo', () => {
  it('reads the processor name, speed, identifier and vendor with blank lines between lines', () => {
    const [block] = cpu(X64_CPU);
    expect(block?.line).toBe(3);
    expect(block?.endLine).toBe(15);
    expect(block?.data).toEqual({
      mhz: 3206,
      name: 'AMD Phenom(tm) II X4 840 Processor',
      identifier: 'AMD64 Family 16 Model 5 Stepping 3',
      vendor: 'AuthenticAMD',
      line: 3,
    });
  });

  it('states the CPU and its speed when the name carries no rated speed', () => {
    const f = runText(X64_CPU).findings.find((x) => x.id === 'cpu.info');
    expect(f?.severity).toBe('info');
    expect(f?.title).toBe('AMD Phenom(tm) II X4 840 Processor at 3206 MHz');
    expect(f?.lines).toEqual([5, 13]);
  });

  it('flags a CPU running more than 5% above its rated speed', () => {
    const f = runText(OVERCLOCKED).findings.find((x) => x.id === 'cpu.overclock');
    expect(f?.severity).toBe('warning');
    expect(f?.title).toBe('Intel(R) Core(TM) i7-4770K CPU @ 3.50GHz runs at 4600 MHz, 31% above its rated 3500 MHz: probably overclocked');
  });

  it('does not flag a CPU at its rated speed', () => {
    const text = OVERCLOCKED.replace('REG_DWORD 4600', 'REG_DWORD 3492');
    const findings = runText(text).findings;
    expect(findings.some((f) => f.id === 'cpu.overclock')).toBe(false);
    expect(findings.find((f) => f.id === 'cpu.info')?.title).toBe('Intel(R) Core(TM) i7-4770K CPU @ 3.50GHz at 3492 MHz (rated 3500 MHz: not overclocked)');
  });

  it('reads the rated speed from a processor name', () => {
    expect(ratedMhz('Intel(R) Xeon(R) CPU E5-2680 v2 @ 2.80GHz')).toBe(2800);
    expect(ratedMhz('Intel(R) Pentium(R) 4 CPU @ 2400MHz')).toBe(2400);
    expect(ratedMhz('AMD Ryzen 7 3700X 8-Core Processor')).toBeUndefined();
  });

  it('keeps the basic fields of !sysinfo machineid and !sysinfo smbios', () => {
    expect(cpu(MACHINE_ID)[0]?.data.machine).toMatchObject({
      BiosVendor: 'American Megatrends Inc.',
      BiosVersion: '1303',
      SystemManufacturer: 'ASUS',
      BaseBoardProduct: 'Z87-PRO',
    });
    expect(cpu(SMBIOS)[0]?.data.machine).toEqual({
      BiosVendor: 'American Megatrends Inc.',
      BiosVersion: '1303',
      BiosReleaseDate: '05/27/2013',
      SystemManufacturer: 'ASUS',
      SystemProductName: 'All Series',
      ProcessorVersion: 'Intel(R) Core(TM) i7-4770K CPU @ 3.50GHz',
      ProcessorCurrentSpeed: '3500MHz',
    });
  });

  it('gives the same result for a CRLF copy', () => {
    expect(cpu(crlf(OVERCLOCKED))[0]?.data).toEqual(cpu(OVERCLOCKED)[0]?.data);
  });

  it('reads a forum copy with doubled lines and curly quotes', () => {
    const d = cpu(forum(OVERCLOCKED))[0]?.data;
    expect(d?.mhz).toBe(4600);
    expect(d?.line).toBe(4);
  });

  it('keeps what a truncated paste shows', () => {
    const cut = OVERCLOCKED.split('\n').slice(0, 3).join('\n');
    expect(cpu(cut)[0]?.data).toEqual({ mhz: 4600, line: 2 });
    expect(runText(cut).findings.find((f) => f.id === 'cpu.info')?.title).toBe('CPU at 4600 MHz');
  });

  it('recognises the CPU values pasted without the prompt or the section title', () => {
    expect(cpu(OVERCLOCKED.split('\n').slice(2).join('\n'))[0]?.data.name).toBe('Intel(R) Core(TM) i7-4770K CPU @ 3.50GHz');
  });

  it('rejects text that is not !sysinfo output', () => {
    expect(analyzeAlone('The CPU runs at 3.2 GHz and is not overclocked.').ok).toBe(false);
    expect(cpu('MHz = megahertz, as everybody knows.')).toHaveLength(0);
  });
});
