import type { Engine } from '../engine/engine';
import { lit } from '../engine/sql';
import { whereSql, type Filters } from './filters';
import { dateCol } from './journeys';
import { reasonCategorySql, type ReasonOverrides } from './reasons';
import { visibleStages, type FunnelSettings } from './settings';

/** Which enquiries to list: those whose furthest stage is `stage`, optionally only left/open, or one exit category. */
export interface DrillSelection {
  stage: string;
  outcome?: 'left' | 'open' | 'approved';
  category?: string;
}

/** A selection as one short string for the URL: "panel", "panel~AW1", "panel@open". */
export function drillKey(sel: DrillSelection): string {
  if (sel.category) return `${sel.stage}~${sel.category}`;
  return sel.outcome && sel.outcome !== 'left' ? `${sel.stage}@${sel.outcome}` : sel.stage;
}

/** The selection a drillKey names, or null for an empty or malformed key. */
export function parseDrillKey(key: string): DrillSelection | null {
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

/** The enquiries behind a bar or a reason, for follow-up calls (ids, dates, reason, campaign, source). */
export async function drillDown(engine: Engine, s: FunnelSettings, sel: DrillSelection, filters?: Filters, overrides?: ReasonOverrides, limit = 5000): Promise<DrillRow[]> {
  const stages = visibleStages(s);
  const idx = stages.findIndex((x) => x.id === sel.stage);
  if (idx < 0) return [];
  const conds = [whereSql(filters), `furthest = ${idx}`];
  if (sel.outcome) conds.push(`outcome = ${lit(sel.outcome)}`);
  const category = reasonCategorySql(overrides);
  if (sel.category) conds.push(`outcome = 'left' AND ${category} = ${lit(sel.category)}`);
  const dates = stages.map((st, i) => `strftime(${dateCol(st.id)}, '%Y-%m-%d') AS d${i}`);
  const rows = await engine.query<Record<string, string | null>>(
    `SELECT id, strftime(enquiry_date, '%Y-%m-%d') AS enquiry_date, outcome, status, reason,
       CASE WHEN outcome = 'left' THEN ${category} END AS category,
       strftime(exit_date, '%Y-%m-%d') AS exit_date, campaign, source, ${dates.join(', ')}
     FROM journeys WHERE ${conds.join(' AND ')} ORDER BY enquiry_date, id LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    id: r.id!, enquiry_date: r.enquiry_date!, furthest: sel.stage, outcome: r.outcome!, status: r.status, reason: r.reason,
    category: r.category, exit_date: r.exit_date, campaign: r.campaign, source: r.source,
    dates: Object.fromEntries(stages.map((st, i) => [st.id, r[`d${i}`]])),
  }));
}
