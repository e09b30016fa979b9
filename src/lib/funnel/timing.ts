import type { Engine } from '../engine/engine';
import { litDate } from '../engine/sql';
import { wilson } from '../stats/wilson';
import { ensureWorkdays } from './calendar';
import { whereSql, type Filters } from './filters';
import { dateCol } from './journeys';
import { stalledThreshold, visibleStages, type FunnelSettings } from './settings';
import type { Rate } from './funnel';

export interface StalledSummary {
  stage: string;
  open: number;
  stalled: number;
  /** The stage's stalled threshold in days. */
  stalledAfter: number;
  medianDaysIdle: number | null;
}

export interface StalledEnquiry {
  id: string;
  stage: string;
  lastDate: string;
  daysIdle: number;
  campaign: string | null;
  source: string | null;
  status: string | null;
}

export interface Timeliness {
  /** Application to panel within the standard, among those with both dates. */
  panelWithinStandard: Rate;
  /** Open applications past the standard with no panel yet. */
  panelOverdueOpen: number;
  /** Enquiry to initial visit within the working-day standard, among those with both dates. */
  visitWithinStandard: Rate;
  panelMonths: number;
  visitWorkingDays: number;
}

const has = (s: FunnelSettings, id: string) => visibleStages(s).some((x) => x.id === id);

/** SQL: the stalled threshold of the stage an enquiry is at (journeys' `furthest`). */
function thresholdSql(s: FunnelSettings): string {
  return `CASE furthest ${visibleStages(s).map((st, i) => `WHEN ${i} THEN ${stalledThreshold(s, st.id)}`).join(' ')} END`;
}

/**
 * Open enquiries per stage: how many, how many stalled (idle past the stage's
 * threshold), and median days since their last recorded stage.
 */
export async function stalledSummary(engine: Engine, s: FunnelSettings, asOf: string, filters?: Filters): Promise<StalledSummary[]> {
  const stages = visibleStages(s);
  const rows = await engine.query<{ furthest: number; open: number; stalled: number; med: number | null }>(
    `SELECT furthest, count(*)::INTEGER AS open,
       count(*) FILTER (WHERE date_diff('day', coalesce(last_stage_date, enquiry_date), ${litDate(asOf)}) > ${thresholdSql(s)})::INTEGER AS stalled,
       median(date_diff('day', coalesce(last_stage_date, enquiry_date), ${litDate(asOf)})) AS med
     FROM journeys WHERE outcome = 'open' AND ${whereSql(filters)} GROUP BY furthest ORDER BY furthest`,
  );
  return stages.map((st, i) => {
    const r = rows.find((x) => x.furthest === i);
    return { stage: st.id, open: r?.open ?? 0, stalled: r?.stalled ?? 0, stalledAfter: stalledThreshold(s, st.id), medianDaysIdle: r?.med ?? null };
  });
}

/** Stalled open enquiries, oldest first (longest without progress). */
export async function stalledList(engine: Engine, s: FunnelSettings, asOf: string, filters?: Filters, limit = 500): Promise<StalledEnquiry[]> {
  const stages = visibleStages(s);
  const rows = await engine.query<Omit<StalledEnquiry, 'stage'> & { furthest: number }>(
    `SELECT id, furthest, strftime(coalesce(last_stage_date, enquiry_date), '%Y-%m-%d') AS "lastDate",
       date_diff('day', coalesce(last_stage_date, enquiry_date), ${litDate(asOf)})::INTEGER AS "daysIdle",
       campaign, source, status
     FROM journeys WHERE outcome = 'open' AND ${whereSql(filters)}
       AND date_diff('day', coalesce(last_stage_date, enquiry_date), ${litDate(asOf)}) > ${thresholdSql(s)}
     ORDER BY "daysIdle" DESC, id LIMIT ${limit}`,
  );
  return rows.map(({ furthest, ...r }) => ({ ...r, stage: stages[furthest].id }));
}

/**
 * Timeliness against the standards: application to panel within N months
 * (NMS 14: 8), enquiry to initial visit within N working days (England bank
 * holidays excluded).
 */
export async function timeliness(engine: Engine, s: FunnelSettings, asOf: string, filters?: Filters): Promise<Timeliness> {
  await ensureWorkdays(engine);
  const where = whereSql(filters);
  const parts: string[] = [];
  if (has(s, 'application') && has(s, 'panel')) {
    const a = dateCol('application');
    const p = dateCol('panel');
    parts.push(
      `count(*) FILTER (WHERE ${a} IS NOT NULL AND ${p} >= ${a})::INTEGER AS panel_n`,
      `count(*) FILTER (WHERE ${a} IS NOT NULL AND ${p} >= ${a} AND ${p} <= ${a} + INTERVAL ${s.panelStandardMonths} MONTH)::INTEGER AS panel_ok`,
      `count(*) FILTER (WHERE outcome = 'open' AND ${a} IS NOT NULL AND ${p} IS NULL AND ${litDate(asOf)} > ${a} + INTERVAL ${s.panelStandardMonths} MONTH)::INTEGER AS panel_overdue`,
    );
  }
  let from = 'journeys';
  if (has(s, 'initial_visit')) {
    const v = dateCol('initial_visit');
    from = `journeys LEFT JOIN workdays w1 ON w1.d = journeys.enquiry_date LEFT JOIN workdays w2 ON w2.d = journeys.${v}`;
    parts.push(
      `count(*) FILTER (WHERE ${v} >= enquiry_date)::INTEGER AS visit_n`,
      `count(*) FILTER (WHERE ${v} >= enquiry_date AND w2.n - w1.n <= ${s.visitStandardWorkingDays})::INTEGER AS visit_ok`,
    );
  }
  const [r] = parts.length
    ? await engine.query<Record<string, number>>(`SELECT ${parts.join(', ')} FROM ${from} WHERE ${where}`)
    : [{} as Record<string, number>];
  const rate = (num = 0, den = 0): Rate => ({ ...wilson(num, den) });
  return {
    panelWithinStandard: rate(r.panel_ok, r.panel_n),
    panelOverdueOpen: r.panel_overdue ?? 0,
    visitWithinStandard: rate(r.visit_ok, r.visit_n),
    panelMonths: s.panelStandardMonths,
    visitWorkingDays: s.visitStandardWorkingDays,
  };
}

