import type { Engine } from '../engine/engine';
import { ident, lit } from '../engine/sql';
import {
  attributeColumns, costsSql, dateColumns, eventLogEnquiriesSql, eventsFromEnquiriesSql, flagNames, mergedEnquiriesSql,
  stageDateColumn, stageIdsOf, stagedEnquiriesSql, stagedEventsSql,
} from './canonical';
import { ROLE_NAMES, type FileMapping } from './mapping';
import { unrecognisedLabels, unrecognisedStatuses } from './propose';
import type { LoadProgress } from './progress';
import { IngestError, dropRawTables, scratchTable, type RawFile } from './read';
import { missingFlag, totalLineSql, unparsedFlag, usualDateFormats } from './staging';

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
  const found = raw.columns.map((c) => `"${c}"`).join(', ');
  const need = (role: keyof typeof ROLE_NAMES, examples: string) => {
    if (!m.roles[role]) {
      throw new IngestError(
        `Couldn't find ${article(ROLE_NAMES[role])} ${ROLE_NAMES[role]} column in "${raw.name}". Columns found: ${found}. Expected a column such as ${examples}. If one of these is it, choose it on the Data page.`,
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
    noId: 0, totalLines: 0, blankLines: raw.blankLines, badEnquiryDate: { count: 0, examples: [] }, missingEnquiryDate: 0, unparsedDates: [],
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
  ];
  const [row] = await engine.query<Record<string, number>>(`SELECT ${parts.join(', ')} FROM ${staged}`);
  q.noId = row.no_id;
  q.totalLines = row.total_lines;
  q.badEnquiryDate.count = row.bad_enq;
  q.missingEnquiryDate = row.missing_enq;
  // Examples come from the raw text of the first few flagged rows.
  const examples = async (c: string) =>
    (await engine.query<{ v: string }>(
      `SELECT DISTINCT clean_text(${ident(c)}) AS v FROM ${raw.table}
       WHERE rowid IN (SELECT _seq FROM ${staged} WHERE ${unparsedFlag(c)} AND NOT _total LIMIT 200) ORDER BY v LIMIT 3`,
    )).map((r) => r.v);
  if (q.badEnquiryDate.count && enq) q.badEnquiryDate.examples = await examples(enq);
  for (let i = 0; i < dateCols.length; i++) {
    if (row[`u${i}`] > 0 && dateCols[i] !== enq) {
      q.unparsedDates.push({ column: dateCols[i], count: row[`u${i}`], examples: await examples(dateCols[i]) });
    }
  }
  return q;
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
      costParts.push(`${costsSql(raw, m)} WHERE NOT ${totalLineSql(`clean_text(${ident(m.roles.campaign!)})`)}`);
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
  const union = enquiryParts.map((p) => `(${p})`).join(' UNION ALL BY NAME ');
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
  if (counts.enquiries === 0) {
    const f = files.filter((x) => x.kind !== 'costs');
    const why = f.map((x) => `"${x.name}": ${x.rowsRead} rows read, ${x.noId} without an id, ${x.badEnquiryDate.count + x.missingEnquiryDate} without a readable enquiry date${x.badEnquiryDate.examples.length ? ` (e.g. "${x.badEnquiryDate.examples[0]}")` : ''}`);
    throw new IngestError(`No enquiries could be read. ${why.join('; ')}. Check the id and enquiry date columns on the Data page, or export again.`);
  }
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
