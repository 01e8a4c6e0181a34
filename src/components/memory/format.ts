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

/** 0.9977 → "99.8%". */
export function formatPercent(share: number): string {
  return `${NF1.format(share * 100)}%`;
}
