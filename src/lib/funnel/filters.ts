import { lit, litDate } from '../engine/sql';
import { attributeColumn } from '../schema';

/** Marker for "no value" in filters (a blank campaign, source or attribute). */
export const BLANK = '(blank)';

/** The filters a user has set; every metric applies them. */
export interface Filters {
  /** Enquiry date range, ISO, inclusive. */
  from?: string | null;
  to?: string | null;
  campaigns?: string[];
  sources?: string[];
  /** Attribute column (as in the export) -> allowed values. */
  attributes?: Record<string, string[]>;
}

/** True when the filters keep exactly one value of the attribute `column` (e.g. one service of a hub). */
export function keepsOneValue(filters: Filters | undefined, column: string): boolean {
  return filters?.attributes?.[column]?.length === 1;
}

function inList(expr: string, values: string[]): string {
  const real = values.filter((v) => v !== BLANK);
  const parts: string[] = [];
  if (real.length) parts.push(`${expr} IN (${real.map(lit).join(', ')})`);
  if (values.includes(BLANK)) parts.push(`${expr} IS NULL`);
  return parts.length ? `(${parts.join(' OR ')})` : 'FALSE';
}

/**
 * Whether the filters limit enquiry dates. Spend carries no dates, so no cost
 * can be set against a date range's enquiries: costs are left out under one.
 */
export function hasDateFilter(f: Filters | undefined): boolean {
  return !!(f?.from || f?.to);
}

/** SQL boolean over `journeys` columns for the filters ("TRUE" when none). */
export function whereSql(f: Filters | undefined): string {
  if (!f) return 'TRUE';
  const parts: string[] = [];
  if (f.from) parts.push(`enquiry_date >= ${litDate(f.from)}`);
  if (f.to) parts.push(`enquiry_date <= ${litDate(f.to)}`);
  if (f.campaigns?.length) parts.push(inList('campaign', f.campaigns));
  if (f.sources?.length) parts.push(inList('source', f.sources));
  for (const [col, values] of Object.entries(f.attributes ?? {})) {
    if (values.length) parts.push(inList(attributeColumn(col), values));
  }
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

/** True when any filter is set. */
export function hasFilters(f: Filters | undefined): boolean {
  return whereSql(f) !== 'TRUE';
}
