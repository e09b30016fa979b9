import type { MetricParams, MetricSpec } from '../coordinator/metric';
import { id, litDate, raw, sql } from '../engine/sql';
import { countedFrom, cubesSql, groupFromCubes } from './cube';

/** A value of a column and how many enquiries have it (null: not recorded). */
export interface ValueCount {
  value: string | null;
  n: number;
}

/** Which `journeys` column to list (e.g. `campaign`, or an attribute's column). */
export interface ColumnValuesParams extends MetricParams {
  column: string;
}

/** Most values a filter menu lists. */
const MAX_VALUES = 500;

/**
 * The distinct values of a `journeys` column with their counts, most common
 * first (ties in order of value), for filter menus. Over all the data: the
 * menus offer every value whatever the other filters are. Campaigns and
 * sources are counted from the counts cube once it is written (cube.ts), a
 * sum over a few thousand rows instead of a scan (70 ms each at a million
 * enquiries, when the first view is drawn).
 */
export const columnValuesMetric: MetricSpec<ColumnValuesParams, ValueCount[]> = {
  name: 'columnValues',
  what: 'the values to filter by',
  prepare: ({ settings, column }, facts) => (groupFromCubes(column, undefined, facts) ? cubesSql(settings) : []),
  sql: ({ column }, facts) => {
    const { from, n } = countedFrom(groupFromCubes(column, undefined, facts));
    return { values: sql`SELECT ${id(column)} AS value, ${n}::INTEGER AS n FROM ${from} GROUP BY 1 ORDER BY n DESC, value NULLS LAST LIMIT ${MAX_VALUES}` };
  },
  shape: (rows) => rows.values as unknown as ValueCount[],
};

/**
 * Whether a column's values pick out single people (names, emails, notes)
 * rather than groups: more than 20 values, most of them held by one enquiry
 * each. Such a column is not offered as a filter: its value would go into
 * the address, links, summaries and printed papers.
 */
export function identifiesPeople(values: readonly ValueCount[]): boolean {
  return values.length > 20 && values.filter((v) => v.value !== null && v.n === 1).length * 2 > values.length;
}

/** First and last enquiry dates (ISO); null when there are no enquiries. */
export interface EnquiryRange {
  first: string | null;
  last: string | null;
}

/**
 * The first and last enquiry dates of the loaded data, up to the date the
 * figures are as at (filters do not apply): an enquiry dated after it, a
 * typing error, would stretch the year menu and windows to it.
 */
export const enquiryRangeMetric: MetricSpec<MetricParams, EnquiryRange> = {
  name: 'enquiryRange',
  what: 'the range of enquiry dates',
  sql: (_, { asOf }) => ({
    range: sql`SELECT strftime(min(enquiry_date), '%Y-%m-%d') AS first, strftime(max(enquiry_date), '%Y-%m-%d') AS last FROM journeys${raw(asOf ? ` WHERE enquiry_date <= ${litDate(asOf)}` : '')}`,
  }),
  shape: (rows) => {
    const r = rows.range[0] ?? {};
    return { first: (r.first as string | null) ?? null, last: (r.last as string | null) ?? null };
  },
};

/**
 * The as-of date in force for the settings (ISO): the date set on the Data
 * page, else the export's date. Known once `journeys` is built, so no query.
 */
export const asOfMetric: MetricSpec<MetricParams, string> = {
  name: 'asOf',
  what: 'the as-of date',
  sql: () => ({}),
  shape: (_rows, _params, { asOf }) => asOf,
};
