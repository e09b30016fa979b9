/**
 * The canonical tables and columns, named once. Every layer that writes or
 * reads them (ingest, the coordinator's journey columns, metric SQL, views
 * that list columns) goes through these names, so no column prefix of these
 * tables is typed anywhere else. (The summaries by campaign and source name
 * their own columns, in funnel/cube.ts.)
 *
 * Tables (and views) of the canonical model, read by these plain names in SQL:
 * - `enquiries`: one row per enquiry, merged across files: id, enquiry_date,
 *   campaign, source, status, outcome_hint, reason, exit_date, current_stage,
 *   last_date, rows, each stage's earliest date (stageDateColumn) and the
 *   export's other columns (attributeColumn).
 * - `journeys`: the enquiries with any evidence, plus the journey columns for
 *   the stage settings in force: each visible stage's date
 *   (visibleStageDateColumn), furthest, last_stage_date, the step columns
 *   (stepDaysColumn, stepBackwardsColumn, stepSkippedColumn), days_to_final
 *   and outcome; without the enquiries set aside (funnel/setAside.ts), if any.
 * - `set_aside`: the enquiries set aside, with the columns of `journeys` (empty
 *   unless the setting is on).
 * - `events`: id, stage, date: one row per enquiry and stage reached.
 * - `costs`: campaign, spend.
 * - a carers list, when one is loaded, in a table of its own (see ingest/carersList.ts).
 *
 * Each kind of derived column has its own prefix, so a name says what it
 * holds and no two kinds can collide (an export's own column names are only
 * ever used behind the attribute prefix).
 */
import { ident } from './engine/sql';

/** Column-name prefixes, one per kind of derived column. */
const PREFIX = {
  /** An export's own column kept for breakdowns and filters. */
  attribute: 'a:',
  /** The earliest date of a stage across an enquiry's rows (`enquiries`). */
  stageDate: 'e:',
  /** One staged row's date for a stage, before the rows of an enquiry are merged. */
  rowStageDate: 'r:',
  /** A visible stage's date in `journeys`: hidden stages folded in, dates after the as-of date left out. */
  visibleStageDate: 'd:',
  /** Days from the previous visible stage (`journeys`). */
  stepDays: 't:',
  /** The step into a visible stage ran backwards (`journeys`). */
  stepBackwards: 'b:',
  /** The visible stage was skipped: no date, a later one has one (`journeys`). */
  stepSkipped: 's:',
} as const;

/** Name of the column keeping an export's own column `name` (an attribute such as "Ethnicity"). */
export const attributeColumnName = (name: string) => PREFIX.attribute + name;
/** The attribute column for an export's column `name`, quoted for SQL. */
export const attributeColumn = (name: string) => ident(attributeColumnName(name));

/** The column of `enquiries` holding the earliest date of a stage, quoted for SQL. */
export const stageDateColumn = (stageId: string) => ident(PREFIX.stageDate + stageId);
/** SQL: the stage id from the name of a stageDateColumn (e.g. in an UNPIVOT's name column). */
export const stageIdOfDateColumnSql = (nameExpr: string) => `substr(${nameExpr}, ${PREFIX.stageDate.length + 1})`;

/** The column of a staged wide export holding one row's date for a stage, quoted for SQL. */
export const rowStageDateColumn = (stageId: string) => ident(PREFIX.rowStageDate + stageId);

/** Name of the `journeys` column holding a visible stage's date. */
export const visibleStageDateName = (stageId: string) => PREFIX.visibleStageDate + stageId;
/** The `journeys` column holding a visible stage's date, quoted for SQL. */
export const visibleStageDateColumn = (stageId: string) => ident(visibleStageDateName(stageId));

/**
 * Names of the `journeys` columns for the step into a visible stage (not the
 * first): days from the previous visible stage (NULL when either date is
 * missing or the step runs backwards), whether it runs backwards, and whether
 * the stage was skipped.
 */
export const stepColumnNames = (stageId: string) =>
  [PREFIX.stepDays + stageId, PREFIX.stepBackwards + stageId, PREFIX.stepSkipped + stageId] as const;
/** Days from the previous visible stage, quoted for SQL. */
export const stepDaysColumn = (stageId: string) => ident(PREFIX.stepDays + stageId);
/** Whether the step into the stage ran backwards, quoted for SQL. */
export const stepBackwardsColumn = (stageId: string) => ident(PREFIX.stepBackwards + stageId);
/** Whether the stage was skipped, quoted for SQL. */
export const stepSkippedColumn = (stageId: string) => ident(PREFIX.stepSkipped + stageId);

/** Name of the `journeys` column of days from the first visible stage to the last (both dated, in order). */
export const DAYS_TO_FINAL = 'days_to_final';
/** That column, quoted for SQL. */
export const DAYS_TO_FINAL_COLUMN = ident(DAYS_TO_FINAL);

/**
 * Column of a staged table: the date columns' cleaned texts where their usual
 * format didn't read them, as a list in date-column order, for the quality
 * summary's examples; NULL on the many rows where every date read. One list
 * instead of a text column per date column: an empty text still takes 16
 * bytes a row until the table is compressed, 640 MB over 8 columns at 5 million rows.
 */
export const UNREAD_TEXTS = ident('_x');
