/**
 * A carers list exported separately from the enquiries: one row per approved
 * household (carer id, approval date, first placement, deregistration date,
 * reason; the enquiry reference when the systems are linked). It is loaded
 * alongside the enquiries into its own canonical table
 *   carers(carer_id, carer_enquiry, carer_approved, carer_placed, carer_ended, carer_reason)
 * (column names prefixed so a join with the enquiries never makes them ambiguous).
 */
import type { Engine } from '../engine/engine';
import { IngestError, rawColumn, type RawFile } from './read';
import { carersListColumns, type CarersColumns } from './afterApprovalColumns';

/** What was read from the carers lists of a load. */
export interface CarersList {
  /** The canonical table (dropped with its load's other tables). */
  table: string;
  files: string[];
  /** Households kept: a readable approval date. */
  households: number;
  /** Rows left out: no readable approval date (including "Total" lines and blank rows). */
  skipped: number;
  /** Rows sharing a carer id with another row, merged into one household. */
  merged: number;
  /** Values that could not be read as dates, per column. */
  unreadDates: { file: string; column: string; count: number }[];
  /** Which after-approval columns any of the lists has. */
  has: { placement: boolean; deregistered: boolean; reason: boolean };
}

/** True when a file's header makes it a carers list (see carersListColumns). */
export function isCarersList(raw: Pick<RawFile, 'columns'>): boolean {
  return carersListColumns(raw.columns) !== null;
}

/** One row per input row of a carers list, typed, with flags for unreadable dates. */
function rowsSql(raw: RawFile, c: CarersColumns, file: number): string {
  const text = (col: string | null) => (col ? `clean_text(${rawColumn(raw, col)})` : 'NULL::VARCHAR');
  const date = (col: string | null) => (col ? `uk_date(${rawColumn(raw, col)})` : 'NULL::DATE');
  const unread = (col: string | null, name: string) =>
    col ? `(${text(col)} IS NOT NULL AND ${date(col)} IS NULL) AS ${name}` : `false AS ${name}`;
  return `SELECT coalesce(${text(c.carerId)}, ${text(c.enquiryRef)}, 'row ' || (rowid + 1)::VARCHAR || ' of file ${file + 1}') AS carer_id,
      ${text(c.enquiryRef)} AS carer_enquiry, ${date(c.approved)} AS carer_approved,
      ${date(c.placement)} AS carer_placed, ${date(c.deregistered)} AS carer_ended, ${text(c.reason)} AS carer_reason,
      ${unread(c.approved, 'u_approved')}, ${unread(c.placement, 'u_placed')}, ${unread(c.deregistered, 'u_ended')}, rowid AS _seq
    FROM ${raw.table}`;
}

/**
 * Builds `${prefix}_carers` from the carers lists among `raws` (their raw tables
 * and registered files are dropped once read). Rows of the same carer id are
 * one household: the earliest approval and placement, the latest deregistration
 * and the reason given with it. Returns null when there are no carers lists.
 */
export async function buildCarersList(engine: Engine, raws: readonly RawFile[], prefix: string): Promise<CarersList | null> {
  if (!raws.length) return null;
  const table = `${prefix}_carers`;
  const parts = raws.map((raw, i) => rowsSql(raw, carersListColumns(raw.columns)!, i));
  const staged = `memory.main.${prefix}_carers_staged`;
  await engine.exec(`CREATE OR REPLACE TABLE ${staged} AS ${parts.map((p, i) => `SELECT *, ${i} AS _file FROM (${p})`).join(' UNION ALL ')}`);
  await engine.exec(`CREATE OR REPLACE TABLE ${table} AS
    SELECT carer_id, any_value(carer_enquiry) AS carer_enquiry, min(carer_approved) AS carer_approved, min(carer_placed) AS carer_placed,
      max(carer_ended) AS carer_ended, arg_max(carer_reason, (carer_ended, _file, _seq)) FILTER (WHERE carer_reason IS NOT NULL) AS carer_reason
    FROM ${staged} WHERE carer_approved IS NOT NULL GROUP BY carer_id`);
  const [q] = await engine.query<{ kept: number; rows: number; skipped: number }>(
    `SELECT (SELECT count(*) FROM ${table})::INTEGER AS kept, count(*) FILTER (WHERE carer_approved IS NOT NULL)::INTEGER AS rows,
       count(*) FILTER (WHERE carer_approved IS NULL)::INTEGER AS skipped FROM ${staged}`,
  );
  const unreadDates: CarersList['unreadDates'] = [];
  for (let i = 0; i < raws.length; i++) {
    const c = carersListColumns(raws[i].columns)!;
    const [u] = await engine.query<{ a: number; p: number; e: number }>(
      `SELECT count(*) FILTER (WHERE u_approved)::INTEGER AS a, count(*) FILTER (WHERE u_placed)::INTEGER AS p, count(*) FILTER (WHERE u_ended)::INTEGER AS e FROM ${staged} WHERE _file = ${i}`,
    );
    for (const [col, n] of [[c.approved, u.a], [c.placement, u.p], [c.deregistered, u.e]] as const) {
      if (col && n > 0) unreadDates.push({ file: raws[i].name, column: col, count: n });
    }
  }
  await engine.exec(`DROP TABLE IF EXISTS ${staged}`);
  for (const raw of raws) {
    await engine.exec(`DROP TABLE IF EXISTS ${raw.table}`);
    await engine.dropFile(raw.registered).catch(() => {});
  }
  if (q.kept === 0) {
    const names = raws.map((r) => `"${r.name}"`).join(', ');
    throw new IngestError(`${names} looks like a carers list, but no row has a readable approval date (column "${carersListColumns(raws[0].columns)!.approved}"). Check the dates are written like 12/03/2023, or export it again.`);
  }
  const cols = raws.map((r) => carersListColumns(r.columns)!);
  const has = { placement: cols.some((c) => !!c.placement), deregistered: cols.some((c) => !!c.deregistered), reason: cols.some((c) => !!c.reason) };
  return { table, files: raws.map((r) => r.name), households: q.kept, skipped: q.skipped, merged: q.rows - q.kept, unreadDates, has };
}
