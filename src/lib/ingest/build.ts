import type { Engine } from '../engine/engine';
import { lit, maxOfSql, minOfSql } from '../engine/sql';
import {
  attributeColumns, costsSql, dateColumns, eventLogEnquiriesSql, eventsFromEnquiriesSql, STAGED_FLAGS, labelledEnquiriesSql,
  labelledEventsSql, lateDateSql, mergedEnquiriesSql, missingEnquiryDateSql, unparsedDateSql, unreadTextSql, stageIdsOf, stagedEnquiriesSql,
  stagedEventsSql, widePartSql,
} from './canonical';
import { ROLE_NAMES, type FileMapping } from './mapping';
import { fileServices, isServiceColumn, SERVICE_ATTRIBUTE } from './service';
import { unrecognisedLabels, unrecognisedStatuses } from './propose';
import type { LoadProgress } from './progress';
import { countOf, shortList } from './messages';
import { IngestError, countLines, dropRawTables, readFileClean, restoreRawTables, scratchTable, type RawFile } from './read';
import { WithoutEnquiriesError } from './errors';
import { statusConflicts, type StatusConflicts } from './conflicts';
import { totalLineSql, usualDateFormats } from './staging';
import { MERGED_ROWS, directFile, directTarget, finishDirect, rowsFor, slicedDirect, type EnquiryRows, type RowsTarget } from './direct';
import { attributeColumn, stageDateColumn, UNREAD_TEXTS } from '../schema';

/** What happened to one file, for the data-quality summary. */
export interface FileQuality {
  name: string;
  kind: FileMapping['kind'];
  encoding: string;
  delimiter: string;
  /** For an Excel workbook, the sheet read (its encoding and delimiter are then the app's own, not the file's). */
  sheet?: string;
  titleLines: number;
  rowsRead: number;
  /** Lines DuckDB could not split into the header's columns. */
  malformed: { count: number; examples: { line: number; problem: string }[] };
  noId: number;
  totalLines: number;
  /** Lines of nothing but delimiters or spaces. */
  blankLines: number;
  badEnquiryDate: { count: number; examples: string[] };
  missingEnquiryDate: number;
  unparsedDates: { column: string; count: number; examples: string[] }[];
  /** Well-formed dates so far ahead (after 2100) they can't be real: after the export date, left blank. */
  lateDates: { column: string; count: number; examples: string[] }[];
  unrecognisedStatuses: string[];
  unrecognisedLabels: string[];
  /** Event logs: enquiries with no enquiry milestone (their first milestone date is used). */
  noEnquiryEvent: number;
}

export interface QualityReport {
  files: FileQuality[];
  enquiries: number;
  events: number;
  duplicatesMerged: number;
  duplicateIds: number;
  campaignsWithSpend: number;
  /** When the export was made (latest file date), ISO; dates after it are suspect. */
  exportDate: string;
  datesAfterExport: number;
  /** Enquiries whose enquiry date is after the export date (typing errors): counted as loaded, left out of the figures unless a later stage is dated or they are approved. */
  enquiriesAfterExport: number;
  /** Ids whose rows disagreed on the outcome; the status of the row with the latest date was kept. */
  statusConflicts: StatusConflicts;
}

export interface BuiltModel {
  /** Names of the new canonical model's tables (`events` is a view of `enquiries`). */
  tables: { enquiries: string; events: string; costs: string };
  /** Stage ids with a date column (stageDateColumn, see schema.ts) in `enquiries`. */
  stageIds: string[];
  quality: QualityReport;
  attributes: string[];
  /** The latest stage or exit date up to the export date (ISO; the export date when there is none): figures are as of it unless the user sets another date. */
  latestDate: string;
}

/**
 * Files staged and their enquiries written (see stageExports); completeModel
 * finishes the model.
 */
