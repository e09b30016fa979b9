import type { Engine } from '../engine/engine';
import { whereSql, type Filters } from './filters';
import { dateCol, stepDaysCol } from './journeys';
import { periodSql, type Grain } from './cohorts';
import { visibleStages, type FunnelSettings } from './settings';

export interface StepTimes {
  period: string;
  /** Visible stage id (end of the step) -> median days from the previous stage, with n. */
  steps: Record<string, { median: number | null; n: number }>;
}

/**
 * Median days per step over time, by the period in which the step was
 * completed (the later stage's date). Backwards intervals are left out.
 */
export async function stepTimesByPeriod(engine: Engine, s: FunnelSettings, grain: Grain, filters?: Filters): Promise<StepTimes[]> {
  const stages = visibleStages(s);
  const parts: string[] = [];
  for (let k = 1; k < stages.length; k++) {
    const days = stepDaysCol(stages[k].id);
    parts.push(`SELECT ${periodSql(dateCol(stages[k].id), grain)} AS period, ${k} AS k, ${days} AS days FROM journeys WHERE ${days} IS NOT NULL AND ${whereSql(filters)}`);
  }
  if (!parts.length) return [];
  const rows = await engine.query<{ period: string; k: number; med: number; n: number }>(
    `SELECT period, k, median(days) AS med, count(*)::INTEGER AS n FROM (${parts.join(' UNION ALL ')}) GROUP BY ALL ORDER BY period, k`,
  );
  const map = new Map<string, StepTimes>();
  for (const r of rows) {
    const p = map.get(r.period) ?? { period: r.period, steps: {} };
    p.steps[stages[r.k].id] = { median: r.med, n: r.n };
    map.set(r.period, p);
  }
  return [...map.values()];
}

export interface StandardByPeriod {
  period: string;
  within: number;
  n: number;
}

/**
 * Share of panels held within the standard (months from application), by the
 * period of the panel date: how timeliness changes over time.
 */
export async function panelStandardByPeriod(engine: Engine, s: FunnelSettings, grain: Grain, filters?: Filters): Promise<StandardByPeriod[]> {
  const stages = visibleStages(s);
  if (!stages.some((x) => x.id === 'application') || !stages.some((x) => x.id === 'panel')) return [];
  const a = dateCol('application');
  const p = dateCol('panel');
  return engine.query<StandardByPeriod>(
    `SELECT ${periodSql(p, grain)} AS period,
       count(*) FILTER (WHERE ${p} <= ${a} + INTERVAL ${s.panelStandardMonths} MONTH)::INTEGER AS within, count(*)::INTEGER AS n
     FROM journeys WHERE ${p} >= ${a} AND ${whereSql(filters)} GROUP BY 1 ORDER BY 1`,
  );
}
