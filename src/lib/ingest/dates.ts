/**
 * UK date parsing in SQL. DuckDB's sniffer doesn't read dd/mm/yyyy, so every
 * date column is read as text and parsed here, trying UK forms before ISO.
 * Two-digit years 00-68 are read as 20xx and 69-99 as 19xx (DuckDB's %y);
 * Excel serial numbers are accepted too;
 * dates outside 1950-2100 are treated as unreadable (typos like 0023).
 */

/** Formats for values with a four-digit year (or a time after the date). */
export const DATE_FORMATS = [
  '%d/%m/%Y', '%Y-%m-%d', '%d-%m-%Y', '%d.%m.%Y', '%Y/%m/%d',
  '%d-%b-%Y', '%d %b %Y', '%d %B %Y', '%d-%B-%Y', '%d %b, %Y', '%d %B, %Y',
  '%d/%m/%Y %H:%M', '%d/%m/%Y %H:%M:%S', '%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S.%f',
  '%Y-%m-%dT%H:%M:%SZ', '%Y-%m-%dT%H:%M:%S.%fZ',
];

/** Formats for values ending in a two-digit year ("12/03/23", "12-Mar-23"). */
export const SHORT_YEAR_FORMATS = ['%d/%m/%y', '%d-%m-%y', '%d.%m.%y', '%d-%b-%y', '%d %b %y', '%d %B %y'];

/** Dates outside this range are treated as unreadable (typing errors such as 0023). */
export const PLAUSIBLE_DATES = { from: '1950-01-01', to: '2100-12-31' } as const;

/** SQL: true when `expr` (a DATE) is plausible, NULL when it is NULL. */
export function inPlausibleRange(expr: string): string {
  return `${expr} BETWEEN DATE '${PLAUSIBLE_DATES.from}' AND DATE '${PLAUSIBLE_DATES.to}'`;
}

/** SQL: `expr` (a DATE) when it is plausible, else NULL. `expr` should be a column: it is used twice. */
export function plausibleSql(expr: string): string {
  return `CASE WHEN ${inPlausibleRange(expr)} THEN ${expr} END`;
}

/**
 * SQL that is true when a text needs whitespace cleaning: leading, trailing or
 * repeated whitespace, or tabs and line breaks. Most cells need none, and this
 * test costs a fraction of the regexp_replace it guards.
 */
const NEEDS_CLEANING = `'^\\s|\\s$|\\s\\s|[\\t\\n\\r\\f\\v]'`;

/**
 * SQL defining the macros `clean_text(text) -> VARCHAR` (trimmed, runs of
 * whitespace made one space, empty as NULL), `uk_date_raw(clean text) -> DATE`
 * and `uk_date(text) -> DATE` (plausible dates only).
 *
 * The macros are written so that no costly subexpression appears twice: DuckDB
 * hoists repeated subexpressions out of CASE and evaluates them for every row,
 * which made the obvious `nullif(trim(regexp_replace(...)), '')` six times slower.
 */
export function ingestMacrosSql(): string {
  const list = (fs: string[]) => '[' + fs.map((f) => `'${f}'`).join(', ') + ']';
  return `
CREATE OR REPLACE MACRO plausible_date(d) AS ${plausibleSql('d')};
CREATE OR REPLACE MACRO uk_date_raw(v) AS CASE
  WHEN v IS NULL THEN NULL
  WHEN regexp_full_match(v, '[2-7]\\d{4}') THEN DATE '1899-12-30' + CAST(v AS INTEGER)
  WHEN regexp_full_match(v, '\\d{1,2}[/.\\- ]([A-Za-z]{3,9}|\\d{1,2})[/.\\- ]\\d{2}') THEN CAST(try_strptime(v, ${list(SHORT_YEAR_FORMATS)}) AS DATE)
  ELSE CAST(try_strptime(v, ${list(DATE_FORMATS)}) AS DATE) END;
CREATE OR REPLACE MACRO clean_text(s) AS CASE
  WHEN regexp_matches(s, ${NEEDS_CLEANING}) THEN
    CASE WHEN regexp_full_match(s, '\\s*') THEN NULL ELSE trim(regexp_replace(s, '\\s+', ' ', 'g')) END
  WHEN s = '' THEN NULL
  ELSE s END;
CREATE OR REPLACE MACRO uk_date(s) AS plausible_date(uk_date_raw(clean_text(s)));
`;
}
