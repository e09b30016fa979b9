import { dropRelations, tableMatchSql } from '../engine/catalog';
import type { Engine } from '../engine/engine';
import { greatestSql, ident, lit } from '../engine/sql';
import {
  DAYS_TO_FINAL, DAYS_TO_FINAL_COLUMN, stageDateColumn, stepBackwardsColumn, stepColumnNames, stepDaysColumn, stepSkippedColumn,
  visibleStageDateColumn, visibleStageDateName,
} from '../schema';
import { NOTHING_SET_ASIDE, SET_ASIDE, SET_ASIDE_CLOSES, splitSetAside } from './setAside';
import { visibleIndexOf, visibleStages, type FunnelSettings } from './settings';

/** Names of the columns journeyColumnsSql adds to the enquiries' own for settings `s`. */
export function journeyColumnNames(s: FunnelSettings): string[] {
  const vis = visibleStages(s);
  return [
    ...vis.map((st) => visibleStageDateName(st.id)), 'furthest', 'last_stage_date',
    ...vis.slice(1).flatMap((st) => stepColumnNames(st.id)), DAYS_TO_FINAL, 'outcome',
  ];
}

/** Journey columns stored with the enquiries: their names, and the journeysKey of the settings they follow. */
export interface StoredJourneys {
  key: string;
  columns: readonly string[];
}

/** The journey columns `enquiries` carries when written with journeyColumnsSql(s, …, keepRaw). */
export function storedJourneys(s: FunnelSettings): StoredJourneys {
  return { key: journeysKey(s), columns: journeyColumnNames(s) };
}

/** What `enquiries` holds that `journeys` is built from. */
export interface EnquiriesFacts {
  /** Stage ids with a date column (stageDateColumn). */
  dated: readonly string[];
  /** When the export was made (ISO): dates after it are typing errors. */
  exportDate: string;
  /** The journey columns it was written with, if any. */
  stored: StoredJourneys | null;
  /** Its latest stage or exit date up to the export date (the export date when there is none), counted with the load. */
  latestDate: string;
}

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
 * The enquiries' stage date columns (stageDateColumn) are dropped unless `keepRaw`;
 * the visible stages' dates are visibleStageDateColumn.
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
  // Each stage's recorded date is worked out once, in its own SELECT, and read by name after:
  // DuckDB evaluates an expression written out twice once per use, and these are used up to three times.
  const known = (id: string) => ident(`_k:${id}`);
  const date = (id: string) => (dated.has(id) ? known(id) : 'NULL::DATE');
  // The stages with a date column, in order.
  const datedStages = s.stages.filter((st) => dated.has(st.id));
  const knownDates = datedStages.map((st) => `${recordedDate(`e.${stageDateColumn(st.id)}`, cutoff)} AS ${known(st.id)}`);
  const current = s.stages.map((st) => `WHEN ${lit(st.id)} THEN ${visIdx.get(st.id)}`).join(' ');
  // Only an as-of date before the export date holds anything back.
  const earlier = cutoff !== exportDate;
  const statusKnown = earlier ? `e.last_date <= DATE ${lit(cutoff)}` : null;
  const currentStage = `CASE e.current_stage ${current} END`;
  // The furthest dated stage is the first with a date going back from the last: one CASE, which
  // DuckDB runs in a third of the time of the greatest of one CASE per stage.
  const furthestDated = datedStages.length
    ? `CASE ${[...datedStages].reverse().map((st) => `WHEN ${date(st.id)} IS NOT NULL THEN ${visIdx.get(st.id)}`).join(' ')} ELSE -1 END`
    : '-1';
  // An approved outcome is the final stage, beyond any other evidence; otherwise the greater of a date's and a status's stage.
  const fromStatus = `coalesce(${statusKnown ? `CASE WHEN ${statusKnown} THEN ${currentStage} END` : currentStage}, -1)`;
  // An enquiry made after an earlier as-of date did not exist then, whatever else it has dated before it (a typing
  // error): no evidence. (After the export date it is kept when a later stage is dated; see the README's data quality.)
  const notYetMade = earlier ? `WHEN e.enquiry_date > DATE ${lit(cutoff)} THEN -1 ` : '';
  const furthest = `CASE ${notYetMade}WHEN ${statusKnown ? `${statusKnown} AND ` : ''}e.outcome_hint = 'approved' THEN ${k - 1}
    WHEN ${fromStatus} > ${furthestDated} THEN ${fromStatus} ELSE ${furthestDated} END`;
  const left = earlier
    ? `exit_date <= DATE ${lit(cutoff)} OR (last_date <= DATE ${lit(cutoff)} AND outcome_hint = 'left')`
    : `outcome_hint = 'left' OR exit_date IS NOT NULL`;
  const dates = vis.map((st) => `${date(st.id)} AS ${visibleStageDateColumn(st.id)}`);
  const datedCols = datedStages.map((st) => known(st.id));
  // Most enquiries have no date but the first stage's: greatestSql takes them on a fast path.
  const lastDate = datedCols.length ? greatestSql(datedCols.slice(0, 1), datedCols.slice(1)) : 'NULL::DATE';
  const steps = vis.slice(1).flatMap((st, i) => {
    const [a, b] = [visibleStageDateColumn(vis[i].id), visibleStageDateColumn(st.id)];
    const later = vis.slice(i + 2).map((x) => `${visibleStageDateColumn(x.id)} IS NOT NULL`);
    return [
      `CASE WHEN ${b} >= ${a} THEN (${b} - ${a})::INTEGER END AS ${stepDaysColumn(st.id)}`,
      `coalesce(${b} < ${a}, false) AS ${stepBackwardsColumn(st.id)}`,
      `(${b} IS NULL AND ${later.length ? `(${later.join(' OR ')})` : 'false'}) AS ${stepSkippedColumn(st.id)}`,
    ];
  });
  const [first, last] = [visibleStageDateColumn(vis[0].id), visibleStageDateColumn(vis[k - 1].id)];
  steps.push(`CASE WHEN ${last} >= ${first} THEN (${last} - ${first})::INTEGER END AS ${DAYS_TO_FINAL_COLUMN}`);
  const dropped = [...(!keepRaw ? [...dated].map(stageDateColumn) : []), ...datedCols];
  const exclude = dropped.length ? ` EXCLUDE (${dropped.join(', ')})` : '';
  const withKnown = knownDates.length ? `(SELECT *, ${knownDates.join(', ')} FROM ${source} e)` : source;
  return `SELECT *, ${steps.join(', ')}, CASE WHEN furthest = ${k - 1} THEN 'approved'
                   WHEN ${left} THEN 'left'
                   ELSE 'open' END AS outcome
    FROM (
      SELECT e.*${exclude}, ${dates.join(', ')}, ${furthest} AS furthest, ${lastDate} AS last_stage_date
      FROM ${withKnown} e
    )`;
}

