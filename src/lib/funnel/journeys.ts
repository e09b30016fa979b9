import type { Engine } from '../engine/engine';
import { ident, lit, litDate } from '../engine/sql';
import { visibleIndexOf, visibleStages, type FunnelSettings } from './settings';

/** The column of `journeys` holding a visible stage's date. */
export const dateCol = (stageId: string) => ident('d:' + stageId);

/**
 * SQL building `journeys`: one row per enquiry with its visible stage dates,
 * furthest stage (index into the visible stages) and outcome, following the
 * definitions in the README:
 * - furthest = the last stage with any evidence (a date, a current-stage value,
 *   or an approved outcome, which means the final stage);
 * - outcome = approved when the final stage is reached, left when a status,
 *   exit event or exit date says it ended, otherwise open.
 */
export function journeysSql(s: FunnelSettings, exportDate: string): string {
  const vis = visibleStages(s);
  const k = vis.length;
  const visIdx = visibleIndexOf(s);
  const pivots = s.stages.map((st) => `min(date) FILTER (WHERE stage = ${lit(st.id)}) AS ${ident('e:' + st.id)}`);
  const evidence = s.stages.map((st) => `CASE WHEN ${ident('e:' + st.id)} IS NOT NULL THEN ${visIdx.get(st.id)} END`);
  const current = s.stages.map((st) => `WHEN ${lit(st.id)} THEN ${visIdx.get(st.id)}`).join(' ');
  const furthest = `greatest(${[
    ...evidence,
    `CASE e.current_stage ${current} END`,
    `CASE WHEN e.outcome_hint = 'approved' THEN ${k - 1} END`,
  ].join(', ')})`;
  const dates = vis.map((st) => `${ident('e:' + st.id)} AS ${dateCol(st.id)}`);
  const lastDate = `greatest(${s.stages.map((st) => ident('e:' + st.id)).join(', ')})`;
  return `CREATE OR REPLACE TABLE journeys AS
    WITH ev AS (SELECT id, ${pivots.join(', ')} FROM events WHERE date <= ${litDate(exportDate)} GROUP BY id),
    j AS (
      SELECT e.*, ${dates.join(', ')}, coalesce(${furthest}, -1) AS furthest, ${lastDate} AS last_stage_date
      FROM enquiries e LEFT JOIN ev USING (id)
    )
    SELECT *, CASE WHEN furthest = ${k - 1} THEN 'approved'
                   WHEN outcome_hint = 'left' OR exit_date IS NOT NULL THEN 'left'
                   ELSE 'open' END AS outcome
    FROM j WHERE furthest >= 0`;
}

/** Builds `journeys` for the settings and returns the as-of date in force. */
export async function buildJourneys(engine: Engine, s: FunnelSettings, exportDate: string): Promise<string> {
  await engine.exec(journeysSql(s, exportDate));
  if (s.asOf) return s.asOf;
  const [{ d }] = await engine.query<{ d: string | null }>(
    `SELECT strftime(greatest(
       (SELECT max(date) FROM events WHERE date <= ${litDate(exportDate)}),
       (SELECT max(exit_date) FROM enquiries WHERE exit_date <= ${litDate(exportDate)})), '%Y-%m-%d') AS d`,
  );
  return d ?? exportDate;
}
