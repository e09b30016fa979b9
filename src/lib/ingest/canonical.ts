import { greatestSql, ident, lit } from '../engine/sql';
import type { FileMapping, LabelTarget } from './mapping';
import { assignedColumns } from './mapping';
import { rawColumn, type RawFile } from './read';
import { PLAUSIBLE_DATES } from './dates';
import { FLAG_COLUMNS, stagingSql, type StagingRefs } from './staging';
import {
  attributeColumn, rowStageDateColumn, stageDateColumn, stageIdOfDateColumnSql, UNREAD_TEXTS,
} from '../schema';

/**
 * SQL that turns exports (read as text) into the canonical model:
 *   enquiries(id, enquiry_date, campaign, source, status, outcome_hint, reason,
 *             exit_date, current_stage, last_date, rows, stage dates, attributes)
 *   (derived column names: see schema.ts)
 *   events(id, stage, date)          one row per enquiry and stage reached
 *   costs(campaign, spend)
 * Everything is set-based inside DuckDB; JavaScript only writes the SQL.
 */

function caseMap(expr: string, map: Record<string, string>, otherwise = 'NULL'): string {
  const entries = Object.entries(map);
  if (!entries.length) return `${otherwise}::VARCHAR`;
  return `CASE ${expr} ${entries.map(([k, v]) => `WHEN ${lit(k)} THEN ${lit(v)}`).join(' ')} ELSE ${otherwise} END`;
}

function stageMap(labels: Record<string, LabelTarget>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (v !== 'ignore') out[k] = v === 'exit' ? '__exit' : v;
  return out;
}

/** Attribute columns of a file: every column without a role. */
export function attributeColumns(raw: RawFile, mapping: FileMapping): string[] {
  const used = assignedColumns(mapping.roles);
  return raw.columns.filter((c) => !used.has(c));
}

/** Raw columns parsed as dates for a file's mapping, each once. */
export function dateColumns(m: FileMapping): string[] {
  const r = m.roles;
  const cols = m.kind === 'events' ? [r.milestoneDate] : Object.values(r.stageDates);
  return [...new Set([...cols, r.exitDate, r.enquiryDate].filter((c): c is string => !!c))];
}

/**
 * Quality columns kept in a staged table (or a direct write's, until it is
 * finished): total and blank lines, and the texts that didn't read
 * (UNREAD_TEXTS). Which dates were unreadable, too late or missing is worked
 * out from those texts when the summary is counted (unparsedDateSql and the
 * rest), not written as a flag per date column for every row: the texts are
 * NULL on almost every row, and the flags cost a tenth of the pass.
 */
function flagColumns(m: FileMapping, s: StagingRefs): string[] {
  const dates = dateColumns(m);
  return [
    s.total, s.blank,
    `${dates.length ? `CASE WHEN ${dates.map((c) => `${s.unread(c)} IS NOT NULL`).join(' OR ')} THEN [${dates.map(s.unread).join(', ')}] END` : 'NULL::VARCHAR[]'} AS ${UNREAD_TEXTS}`,
  ];
}

/** SQL: a date column's text where its usual format didn't read it (see UNREAD_TEXTS), from a staged row. */
export function unreadTextSql(m: FileMapping, column: string): string {
  return `${UNREAD_TEXTS}[${dateColumns(m).indexOf(column) + 1}]`;
}

/**
 * SQL, over a staged row: the date column held text that isn't a readable date.
 * Its text is unread (its usual format didn't read it) and every format gives
 * nothing, or a date before the plausible range; a date after it is late, not unreadable.
 */
export function unparsedDateSql(m: FileMapping, column: string): string {
  const text = unreadTextSql(m, column);
  return `(${text} IS NOT NULL AND NOT coalesce(uk_date_raw(${text}) >= DATE '${PLAUSIBLE_DATES.from}', false))`;
}

/** SQL, over a staged row: the date column held a well-formed date too far ahead to be real (after the plausible range). */
export function lateDateSql(m: FileMapping, column: string): string {
  return `coalesce(uk_date_raw(${unreadTextSql(m, column)}) > DATE '${PLAUSIBLE_DATES.to}', false)`;
}