export interface StagedModel {
  /** Names of the model's tables: `enquiries` and `costs` are written; `events` comes with completeModel. */
  tables: { enquiries: string; events: string; costs: string };
  /** Stage ids with a date column (stageDateColumn) in the enquiries. */
  stageIds: string[];
  /** When the export was made (latest file date), ISO. */
  exportDate: string;
  attributes: string[];
  files: FileQuality[];
  mappings: FileMapping[];
  /** Staged tables left, dropped by completeModel. */
  scratch: string[];
  /** How the enquiries were written (see EnquiryRows.unsliced). */
  rows: EnquiryRows;
  /** Ids whose merged rows disagreed on the outcome (one status was kept). */
  statusConflicts: StatusConflicts;
}

/** The tables a model built under `prefix` has. */
export const modelTables = (prefix: string) => ({ enquiries: `${prefix}_enquiries`, events: `${prefix}_events`, costs: `${prefix}_costs` });

/** When files were exported: the latest file date, else today (ISO). */
export function exportDateOf(raws: readonly RawFile[]): string {
  const exportMs = Math.max(...raws.map((r) => r.lastModified ?? 0));
  return new Date(exportMs > 0 ? exportMs : Date.now()).toISOString().slice(0, 10);
}

/** Checks a mapping has what its kind needs; the message names what was found. */
export function validateMapping(raw: RawFile, m: FileMapping): void {
  const problem = mappingProblem(raw, m);
  if (problem) throw new IngestError(problem);
}

/** What a mapping lacks for its kind, as a message naming the columns found; null when complete. */
export function mappingProblem(raw: RawFile, m: FileMapping): string | null {
  try {
    checkRoles(raw, m);
    return null;
  } catch (e) {
    if (e instanceof IngestError) return e.message;
    throw e;
  }
}

function checkRoles(raw: RawFile, m: FileMapping): void {
  const found = shortList(raw.columns, 'column');
  const need = (role: keyof typeof ROLE_NAMES, examples: string) => {
    const col = m.roles[role];
    if (!col || !raw.columns.includes(col)) {
      throw new IngestError(
        `Couldn't find ${article(ROLE_NAMES[role])} ${ROLE_NAMES[role]} column in "${raw.name}". Columns found: ${found}. Expected a column such as ${examples}: if one of these is it, map its columns by hand.`,
      );
    }
  };
  if (m.kind === 'costs') {
    need('campaign', '"Campaign"');
    need('spend', '"Spend" or "Cost"');
    return;
  }
  need('id', '"Ref No", "Enquiry ID" or "Reference"');
  if (m.kind === 'events') {
    need('milestone', '"Milestone", "Stage" or "Event"');
    need('milestoneDate', '"Milestone Date" or "Date"');
  } else need('enquiryDate', '"Date of Enquiry" or "Enquiry Date"');
}

/** Why no enquiry came out of the files: per file, rows read and what was missing. */
function noEnquiriesMessage(files: FileQuality[], mappings: FileMapping[]): string {
  const why = files.map((x, i) => ({ x, enq: mappings[i]?.roles.enquiryDate })).filter(({ x }) => x.kind !== 'costs').map(({ x, enq }) => {
    const late = x.lateDates.find((l) => l.column === enq)?.count ?? 0;
    const bad = x.badEnquiryDate.count + x.missingEnquiryDate;
    const parts = [countOf(x.rowsRead, 'row'), x.noId ? `${countOf(x.noId, 'row')} without an id` : '',
      bad ? `${countOf(bad, 'row')} without a readable enquiry date${x.badEnquiryDate.examples.length ? ` (e.g. "${x.badEnquiryDate.examples[0].slice(0, 30)}")` : ''}` : '',
      late ? `${countOf(late, 'enquiry date')} after the export date` : ''].filter(Boolean);
    return `"${x.name}": ${parts.join(', ')}`;
  });
  return `No enquiries could be read. ${why.slice(0, 3).join('; ')}. Check its id and enquiry date columns, or export again.`;
}

function article(s: string) {
  return /^[aeiou]/i.test(s) ? 'an' : 'a';
}