/**
 * SQL of the enquiries with evidence and their journey columns, worked out
 * from `enquiries` (one pass, no join); `derived` names journey columns
 * `enquiries` already carries (see StoredJourneys), left out here. Written to
 * a table, not read as a view: as a view every query recomputed the furthest
 * stage (measured 2-5x slower per metric on a million enquiries).
 */
function journeysSql(s: FunnelSettings, dated: ReadonlySet<string>, exportDate: string, derived: readonly string[] = []): string {
  const source = derived.length ? `(SELECT * EXCLUDE (${derived.map(ident).join(', ')}) FROM enquiries)` : 'enquiries';
  return `SELECT * FROM (${journeyColumnsSql(s, dated, exportDate, source)}) WHERE furthest >= 0`;
}

/**
 * What the journey columns depend on besides the data: the stages, their order
 * and which are hidden, and the as-of date. `enquiries` built with the columns for one key serves
 * `journeys` as a view for that key, saving a copy of every row.
 */
export function journeysKey(s: FunnelSettings): string {
  return JSON.stringify([s.stages.map((x) => [x.id, x.hidden]), s.asOf]);
}

/** SQL: a stage date, unless it falls after `until`. */
const recordedDate = (col: string, until: string) => `CASE WHEN ${col} <= DATE ${lit(until)} THEN ${col} END`;

/** The last date whose events count: the export date, or an earlier as-of date. */
const knownUntil = (s: FunnelSettings, exportDate: string) => (s.asOf && s.asOf < exportDate ? s.asOf : exportDate);

/**
 * Builds `journeys` (and `set_aside`, see setAside.ts) for the settings and
 * returns the as-of date in force. When `enquiries` was written with the
 * journey columns for these settings (`facts.stored`), `journeys` is a view
 * of them; otherwise a new table (`journeys_all` when enquiries are set aside,
 * `journeys` then being a view of it).
 */
export async function buildJourneys(engine: Engine, s: FunnelSettings, facts: EnquiriesFacts): Promise<string> {
  const dated = new Set(facts.dated);
  await dropRelations(engine, ['journeys', SET_ASIDE, SET_ASIDE_CLOSES, JOURNEYS_ALL].map((name) => `(${tableMatchSql(name)})`).join(' OR '));
  const stored = facts.stored && facts.stored.key === journeysKey(s);
  const raw = [...dated].map(stageDateColumn);
  const fromStored = `SELECT *${raw.length ? ` EXCLUDE (${raw.join(', ')})` : ''} FROM enquiries WHERE furthest >= 0`;
  const worked = () => journeysSql(s, dated, facts.exportDate, facts.stored?.columns ?? []);
  if (!s.setAside) {
    await engine.exec(`${stored ? `CREATE VIEW journeys AS ${fromStored}` : `CREATE TABLE journeys AS ${worked()}`}; ${NOTHING_SET_ASIDE}`);
  } else if (stored) {
    await splitSetAside(engine, s, fromStored);
  } else {
    await engine.exec(`CREATE TABLE ${JOURNEYS_ALL} AS ${worked()}`);
    await splitSetAside(engine, s, `SELECT * FROM ${JOURNEYS_ALL}`);
  }
  return s.asOf || facts.latestDate;
}

/** Every enquiry's journey, when enquiries are set aside and `journeys` is not a view of `enquiries`. */
const JOURNEYS_ALL = 'journeys_all';
