import type { MetricSpec } from '../coordinator/metric';
import { joinSql, raw, sql, type SqlFragment } from '../engine/sql';
import { whereSql } from './filters';
import { stepDaysColumn, visibleStageDateColumn } from '../schema';
import { periodKeySql, periodLabelSql, type GrainParams } from './cohorts';
import { visibleStages } from './settings';

export interface StepTimes {
  period: string;
  /** Visible stage id (end of the step) -> median days from the previous stage, with n. */
  steps: Record<string, { median: number | null; n: number }>;
}

/**
 * Median days per step over time, by the period in which the step was
 * completed (the later stage's date). Backwards intervals are left out.
 */
export const stepTimesMetric: MetricSpec<GrainParams, StepTimes[]> = {
  name: 'stepTimes',
  what: 'the days per step over time',
  sql({ settings, filters, grain }): Record<string, SqlFragment> {
    const stages = visibleStages(settings);
    if (stages.length < 2) return {};
    const where = raw(whereSql(filters));
    const parts = stages.slice(1).map((st) => {
      const days = raw(stepDaysColumn(st.id));
      return sql`SELECT ${raw(periodKeySql(visibleStageDateColumn(st.id), grain))} AS k, ${st.id} AS step, ${days} AS days FROM journeys WHERE ${days} IS NOT NULL AND ${where}`;
    });
    return {
      steps: sql`SELECT ${raw(periodLabelSql('k', grain))} AS period, step, median, n FROM (
        SELECT k, step, median(days) AS median, count(*)::INTEGER AS n FROM (${joinSql(parts, ' UNION ALL ')}) GROUP BY ALL) ORDER BY k`,
    };
  },
  shape(rows) {
    const byPeriod = new Map<string, StepTimes>();
    for (const r of (rows.steps ?? []) as { period: string; step: string; median: number | null; n: number }[]) {
      const p = byPeriod.get(r.period) ?? { period: r.period, steps: {} };
      p.steps[r.step] = { median: r.median, n: r.n };
      byPeriod.set(r.period, p);
    }
    return [...byPeriod.values()];
  },
};

export interface StandardByPeriod {
  period: string;
  within: number;
  n: number;
}

/**
 * Share of panels held within the standard (months from application), by the
 * period of the panel date: how timeliness changes over time.
 */
export const panelStandardMetric: MetricSpec<GrainParams, StandardByPeriod[]> = {
  name: 'panelStandard',
  what: 'the panels within the standard over time',
  sql({ settings, filters, grain }): Record<string, SqlFragment> {
    const stages = visibleStages(settings);
    if (!stages.some((x) => x.id === 'application') || !stages.some((x) => x.id === 'panel')) return {};
    const a = raw(visibleStageDateColumn('application'));
    const p = raw(visibleStageDateColumn('panel'));
    return {
      periods: sql`SELECT ${raw(periodLabelSql('k', grain))} AS period, within, n FROM (SELECT ${raw(periodKeySql(String(p), grain))} AS k,
         count(*) FILTER (WHERE ${p} <= ${a} + INTERVAL ${settings.panelStandardMonths} MONTH)::INTEGER AS within, count(*)::INTEGER AS n
       FROM journeys WHERE ${p} >= ${a} AND ${raw(whereSql(filters))} GROUP BY 1) ORDER BY k`,
    };
  },
  shape: (rows) => (rows.periods ?? []) as unknown as StandardByPeriod[],
};