/** The data-quality figures of one file, counted from the flags its staged table carries. */
async function fileQuality(engine: Engine, raw: RawFile, m: FileMapping, staged: string | null): Promise<FileQuality> {
  const q: FileQuality = {
    name: raw.name, kind: m.kind, encoding: raw.dialect.encoding,
    delimiter: raw.dialect.delimiter === '\t' ? 'tab' : raw.dialect.delimiter,
    ...(raw.workbook ? { sheet: raw.workbook.sheet } : {}),
    titleLines: raw.dialect.headerLine, rowsRead: raw.rows,
    malformed: { count: raw.rejectedCount, examples: raw.rejected.slice(0, 5) },
    noId: 0, totalLines: 0, blankLines: raw.blankLines, badEnquiryDate: { count: 0, examples: [] }, missingEnquiryDate: 0, unparsedDates: [], lateDates: [],
    unrecognisedStatuses: unrecognisedStatuses(m), unrecognisedLabels: unrecognisedLabels(m), noEnquiryEvent: 0,
  };
  if (!staged) return q;
  const enq = m.roles.enquiryDate;
  const dateCols = dateColumns(m);
  const lines = [
    'count(*) FILTER (WHERE id IS NULL AND NOT _total AND NOT _blank) AS no_id',
    'count(*) FILTER (WHERE _total) AS total_lines',
    enq && m.kind !== 'events' ? `count(*) FILTER (WHERE id IS NOT NULL AND NOT _total AND ${missingEnquiryDateSql(m)}) AS missing_enq` : '0 AS missing_enq',
  ];
  // The dates' flags are worked out on the few rows with an unread text, not on every row.
  const dates = [
    enq ? `count(*) FILTER (WHERE id IS NOT NULL AND ${unparsedDateSql(m, enq)})::BIGINT AS bad_enq` : '0::BIGINT AS bad_enq',
    ...dateCols.map((c, i) => `count(*) FILTER (WHERE ${unparsedDateSql(m, c)})::BIGINT AS u${i}`),
    ...dateCols.map((c, i) => `count(*) FILTER (WHERE ${lateDateSql(m, c)})::BIGINT AS l${i}`),
  ];
  const [row] = await engine.query<Record<string, number>>(
    `SELECT * FROM (SELECT ${lines.join(', ')} FROM ${staged}), (SELECT ${dates.join(', ')} FROM ${staged} WHERE ${UNREAD_TEXTS} IS NOT NULL AND NOT _total)`);
  q.noId = row.no_id;
  q.totalLines = row.total_lines;
  q.badEnquiryDate.count = row.bad_enq;
  q.missingEnquiryDate = row.missing_enq;
  // Examples come from the text of the first few flagged rows, as staging kept it.
  const examples = async (c: string, flag = unparsedDateSql(m, c)) =>
    (await engine.query<{ example_value: string }>(
      `SELECT DISTINCT example_value FROM (SELECT ${unreadTextSql(m, c)} AS example_value FROM ${staged} WHERE ${flag} AND NOT _total LIMIT 200)
       ORDER BY example_value LIMIT 3`,
    )).map((r) => r.example_value);
  if (q.badEnquiryDate.count && enq) q.badEnquiryDate.examples = await examples(enq);
  for (let i = 0; i < dateCols.length; i++) {
    if (row[`u${i}`] > 0 && dateCols[i] !== enq) {
      q.unparsedDates.push({ column: dateCols[i], count: row[`u${i}`], examples: await examples(dateCols[i]) });
    }
    if (row[`l${i}`] > 0) q.lateDates.push({ column: dateCols[i], count: row[`l${i}`], examples: await examples(dateCols[i], lateDateSql(m, dateCols[i])) });
  }
  return q;
}

/**
 * Regional hubs: when the enquiry files are different services' exports and
 * none has a column naming the service, each file's enquiries get its service
 * (an attribute every view can split and filter by) and their ids are kept
 * apart per service, so two councils' "FE-000123" stay two enquiries.
 * Several files are one service (the same enquiries in a wide export and an
 * event log, yearly exports...) unless the user names them apart on the Data
 * page, or the files show they come from different case systems: references
 * that recur across files with other enquiry dates, or a different id scheme
 * in each ("BR-1042" against "NS-0073").
 */
