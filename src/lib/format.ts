/**
 * Display formatting, en-GB: the app's one set of rules.
 * - Dates read "1 Apr 2023" (fmtDate); dates typed in are dd/mm/yyyy (fmtDateInput, parseDateInput).
 * - Counts are whole numbers with thousands separators.
 * - Percentages have one decimal under 10% and none above; "<0.1%" rather than "0.0%".
 * - Estimates (e.g. expected approvals) have one decimal under 10 and none above; zero is "0".
 * - Changes carry a sign: "+12%", "−8%".
 */

const int = new Intl.NumberFormat('en-GB');

/** 1,234 */
export function fmtInt(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : int.format(n);
}

/** 12.3% (one decimal under 10%, none above), "–" when undefined. */
export function fmtPct(r: number | null | undefined): string {
  if (r === null || r === undefined || Number.isNaN(r)) return '–';
  const p = r * 100;
  if (p > 0 && p < 0.05) return '<0.1%'; // never "0.0%" for something that happened
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

/** 2023-04-01 -> "01/04/2023", the form dates are typed in. */
export function fmtDateInput(iso: string | null | undefined): string {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return '';
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/**
 * Reads a date typed as dd/mm/yyyy (also d/m/yy, with "-", "." or spaces between,
 * or an ISO yyyy-mm-dd pasted in), whatever the browser's locale. Returns the
 * ISO date, or an error saying what is wrong in plain English.
 */
export function parseDateInput(text: string): { iso: string } | { error: string } {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const uk = /^(\d{1,2})[/.\- ]+(\d{1,2})[/.\- ]+(\d{2}|\d{4})$/.exec(t);
  const parts = iso ? [iso[3], iso[2], iso[1]] : uk ? [uk[1], uk[2], uk[3]] : null;
  if (!parts) return { error: `"${t}" is not a date: type it as day/month/year, e.g. 01/04/2023.` };
  const [d, m] = [Number(parts[0]), Number(parts[1])];
  const y = parts[2].length === 2 ? 2000 + Number(parts[2]) : Number(parts[2]);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || date.getUTCDate() !== d || date.getUTCMonth() !== m - 1) {
    return { error: `There is no ${t}: type the day first, then the month (1-12), then the year, e.g. 01/04/2023.` };
  }
  if (y < 1990 || y > 2100) return { error: `${t} is outside the years an export can hold: check the year.` };
  return { iso: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/**
 * Reads a number typed in a box: `whole` numbers (the default) or any, from
 * `min` to `max`; an empty box is null when `allowEmpty`. Otherwise an error
 * saying what to type, e.g. "Enter a whole number of days from 1 to 3,650."
 */
export function readNumberInput(
  text: string, o: { min: number; max: number; whole?: boolean; allowEmpty?: boolean; unit?: string },
): { value: number | null } | { error: string } {
  const t = text.trim();
  if (t === '' && o.allowEmpty) return { value: null };
  const n = Number(t);
  const whole = o.whole ?? true;
  if (t !== '' && Number.isFinite(n) && n >= o.min && n <= o.max && (!whole || Number.isInteger(n))) return { value: n };
  const kind = `${whole ? 'a whole number' : 'a number'}${o.unit ? ` of ${o.unit}` : ''}`;
  const range = `from ${o.min.toLocaleString('en-GB')} to ${o.max.toLocaleString('en-GB')}`;
  return { error: `Enter ${kind} ${range}${o.allowEmpty ? ', or leave it empty' : ''}.` };
}

/** An estimated count: one decimal under 10, whole above; "0" for nothing. */
export function fmtEstimate(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  const r = Math.round(n * 10) / 10;
  if (r === 0) return '0';
  return Math.abs(r) < 10 ? r.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }) : int.format(Math.round(n));
}

/** A relative change as a signed percentage: 1.12 -> "+12%", 0.92 -> "−8%". */
export function fmtChange(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–';
  const x = (ratio - 1) * 100;
  const p = Math.sign(x) * Math.round(Math.abs(x)); // halves away from zero, so a rise and a fall read alike
  return p === 0 ? 'no change' : `${p > 0 ? '+' : '−'}${Math.abs(p)}%`;
}

/** A difference of two rates in percentage points: 0.031 -> "+3.1 points". */
export function fmtPoints(diff: number | null | undefined): string {
  if (diff === null || diff === undefined || !Number.isFinite(diff)) return '–';
  const p = Math.round(diff * 1000) / 10;
  if (p === 0) return 'no change';
  return `${p > 0 ? '+' : '−'}${Math.abs(p).toFixed(Math.abs(p) < 10 ? 1 : 0)} point${Math.abs(p) === 1 ? '' : 's'}`;
}

/** A signed whole number: 12 -> "+12", -8 -> "−8". */
export function fmtSigned(n: number): string {
  const r = Math.round(n);
  return r === 0 ? '0' : `${r > 0 ? '+' : '−'}${int.format(Math.abs(r))}`;
}

/** A p-value said in a sentence, named, to three decimals: "adjusted p < 0.001", "adjusted p = 0.042" ("adjusted p: –" when none was worked out). */
export function fmtPIs(p: number | null | undefined, name = 'p'): string {
  if (p === null || p === undefined || Number.isNaN(p)) return `${name}: –`;
  return p < 0.001 ? `${name} < 0.001` : `${name} = ${p.toFixed(3)}`;
}

/** A noun phrase with "a" or "an" before it ("an initial visit", "a panel"), by its first letter. */
export function withArticle(phrase: string): string {
  return `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
}

/** Items as a sentence lists them: "A", "A and B", "A, B and C". */
export function fmtList(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : (items[0] ?? '');
}
