/**
 * How the debugger prints numbers and times, for the derived text:
 * addresses as `fffff804`8b58334c` (64-bit, with the backtick) or `8b58334c`,
 * link timestamps as `Tue Dec 10 03:40:07 2019 (5DEF1B37)`, the crash time as
 * `Sun Feb 21 01:38:22.000 2021 (UTC + 0:00)`. Times are UTC: the dump records
 * them so, and the reader has no time zone (no Date object, no clock).
 */

/** A pointer-sized value as the debugger prints it: 16 digits with a backtick, or 8. */
export function addr(value: bigint, is64: boolean): string {
  if (!is64) {
    return (value & 0xffffffffn).toString(16).padStart(8, '0');
  }
  const s = (value & 0xffffffffffffffffn).toString(16).padStart(16, '0');
  return `${s.slice(0, 8)}\`${s.slice(8)}`;
}

/** A register value as `r` prints it: 16 or 8 digits, no backtick. */
export function reg(value: bigint, is64: boolean): string {
  return is64 ? (value & 0xffffffffffffffffn).toString(16).padStart(16, '0') : (value & 0xffffffffn).toString(16).padStart(8, '0');
}

/** A 32-bit value as 8 hex digits. */
export function hex8(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

/** `0x` and lower-case hex, no leading zeros. */
export function hex(value: bigint | number): string {
  return `0x${value.toString(16)}`;
}

/** 1234567 → "1,234,567" (no locale: the output must not depend on the machine). */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const DAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Days since 1970-01-01 → [year, month 1–12, day] (proleptic Gregorian, civil-from-days). */
function civil(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const two = (n: number) => String(n).padStart(2, '0');

/** Seconds since 1970 (UTC) → `Tue Dec 10 03:40:07 2019`, with `.mmm` after the seconds when `ms` is given. */
export function formatTime(seconds: number, ms?: number): string {
  const days = Math.floor(seconds / 86400);
  const rest = seconds - days * 86400;
  const [y, m, d] = civil(days);
  const time = `${two(Math.floor(rest / 3600))}:${two(Math.floor((rest % 3600) / 60))}:${two(rest % 60)}${ms !== undefined ? `.${String(ms).padStart(3, '0')}` : ''}`;
  const dow = DAYS[((days % 7) + 7) % 7] as string;
  return `${dow} ${MONTHS[m - 1] as string} ${two(d)} ${time} ${y}`;
}

/** Seconds since 1970 (UTC) → `2021-02-21 01:38:22 UTC`. */
export function formatIsoTime(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const rest = seconds - days * 86400;
  const [y, m, d] = civil(days);
  return `${y}-${two(m)}-${two(d)} ${two(Math.floor(rest / 3600))}:${two(Math.floor((rest % 3600) / 60))}:${two(rest % 60)} UTC`;
}

/** A link timestamp as `lm t` prints it: `Tue Dec 10 03:40:07 2019 (5DEF1B37)`. */
export function formatLinkTime(timestamp: number): string {
  return `${formatTime(timestamp)} (${hex8(timestamp).toUpperCase()})`;
}

/** 100 ns intervals between 1601-01-01 and 1970-01-01. */
const FILETIME_1970 = 116444736000000000n;

/** A FILETIME → seconds since 1970, or null when before 1970 or absurdly late. */
export function fileTimeSeconds(ft: bigint): number | null {
  if (ft < FILETIME_1970 || ft > FILETIME_1970 + 253402300799n * 10000000n) {
    return null;
  }
  return Number((ft - FILETIME_1970) / 10000000n);
}

/** A FILETIME → `Sun Feb 21 01:38:22.000 2021 (UTC + 0:00)`, or null when out of range. */
export function formatFileTime(ft: bigint): string | null {
  if (ft < FILETIME_1970 || ft > FILETIME_1970 + 253402300799n * 10000000n) {
    return null;
  }
  const since = ft - FILETIME_1970;
  const seconds = Number(since / 10000000n);
  const ms = Number((since % 10000000n) / 10000n);
  return `${formatTime(seconds, ms)} (UTC + 0:00)`;
}

/** 100 ns units → `0 days 2:27:03.716`, as `System Uptime:` prints it; null beyond 100 years. */
export function formatUptime(units: bigint): string | null {
  if (units < 0n || units > 100n * 365n * 86400n * 10000000n) {
    return null;
  }
  const totalMs = Number(units / 10000n);
  const days = Math.floor(totalMs / 86400000);
  const rest = totalMs - days * 86400000;
  const h = Math.floor(rest / 3600000);
  const m = Math.floor((rest % 3600000) / 60000);
  const s = Math.floor((rest % 60000) / 1000);
  return `${days} days ${h}:${two(m)}:${two(s)}.${String(rest % 1000).padStart(3, '0')}`;
}
