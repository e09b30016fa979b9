/**
 * Quoting helpers: every user-supplied name or value that reaches SQL goes
 * through one of these, never string pasting.
 */

/** Quotes an identifier (column or table name) for DuckDB. */
export function ident(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"';
}

/** Quotes a value as a SQL literal: strings, numbers, booleans, null. */
export function lit(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot use ${value} in SQL`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return "'" + value.replaceAll("'", "''") + "'";
}

/** A SQL list literal, e.g. `('a', 'b')`; `(NULL)` when empty so `IN` stays valid. */
export function litList(values: readonly (string | number)[]): string {
  return values.length ? '(' + values.map(lit).join(', ') + ')' : '(NULL)';
}

/** Quotes an ISO date (YYYY-MM-DD) as a DuckDB DATE literal, refusing anything else. */
export function litDate(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`Not an ISO date: ${iso}`);
  return `DATE ${lit(iso)}`;
}
