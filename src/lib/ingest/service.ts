import { hasAny, words } from './normalise';

/**
 * The fostering service each enquiry belongs to, for regional hubs that load
 * several services' exports together. A column naming the service wins; with
 * none, each file's name stands for its service, so "bristol-enquiries-2024.csv"
 * and "North Somerset export.csv" are two services while "2022.csv" and
 * "2023.csv" (two yearly exports of one service) are one.
 */

/** The attribute every view splits and filters by when the service comes from file names. */
export const SERVICE_ATTRIBUTE = 'Service';

const SERVICE_PHRASES = ['service', 'fostering service', 'local authority', 'council', 'la name', 'agency name', 'organisation', 'organization', 'hub member'];
/** Words a service column's name may carry besides its phrase ("Council name", "Local authority (LA)"). */
const SERVICE_FILLER = new Set(['name', 'the', 'of', 'fostering', 'la', 'provider', 'member', 'hub', 'agency', 'local', 'authority', 'service', 'council', 'organisation', 'organization']);

/**
 * True for a column that names the service (e.g. "Service", "Local authority",
 * "Council name"): its name is the phrase and nothing else of substance, so
 * "Council tax band", "Referring organisation" or "Previous fostering
 * service" are not taken for it.
 */
export function isServiceColumn(name: string): boolean {
  const ws = words(name);
  return hasAny(ws, SERVICE_PHRASES) && ws.every((w) => SERVICE_FILLER.has(w));
}

/** Words in export file names that say nothing about whose export it is. */
const NOISE = new Set([
  'export', 'exports', 'enquiry', 'enquiries', 'fostering', 'foster', 'recruitment', 'report', 'data', 'extract', 'csv',
  'xlsx', 'xls', 'final', 'copy', 'all', 'records', 'list', 'funnel', 'crm', 'case', 'v', 'version', 'to',
  'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'q1', 'q2', 'q3', 'q4', 'fy', 'year', 'yearly', 'monthly', 'annual', 'sample', 'hub', 'synthetic', 'test',
  'old', 'new', 'archive', 'archived', 'current', 'latest', 'previous', 'part', 'wide', 'log', 'events', 'event',
  'milestones', 'milestone', 'status', 'statuses', 'stage', 'stages', 'closed', 'open', 'live', 'historic', 'history',
]);

/**
 * A service name from a file name: the extension, dates, numbers and words such
 * as "export" or "enquiries" dropped; "" when nothing is left ("2023.csv").
 */
export function serviceFromFileName(fileName: string): string {
  const base = fileName.replace(/\.[a-z0-9]{1,5}$/i, '');
  const kept = base
    .split(/[^\p{L}\p{N}&']+/u)
    .filter((w) => w && !/\d/.test(w) && !NOISE.has(w.toLowerCase()));
  return kept.map((w) => (w === w.toLowerCase() ? w[0].toUpperCase() + w.slice(1) : w)).join(' ');
}

/**
 * Each file's service, or null for every file when they are all one service:
 * a name set by the user wins, then the file's name. Two or more different
 * names make a hub.
 */
export function fileServices(fileNames: readonly string[], chosen: readonly (string | null | undefined)[] = []): (string | null)[] {
  const names = fileNames.map((f, i) => (chosen[i]?.trim() || serviceFromFileName(f) || ''));
  const distinct = new Set(names);
  if (distinct.size < 2) return fileNames.map(() => null);
  return names.map((n, i) => n || fileNames[i]);
}

/** The column every view splits and filters services by: the one made from file names, else one naming the service; null when none. */
export function serviceColumn(attributes: readonly string[]): string | null {
  return attributes.find((a) => a === SERVICE_ATTRIBUTE) ?? attributes.find(isServiceColumn) ?? null;
}
