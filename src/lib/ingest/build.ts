import type { Engine } from '../engine/engine';
import { ident, lit } from '../engine/sql';
import {
  ATTR_PREFIX, attributeColumns, costsSql, dateColumns, eventLogEnquiriesSql, eventsFromEnquiriesSql, flagNames, mergedEnquiriesSql,
  stageDateColumn, stageIdsOf, stagedEnquiriesSql, stagedEventsSql,
} from './canonical';
import { ROLE_NAMES, type FileMapping } from './mapping';
import { fileServices, isServiceColumn, SERVICE_ATTRIBUTE } from './service';
import { unrecognisedLabels, unrecognisedStatuses } from './propose';
import type { LoadProgress } from './progress';
import { countOf, shortList } from './messages';
import { IngestError, dropRawTables, rawColumn, scratchTable, type RawFile } from './read';
import { lateFlag, missingFlag, totalLineSql, unparsedFlag, usualDateFormats } from './staging';

/** What happened to one file, for the data-quality summary. */
export interface FileQuality {
  name: string;
  kind: FileMapping['kind'];
  encoding: string;
  delimiter: string;
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
}

export interface BuiltModel {
  /** Names of the new canonical model's tables (`events` is a view of `enquiries`). */
  tables: { enquiries: string; events: string; costs: string };
  /** The key of the extra columns the enquiries table was built with, if any. */
  extendedFor: string | null;
  quality: QualityReport;
  attributes: string[];
}

/**
 * Columns worked out from the merged enquiries in the same pass that stores
 * them (the funnel's per-enquiry journey), so a big load writes its rows once.
 * `select` wraps a query of merged enquiries, keeping all their columns and rows.
 */
