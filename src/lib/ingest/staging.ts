import { ident, lit } from '../engine/sql';
import { inPlausibleRange, plausibleSql } from './dates';
import { blankRowSql, rawColumn, rawColumns, rawSource, type RawFile } from './read';

/**
 * The one pass over a file that cleans its text, parses its dates and flags
 * what the data-quality summary counts, so the summary is a scan of a few
 * booleans instead of a second parse of every date. It reads the file itself
 * (rawSource): no all-text copy of the file is ever written.
 *
 * Dates are parsed in layers so each row does the least work:
 *   1. the column's usual format (found in a sample) straight off the raw text;
 *   2. only where that gave nothing plausible, the text is cleaned, and
 *   3. tried against every format we accept (`uk_date_raw`).
 * Each layer is its own SELECT because DuckDB evaluates a subexpression that
 * appears twice for every row, even inside a CASE branch that never runs.
 */

/** Names available to the final projection of a staging pass. */
export interface StagingRefs {
  /** Cleaned text of a raw column (NULL for none). */
  text(col: string | null): string;
  /** Plausible date of a raw column (NULL for none). */
  date(col: string | null): string;
  /** The raw column's cleaned text where its usual format didn't read it (NULL elsewhere). */
  unread(col: string): string;
  /** True for a "Total" / "Grand total" line. */
  total: string;
  /** True for a row of empty cells without an id. */
  blank: string;
}

/** Flag columns a staged table carries for the quality summary (excluded from the model), besides the per-column ones named in schema.ts. */
export const FLAG_COLUMNS = ['_total', '_blank'] as const;

/** SQL: true when a (cleaned) text starts a "Total", "Subtotal" or "Grand total" line. */
export function totalLineSql(text: string): string {
  return `coalesce(regexp_matches(${text}, '^(?i)(grand )?(sub)?totals?\\b'), false)`;
}

/** Shapes of date text and the format that reads each, most common first. */
const DATE_SHAPES: [RegExp, string][] = [
  [/^\d{1,2}\/\d{1,2}\/\d{4}$/, '%d/%m/%Y'],
  [/^\d{4}-\d{1,2}-\d{1,2}$/, '%Y-%m-%d'],
  [/^\d{1,2}-\d{1,2}-\d{4}$/, '%d-%m-%Y'],
  [/^\d{1,2}\.\d{1,2}\.\d{4}$/, '%d.%m.%Y'],
  [/^\d{4}\/\d{1,2}\/\d{1,2}$/, '%Y/%m/%d'],
  [/^\d{1,2}-[a-z]{3}-\d{4}$/i, '%d-%b-%Y'],
  [/^\d{1,2} [a-z]{3} \d{4}$/i, '%d %b %Y'],
  [/^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}$/, '%d/%m/%Y %H:%M'],
  [/^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}:\d{2}$/, '%d/%m/%Y %H:%M:%S'],
  [/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, '%Y-%m-%d %H:%M:%S'],
  [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, '%Y-%m-%dT%H:%M:%S'],
];

/**
 * The usual date format of each column, judged from the sniffed sample rows:
 * the format whose shape most values have ('%d/%m/%Y' when none do). It is only
 * the first format tried; anything it doesn't read goes through every format.
 */
export function usualDateFormats(raw: RawFile, cols: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of cols) {
    const at = raw.columns.indexOf(c);
    const counts = new Map<string, number>();
    for (const row of raw.dialect.sample) {
      const v = (row[at] ?? '').trim();
      const shape = v ? DATE_SHAPES.find(([re]) => re.test(v)) : undefined;
      if (shape) counts.set(shape[1], (counts.get(shape[1]) ?? 0) + 1);
    }
    out[c] = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '%d/%m/%Y';
  }
  return out;
}

/**
 * SQL for one staging pass over `raw`: the final SELECT list comes from
 * `project`, given references to cleaned text, parsed dates and flags.
 * `idCol` names the id column (for blank and total lines). `from` is what is
 * read: the file itself unless a table of the same all-text columns is given.
 * Rows come out in the order they are read, so a table written from this
 * numbers them in file order (its rowid): no row number is worked out here,
 * as numbering rows as they are read costs a copy of them all.
 */
export function stagingSql(
  raw: RawFile,
  idCol: string,
  textCols: readonly string[],
  dateCols: readonly string[],
  formats: Readonly<Record<string, string>>,
  project: (r: StagingRefs) => string[],
  from = rawSource(raw),
): string {
  const first = raw.columns[0];
  const col = (c: string) => rawColumn(raw, c);
  const texts = [...new Set([idCol, first, ...textCols])];
  const dates = [...new Set(dateCols)];
  const t = (c: string) => ident('t' + texts.indexOf(c));
  const [f, r, cl, p] = ['f', 'r', 'c', 'p'].map((x) => (c: string) => ident(x + dates.indexOf(c)));
  const fastOk = (c: string) => inPlausibleRange(f(c));
  // A column the scan found clean reads the same without clean_text (cleanColumns.ts), and far quicker.
  const cleaned = (c: string) => (raw.clean?.[raw.columns.indexOf(c)] ? col(c) : `clean_text(${col(c)})`);

  const layer1 = [
    ...texts.map((c) => `${cleaned(c)} AS ${t(c)}`),
    ...dates.flatMap((c) => [`CAST(try_strptime(${col(c)}, ${lit(formats[c] ?? '%d/%m/%Y')}) AS DATE) AS ${f(c)}`, `${col(c)} AS ${r(c)}`]),
    `CASE WHEN ${cleaned(idCol)} IS NULL THEN ${blankRowSql(rawColumns(raw))} ELSE false END AS _blank`,
  ];
  const layer2 = [
    '*',
    ...dates.map((c) => `CASE WHEN ${fastOk(c)} THEN NULL ELSE clean_text(${r(c)}) END AS ${cl(c)}`),
    `${totalLineSql(`coalesce(${t(idCol)}, ${t(first)}, '')`)} AS _total`,
  ];
  const layer3 = ['*', ...dates.map((c) => `CASE WHEN ${fastOk(c)} THEN ${f(c)} WHEN ${cl(c)} IS NULL THEN NULL ELSE uk_date_raw(${cl(c)}) END AS ${p(c)}`)];
  const refs: StagingRefs = {
    text: (c) => (c ? t(c) : 'NULL::VARCHAR'),
    date: (c) => (c ? plausibleSql(p(c)) : 'NULL::DATE'),
    unread: (c) => cl(c),
    total: '_total',
    blank: '_blank',
  };
  return `SELECT ${project(refs).join(',\n    ')}
    FROM (SELECT ${layer3.join(', ')}
      FROM (SELECT ${layer2.join(', ')}
        FROM (SELECT ${layer1.join(', ')} FROM ${from})))`;
}
