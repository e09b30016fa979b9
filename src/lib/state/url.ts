import type { Filters } from '../funnel/filters';
import { defaultSettings, type FunnelSettings, type StageSetting } from '../funnel/settings';

/** The views of the app, in navigation order. */
export const VIEWS = [
  { id: 'overview', name: 'Overview' },
  { id: 'dropoff', name: 'Drop-off' },
  { id: 'campaigns', name: 'Campaigns and sources' },
  { id: 'trends', name: 'Trends and cohorts' },
  { id: 'equality', name: 'Equality' },
  { id: 'data', name: 'Data' },
] as const;
export type ViewId = (typeof VIEWS)[number]['id'];

/** Everything a link reproduces: view, filters and settings. */
export interface ViewState {
  view: ViewId;
  filters: Filters;
  settings: FunnelSettings;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Encodes view state as a query string (defaults left out, so links stay short). */
export function toSearch(st: ViewState): string {
  const p = new URLSearchParams();
  if (st.view !== 'overview') p.set('view', st.view);
  const f = st.filters;
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  for (const c of f.campaigns ?? []) p.append('campaign', c);
  for (const s of f.sources ?? []) p.append('source', s);
  for (const [col, vals] of Object.entries(f.attributes ?? {})) for (const v of vals) p.append(`f.${col}`, v);
  const d = defaultSettings();
  const s = st.settings;
  if (JSON.stringify(s.stages) !== JSON.stringify(d.stages)) p.set('stages', encodeStages(s.stages));
  if (s.asOf) p.set('asof', s.asOf);
  if (s.stalledDays !== d.stalledDays) p.set('stalled', String(s.stalledDays));
  if (s.panelStandardMonths !== d.panelStandardMonths) p.set('panelmonths', String(s.panelStandardMonths));
  if (s.visitStandardWorkingDays !== d.visitStandardWorkingDays) p.set('visitdays', String(s.visitStandardWorkingDays));
  const q = p.toString();
  return q ? '?' + q : '';
}

/** Reads view state from a query string; anything unreadable falls back to defaults. */
export function fromSearch(search: string): ViewState {
  const p = new URLSearchParams(search);
  const view = VIEWS.find((v) => v.id === p.get('view'))?.id ?? 'overview';
  const filters: Filters = {};
  const from = p.get('from');
  const to = p.get('to');
  if (from && ISO.test(from)) filters.from = from;
  if (to && ISO.test(to)) filters.to = to;
  if (p.getAll('campaign').length) filters.campaigns = p.getAll('campaign');
  if (p.getAll('source').length) filters.sources = p.getAll('source');
  for (const [k, v] of p) {
    if (k.startsWith('f.')) {
      filters.attributes ??= {};
      (filters.attributes[k.slice(2)] ??= []).push(v);
    }
  }
  const settings = defaultSettings();
  const stages = p.get('stages');
  if (stages) settings.stages = decodeStages(stages) ?? settings.stages;
  const asof = p.get('asof');
  if (asof && ISO.test(asof)) settings.asOf = asof;
  settings.stalledDays = posInt(p.get('stalled')) ?? settings.stalledDays;
  settings.panelStandardMonths = posInt(p.get('panelmonths')) ?? settings.panelStandardMonths;
  settings.visitStandardWorkingDays = posInt(p.get('visitdays')) ?? settings.visitStandardWorkingDays;
  return { view, filters, settings };
}

function posInt(s: string | null): number | null {
  const n = s === null ? NaN : Number(s);
  return Number.isInteger(n) && n > 0 && n < 10000 ? n : null;
}

/** Stages as "id:Name" pairs, "!" before a hidden one, joined by "|". */
function encodeStages(stages: StageSetting[]): string {
  return stages.map((s) => `${s.hidden ? '!' : ''}${s.id}:${s.name}`).join('|');
}

function decodeStages(s: string): StageSetting[] | null {
  const out: StageSetting[] = [];
  for (const part of s.split('|')) {
    const m = /^(!?)([a-z0-9_]+):(.{1,60})$/.exec(part);
    if (!m) return null;
    out.push({ id: m[2], name: m[3], hidden: m[1] === '!' });
  }
  return out.length >= 2 && new Set(out.map((x) => x.id)).size === out.length ? out : null;
}
