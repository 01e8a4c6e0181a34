/**
 * `!sysinfo cpuinfo` (processor registry values), and the basic fields of
 * `!sysinfo machineid` and `!sysinfo smbios`.
 * Reference: https://learn.microsoft.com/windows-hardware/drivers/debuggercmds/-sysinfo
 *
 * Samples (shortened):
 *   [CPU Information]
 *   ~MHz = REG_DWORD 3206
 *   Identifier = REG_SZ AMD64 Family 16 Model 5 Stepping 3
 *   ProcessorNameString = REG_SZ AMD Phenom(tm) II X4 840 Processor
 *   VendorIdentifier = REG_SZ AuthenticAMD
 *
 *   Machine ID Information [From Smbios 2.7, DMIVersion 39, Size=4276]
 *   BiosVendor = American Megatrends Inc.
 *   SystemProductName = All Series
 *
 *   [BIOS Information (Type 0) - Length 24 - Handle 0000h]
 *     Vendor                        American Megatrends Inc.
 *
 * When the processor name carries its rated speed ("@ 3.40GHz") and the
 * measured ~MHz is more than 5% above it, the CPU is probably overclocked,
 * a common cause of 0x124 and 0x101 crashes.
 */
import type { Analyzer, CpuInfoData, Finding } from '../types';

/**
 * Blank lines in a row that still continue a block: forum copies double-space
 * output, sometimes twice over, and trim it with gaps.
 */
const MAX_BLANKS = 8;

/** Measured speed above rated speed by more than this share counts as overclocked. */
const OVERCLOCK_MARGIN = 0.05;