/**
 * SQL, over a staged enquiry row: its enquiry date column was empty. A text
 * that isn't unread either read as a plausible date or was blank, so no date
 * and no unread text means blank.
 */
export function missingEnquiryDateSql(m: FileMapping): string {
  return m.roles.enquiryDate ? `(${unreadTextSql(m, m.roles.enquiryDate)} IS NULL AND enquiry_date IS NULL)` : 'false';
}

/** The flag columns `flagColumns` adds, as SQL identifiers. */
export const STAGED_FLAGS: readonly string[] = [...FLAG_COLUMNS.map(ident), UNREAD_TEXTS];

function textColumns(raw: RawFile, m: FileMapping): string[] {
  const r = m.roles;
  return [r.id, r.campaign, r.source, r.status, r.reason, r.currentStage, r.milestone, ...attributeColumns(raw, m)]
    .filter((c): c is string => !!c);
}

/**
 * One row per input row of a wide or status-list export, with dates parsed
 * and text cleaned; each row's stage dates (rowStageDateColumn); quality flags.
 * Status values and stage labels stay as text (`status`, `stage_label`): what
 * they mean is applied after (labelledEnquiriesSql), as it is worked out from
 * the values this pass finds. `formats` gives each date column's usual format
 * (see usualDateFormats).
 */
export function stagedEnquiriesSql(raw: RawFile, m: FileMapping, formats: Record<string, string> = {}, from?: string): string {
  const r = m.roles;
  return stagingSql(raw, r.id!, textColumns(raw, m), dateColumns(m), formats, (s) => [
    `${s.text(r.id)} AS id`, `${s.date(r.enquiryDate)} AS enquiry_date`,
    `${s.text(r.campaign)} AS campaign`, `${s.text(r.source)} AS source`,
    `${s.text(r.status)} AS status`, `${s.text(r.currentStage)} AS stage_label`,
    `${s.text(r.reason)} AS reason`, `${s.date(r.exitDate)} AS exit_date`,
    ...Object.entries(r.stageDates).map(([stageId, col]) => `${s.date(col)} AS ${rowStageDateColumn(stageId)}`),
    ...attributeColumns(raw, m).map((c) => `${s.text(c)} AS ${attributeColumn(c)}`),
    ...flagColumns(m, s),
  ], from);
}

/** SQL: the columns the meaning of a staged wide row's status and stage label gives, `outcome_hint` and `current_stage`. */
export function labelledEnquiriesSql(m: FileMapping): string[] {
  // A current stage that is an exit ("Withdrawn") says the enquiry left, not where it got to.
  const stage = caseMap('stage_label', stageMap(m.stageLabels));
  return [
    `coalesce(${caseMap('status', m.statusValues)}, CASE WHEN ${stage} = '__exit' THEN 'left' END) AS outcome_hint`,
    `nullif(${stage}, '__exit') AS current_stage`,
  ];
}

/**
 * A wide file's rows (`rows`: staged, with labelledEnquiriesSql's columns) as
 * its part of the union of enquiries: each stage's date (stageDateColumn), and
 * `_rows`, `_last` (the row's latest date) and `_file` for the merge.
 */
export function widePartSql(m: FileMapping, rows: string, file: number): string {
  const ids = Object.keys(m.roles.stageDates);
  const dcols = ids.map(rowStageDateColumn);
  // A row without an enquiry date is dropped, and its stage dates with it.
  const stageDates = ids.map((s) => `CASE WHEN enquiry_date IS NOT NULL THEN ${rowStageDateColumn(s)} END AS ${stageDateColumn(s)}`);
  return `SELECT *${dcols.length ? ` EXCLUDE (${dcols.join(', ')})` : ''},
    enquiry_date AS ${stageDateColumn('enquiry')}${stageDates.length ? ', ' + stageDates.join(', ') : ''}, 1 AS _rows,
    ${greatestSql(['enquiry_date', 'exit_date'], dcols)} AS _last, ${file} AS _file FROM ${rows}`;
}

