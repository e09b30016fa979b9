import { dropRelations, tableMatchSql } from '../engine/catalog';
import type { Engine } from '../engine/engine';
import { ident, lit } from '../engine/sql';
import type { EnquiryExtension } from '../ingest/build';
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
 * SQL selecting, from `source` (rows shaped like `enquiries`), each enquiry
 * with its visible stage dates, furthest stage (index into the visible
 * stages), step columns and outcome, following the definitions in the README:
 * - furthest = the last stage with any evidence (a date, a current-stage value,
 *   or an approved outcome, which means the final stage);
 * - outcome = approved when the final stage is reached, left when a status,
 *   exit event or exit date says it ended, otherwise open.
 * Stage dates after the export date are typing errors and left out.
 * With an as-of date set (`s.asOf`), figures are as they stood then: dates
 * after it are not known yet, nor is an exit after it, and a record's status
 * counts only if nothing in it is dated after the as-of date (otherwise the
 * status describes a later time).
 * The raw "e:" date columns are dropped unless `keepRaw` (the visible ones are "d:").
 * Rows with no evidence at all (furthest -1) are kept: `journeys` leaves them out.
 * `dated` lists the stage ids that have a date column in `source`.
 */
export function journeyColumnsSql(
  s: FunnelSettings, dated: ReadonlySet<string>, exportDate: string, source: string, keepRaw = false,
): string {
  const vis = visibleStages(s);
  const k = vis.length;
  const visIdx = visibleIndexOf(s);
  const cutoff = knownUntil(s, exportDate);
  const date = (id: string) => (dated.has(id) ? recordedDate(`e.${stageDateColumn(id)}`, cutoff) : 'NULL::DATE');
  const evidence = s.stages.filter((st) => dated.has(st.id)).map((st) => `CASE WHEN ${date(st.id)} IS NOT NULL THEN ${visIdx.get(st.id)} END`);
  const current = s.stages.map((st) => `WHEN ${lit(st.id)} THEN ${visIdx.get(st.id)}`).join(' ');
  // Only an as-of date before the export date holds anything back.
  const earlier = cutoff !== exportDate;
  const statusKnown = earlier ? `e.last_date <= DATE ${lit(cutoff)}` : 'true';
  const furthest = `coalesce(greatest(${[
    ...evidence,
    `CASE WHEN ${statusKnown} THEN (CASE e.current_stage ${current} END) END`,
    `CASE WHEN ${statusKnown} AND e.outcome_hint = 'approved' THEN ${k - 1} END`,
  ].join(', ')}), -1)`;
  const left = earlier
    ? `exit_date <= DATE ${lit(cutoff)} OR (last_date <= DATE ${lit(cutoff)} AND outcome_hint = 'left')`
    : `outcome_hint = 'left' OR exit_date IS NOT NULL`;
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
  const exclude = !keepRaw && dated.size ? ` EXCLUDE (${[...dated].map(stageDateColumn).join(', ')})` : '';
  return `SELECT *, ${steps.join(', ')}, CASE WHEN furthest = ${k - 1} THEN 'approved'
                   WHEN ${left} THEN 'left'
                   ELSE 'open' END AS outcome
    FROM (
      SELECT e.*${exclude}, ${dates.join(', ')}, ${furthest} AS furthest, ${lastDate} AS last_stage_date
      FROM ${source} e
    )`;
}

/**
 * SQL building the table `journeys` from `enquiries` (one pass, no join). A
 * table, not a view: as a view every query recomputed the furthest stage
 * (measured 2-5x slower per metric on a million enquiries). `derived` names
 * journey columns `enquiries` already carries (see `journeysKey`), left out here.
 */
export function journeysSql(s: FunnelSettings, dated: ReadonlySet<string>, exportDate: string, derived: readonly string[] = []): string {
  const source = derived.length ? `(SELECT * EXCLUDE (${derived.map(ident).join(', ')}) FROM enquiries)` : 'enquiries';
  return `CREATE TABLE journeys AS SELECT * FROM (${journeyColumnsSql(s, dated, exportDate, source)}) WHERE furthest >= 0`;
}

/**
 * What the journey columns depend on besides the data: the stages, their order
 * and which are hidden, and the as-of date. `enquiries` built with the columns for one key serves
 * `journeys` as a view for that key, saving a copy of every row.
 */
export function journeysKey(s: FunnelSettings): string {
  return JSON.stringify([s.stages.map((x) => [x.id, x.hidden]), s.asOf]);
}

/** The journey columns for `s`, to be worked out while the enquiries are stored (see buildJourneys). */
export function journeyExtension(s: FunnelSettings): EnquiryExtension {
  return { key: journeysKey(s), select: (source, ids, exportDate) => journeyColumnsSql(s, ids, exportDate, source, true) };
}

/** True for a column journeyColumnsSql adds to the enquiries' own. */
export function isJourneyColumn(name: string): boolean {
  return /^[dtbs]:/.test(name) || name === 'furthest' || name === 'last_stage_date' || name === 'outcome';
}

/** SQL: a stage date, unless it falls after `until`. */
const recordedDate = (col: string, until: string) => `CASE WHEN ${col} <= DATE ${lit(until)} THEN ${col} END`;

/** The last date whose events count: the export date, or an earlier as-of date. */
const knownUntil = (s: FunnelSettings, exportDate: string) => (s.asOf && s.asOf < exportDate ? s.asOf : exportDate);

/** Columns of `enquiries`: stage ids with a date column, and journey columns built with it. */
async function describeEnquiries(engine: Engine): Promise<{ dated: Set<string>; derived: string[] }> {
  const cols = (await engine.query<{ column_name: string }>('DESCRIBE enquiries')).map((c) => c.column_name);
  return {
    dated: new Set(cols.filter((c) => c.startsWith('e:')).map((c) => c.slice(2))),
    derived: cols.filter(isJourneyColumn),
  };
}

/**
 * Builds `journeys` for the settings and returns the as-of date in force.
 * `extendedFor` is the journeysKey `enquiries` carries journey columns for
 * (BuiltModel.extendedFor): for the same key `journeys` is a view of them,
 * otherwise a new table.
 */
export async function buildJourneys(engine: Engine, s: FunnelSettings, exportDate: string, extendedFor: string | null = null): Promise<string> {
  const { dated, derived } = await describeEnquiries(engine);
  await dropRelations(engine, tableMatchSql('journeys'));
  if (derived.length && extendedFor === journeysKey(s)) {
    const raw = [...dated].map(stageDateColumn);
    await engine.exec(`CREATE VIEW journeys AS SELECT *${raw.length ? ` EXCLUDE (${raw.join(', ')})` : ''} FROM enquiries WHERE furthest >= 0`);
  } else {
    await engine.exec(journeysSql(s, dated, exportDate, derived));
  }
  if (s.asOf) return s.asOf;
  const last = [...dated].map((id) => `max(${recordedDate(stageDateColumn(id), exportDate)})`);
  const [{ d }] = await engine.query<{ d: string | null }>(
    `SELECT strftime(greatest(${[...last, `max(exit_date) FILTER (WHERE exit_date <= DATE ${lit(exportDate)})`].join(', ')}), '%Y-%m-%d') AS d FROM enquiries`,
  );
  return d ?? exportDate;
}