const CPU_HEADER = /^\s*\[CPU Information\]/i;
const MACHINE_HEADER = /^\s*Machine ID Information\b/i;
const SMBIOS_HEADER = /^\s*\[SMBIOS Data Tables\b/i;
// "~MHz = REG_DWORD 3206", "Identifier = REG_SZ AMD64 …". group 1 name, 2 type, 3 value.
const REG_VALUE = /^\s*(~?[A-Za-z][A-Za-z0-9 ]{0,40}?)\s*=\s*(REG_[A-Z_]+)\s*(.*)$/;
// "BiosVendor = American Megatrends Inc." group 1 key, 2 value.
const KEY_VALUE = /^\s*([A-Za-z][A-Za-z0-9]{1,40})\s*=\s*(.*)$/;
// SMBIOS table header "[BIOS Information (Type 0) - Length 24 - Handle 0000h]". group 1 table name.
const SMBIOS_TABLE = /^\s*\[([A-Za-z ]+?)(?: Information)?\s*\(Type \d+\)/i;
// SMBIOS field "  Vendor                        American Megatrends Inc." group 1 key, 2 value.
const SMBIOS_FIELD = /^\s+([A-Za-z][A-Za-z ]{1,30}?)\s{2,}(\S.*)$/;
const SMBIOS_KEEP: Record<string, Record<string, string>> = {
  bios: { vendor: 'BiosVendor', 'bios version': 'BiosVersion', 'bios release date': 'BiosReleaseDate' },
  system: { manufacturer: 'SystemManufacturer', 'product name': 'SystemProductName' },
  baseboard: { manufacturer: 'BaseBoardManufacturer', product: 'BaseBoardProduct' },
  'base board': { manufacturer: 'BaseBoardManufacturer', product: 'BaseBoardProduct' },
  processor: {
    version: 'ProcessorVersion',
    'processor version': 'ProcessorVersion',
    'current speed': 'ProcessorCurrentSpeed',
    'max speed': 'ProcessorMaxSpeed',
  },
};

/** Rated speed in MHz printed in a processor name ("… CPU @ 3.40GHz"), if any. */
export function ratedMhz(name: string): number | undefined {
  const ghz = /@\s*(\d+(?:\.\d+)?)\s*GHz/i.exec(name);
  if (ghz) {
    return Math.round(Number(ghz[1]) * 1000);
  }
  const mhz = /@\s*(\d{3,4})\s*MHz/i.exec(name);
  return mhz ? Number(mhz[1]) : undefined;
}

function findingsFor(d: CpuInfoData, lines: number[]): Finding[] {
  if (d.mhz === undefined && d.name === undefined) {
    return [];
  }
  const name = d.name ?? 'CPU';
  const rated = d.name !== undefined ? ratedMhz(d.name) : undefined;
  if (d.mhz !== undefined && rated !== undefined && rated > 0) {
    const over = d.mhz / rated - 1;
    if (over > OVERCLOCK_MARGIN) {
      return [
        {
          id: 'cpu.overclock',
          severity: 'warning',
          title: `${name} runs at ${d.mhz} MHz, ${Math.round(over * 100)}% above its rated ${rated} MHz: probably overclocked`,
          detail: 'Overclocking is a frequent cause of machine-check (0x124) and clock-watchdog (0x101) crashes; reset the firmware settings to defaults before blaming a driver.',
          lines,
        },
      ];
    }
    return [{ id: 'cpu.info', severity: 'info', title: `${name} at ${d.mhz} MHz (rated ${rated} MHz: not overclocked)`, lines }];
  }
  const speed = d.mhz !== undefined ? ` at ${d.mhz} MHz` : '';
  return [{ id: 'cpu.info', severity: 'info', title: `${name}${speed}`, lines }];
}

/** `!sysinfo cpuinfo|machineid|smbios` → CpuInfoData; findings `cpu.info` / `cpu.overclock`. */
export const sysinfoAnalyzer: Analyzer<'sysinfo'> = {
  id: 'sysinfo',
  commands: ['!sysinfo'],
  startsAt(source, i, owned) {
    const text = source.lines[i] as string;
    if (CPU_HEADER.test(text) || MACHINE_HEADER.test(text) || SMBIOS_HEADER.test(text) || /^\s*~MHz\s*=\s*REG_DWORD/i.test(text)) {
      return true;
    }
    return owned && (REG_VALUE.test(text) || KEY_VALUE.test(text) || SMBIOS_TABLE.test(text));
  },
  analyze(start, ctx) {
    const d: CpuInfoData = { line: start + 1 };
    const machine: Record<string, string> = {};
    const cpuLines: number[] = [];
    let table = '';
    let end = start;
    let blanks = 0;
    let read = 0;
    for (let i = start; i < ctx.limit; i++) {
      const text = ctx.source.lines[i] as string;
      if (text.trim() === '') {
        if (++blanks > MAX_BLANKS) {
          break;
        }
        continue;
      }
      blanks = 0;
      if (text.length > 500) {
        break;
      }
      const t = SMBIOS_TABLE.exec(text);
      if (t) {
        table = (t[1] as string).trim().toLowerCase();
        end = i + 1;
        continue;
      }
      if (CPU_HEADER.test(text) || MACHINE_HEADER.test(text) || SMBIOS_HEADER.test(text) || /^\s*\[[^\]]{1,80}\]\s*$/.test(text)) {
        table = '';
        end = i + 1;
        continue;
      }
      const reg = REG_VALUE.exec(text);
      if (reg) {
        const key = (reg[1] as string).trim().toLowerCase();
        const value = (reg[3] as string).trim();
        if (key === '~mhz') {
          const v = /^(?:0x([0-9a-f]+)|(\d+))$/i.exec(value);
          if (v) {
            d.mhz = v[1] !== undefined ? Number.parseInt(v[1], 16) : Number(v[2]);
            cpuLines.push(i + 1);
          }
        } else if (key === 'processornamestring') {
          d.name = value.replace(/\s{2,}/g, ' ');
          cpuLines.push(i + 1);
        } else if (key === 'identifier') {
          d.identifier = value;
        } else if (key === 'vendoridentifier') {
          d.vendor = value;
        }
        read++;
        end = i + 1;
        continue;
      }
      const kv = KEY_VALUE.exec(text);
      if (kv) {
        machine[kv[1] as string] = (kv[2] as string).trim();
        read++;
        end = i + 1;
        continue;
      }
      // Inside an SMBIOS table every indented line belongs to it; a few are kept.
      if (table !== '' && /^\s/.test(text)) {
        const field = SMBIOS_FIELD.exec(text);
        const keep = field ? SMBIOS_KEEP[table]?.[(field[1] as string).trim().toLowerCase()] : undefined;
        if (field && keep !== undefined) {
          machine[keep] = (field[2] as string).trim();
        }
        read++;
        end = i + 1;
        continue;
      }
      break;
    }
    if (read === 0) {
      return { ok: false, reason: 'no !sysinfo values recognised', end: Math.max(end, start + 1) };
    }
    if (Object.keys(machine).length > 0) {
      d.machine = machine;
    }
    return { ok: true, data: d, findings: findingsFor(d, cpuLines.length > 0 ? cpuLines : [start + 1]), end };
  },
};