async function withServices(engine: Engine, raws: RawFile[], mappings: FileMapping[], enquiryParts: string[], attrs: Set<string>): Promise<string[]> {
  const files = raws.map((raw, i) => ({ raw, m: mappings[i] })).filter((f) => f.m.kind !== 'costs');
  const named = [...attrs].find(isServiceColumn);
  if (named) {
    // A column names each row's service: ids are kept apart per service, as file names keep them, but only
    // when every file has the column (a file without it may hold the same enquiries, e.g. as an event log).
    if (files.length !== enquiryParts.length || !files.every((f) => attributeColumns(f.raw, f.m).includes(named))) return enquiryParts;
    const col = attributeColumn(named);
    return enquiryParts.map((part) => `SELECT * REPLACE (CASE WHEN nullif(trim(${col}), '') IS NULL THEN id ELSE trim(${col}) || ' / ' || id END AS id) FROM (${part})`);
  }
  if (files.length !== enquiryParts.length) return enquiryParts;
  const services = fileServices(files.map((f) => f.raw.name), files.map((f) => f.m.service));
  if (services.every((x) => x === null)) return enquiryParts;
  if (!files.some((f) => f.m.service) && !(await differentSystems(engine, enquiryParts))) return enquiryParts;
  attrs.add(SERVICE_ATTRIBUTE);
  return enquiryParts.map((part, i) => {
    const name = lit(services[i]!);
    return `SELECT * REPLACE (${name} || ' / ' || id AS id), ${name} AS ${attributeColumn(SERVICE_ATTRIBUTE)} FROM (${part})`;
  });
}

/** Files this small say too little about their id scheme to tell systems apart. */
const MIN_IDS_FOR_SCHEME = 20;

/**
 * True when the enquiry files look like different case systems' exports:
 * references found in more than one file mostly have different enquiry dates
 * (other people), or each file's ids share one letter prefix and the prefixes differ.
 */
async function differentSystems(engine: Engine, enquiryParts: string[]): Promise<boolean> {
  const ids = enquiryParts.map((p) => `SELECT _file, id, enquiry_date FROM (${p}) WHERE id IS NOT NULL`).join(' UNION ALL ');
  const [shared] = await engine.query<{ shared: number; agreeing: number }>(
    `SELECT count(*)::INTEGER AS shared, count(*) FILTER (WHERE dates = 1)::INTEGER AS agreeing
     FROM (SELECT id, count(DISTINCT enquiry_date) AS dates FROM (${ids}) GROUP BY id HAVING count(DISTINCT _file) > 1)`,
  );
  if (shared.shared > 0) return shared.agreeing < shared.shared / 2;
  const schemes = await engine.query<{ file: number; prefix: string; share: number; n: number }>(
    `SELECT _file AS file, arg_max(prefix, k) AS prefix, (max(k) / sum(k))::DOUBLE AS share, sum(k)::INTEGER AS n
     FROM (SELECT _file, upper(regexp_extract(id, '^[A-Za-z]+')) AS prefix, count(*) AS k FROM (${ids}) GROUP BY ALL)
     GROUP BY _file`,
  );
  const clear = schemes.filter((x) => x.prefix && x.share >= 0.8 && x.n >= MIN_IDS_FOR_SCHEME);
  return clear.length === enquiryParts.length && new Set(clear.map((x) => x.prefix)).size === clear.length;
}

/** Throws, naming the file, when the files hold no enquiry data, a file has no data rows, or a mapping lacks a column its kind needs. */
function checkFiles(raws: RawFile[], mappings: FileMapping[]): void {
  if (!raws.some((_, i) => mappings[i].kind !== 'costs')) {
    throw new WithoutEnquiriesError(
      `${raws.length === 1 ? `"${raws[0].name}" holds` : 'These files hold'} campaign costs only. Choose your enquiry export together with the cost sheet.`,
    );
  }
  raws.forEach((raw, i) => {
    if (raw.rows === 0 && raw.rejectedCount === 0) {
      throw new IngestError(`"${raw.name}" has a header row but no data rows. Export it again with the records included.`);
    }
    validateMapping(raw, mappings[i]);
  });
}

