import { BLANK, type Filters } from '../funnel/filters';
import { defaultSettings, type FunnelSettings, type StageSetting } from '../funnel/settings';
import { TARGET_PARAMS, readTarget, writeTarget, type TargetKey, type Targets } from '../funnel/targets';

/** The views of the app, in navigation order. */
export const VIEWS = [
  { id: 'overview', name: 'Overview' },
  { id: 'dropoff', name: 'Drop-off' },
  { id: 'campaigns', name: 'Campaigns and sources' },
  { id: 'trends', name: 'Trends and cohorts' },
  { id: 'equality', name: 'Equality' },
  { id: 'plan', name: 'Planner' },
  { id: 'after', name: 'After approval' },
  { id: 'data', name: 'Data' },
  { id: 'report', name: 'Printable report' },
] as const;
export type ViewId = (typeof VIEWS)[number]['id'];

/** The export a link was made from, so a link opened elsewhere can say so. */
export interface SourceInfo {
  /** File names, as chosen. */
  files: string[];
  /** Enquiries loaded. */
  rows: number;
  /** Column names of the first data file (at most 60). */
  columns: string[];
}

/** Everything a link reproduces: view, filters, settings, view options and the export it came from. */
export interface ViewState {
  view: ViewId;
  filters: Filters;
  settings: FunnelSettings;
  /** Per-view choices (grouping, chosen campaigns, chart step…), as short strings. */
  ui: Record<string, string>;
  source: SourceInfo | null;
  /** Same-origin exports to open (?data=path/to/export.csv). */
  data: string[];
  /** The service's own targets (approvals a year, conversion, timeliness); absent when none set. */
  targets?: Targets;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Texts joined by "|" into one link value; a "|" or "%" inside a text is escaped. */
export function joinList(items: readonly string[]): string {
  return items.map((x) => x.replaceAll('%', '%25').replaceAll('|', '%7C')).join('|');
}

/** The texts of a joinList value (empty ones dropped). */
export function splitList(value: string): string[] {
  return value.split('|').filter(Boolean).map((x) => {
    try {
      return decodeURIComponent(x);
    } catch {
      return x; // a link written before escaping, with a stray "%"
    }
  });
}

/** Encodes view state as a query string (defaults left out, so links stay short). */
export function toSearch(st: ViewState): string {
  const p = new URLSearchParams();
  if (st.view !== 'overview') p.set('view', st.view);
  const f = st.filters;
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  // "Not recorded" goes in the link as an empty value, never as the internal "(blank)".
  const out = (v: string) => (v === BLANK ? '' : v);
  for (const c of f.campaigns ?? []) p.append('campaign', out(c));
  for (const s of f.sources ?? []) p.append('source', out(s));
  for (const [col, vals] of Object.entries(f.attributes ?? {})) for (const v of vals) p.append(`f.${col}`, out(v));
  const d = defaultSettings();
  const s = st.settings;
  if (JSON.stringify(s.stages) !== JSON.stringify(d.stages)) p.set('stages', encodeStages(s.stages));
  if (s.asOf) p.set('asof', s.asOf);
  if (s.stalledDays !== d.stalledDays) p.set('stalled', String(s.stalledDays));
  const byStage = Object.entries(s.stalledDaysByStage).map(([id, days]) => `${id}:${days}`);
  if (byStage.length) p.set('stalledby', byStage.join(','));
  if (s.panelStandardMonths !== d.panelStandardMonths) p.set('panelmonths', String(s.panelStandardMonths));
  if (s.visitStandardWorkingDays !== d.visitStandardWorkingDays) p.set('visitdays', String(s.visitStandardWorkingDays));
  if (s.setAside) p.set('setaside', '1');
  for (const [k, v] of Object.entries(st.ui)) if (v !== '') p.set(`u.${k}`, v);
  for (const [k, v] of Object.entries(st.targets ?? {})) if (v) p.set(TARGET_PARAMS[k as TargetKey].param, writeTarget(k as TargetKey, v));
  for (const d of st.data) p.append('data', d);
  if (st.source) {
    p.set('src', joinList(st.source.files));
    p.set('rows', String(st.source.rows));
    p.set('cols', joinList(st.source.columns.slice(0, 60)));
  }
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
  // An empty value is "not recorded"; links made before said "(blank)", which reads the same.
  const value = (v: string) => (v === '' ? BLANK : v);
  if (p.getAll('campaign').length) filters.campaigns = p.getAll('campaign').map(value);
  if (p.getAll('source').length) filters.sources = p.getAll('source').map(value);
  for (const [k, v] of p) {
    if (k.startsWith('f.') && k.length > 2) {
      filters.attributes ??= {};
      (filters.attributes[k.slice(2)] ??= []).push(value(v));
    }
  }
  const settings = defaultSettings();
  const stages = p.get('stages');
  if (stages) settings.stages = decodeStages(stages) ?? settings.stages;
  const asof = p.get('asof');
  if (asof && ISO.test(asof)) settings.asOf = asof;
  settings.stalledDays = posInt(p.get('stalled')) ?? settings.stalledDays;
  for (const pair of (p.get('stalledby') ?? '').split(',').slice(0, 50)) {
    const m = /^([a-z0-9_]{1,100}):(\d{1,5})$/.exec(pair);
    const days = m && posInt(m[2]);
    if (m && days) settings.stalledDaysByStage[m[1]] = days;
  }
  settings.panelStandardMonths = posInt(p.get('panelmonths')) ?? settings.panelStandardMonths;
  settings.visitStandardWorkingDays = posInt(p.get('visitdays')) ?? settings.visitStandardWorkingDays;
  settings.setAside = p.get('setaside') === '1';
  const ui: Record<string, string> = {};
  for (const [k, v] of p) if (k.startsWith('u.') && /^[a-z]{1,20}$/i.test(k.slice(2))) ui[k.slice(2)] = v.slice(0, 500);
  const src = p.get('src');
  const rows = Number(p.get('rows'));
  const source: SourceInfo | null = src
    ? { files: splitList(src).slice(0, 20), rows: Number.isInteger(rows) && rows >= 0 ? rows : 0, columns: splitList(p.get('cols') ?? '').slice(0, 60) }
    : null;
  const targets: Targets = {};
  for (const [key, { param }] of Object.entries(TARGET_PARAMS)) {
    const t = readTarget(key as TargetKey, p.get(param));
    if (t !== null) targets[key as TargetKey] = t;
  }
  return { view, filters, settings, ui, source, data: p.getAll('data').slice(0, 20), ...(Object.keys(targets).length ? { targets } : {}) };
}

function posInt(s: string | null): number | null {
  const n = s === null ? NaN : Number(s);
  return Number.isInteger(n) && n > 0 && n < 10000 ? n : null;
}

/** Stages as "id:Name" pairs, "!" before a hidden one, joined by joinList. */
function encodeStages(stages: StageSetting[]): string {
  return joinList(stages.map((s) => `${s.hidden ? '!' : ''}${s.id}:${s.name.slice(0, 200)}`));
}

function decodeStages(s: string): StageSetting[] | null {
  const out: StageSetting[] = [];
  for (const part of splitList(s)) {
    const m = /^(!?)([a-z0-9_]+):(.{1,200})$/s.exec(part);
    if (!m) return null;
    out.push({ id: m[2], name: m[3], hidden: m[1] === '!' });
  }
  return out.length >= 2 && new Set(out.map((x) => x.id)).size === out.length ? out : null;
}
