import type { Engine } from '../engine/engine';
import { ident, lit } from '../engine/sql';
import { stageDateColumn } from '../ingest/canonical';
import { visibleIndexOf, visibleStages, type FunnelSettings } from './settings';

/** The column of `journeys` holding a visible stage's date. */
export const dateCol = (stageId: string) => ident('d:' + stageId);

/**
 * Columns of `journeys` for the step into a visible stage (not the first):
 * days from the previous visible stage (NULL when either date is missing or
 * the step runs backwards), whether it runs backwards, and whether the stage
 * was skipped (no date, but a later stage has one). Worked out once here so a
 * filter change only aggregates them.
 */
export const stepDaysCol = (stageId: string) => ident('t:' + stageId);
export const stepBackwardsCol = (stageId: string) => ident('b:' + stageId);
export const stepSkippedCol = (stageId: string) => ident('s:' + stageId);
/** Days from the first visible stage to the last, for those with both dated in order (0 with one stage). */
export const DAYS_TO_FINAL_COL = ident('t:*all');

/**
 * SQL building the table `journeys`: one row per enquiry with its visible
 * stage dates, furthest stage (index into the visible stages) and outcome,
 * following the definitions in the README:
 * - furthest = the last stage with any evidence (a date, a current-stage value,
 *   or an approved outcome, which means the final stage);
 * - outcome = approved when the final stage is reached, left when a status,
 *   exit event or exit date says it ended, otherwise open.
 * Stage dates after the export date are typing errors and left out; the
 * enquiries' raw "e:" date columns are not copied (the visible ones are "d:").
 * Stage dates were pivoted once at load, so this is one pass over `enquiries`
 * with no join. A table, not a view: as a view every query recomputed the
 * furthest stage (measured 2-5x slower per metric on a million enquiries).
 * `dated` lists the stage ids that have a date column in `enquiries`.
 */
export function journeysSql(s: FunnelSettings, dated: ReadonlySet<string>, exportDate: string): string {
  const vis = visibleStages(s);
  const k = vis.length;
  const visIdx = visibleIndexOf(s);
  const date = (id: string) => (dated.has(id) ? recordedDate(`e.${stageDateColumn(id)}`, exportDate) : 'NULL::DATE');
  const evidence = s.stages.filter((st) => dated.has(st.id)).map((st) => `CASE WHEN ${date(st.id)} IS NOT NULL THEN ${visIdx.get(st.id)} END`);
  const current = s.stages.map((st) => `WHEN ${lit(st.id)} THEN ${visIdx.get(st.id)}`).join(' ');
  const furthest = `coalesce(greatest(${[
    ...evidence,
    `CASE e.current_stage ${current} END`,
    `CASE WHEN e.outcome_hint = 'approved' THEN ${k - 1} END`,
  ].join(', ')}), -1)`;
  const dates = vis.map((st) => `${date(st.id)} AS ${dateCol(st.id)}`);
  const datedCols = s.stages.filter((st) => dated.has(st.id)).map((st) => date(st.id));
  const lastDate = datedCols.length ? `greatest(${datedCols.join(', ')})` : 'NULL::DATE';
  const steps = vis.slice(1).flatMap((st, i) => {
    const [a, b] = [dateCol(vis[i].id), dateCol(st.id)];
    const later = vis.slice(i + 2).map((x) => `${dateCol(x.id)} IS NOT NULL`);
    return [
      `CASE WHEN ${b} >= ${a} THEN (${b} - ${a})::INTEGER END AS ${stepDaysCol(st.id)}`,
      `coalesce(${b} < ${a}, false) AS ${stepBackwardsCol(st.id)}`,
      `(${b} IS NULL AND ${later.length ? `(${later.join(' OR ')})` : 'false'}) AS ${stepSkippedCol(st.id)}`,
    ];
  });
  const [first, last] = [dateCol(vis[0].id), dateCol(vis[k - 1].id)];
  steps.push(`CASE WHEN ${last} >= ${first} THEN (${last} - ${first})::INTEGER END AS ${DAYS_TO_FINAL_COL}`);
  return `CREATE OR REPLACE TABLE journeys AS
    SELECT *, ${steps.join(', ')}, CASE WHEN furthest = ${k - 1} THEN 'approved'
                   WHEN outcome_hint = 'left' OR exit_date IS NOT NULL THEN 'left'
                   ELSE 'open' END AS outcome
    FROM (
      SELECT e.*${dated.size ? ` EXCLUDE (${[...dated].map(stageDateColumn).join(', ')})` : ''}, ${dates.join(', ')}, ${furthest} AS furthest, ${lastDate} AS last_stage_date
      FROM enquiries e
    ) WHERE furthest >= 0`;
}

/** SQL: a stage date, unless it falls after the export date. */
const recordedDate = (col: string, exportDate: string) => `CASE WHEN ${col} <= DATE ${lit(exportDate)} THEN ${col} END`;

/** Stage ids that have a date column in `enquiries`. */
export async function datedStages(engine: Engine): Promise<Set<string>> {
  const cols = await engine.query<{ column_name: string }>('DESCRIBE enquiries');
  return new Set(cols.map((c) => c.column_name).filter((c) => c.startsWith('e:')).map((c) => c.slice(2)));
}

/** Builds `journeys` for the settings and returns the as-of date in force. */
export async function buildJourneys(engine: Engine, s: FunnelSettings, exportDate: string): Promise<string> {
  const dated = await datedStages(engine);
  await engine.exec(journeysSql(s, dated, exportDate));
  if (s.asOf) return s.asOf;
  const last = [...dated].map((id) => `max(${recordedDate(stageDateColumn(id), exportDate)})`);
  const [{ d }] = await engine.query<{ d: string | null }>(
    `SELECT strftime(greatest(${[...last, `max(exit_date) FILTER (WHERE exit_date <= DATE ${lit(exportDate)})`].join(', ')}), '%Y-%m-%d') AS d FROM enquiries`,
  );
  return d ?? exportDate;
}