/** One enquiry file staged: its part of the union of enquiries, and its scratch tables. */
interface StagedFile {
  part: string;
  staged: string;
  /** Event logs: one row per enquiry, before merging. */
  perEnquiry: string | null;
}

/**
 * Reads one enquiry file (wide, status list or event log) straight into its
 * staged table under `prefix`, typed, cleaned and flagged, and counts its
 * lines: one pass over the file. Needs the mapping's columns only; the
 * meaning of its status values and stage labels comes after (stagedPart;
 * a direct write reads them as a sample of the file has them, see direct.ts).
 * With a `target` (see direct.ts), the pass writes the target's rows to its table instead.
 */
export async function stageRows(
  engine: Engine, raw: RawFile, m: FileMapping, i: number, prefix: string, loadBytes: number, progress: LoadProgress, target?: RowsTarget,
): Promise<string> {
  progress({ label: `Reading "${raw.name}"`, bytes: raw.bytes });
  const table = target?.table ?? scratchTable(`${prefix}_staged_${i}`, loadBytes);
  const formats = usualDateFormats(raw, dateColumns(m));
  await readFileClean(engine, raw, {
    table,
    select: (source) => {
      const staged = m.kind === 'events' ? stagedEventsSql(raw, m, formats, source) : stagedEnquiriesSql(raw, m, formats, source);
      return target ? target.select(staged) : staged;
    },
  }, progress);
  await countLines(engine, raw, `SELECT count(*) FILTER (WHERE NOT _blank) AS data_rows, count(*) AS all_rows FROM ${table}`);
  return table;
}

/** A staged file's part of the union of enquiries, with the meaning of its values applied (event logs: collapsed to one row per enquiry). */
async function stagedPart(engine: Engine, raw: RawFile, m: FileMapping, staged: string, i: number, prefix: string, loadBytes: number): Promise<StagedFile> {
  if (m.kind === 'events') {
    const rows = `(SELECT *, ${labelledEventsSql(m).join(', ')} FROM ${staged} WHERE NOT _total)`;
    const perEnquiry = scratchTable(`${prefix}_evenq_${i}`, loadBytes);
    await engine.exec(`CREATE OR REPLACE TABLE ${perEnquiry} AS ${eventLogEnquiriesSql(rows, attributeColumns(raw, m), stageIdsOf(m))}`);
    // The enquiry's own date counts as its enquiry milestone.
    const part = `SELECT * EXCLUDE (has_enquiry_event, last_event_date, _enquiry_event),
      ${minOfSql(['_enquiry_event', 'enquiry_date'])} AS ${stageDateColumn('enquiry')}, 1 AS _rows,
      ${maxOfSql(['enquiry_date', 'exit_date', 'last_event_date'])} AS _last, ${i} AS _file, 0 AS _seq FROM ${perEnquiry}`;
    return { part, staged, perEnquiry };
  }
  // The staged table was written in the file's order: its rowid is each row's place, for "the later row wins".
  const rows = `(SELECT * EXCLUDE (stage_label, ${STAGED_FLAGS.join(', ')}), ${labelledEnquiriesSql(m).join(', ')}, rowid AS _seq FROM ${staged} WHERE NOT _total)`;
  return { part: widePartSql(m, rows, i), staged, perEnquiry: null };
}

/** Writes `table`: spend per campaign from the cost sheets among the files (empty without any). */
async function writeCosts(engine: Engine, raws: RawFile[], mappings: FileMapping[], table: string): Promise<void> {
  const parts = raws.flatMap((raw, i) => (mappings[i].kind === 'costs' ? [`SELECT * FROM (${costsSql(raw, mappings[i])}) WHERE NOT ${totalLineSql('campaign')}`] : []));
  await engine.exec(`CREATE OR REPLACE TABLE ${table} AS ${
    parts.length
      ? `SELECT campaign, sum(spend) AS spend FROM (${parts.join(' UNION ALL ')}) WHERE campaign IS NOT NULL AND spend IS NOT NULL GROUP BY campaign`
      : 'SELECT NULL::VARCHAR AS campaign, NULL::DOUBLE AS spend WHERE false'
  }`);
}