/** One row per milestone of an event log: id, date, label, status; quality flags (their meaning: labelledEventsSql). */
export function stagedEventsSql(raw: RawFile, m: FileMapping, formats: Record<string, string> = {}, from?: string): string {
  const r = m.roles;
  return stagingSql(raw, r.id!, textColumns(raw, m), dateColumns(m), formats, (s) => [
    `${s.text(r.id)} AS id`, `${s.date(r.milestoneDate)} AS date`, `${s.text(r.milestone)} AS label`,
    `${s.text(r.campaign)} AS campaign`, `${s.text(r.source)} AS source`, `${s.text(r.reason)} AS reason`,
    `${s.text(r.status)} AS status`,
    `${s.date(r.enquiryDate)} AS enquiry_date_col`, `${s.date(r.exitDate)} AS exit_date_col`,
    ...attributeColumns(raw, m).map((c) => `${s.text(c)} AS ${attributeColumn(c)}`),
    ...flagColumns(m, s),
  ], from);
}

/** SQL: the columns the meaning of a staged milestone's label and status gives, `stage` (or "__exit") and `outcome_hint`. */
export function labelledEventsSql(m: FileMapping): string[] {
  return [`${caseMap('label', stageMap(m.stageLabels))} AS stage`, `${caseMap('status', m.statusValues)} AS outcome_hint`];
}

/**
 * Collapses a staged event log to one row per enquiry in the same shape as
 * staged wide rows, with the earliest date of each of `stageIds`. The latest
 * exit event, if nothing happened after it, ends the enquiry.
 */
export function eventLogEnquiriesSql(stagedTable: string, attrs: string[], stageIds: readonly string[]): string {
  const a = attrs.map((c) => `any_value(${attributeColumn(c)}) AS ${attributeColumn(c)}`);
  // The earliest date of each stage, as the enquiries table carries them (stageDateColumn).
  const pivots = stageIds.filter((id) => id !== 'enquiry').map((id) => `min(date) FILTER (WHERE stage = ${lit(id)}) AS ${stageDateColumn(id)}`);
  const ended = `max(date) FILTER (WHERE stage = '__exit') >= coalesce(max(date) FILTER (WHERE stage <> '__exit'), DATE '1900-01-01')`;
  // An enquiry with no enquiry milestone starts at its first milestone, even a lone "Withdrawn".
  return `SELECT id,
      coalesce(min(enquiry_date_col), min(date) FILTER (WHERE stage = 'enquiry'), min(date) FILTER (WHERE stage IS NOT NULL AND stage <> '__exit'),
               min(date) FILTER (WHERE stage IS NOT NULL)) AS enquiry_date,
      any_value(campaign) AS campaign, any_value(source) AS source,
      coalesce(arg_max(status, date) FILTER (WHERE status IS NOT NULL),
               CASE WHEN ${ended} THEN arg_max(label, date) FILTER (WHERE stage = '__exit') END) AS status,
      CASE WHEN ${ended} THEN 'left'
           ELSE arg_max(outcome_hint, date) FILTER (WHERE outcome_hint IS NOT NULL) END AS outcome_hint,
      arg_max(reason, date) FILTER (WHERE reason IS NOT NULL) AS reason,
      coalesce(max(exit_date_col), CASE WHEN ${ended} THEN max(date) FILTER (WHERE stage = '__exit') END) AS exit_date,
      NULL::VARCHAR AS current_stage,
      bool_or(stage = 'enquiry') AS has_enquiry_event, max(date) AS last_event_date,
      min(date) FILTER (WHERE stage = 'enquiry') AS _enquiry_event
      ${pivots.length ? ', ' + pivots.join(', ') : ''}
      ${a.length ? ', ' + a.join(', ') : ''}
    FROM ${stagedTable} WHERE id IS NOT NULL GROUP BY id`;
}

