import type { ChannelRow } from './campaigns';
import { BLANK } from './filters';

/** The campaign table's columns that can be sorted, as they appear in the URL (u.sort). */
export const CHANNEL_SORT_KEYS = [
  'name', 'enquiries', 'applications', 'approvals', 'enquiry_to_application', 'application_to_approval',
  'median_days_to_approval', 'open', 'expected_approvals', 'spend', 'cost_per_enquiry', 'cost_per_application', 'cost_per_approval',
] as const;
export type ChannelSortKey = (typeof CHANNEL_SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';
export interface ChannelSort { key: ChannelSortKey; dir: SortDirection }

/** The table's order when nothing is chosen: most enquiries first. */
export const DEFAULT_CHANNEL_SORT: ChannelSort = { key: 'enquiries', dir: 'descending' };

/** The value a row is sorted by; null where it is not defined (always sorted last). */
function channelSortValue(r: ChannelRow, key: ChannelSortKey): number | string | null {
  switch (key) {
    case 'name': return r.name;
    case 'enquiries': return r.enquiries;
    case 'applications': return r.applications;
    case 'approvals': return r.approvals;
    case 'enquiry_to_application': return r.enquiryToApplication.rate;
    case 'application_to_approval': return r.applicationToApproval.rate;
    case 'median_days_to_approval': return r.medianDaysToApproval;
    case 'open': return r.openNow;
    case 'expected_approvals': return r.expectedApprovals.value;
    case 'spend': return r.spend;
    case 'cost_per_enquiry': return r.costPerEnquiry;
    case 'cost_per_application': return r.costPerApplication;
    case 'cost_per_approval': return r.costPerApproval;
  }
}

/** The direction a first click sorts in: names A-Z, costs and days lowest first, counts and rates highest first. */
function firstDirection(key: ChannelSortKey): SortDirection {
  return key === 'name' || key.startsWith('cost_') || key === 'median_days_to_approval' ? 'ascending' : 'descending';
}

/** The sort after activating a column's header: the other direction if it is already sorted on, else its first direction. */
export function nextSort(current: ChannelSort, key: ChannelSortKey): ChannelSort {
  if (current.key === key) return { key, dir: current.dir === 'ascending' ? 'descending' : 'ascending' };
  return { key, dir: firstDirection(key) };
}

/** "cost_per_approval:ascending" as kept in the link; anything else gives the default. */
export function parseChannelSort(text: string): ChannelSort {
  const [key, dir] = text.split(':');
  if (!(CHANNEL_SORT_KEYS as readonly string[]).includes(key)) return DEFAULT_CHANNEL_SORT;
  return { key: key as ChannelSortKey, dir: dir === 'ascending' || dir === 'descending' ? dir : firstDirection(key as ChannelSortKey) };
}

/** The link form of a sort ('' for the default, so links stay short). */
export function channelSortText(s: ChannelSort): string {
  return s.key === DEFAULT_CHANNEL_SORT.key && s.dir === DEFAULT_CHANNEL_SORT.dir ? '' : `${s.key}:${s.dir}`;
}

/**
 * Rows in the chosen order, with the blank group ("no campaign recorded") taken
 * out: it is not a campaign and is shown apart. Undefined values go last in
 * either direction; ties keep name order.
 */
export function sortChannels(rows: ChannelRow[], sort: ChannelSort): { named: ChannelRow[]; blank: ChannelRow | null } {
  const sign = sort.dir === 'ascending' ? 1 : -1;
  const named = rows.filter((r) => r.name !== BLANK).sort((a, b) => {
    const x = channelSortValue(a, sort.key);
    const y = channelSortValue(b, sort.key);
    if (x === null || y === null) return x === y ? a.name.localeCompare(b.name, 'en-GB') : x === null ? 1 : -1;
    const c = typeof x === 'string' ? x.localeCompare(y as string, 'en-GB', { sensitivity: 'base' }) : x - (y as number);
    return c !== 0 ? sign * c : a.name.localeCompare(b.name, 'en-GB');
  });
  return { named, blank: rows.find((r) => r.name === BLANK) ?? null };
}