/** The data-quality figures of every file, from their staged tables. */
async function filesQuality(engine: Engine, raws: RawFile[], mappings: FileMapping[], staged: (StagedFile | null)[]): Promise<FileQuality[]> {
  const files: FileQuality[] = [];
  for (let i = 0; i < raws.length; i++) {
    const q = await fileQuality(engine, raws[i], mappings[i], staged[i]?.staged ?? null);
    const perEnquiry = staged[i]?.perEnquiry;
    if (perEnquiry) {
      const [{ n }] = await engine.query<{ n: number }>(`SELECT count(*) FILTER (WHERE NOT has_enquiry_event) AS n FROM ${perEnquiry}`);
      q.noEnquiryEvent = n;
    }
    files.push(q);
  }
  return files;
}

/** How stageExports goes about its files. */
export interface StageOptions {
  /** `prestaged[i]`: file i's staged table when stageRows has read it already. */
  prestaged?: readonly (string | null)[];
  /** How the enquiries are stored (the caller's columns added as they are written). */
  rows?: EnquiryRows;
  /**
   * The file written straight into the enquiries table (its prestaged table),
   * with the mapping it was written with; undefined: stageExports does so when
   * it can (directFile); null: never.
   */
  direct?: { index: number; used: FileMapping } | null;
}

/**
 * Stages a set of opened files under `prefix`, writes their costs and their
 * merged enquiries, leaving whatever is loaded now untouched. A single
 * enquiry export is written in the pass that reads it (see direct.ts); several
 * files, or an event log, are staged first and merged from their staged tables.
 * Cost sheets are read as text (and those tables dropped once used).
 */
export async function stageExports(
  engine: Engine, raws: RawFile[], mappings: FileMapping[], prefix: string, progress: LoadProgress = () => {}, options: StageOptions = {},
): Promise<StagedModel> {
  checkFiles(raws, mappings);
  const { prestaged = [] } = options;
  const loadBytes = raws.reduce((a, r) => a + r.bytes, 0);
  const tables = modelTables(prefix);
  const exportDate = exportDateOf(raws);
  const at = options.direct === undefined ? directFile(mappings, raws) : (options.direct?.index ?? null);
  const rows = rowsFor(options.rows ?? MERGED_ROWS, await slicedDirect(raws, at));
  const attrs = new Set<string>();
  const stageIds = new Set<string>();
  const staged: (StagedFile | null)[] = [];
  for (let i = 0; i < raws.length; i++) {
    const [raw, m] = [raws[i], mappings[i]];
    if (m.kind === 'costs') {
      await restoreRawTables(engine, [raw]);
      staged.push(null);
      continue;
    }
    for (const a of attributeColumns(raw, m)) attrs.add(a);
    for (const id of stageIdsOf(m)) stageIds.add(id);
    // A file read already (prestaged) was written to its target then; only one read here needs it.
    const table = prestaged[i] ?? (await stageRows(engine, raw, m, i, prefix, loadBytes, progress,
      i === at ? directTarget(raw, options.direct?.used ?? m, tables.enquiries, rows, exportDate) : undefined));
    staged.push(i === at ? { part: '', staged: table, perEnquiry: null } : await stagedPart(engine, raw, m, table, i, prefix, loadBytes));
  }
  await writeCosts(engine, raws, mappings, tables.costs);
  progress({ label: 'Checking the data quality' });
  const files = await filesQuality(engine, raws, mappings, staged);
  // Everything else comes from the staged tables: the raw ones go now, to keep the peak memory down.
  await dropRawTables(engine, raws);
  progress({ label: rows.label });
  let conflicts: StatusConflicts;
  if (at !== null) {
    const used = options.direct?.used ?? mappings[at];
    conflicts = await finishDirect(engine, { table: tables.enquiries, raw: raws[at], used, final: mappings[at], scratch: scratchTable(`${prefix}_merge`, loadBytes) }, rows, exportDate);
  } else {
    const parts = staged.flatMap((f) => (f ? [f.part] : []));
    const union = (await withServices(engine, raws, mappings, parts, attrs)).map((p) => `(${p})`).join(' UNION ALL BY NAME ');
    const withIds = `SELECT * FROM (${union}) WHERE id IS NOT NULL`;
    conflicts = await statusConflicts(engine, withIds);
    const enquiries = `(SELECT * FROM (${mergedEnquiriesSql(withIds, [...attrs], [...stageIds])})
      WHERE enquiry_date IS NOT NULL)`;
    await engine.exec(`CREATE OR REPLACE TABLE ${tables.enquiries} AS ${rows.select(enquiries, [...stageIds], exportDate)}`);
  }
  return {
    tables, stageIds: [...stageIds], attributes: [...attrs], files, mappings, exportDate, rows, statusConflicts: conflicts,
    scratch: staged.flatMap((f, i) => (f && i !== at ? [f.staged, ...(f.perEnquiry ? [f.perEnquiry] : [])] : [])),
  };
}