/**
 * Enquiries merged across files and duplicate rows; the status of the row
 * with the latest date wins (a row's latest date of any kind: the most
 * recent record of the enquiry), and between rows as recent, the later
 * file, then the later row; each
 * stage's date (stageDateColumn, for each of `stageIds`) is its earliest.
 * Only ids with more than one row go through the grouping: most exports have
 * one row per enquiry, and grouping a million rows by a text id is slow.
 * Rows without a latest date (so without an enquiry date) are dropped later,
 * so passing a single row through unchanged equals grouping it.
 * The union is read three times but never stored: DuckDB would otherwise
 * materialise it (a copy of every staged row, 350 MB more at a million rows).
 */
export function mergedEnquiriesSql(unionSql: string, attrNames: string[], stageIds: readonly string[]): string {
  const attrs = attrNames.map(attributeColumn);
  const dates = stageIds.map(stageDateColumn);
  const latest = (col: string) => `arg_max(${col}, (_last, _file, _seq)) FILTER (WHERE ${col} IS NOT NULL AND _last IS NOT NULL) AS ${col}`;
  const list = (xs: string[]) => (xs.length ? ', ' + xs.join(', ') : '');
  return `WITH u AS NOT MATERIALIZED (${unionSql}),
    dup AS MATERIALIZED (SELECT id FROM u GROUP BY id HAVING count(*) > 1)
    SELECT ${singleEnquiryColumns(attrNames, stageIds)}
    FROM u ANTI JOIN dup USING (id) WHERE _last IS NOT NULL
    UNION ALL BY NAME
    SELECT id, min(enquiry_date) AS enquiry_date,
      ${latest('campaign')}, ${latest('source')}, ${latest('status')}, ${latest('outcome_hint')},
      ${latest('reason')}, max(exit_date) AS exit_date, ${latest('current_stage')},
      max(_last) AS last_date, sum(_rows)::INTEGER AS rows
      ${list(attrs.map((a) => `any_value(${a}) AS ${a}`))}${list(dates.map((d) => `min(${d}) AS ${d}`))}
    FROM u SEMI JOIN dup USING (id) GROUP BY id`;
}

/**
 * SQL: the merged enquiries' columns, in order, for an enquiry with one row
 * (shaped as a file's part of the union: `_last`, `_rows`, attributes, stage dates).
 */
export function singleEnquiryColumns(attrNames: readonly string[], stageIds: readonly string[]): string {
  return ['id, enquiry_date, campaign, source, status, outcome_hint, reason, exit_date, current_stage, _last AS last_date, _rows::INTEGER AS rows',
    ...attrNames.map(attributeColumn), ...stageIds.map(stageDateColumn)].join(', ');
}

/** Stage ids a file can give dates for: the enquiry, then its stage columns or mapped milestone labels. */
export function stageIdsOf(m: FileMapping): string[] {
  const ids = m.kind === 'events'
    ? Object.values(m.stageLabels).filter((v): v is string => v !== 'exit' && v !== 'ignore')
    : Object.keys(m.roles.stageDates);
  return [...new Set(['enquiry', ...ids])];
}

/**
 * The events table (one row per enquiry and stage reached, with its earliest
 * date) unpivoted from the enquiries' stage-date columns, so the per-stage
 * minimum is worked out once, in the merge.
 */
export function eventsFromEnquiriesSql(enquiriesTable: string, stageIds: readonly string[]): string {
  const cols = stageIds.map(stageDateColumn);
  return `SELECT id, ${stageIdOfDateColumnSql('stage')} AS stage, date FROM (
      UNPIVOT (SELECT id, ${cols.join(', ')} FROM ${enquiriesTable}) ON ${cols.join(', ')} INTO NAME stage VALUE date)`;
}

/** Spend per campaign from cost sheets ("£12,500" -> 12500), with each row's campaign text as `campaign`. */
export function costsSql(raw: RawFile, m: FileMapping): string {
  return `SELECT clean_text(${rawColumn(raw, m.roles.campaign!)}) AS campaign,
      TRY_CAST(regexp_replace(${rawColumn(raw, m.roles.spend!)}, '[£$€,\\s]', '', 'g') AS DOUBLE) AS spend
    FROM ${raw.table}`;
}
