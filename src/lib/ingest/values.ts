/**
 * Quick value tests used only to guess what a column holds from a few
 * sample cells. Real parsing happens in DuckDB (see dates.ts).
 */

const DATE_PATTERNS = [
  /^\d{1,2}[/.-]\d{1,2}[/.-](\d{2}|\d{4})(\s+\d{1,2}:\d{2}(:\d{2})?)?$/, // 12/03/2023, 12.03.23
  /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$/, // 2023-03-12
  /^\d{1,2}[-\s][A-Za-z]{3,9}[-\s,]+\d{2,4}$/, // 12-Mar-2023, 12 March 2023
];

/** Does this cell look like a date in any format we read? */
export function looksLikeDate(value: string): boolean {
  const v = value.trim();
  return DATE_PATTERNS.some((p) => p.test(v));
}

/** Does this cell look like money ("£12,500", "12500.00")? */
export function looksLikeMoney(value: string): boolean {
  return /^[£$€]?\s*-?[\d,]+(\.\d+)?\s*$/.test(value.trim()) && /\d/.test(value);
}

/** Share of non-empty cells passing a test (0 when all empty). */
export function share(values: readonly string[], test: (v: string) => boolean): number {
  const filled = values.filter((v) => v.trim() !== '');
  return filled.length ? filled.filter(test).length / filled.length : 0;
}

/** True when no sample cell has text. */
export function allEmpty(values: readonly string[]): boolean {
  return values.every((v) => v.trim() === '');
}