/**
 * Finishes the model once its enquiries are written:
 * the events view, the counts, and the staged tables dropped. Throws an
 * IngestError saying why, per file, when no enquiry came out of the files.
 */
export async function completeModel(engine: Engine, staged: StagedModel, progress: LoadProgress = () => {}): Promise<BuiltModel> {
  const { enquiries, events, costs } = staged.tables;
  progress({ label: 'Listing the stages each enquiry reached' });
  // A view: no metric reads the events, and storing them cost a tenth of a big load.
  await engine.exec(`CREATE OR REPLACE VIEW ${events} AS ${eventsFromEnquiriesSql(enquiries, staged.stageIds)}`);
  const exportDate = staged.exportDate;
  // One scan of the enquiries: each non-empty stage date is an event (as the events view unpivots them).
  const dates = staged.stageIds.map(stageDateColumn);
  const total = (xs: string[]) => (xs.length ? xs.join(' + ') : '0');
  const until = `DATE ${lit(exportDate)}`;
  const [counts] = await engine.query<{ enquiries: number; rows: number; dup_ids: number; events: number; after: number; enquiries_after: number; costs: number; latest: string | null }>(
    `SELECT count(*) AS enquiries, coalesce(sum(rows), 0) AS rows, count(*) FILTER (WHERE rows > 1) AS dup_ids,
       count(*) FILTER (WHERE enquiry_date > ${until}) AS enquiries_after,
       ${total(dates.map((d) => `count(${d})`))} AS events,
       ${total([...dates, 'exit_date'].map((d) => `count(*) FILTER (WHERE ${d} > ${until})`))} AS after,
       strftime(greatest(${[...dates, 'exit_date'].map((d) => `max(${d}) FILTER (WHERE ${d} <= ${until})`).join(', ')}), '%Y-%m-%d') AS latest,
       (SELECT count(*) FROM ${costs}) AS costs
     FROM ${enquiries}`,
  );
  if (counts.enquiries === 0) throw new IngestError(noEnquiriesMessage(staged.files, staged.mappings));
  // The staged rows were only needed for the model and the quality counts.
  for (const t of staged.scratch) await engine.exec(`DROP TABLE IF EXISTS ${t}`);
  return {
    tables: staged.tables, stageIds: staged.stageIds, attributes: staged.attributes, latestDate: counts.latest ?? exportDate,
    quality: {
      files: staged.files, enquiries: counts.enquiries, events: counts.events, duplicatesMerged: counts.rows - counts.enquiries,
      duplicateIds: counts.dup_ids, campaignsWithSpend: counts.costs, exportDate, datesAfterExport: counts.after,
      enquiriesAfterExport: counts.enquiries_after, statusConflicts: staged.statusConflicts,
    },
  };
}