export interface EnquiryExtension {
  key: string;
  select(enquiries: string, stageIds: ReadonlySet<string>, exportDate: string): string;
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
    titleLines: raw.dialect.headerLine, rowsRead: raw.rows,
    malformed: { count: raw.rejectedCount, examples: raw.rejected.slice(0, 5) },
    noId: 0, totalLines: 0, blankLines: raw.blankLines, badEnquiryDate: { count: 0, examples: [] }, missingEnquiryDate: 0, unparsedDates: [], lateDates: [],
    unrecognisedStatuses: unrecognisedStatuses(m), unrecognisedLabels: unrecognisedLabels(m), noEnquiryEvent: 0,
  };
  if (!staged) return q;
  const enq = m.roles.enquiryDate;
  const dateCols = dateColumns(m);
  const parts = [
    'count(*) FILTER (WHERE id IS NULL AND NOT _total AND NOT _blank) AS no_id',
    'count(*) FILTER (WHERE _total) AS total_lines',
    enq ? `count(*) FILTER (WHERE id IS NOT NULL AND NOT _total AND ${unparsedFlag(enq)}) AS bad_enq` : '0 AS bad_enq',
    enq && m.kind !== 'events' ? `count(*) FILTER (WHERE id IS NOT NULL AND NOT _total AND ${missingFlag(enq)}) AS missing_enq` : '0 AS missing_enq',
    ...dateCols.map((c, i) => `count(*) FILTER (WHERE ${unparsedFlag(c)} AND NOT _total) AS u${i}`),
    ...dateCols.map((c, i) => `count(*) FILTER (WHERE ${lateFlag(c)} AND NOT _total) AS l${i}`),
  ];
  const [row] = await engine.query<Record<string, number>>(`SELECT ${parts.join(', ')} FROM ${staged}`);
  q.noId = row.no_id;
  q.totalLines = row.total_lines;
  q.badEnquiryDate.count = row.bad_enq;
  q.missingEnquiryDate = row.missing_enq;
  // Examples come from the raw text of the first few flagged rows.
  const examples = async (c: string, flag = unparsedFlag(c)) =>
    (await engine.query<{ example_value: string }>(
      `SELECT DISTINCT clean_text(${rawColumn(raw, c)}) AS example_value FROM ${raw.table}
       WHERE rowid IN (SELECT _seq FROM ${staged} WHERE ${flag} AND NOT _total LIMIT 200) ORDER BY example_value LIMIT 3`,
    )).map((r) => r.example_value);
  if (q.badEnquiryDate.count && enq) q.badEnquiryDate.examples = await examples(enq);
  for (let i = 0; i < dateCols.length; i++) {
    if (row[`u${i}`] > 0 && dateCols[i] !== enq) {
      q.unparsedDates.push({ column: dateCols[i], count: row[`u${i}`], examples: await examples(dateCols[i]) });
    }
    if (row[`l${i}`] > 0) q.lateDates.push({ column: dateCols[i], count: row[`l${i}`], examples: await examples(dateCols[i], lateFlag(dateCols[i])) });
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
  if ([...attrs].some(isServiceColumn)) return enquiryParts;
  const files = raws.map((raw, i) => ({ raw, m: mappings[i] })).filter((f) => f.m.kind !== 'costs');
  if (files.length !== enquiryParts.length) return enquiryParts;
  const services = fileServices(files.map((f) => f.raw.name), files.map((f) => f.m.service));
  if (services.every((x) => x === null)) return enquiryParts;
  if (!files.some((f) => f.m.service) && !(await differentSystems(engine, enquiryParts))) return enquiryParts;
  attrs.add(SERVICE_ATTRIBUTE);
  return enquiryParts.map((part, i) => {
    const name = lit(services[i]!);
    return `SELECT * REPLACE (${name} || ' / ' || id AS id), ${name} AS ${ident(ATTR_PREFIX + SERVICE_ATTRIBUTE)} FROM (${part})`;
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

/**
 * Builds the canonical tables for a set of read files under `prefix`, leaving
 * whatever is loaded now untouched (the caller swaps them in on success). The
 * raw tables are dropped once staged (restoreRawTables reads them again).
 */
export async function buildModel(
  engine: Engine, raws: RawFile[], mappings: FileMapping[], prefix: string, progress: LoadProgress = () => {},
  extension: EnquiryExtension | null = null,
): Promise<BuiltModel> {
  const dataFiles = raws.filter((_, i) => mappings[i].kind !== 'costs');
  if (dataFiles.length === 0) {
    throw new IngestError(
      `${raws.length === 1 ? `"${raws[0].name}" holds` : 'These files hold'} campaign costs only. Choose your enquiry export together with the cost sheet.`,
    );
  }
  raws.forEach((raw, i) => {
    if (raw.rows === 0 && raw.rejectedCount === 0) {
      throw new IngestError(`"${raw.name}" has a header row but no data rows. Export it again with the records included.`);
    }
    validateMapping(raw, mappings[i]);
  });

  const loadBytes = raws.reduce((a, r) => a + r.bytes, 0);
  const enquiryParts: string[] = [];
  const costParts: string[] = [];
  const attrs = new Set<string>();
  const stageIds = new Set<string>();
  const stagedTables: (string | null)[] = raws.map(() => null);
  // Event logs: one row per enquiry, before merging.
  const perEnquiryTables: (string | null)[] = raws.map(() => null);
  for (let i = 0; i < raws.length; i++) {
    const raw = raws[i];
    const m = mappings[i];
    if (m.kind === 'costs') {
      costParts.push(`SELECT * FROM (${costsSql(raw, m)}) WHERE NOT ${totalLineSql('campaign')}`);
      continue;
    }
    for (const a of attributeColumns(raw, m)) attrs.add(a);
    const staged = scratchTable(`${prefix}_staged_${i}`, loadBytes);
    stagedTables[i] = staged;
    const formats = usualDateFormats(raw, dateColumns(m));
    progress({ label: `Cleaning ${raw.rows.toLocaleString('en-GB')} rows of "${raw.name}" and reading their dates` });
    const rows = `(SELECT * FROM ${staged} WHERE NOT _total)`;
    const ids = stageIdsOf(m);
    for (const id of ids) stageIds.add(id);
    if (m.kind === 'events') {
      await engine.exec(`CREATE OR REPLACE TABLE ${staged} AS ${stagedEventsSql(raw, m, formats)}`);
      const perEnquiry = scratchTable(`${prefix}_evenq_${i}`, loadBytes);
      perEnquiryTables[i] = perEnquiry;
      await engine.exec(`CREATE OR REPLACE TABLE ${perEnquiry} AS ${eventLogEnquiriesSql(rows, attributeColumns(raw, m), ids)}`);
      // The enquiry's own date counts as its enquiry milestone.
      enquiryParts.push(`SELECT * EXCLUDE (has_enquiry_event, last_event_date, _enquiry_event),
        least(_enquiry_event, enquiry_date) AS ${stageDateColumn('enquiry')}, 1 AS _rows,
        greatest(enquiry_date, exit_date, last_event_date) AS _last, ${i} AS _file, 0 AS _seq FROM ${perEnquiry}`);
    } else {
      await engine.exec(`CREATE OR REPLACE TABLE ${staged} AS ${stagedEnquiriesSql(raw, m, formats)}`);
      const dcols = Object.keys(m.roles.stageDates).map((s) => ident('d:' + s));
      // A row without an enquiry date is dropped, and its stage dates with it.
      const stageDates = Object.keys(m.roles.stageDates).map((s) => `CASE WHEN enquiry_date IS NOT NULL THEN ${ident('d:' + s)} END AS ${stageDateColumn(s)}`);
      enquiryParts.push(`SELECT * EXCLUDE (${[...dcols, ...flagNames(m)].join(', ')}),
        enquiry_date AS ${stageDateColumn('enquiry')}${stageDates.length ? ', ' + stageDates.join(', ') : ''}, 1 AS _rows,
        greatest(enquiry_date, exit_date${dcols.length ? ', ' + dcols.join(', ') : ''}) AS _last, ${i} AS _file FROM ${rows}`);
    }
  }

  const enquiries = `${prefix}_enquiries`;
  const events = `${prefix}_events`;
  const costs = `${prefix}_costs`;
  const union = (await withServices(engine, raws, mappings, enquiryParts, attrs)).map((p) => `(${p})`).join(' UNION ALL BY NAME ');
  const exportMs = Math.max(...raws.map((r) => r.lastModified ?? 0));
  const exportDate = new Date(exportMs > 0 ? exportMs : Date.now()).toISOString().slice(0, 10);
  await engine.exec(`CREATE OR REPLACE TABLE ${costs} AS ${
    costParts.length
      ? `SELECT campaign, sum(spend) AS spend FROM (${costParts.join(' UNION ALL ')}) WHERE campaign IS NOT NULL AND spend IS NOT NULL GROUP BY campaign`
      : 'SELECT NULL::VARCHAR AS campaign, NULL::DOUBLE AS spend WHERE false'
  }`);
  progress({ label: 'Checking the data quality' });
  const files: FileQuality[] = [];
  for (let i = 0; i < raws.length; i++) files.push(await fileQuality(engine, raws[i], mappings[i], stagedTables[i]));
  for (let i = 0; i < raws.length; i++) {
    const perEnquiry = perEnquiryTables[i];
    if (perEnquiry) {
      const [{ n }] = await engine.query<{ n: number }>(`SELECT count(*) FILTER (WHERE NOT has_enquiry_event) AS n FROM ${perEnquiry}`);
      files[i].noEnquiryEvent = n;
    }
  }
  // Everything else comes from the staged tables: the raw ones go now, to keep the peak memory down.
  await dropRawTables(engine, raws);
  progress({ label: extension ? 'Merging records of the same enquiry and following each through the stages' : 'Merging records of the same enquiry' });
  const merged = `(SELECT * FROM (${mergedEnquiriesSql(`SELECT * FROM (${union}) WHERE id IS NOT NULL`, [...attrs], [...stageIds])})
    WHERE enquiry_date IS NOT NULL)`;
  await engine.exec(`CREATE OR REPLACE TABLE ${enquiries} AS ${extension ? extension.select(merged, stageIds, exportDate) : `SELECT * FROM ${merged}`}`);
  progress({ label: 'Listing the stages each enquiry reached' });
  // A view: no metric reads the events, and storing them cost a tenth of a big load.
  await engine.exec(`CREATE OR REPLACE VIEW ${events} AS ${eventsFromEnquiriesSql(enquiries, [...stageIds])}`);

  const [counts] = await engine.query<{ enquiries: number; rows: number; dup_ids: number; events: number; costs: number }>(
    `SELECT (SELECT count(*) FROM ${enquiries}) AS enquiries, (SELECT coalesce(sum(rows), 0) FROM ${enquiries}) AS rows,
            (SELECT count(*) FROM ${enquiries} WHERE rows > 1) AS dup_ids,
            (SELECT count(*) FROM ${events}) AS events, (SELECT count(*) FROM ${costs}) AS costs`,
  );
  if (counts.enquiries === 0) throw new IngestError(noEnquiriesMessage(files, mappings));
  // The staged rows were only needed for the model and the quality counts.
  for (const t of [...stagedTables, ...perEnquiryTables]) if (t) await engine.exec(`DROP TABLE IF EXISTS ${t}`);
  const [{ after }] = await engine.query<{ after: number }>(
    `SELECT (SELECT count(*) FROM ${events} WHERE date > DATE ${lit(exportDate)}) + (SELECT count(*) FROM ${enquiries} WHERE exit_date > DATE ${lit(exportDate)}) AS after`,
  );
  return {
    tables: { enquiries, events, costs },
    extendedFor: extension?.key ?? null,
    attributes: [...attrs],
    quality: {
      files, enquiries: counts.enquiries, events: counts.events, duplicatesMerged: counts.rows - counts.enquiries,
      duplicateIds: counts.dup_ids, campaignsWithSpend: counts.costs, exportDate, datesAfterExport: after,
    },
  };
}
