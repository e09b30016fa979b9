/**
 * Enquiries set aside: those closed as a duplicate of another enquiry, or
 * redirected to a kinship (connected person) assessment. Neither is a
 * prospective mainstream carer lost: a duplicate is someone already counted,
 * and kinship assessments follow another route that Ofsted reports apart from
 * mainstream recruitment. With the setting on (FunnelSettings.setAside) they
 * are left out of `journeys`, so of every figure, and kept in `set_aside` to be
 * counted; with it off, `set_aside` is empty. A status alone can say so
 * ("Duplicate", "Kinship assessment": ingest reads these as closed).
 */
import type { MetricSpec, MetricParams } from '../coordinator/metric';
import type { Engine } from '../engine/engine';
import { lit, raw, sql } from '../engine/sql';
import { whereSql } from './filters';
import { reasonCategorySql, type ExitCode } from './reasons';
import { visibleStages, type FunnelSettings } from './settings';

/** The exit categories set aside: not mainstream carers lost. */
export const SET_ASIDE_CODES = ['DUPLICATE', 'KINSHIP'] as const satisfies readonly ExitCode[];
export type SetAsideCode = (typeof SET_ASIDE_CODES)[number];

/** The relation holding the enquiries set aside (same columns as `journeys`). */
export const SET_ASIDE = 'set_aside';

/** What `journeys` holds besides its columns: whether closes are set aside, and by which reading of the reasons. */
export function setAsideKey(s: FunnelSettings): string {
  return JSON.stringify(s.setAside ? s.setAsideOverrides ?? {} : null);
}

/** The table of the closes (reason and status) and their categories, while anything is set aside. */
export const SET_ASIDE_CLOSES = 'set_aside_closes';

/** SQL: `set_aside` while nothing is set aside (the setting off), with the columns of `journeys`. */
export const NOTHING_SET_ASIDE = `CREATE VIEW ${SET_ASIDE} AS SELECT * FROM journeys WHERE false`;

/**
 * Makes `journeys` and `set_aside` views of `source` (SQL of the enquiries
 * with their journey columns, those with any evidence: a table, or a view of
 * one) for settings with `setAside` on. The closes are categorised once (a
 * few dozen reasons and statuses), and each view joins those set aside: on a
 * million enquiries that costs a query about what reading a copy would save,
 * and writing the copy took 4 s. None of the three may exist yet.
 */
export async function splitSetAside(engine: Engine, s: FunnelSettings, source: string): Promise<void> {
  const codes = SET_ASIDE_CODES.map(lit).join(', ');
  // Every close with its category, the few set aside picked from them after: filtered in one
  // statement, DuckDB runs the regular expressions on every row (2.5-3 s on a million enquiries,
  // a CTE marked MATERIALIZED too), not once per distinct close (0.1 s).
  const closes = `SELECT 'left' AS outcome, reason, status, ${reasonCategorySql(s.setAsideOverrides)} AS code
    FROM (SELECT reason, status FROM (${source}) WHERE outcome = 'left' GROUP BY ALL)`;
  const matches = `j.outcome = c.outcome AND j.reason IS NOT DISTINCT FROM c.reason AND j.status IS NOT DISTINCT FROM c.status`;
  const setAside = `(SELECT * FROM ${SET_ASIDE_CLOSES} WHERE code IN (${codes})) c`;
  await engine.exec(`CREATE TABLE ${SET_ASIDE_CLOSES} AS ${closes};
    CREATE VIEW journeys AS SELECT j.* FROM (${source}) j ANTI JOIN ${setAside} ON ${matches};
    CREATE VIEW ${SET_ASIDE} AS SELECT j.* FROM (${source}) j SEMI JOIN ${setAside} ON ${matches}`);
}

/** The enquiries set aside under the filters, by category and the furthest stage each reached. */
export interface SetAsideCount {
  code: SetAsideCode;
  stage: string;
  n: number;
}

/** How many enquiries are set aside (none with the setting off), by category and furthest stage, under the filters. */
export const setAsideMetric: MetricSpec<MetricParams, SetAsideCount[]> = {
  name: 'setAside',
  what: 'the duplicate and kinship enquiries left out',
  sql({ settings, filters }) {
    return {
      counts: sql`SELECT ${raw(reasonCategorySql(settings.setAsideOverrides))} AS code, furthest, sum(c)::INTEGER AS n
        FROM (SELECT reason, status, furthest, count(*) AS c FROM ${raw(SET_ASIDE)} WHERE ${raw(whereSql(filters))} GROUP BY ALL)
        GROUP BY ALL ORDER BY code, furthest`,
    };
  },
  shape(rows, { settings }) {
    const stages = visibleStages(settings);
    return (rows.counts as { code: SetAsideCode; furthest: number; n: number }[]).map((r) => ({ code: r.code, stage: stages[r.furthest].id, n: r.n }));
  },
};

/** Of rows counted by exit category (setAsideMetric's, or exitReasonsMetric's with nothing set aside), the totals of the categories set aside. */
export function setAsideTotals(counts: readonly { code: string; n: number }[]): Record<SetAsideCode, number> {
  const out: Record<SetAsideCode, number> = { DUPLICATE: 0, KINSHIP: 0 };
  for (const c of counts) if (c.code in out) out[c.code as SetAsideCode] += c.n;
  return out;
}

/** How many are set aside of every category together. */
export function setAsideTotal(totals: Record<SetAsideCode, number>): number {
  return SET_ASIDE_CODES.reduce((a, code) => a + totals[code], 0);
}
