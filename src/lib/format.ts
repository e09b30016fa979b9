/** Display formatting, en-GB. */

const int = new Intl.NumberFormat('en-GB');

/** 1,234 */
export function fmtInt(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : int.format(n);
}

/** 12.3% (one decimal under 10%, none above), "–" when undefined. */
export function fmtPct(r: number | null | undefined): string {
  if (r === null || r === undefined || Number.isNaN(r)) return '–';
  const p = r * 100;
  return (p < 10 && p > 0 ? p.toFixed(1) : Math.round(p).toString()) + '%';
}

/** "12.3% (95% CI 10.1–14.9%)" style interval text. */
export function fmtInterval(low: number | null, high: number | null): string {
  return low === null || high === null ? '' : `${fmtPct(low)}–${fmtPct(high)}`;
}

/** Days as "45 days". */
export function fmtDays(d: number | null | undefined): string {
  return d === null || d === undefined ? '–' : `${Math.round(d)} day${Math.round(d) === 1 ? '' : 's'}`;
}

/** 2023-04-01 -> "1 Apr 2023". */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso + 'T00:00:00Z');
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** £12,500 */
export function fmtMoney(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : '£' + int.format(Math.round(n));
}
