import type { MetricParams, MetricSpec } from '../coordinator/metric';
import { id, joinSql, raw, sql, type SqlFragment } from '../engine/sql';
import { whereSql } from './filters';
import { visibleStageDateColumn } from '../schema';
import { reasonCategorySql, type ReasonOverrides } from './reasons';
import { SET_ASIDE } from './setAside';
import { visibleStages } from './settings';

/**
 * Which enquiries to list: those whose furthest stage is `stage`, optionally
 * only left/open, or one exit category; or (`setAside`, `stage` empty) those
 * set aside as duplicates or kinship redirects, at every stage.
 */
export interface DrillSelection {
  stage: string;
  outcome?: 'left' | 'open' | 'approved';
  category?: string;
  setAside?: true;
}

/** The selection of the enquiries set aside (see setAside.ts). */
export const SET_ASIDE_SELECTION: DrillSelection = { stage: '', setAside: true };
const SET_ASIDE_KEY = 'set-aside';

/** A selection as one short string for the URL: "panel", "panel~AW1", "panel@open", "set-aside". */
export function drillKey(sel: DrillSelection): string {
  if (sel.setAside) return SET_ASIDE_KEY;
  if (sel.category) return `${sel.stage}~${sel.category}`;
  return sel.outcome && sel.outcome !== 'left' ? `${sel.stage}@${sel.outcome}` : sel.stage;
}

/** The selection a drillKey names, or null for an empty or malformed key. */
export function parseDrillKey(key: string): DrillSelection | null {
  if (key === SET_ASIDE_KEY) return SET_ASIDE_SELECTION;
  const m = /^([\w-]{1,40})(?:~([A-Z0-9_]{1,20})|@(left|open|approved))?$/.exec(key);
  if (!m) return null;
  if (m[2]) return { stage: m[1], category: m[2] };
  return { stage: m[1], outcome: (m[3] as DrillSelection['outcome']) ?? 'left' };
}

export interface DrillRow {
  id: string;
  enquiry_date: string;
  furthest: string;
  outcome: string;
  status: string | null;
  reason: string | null;
  category: string | null;
  exit_date: string | null;
  campaign: string | null;
  source: string | null;
  /** Visible stage id -> ISO date or null. */
  dates: Record<string, string | null>;
}

/** Which enquiries to list (the selection), with the reason overrides; the list is cut at `limit` (5,000 unless given). */
export interface DrillParams extends MetricParams {
  selection: DrillSelection;
  overrides?: ReasonOverrides;
  limit?: number;
}

/** The result column holding a stage's date. */
const dateAlias = (stageId: string) => 'date_' + stageId;

/** The enquiries behind a bar or a reason, for follow-up calls (ids, dates, reason, campaign, source). */
export const drillMetric: MetricSpec<DrillParams, DrillRow[]> = {
  name: 'drill',
  what: 'the list of enquiries',
  sql({ settings, filters, selection: sel, overrides, limit = 5000 }): Record<string, SqlFragment | string> {
    const stages = visibleStages(settings);
    const idx = stages.findIndex((x) => x.id === sel.stage);
    if (idx < 0 && !sel.setAside) return {};
    const category = raw(reasonCategorySql(sel.setAside ? settings.setAsideOverrides : overrides));
    const conds = [raw(whereSql(filters)), sel.setAside ? sql`TRUE` : sql`furthest = ${idx}`];
    if (sel.outcome) conds.push(sql`outcome = ${sel.outcome}`);
    if (sel.category) conds.push(sql`outcome = 'left' AND ${category} = ${sel.category}`);
    const dates = stages.map((st) => sql`strftime(${raw(visibleStageDateColumn(st.id))}, '%Y-%m-%d') AS ${id(dateAlias(st.id))}`);
    return {
      enquiries: sql`SELECT id, strftime(enquiry_date, '%Y-%m-%d') AS enquiry_date, furthest, outcome, status, reason,
          CASE WHEN outcome = 'left' THEN ${category} END AS category,
          strftime(exit_date, '%Y-%m-%d') AS exit_date, campaign, source, ${joinSql(dates)}
        FROM ${raw(sel.setAside ? SET_ASIDE : 'journeys')} WHERE ${joinSql(conds, ' AND ')} ORDER BY enquiry_date, id LIMIT ${limit}`,
    };
  },
  shape(rows, { settings }) {
    const stages = visibleStages(settings);
    return ((rows.enquiries ?? []) as (Record<string, string | null> & { furthest: number })[]).map((r) => ({
      id: r.id!, enquiry_date: r.enquiry_date!, furthest: stages[r.furthest].id, outcome: r.outcome!, status: r.status, reason: r.reason,
      category: r.category, exit_date: r.exit_date, campaign: r.campaign, source: r.source,
      dates: Object.fromEntries(stages.map((st) => [st.id, r[dateAlias(st.id)]])),
    }));
  },
};
