/** Number formatting for memory sizes and counts (fixed locale: tests and screenshots read the same). */

const NF = new Intl.NumberFormat('en-US');
const NF1 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function formatCount(n: number): string {
  return NF.format(n);
}

/** 5608549424 → "5.2 GB" (binary units, as the debugger's Kb are). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${NF.format(v)} bytes` : `${NF1.format(v)} ${units[u]}`;
}

export function formatKb(kb: number): string {
  return formatBytes(kb * 1024);
}

const NF2 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** 0.9977 → "99.8%"; near a maximum two decimals, so 0.99992 is "99.99%", never a rounded "100%". */
export function formatPercent(share: number): string {
  const pct = share * 100;
  if (pct >= 99 && pct < 100) {
    return `${NF2.format(Math.floor(pct * 100) / 100)}%`;
  }
  return `${NF1.format(pct)}%`;
}
