import { statusConflicts, type StatusConflicts } from './conflicts';
import type { Engine } from '../engine/engine';
import { lit } from '../engine/sql';
import { attributeColumn, stageDateColumn } from '../schema';
import {
  attributeColumns, STAGED_FLAGS, labelledEnquiriesSql, mergedEnquiriesSql, singleEnquiryColumns, stageIdsOf, widePartSql,
} from './canonical';
import type { FileMapping } from './mapping';
import { isServiceColumn } from './service';
import { slicesOf, type RawFile } from './read';

/**
 * One write for the usual load. A single enquiry export (a wide export or a
 * status list, with any cost sheets beside it) is read, cleaned and shaped
 * as merged enquiries in one pass, straight into the enquiries table: each
 * row as the enquiry it is on its own, with the caller's columns (the journey
 * columns) added in the same pass. The pass cannot know two things, which
 * finishDirect then puts right on the few rows they touch:
 * - ids with several rows, merged as the staged path merges them;
 * - what every status value and stage label means: the pass uses the values
 *   of a sample of the file (sampleValues), and rows holding a value whose
 *   meaning the count over the whole file changes are written again.
 * The result is the table the staged path writes (tests compare the two).
 */

/** How the merged enquiries are stored: `select` gives the rows to write from merged enquiries (a subquery); `label` names that step for the progress line. */
export interface EnquiryRows {
  label: string;
  select(enquiries: string, stageIds: readonly string[], exportDate: string): string;
  /**
   * The rows to write instead unless the enquiries are written a slice at a
   * time (the only enquiry file, read in slices): rows too wide to hold
   * uncompressed for a whole big file at once.
   */
  unsliced?: EnquiryRows;
}

/** The rows a load writes (see EnquiryRows.unsliced), `sliced`: its enquiries are written a slice at a time. */
export const rowsFor = (rows: EnquiryRows, sliced: boolean): EnquiryRows => (sliced ? rows : (rows.unsliced ?? rows));

/** True when the file a load writes directly (see directFile) is read a slice at a time. */
export async function slicedDirect(raws: readonly Pick<RawFile, 'slices'>[], at: number | null): Promise<boolean> {
  return at !== null && !!(await slicesOf(raws[at]));
}

/** The merged enquiries as they are. */
export const MERGED_ROWS: EnquiryRows = { label: 'Merging records of the same enquiry', select: (q) => `SELECT * FROM ${q}` };

/** Where a file's staging pass writes, and the rows it writes there from the staged rows' SQL. */
export interface RowsTarget {
  table: string;
  select(staged: string): string;
}

/**
 * The file a load can write directly: the only enquiry file, when it is a wide
 * export or a status list and names no service; null otherwise. A column
 * naming each row's service (a hub's pooled export) keeps the services' ids
 * apart, two councils' "FE-000001" two enquiries: the staged path does that
 * (withServices in build.ts), so such a file goes that way.
 */
export function directFile(mappings: readonly FileMapping[], raws: readonly RawFile[]): number | null {
  const enquiryFiles = mappings.flatMap((m, i) => (m.kind === 'costs' ? [] : [{ m, i }]));
  if (enquiryFiles.length !== 1 || enquiryFiles[0].m.kind === 'events') return null;
  const { m, i } = enquiryFiles[0];
  return attributeColumns(raws[i], m).some(isServiceColumn) ? null : i;
}

/** Columns a directly written table carries only until finishDirect: the stage label (read again there) and the quality flags. */
const loadOnlyColumns = ['stage_label', ...STAGED_FLAGS];

/** The directly written enquiries table of `raw` read with `m` (its values' meanings as `m` has them), rows shaped by `rows`. */
export function directTarget(raw: RawFile, m: FileMapping, table: string, rows: EnquiryRows, exportDate: string): RowsTarget {
  const attrs = attributeColumns(raw, m);
  const stageIds = stageIdsOf(m);
  return {
    table,
    select: (staged) => {
      const labelled = `(SELECT *, ${labelledEnquiriesSql(m).join(', ')} FROM (${staged}))`;
      const single = `SELECT ${singleEnquiryColumns(attrs, stageIds)}, ${loadOnlyColumns.join(', ')} FROM (${widePartSql(m, labelled, 0)})`;
      return rows.select(`(${single})`, stageIds, exportDate);
    },
  };
}

/** Values whose meaning differs between two maps (a value a map lacks means nothing). */
function changedValues(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((v) => a[v] !== b[v]);
}

/** What finishDirect needs to know of a direct write. */
export interface DirectWrite {
  /** The enquiries table written (see directTarget). */
  table: string;
  raw: RawFile;
  /** The mapping the pass wrote with, and the one that holds (the user's, or proposed from every value). */
  used: FileMapping;
  final: FileMapping;
  /** A name for the rows written again while they are merged. */
  scratch: string;
}

/**
 * Finishes a direct write: the rows of ids with several rows, and rows whose
 * status or stage label means something else under `final` than under `used`,
 * are merged and written again (as mergedEnquiriesSql merges the staged rows,
 * "the later row" being the one with the later rowid, its place in the file); total lines and rows without an id
 * or an enquiry date go, and the load-only columns with them.
 */
export async function finishDirect(engine: Engine, d: DirectWrite, rows: EnquiryRows, exportDate: string): Promise<StatusConflicts> {
  const { table, used, final } = d;
  const attrs = attributeColumns(d.raw, final);
  const stageIds = stageIdsOf(final);
  const changed: [string, string[]][] = [
    ['status', changedValues(used.statusValues, final.statusValues)],
    ['stage_label', changedValues(used.stageLabels, final.stageLabels)],
  ];
  const relabelled = changed.filter(([, values]) => values.length).map(([col, values]) => ` OR ${col} IN (${values.map(lit).join(', ')})`).join('');
  const kept = 'id IS NOT NULL AND NOT _total';
  const own = ['id', 'enquiry_date', 'campaign', 'source', 'status', 'reason', 'exit_date', 'stage_label', 'last_date', 'rows',
    ...attrs.map(attributeColumn), ...stageIds.map(stageDateColumn)];
  // Only the columns the merge reads: the rows are found by scanning each column fetched, so fewer is quicker.
  await engine.exec(`CREATE OR REPLACE TABLE ${d.scratch} AS SELECT rowid AS _seq, ${own.join(', ')} FROM ${table}
    WHERE ${kept} AND (id IN (SELECT id FROM ${table} WHERE ${kept} GROUP BY id HAVING count(*) > 1)${relabelled})`);
  await engine.exec(`DELETE FROM ${table} WHERE rowid IN (SELECT _seq FROM ${d.scratch}) OR id IS NULL OR _total OR enquiry_date IS NULL`);
  const union = `SELECT * EXCLUDE (last_date, rows, stage_label), ${labelledEnquiriesSql(final).join(', ')}, last_date AS _last, rows AS _rows, 0 AS _file FROM ${d.scratch}`;
  const merged = `(SELECT * FROM (${mergedEnquiriesSql(union, attrs, stageIds)}) WHERE enquiry_date IS NOT NULL)`;
  const conflicts = await statusConflicts(engine, union);
  await engine.exec(`INSERT INTO ${table} BY NAME ${rows.select(merged, stageIds, exportDate)}`);
  await engine.exec(`DROP TABLE ${d.scratch}; ${loadOnlyColumns.map((c) => `ALTER TABLE ${table} DROP COLUMN ${c};`).join(' ')}`);
  return conflicts;
}
