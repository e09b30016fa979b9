import { hasRelation } from '../engine/catalog';
import { QueryInterrupted, type Engine } from '../engine/engine';
import { ident, lit } from '../engine/sql';
import { IngestError, plainEngineError } from './errors';
import { HEAD_BYTES, SniffError, decodeWindows1252, firstDataLine, sniff, type Dialect } from './sniff';
import { startCleanScan, type CleanScan } from './cleanScan';
import { openWorkbook, type WorkbookInfo } from './workbook';
import { byteRange, dataBytes } from './bytes';
import { planSlices, type Cut, type SlicePlan } from './slices';
import type { LoadProgress } from './progress';

export { IngestError } from './errors';

/** A file chosen by the user (File in the browser, bytes in tests). */
export interface ExportFile {
  name: string;
  data: File | Uint8Array;
  /** When the file was written (ms); dates after it are suspicious. */
  lastModified?: number;
  /** For an Excel workbook: the sheet the user chose (otherwise one is chosen). */
  sheet?: string;
}

/**
 * One file as the app reads it: its dialect and columns, registered with
 * DuckDB. Nothing copies the whole file as text: staging reads it straight
 * into typed columns (see rawSource); only cost sheets, carers lists and files
 * whose columns must be chosen by hand are read into an all-text table.
 */
export interface RawFile {
  index: number;
  name: string;
  /**
   * The all-text table, for the files read that way (see readRawTable): it
   * exists only while a model is being built, as the model holds all that is
   * used afterwards (restoreRawTables reads it again).
   */
  table: string;
  /** The statement that (re)creates `table` from the registered file. */
  readSql: string;
  /** Size of the file in bytes. */
  bytes: number;
  /** Name the file is registered under in DuckDB. */
  registered: string;
  dialect: Dialect;
  /**
   * The file's column names, unique, in file order. The columns read are
   * named by position (see rawColumn), so no name in a file can clash with a
   * name the app's SQL uses.
   */
  columns: string[];
  /** Data rows, not counting blank lines (counted by the first full read). */
  rows: number;
  /** Lines of nothing but delimiters or spaces, skipped. */
  blankLines: number;
  rejected: { line: number; problem: string }[];
  rejectedCount: number;
  lastModified: number | null;
  /** For an Excel workbook: the sheet read (as CSV) and the sheets with data. */
  workbook?: WorkbookInfo;
  /** How the file is read, settled by its first full read (see readFile). */
  options: ReadOptions;
  /** The bytes registered, kept to re-encode them if the file turns out to be Windows-1252. */
  data: File | Uint8Array;
  /**
   * For each column, true when none of its cells needs cleaning (see
   * cleanColumns.ts): staging reads those columns as they are. Set by
   * readFileClean; until then, or when the scan couldn't tell, every column
   * is cleaned.
   */
  clean?: readonly boolean[];
  /** The scan for `clean`, started when the file is opened, running beside everything else until the file's first full read. */
  cleanScan?: CleanScan;
  /**
   * Where a full read cuts the file, to write it a slice at a time (see
   * slices.ts): worked out from when the file is opened, when the load is
   * compressed as it is written; absent (or without cuts) to read it whole.
   */
  slices?: SlicePlan;
  /** About how big the slices are; null to read the file whole. */
  sliceBytes?: number | null;
}

/** What a full read writes: the rows `select` gives from the file (as rawSource), to `table`. */
export interface TableWrite {
  table: string;
  select(source: string): string;
}

/** Strict unless the file's line breaks are mixed (found in its head, or strictness failing the whole file); the encoding DuckDB is told. */
export interface ReadOptions {
  strict: boolean;
  encoding: string;
  /** True once a full read has settled these (a later read uses them as they are). */
  settled: boolean;
}

/**
 * Beyond this a browser tab runs out of memory building the tables: DuckDB-WASM
 * has at most 4 GB, and an 816 MB export of 5 million enquiries peaked at 3.4 GB
 * read in one statement (a file it can't cut into slices: see slices.ts).
 */
export const MAX_FILE_BYTES = 0.9e9;

/** The limit in words, for messages. */
export const MAX_FILE_WORDS = `about ${MAX_FILE_BYTES / 1e6} MB, some 5 million enquiries`;

export const sizeInWords = (bytes: number) => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`);

/**
 * Files up to this size (together) are staged in DuckDB's uncompressed
 * in-memory database: their raw and staged tables live only during a load,
 * and writing them uncompressed is about twice as fast. Larger files are
 * staged compressed, so a 5-million-row export still fits in a tab's memory.
 */
export const UNCOMPRESSED_STAGING_BYTES = 0.3e9;

/** About how big each slice of a file read a slice at a time is (see slices.ts). */
export const SLICE_BYTES = 80e6;

/**
 * How big the slices of a file are, given the bytes being loaded with it:
 * null (read whole) unless the load is compressed as it is written, when
 * writing a slice at a time keeps the rows held uncompressed to one slice's.
 */
export const sliceBytesFor = (loadBytes: number): number | null => (loadBytes > UNCOMPRESSED_STAGING_BYTES ? SLICE_BYTES : null);

/** Where a table that lives only during a load goes, given the bytes being loaded. */
export function scratchTable(name: string, bytes: number): string {
  return bytes <= UNCOMPRESSED_STAGING_BYTES ? `memory.main.${name}` : name;
}

/** The raw table's column (an SQL identifier) holding the file's column `name`. */
export function rawColumn(raw: Pick<RawFile, 'columns'>, name: string): string {
  const at = raw.columns.indexOf(name);
  if (at < 0) throw new IngestError(`The column "${name}" is not in this file any more. Choose its columns again on the Data page.`);
  return rawColumnAt(at);
}

/** The raw table's column at a position. */
const rawColumnAt = (at: number) => ident(`col_${at}`);

/** Every column of a raw table, as SQL identifiers in file order. */
export const rawColumns = (raw: Pick<RawFile, 'columns'>) => raw.columns.map((_, i) => rawColumnAt(i));

/** Total size in bytes of chosen files. */
export const filesBytes = (files: readonly { data: File | Uint8Array }[]) => files.reduce((a, f) => a + dataBytes(f.data), 0);

/**
 * Re-encodes a Windows-1252 file as UTF-8, a slice at a time (a whole file
 * may not fit in one string). Needed because DuckDB's latin-1 reader refuses
 * the bytes 0x80-0x9F, where Windows-1252 keeps ’ “ ” – € and friends.
 * This runs on the page's thread, so slices are small (4 MB: about 30 ms
 * each) with a pause between them for the page to draw. A File comes back
 * as a File made of the parts (DuckDB reads it like the original, without
 * copying it into its memory); bytes come back as bytes.
 */
export async function windows1252ToUtf8<T extends File | Uint8Array>(data: T, sliceBytes = 4 * 1024 * 1024): Promise<T> {
  const size = dataBytes(data);
  const encoder = new TextEncoder();
  const parts: Uint8Array<ArrayBuffer>[] = [];
  // Each slice of a File becomes a Blob as it is made: a File of Blobs refers to
  // them, where a File of byte arrays copies them all at once (120 ms for 160 MB).
  const blobs: Blob[] = [];
  for (let at = 0; at < size; at += sliceBytes) {
    const end = Math.min(size, at + sliceBytes);
    const bytes = await byteRange(data, at, end);
    const utf8 = encoder.encode(decodeWindows1252(bytes));
    if (data instanceof Uint8Array) parts.push(utf8);
    else blobs.push(new Blob([utf8]));
    if (end < size) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  if (!(data instanceof Uint8Array)) return new File(blobs, data.name, { lastModified: data.lastModified }) as T;
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out as T;
}

/** SQL true when every cell of a raw row is empty or spaces (a line of bare delimiters); `columns` are SQL identifiers. */
export function blankRowSql(columns: readonly string[]): string {
  // The first column usually settles it; the concatenation is only built for the rest.
  const first = columns[0];
  return `CASE WHEN ${first} IS NOT NULL AND NOT regexp_full_match(${first}, '\\s*') THEN false
    ELSE regexp_full_match(concat(${columns.join(', ')}), '\\s*') END`;
}

/**
 * Unique, non-empty column names from header cells ("Name", "Name (2)",
 * "Column 5"). Names differing only in case are made distinct too, as SQL
 * compares names that way.
 */
export function uniqueColumnNames(header: readonly string[], width: number): string[] {
  const taken = new Set<string>();
  const out: string[] = [];
  const bases = Array.from({ length: width }, (_, i) => (header[i] ?? '').replace(/\s+/g, ' ').trim() || `Column ${i + 1}`);
  for (const base of bases) {
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${n})`;
    taken.add(name.toLowerCase());
    out.push(name);
  }
  return out;
}

/**
 * Opens one file for reading (`loadBytes`: the size of all files loaded with
 * it, which decides where its scratch tables go): its encoding, delimiter and
 * header line from the first bytes, its columns, and the file registered with
 * DuckDB. Nothing is read past the head: see readFile.
 */
export async function openRawFile(
  engine: Engine, file: ExportFile, index: number, prefix: string, loadBytes = 0, sliceBytes = sliceBytesFor(Math.max(loadBytes, dataBytes(file.data))),
): Promise<RawFile> {
  // An Excel workbook is read (in a worker) into the CSV of one sheet, under the workbook's name.
  const book = await openWorkbook(file);
  if (book) file = book.file;
  const size = dataBytes(file.data);
  let dialect: Dialect;
  try {
    dialect = sniff(await byteRange(file.data, 0, HEAD_BYTES), `"${file.name}"`);
  } catch (e) {
    if (e instanceof SniffError) throw new IngestError(e.message);
    throw e;
  }
  if (size > MAX_FILE_BYTES) {
    throw new IngestError(
      `"${file.name}" is ${sizeInWords(size)}, more than a browser tab can analyse (${MAX_FILE_WORDS}). Export a shorter period, or only the columns you need, and choose the smaller files.`,
    );
  }
  const registered = `${prefix}_file_${index}.csv`;
  await engine.registerFile(registered, file.data);
  const raw: RawFile = {
    index, name: file.name, table: scratchTable(`${prefix}_raw_${index}`, Math.max(size, loadBytes)), readSql: '', bytes: size, registered, dialect,
    columns: uniqueColumnNames(dialect.header, dialect.width), rows: 0, blankLines: 0, rejected: [], rejectedCount: 0,
    lastModified: file.lastModified ?? (file.data instanceof Uint8Array ? null : file.data.lastModified),
    workbook: book?.workbook,
    options: { strict: !dialect.mixedLineBreaks, encoding: dialect.encoding === 'windows-1252' ? 'latin-1' : dialect.encoding, settled: false },
    data: file.data,
  };
  raw.readSql = rawTableSql(raw);
  raw.cleanScan = startCleanScan(file.data, { delimiter: dialect.delimiter, skip: firstDataLine(dialect), width: raw.columns.length }, dialect.encoding);
  raw.sliceBytes = sliceBytes;
  planCuts(raw);
  return raw;
}

/** Starts working out where a full read cuts the file (raw.slices), when it is read in slices; any plan for its bytes before is stopped. */
function planCuts(raw: RawFile): void {
  raw.slices?.stop();
  const dialect = { delimiter: raw.dialect.delimiter, encoding: raw.options.encoding };
  raw.slices = raw.sliceBytes ? planSlices(raw.data, dialect, raw.sliceBytes, headLines(raw.dialect)) : undefined;
}

/** The plan a full read of the file follows, once its first cut is known; null when it reads the file whole. */
export async function slicesOf(raw: Pick<RawFile, 'slices'>): Promise<SlicePlan | null> {
  return raw.slices && (await raw.slices.cut(1)) ? raw.slices : null;
}

/** The lines every slice of a file starts with and skips (see Cut): those DuckDB skips, or the first line when it skips none. */
const headLines = (d: Dialect) => Math.max(1, firstDataLine(d));

/** The table a file's malformed lines are logged to on each full read. */
const rejectsTable = (raw: Pick<RawFile, 'registered'>) => raw.registered.replace(/_file_(\d+)\.csv$/, '_rejects_$1');

/**
 * SQL: the file as a FROM item (its read_csv call), every column as text and
 * named by position (rawColumns), in the file's order, with the read options
 * in force. Each query that reads it reads the file, so it is for one pass
 * (staging, or the all-text table) only.
 */
export function rawSource(raw: RawFile, part?: SlicePart): string {
  const colSpec = '{' + raw.columns.map((_, i) => `${lit(`col_${i}`)}: 'VARCHAR'`).join(', ') + '}';
  const rejects = part?.rejects ?? rejectsTable(raw);
  const d = raw.dialect;
  return `read_csv(${lit(part?.registered ?? raw.registered)},
      columns = ${colSpec}, header = false, skip = ${part?.first === false ? headLines(d) : firstDataLine(d)}, delim = ${lit(d.delimiter)},
      quote = '"', escape = '"', auto_detect = false, null_padding = true, parallel = false, strict_mode = ${raw.options.strict},
      ignore_errors = true, store_rejects = true, rejects_table = ${lit(rejects)}, rejects_scan = ${lit(rejects + '_scan')},
      encoding = ${lit(raw.options.encoding)})`;
}

/** One slice of a file read a slice at a time, as rawSource reads it: its registered name, whether it is the file's first, and where its malformed lines are logged. */
interface SlicePart {
  registered: string;
  first: boolean;
  rejects: string;
}

/** SQL dropping a rejects table and its scan table. */
const dropRejectsTableSql = (rejects: string) => `DROP TABLE IF EXISTS ${rejects}; DROP TABLE IF EXISTS ${rejects}_scan;`;

/** SQL dropping the malformed lines a read logged (a slice's too, should a read have stopped in one): each full read logs them afresh, not alongside an earlier read's. */
function dropRejectsSql(raw: RawFile): string {
  return `${dropRejectsTableSql(rejectsTable(raw))} ${dropRejectsTableSql(partRejectsTable(raw))}`;
}

/** The table a slice after the first logs its malformed lines to, before they join the file's (see writeSlices). */
const partRejectsTable = (raw: RawFile) => `${rejectsTable(raw)}_part`;

/**
 * Writes `write` from the file a slice at a time (see slices.ts): the first
 * slice's statement makes the table and the others add to it, in the file's
 * order. Each slice is registered as a file of its own while it is read, and
 * its malformed lines are logged with the file's line numbers.
 */
async function writeSlices(engine: Engine, raw: RawFile, plan: SlicePlan, write: TableWrite, signal?: AbortSignal, progress: LoadProgress = () => {}): Promise<void> {
  const rejects = rejectsTable(raw);
  let from: Cut = { start: 0, lines: 0, head: 0 };
  for (let k = 1; ; k++) {
    const next = await plan.cut(k);
    const to = next?.start ?? raw.bytes;
    const parts = next ? plan.count() : k;
    progress({ label: `Reading "${raw.name}", part ${k}${parts ? ` of ${parts}` : ''}`, bytes: to - from.start });
    const part: SlicePart = { registered: raw.registered.replace(/\.csv$/, '_part.csv'), first: k === 1, rejects: k === 1 ? rejects : partRejectsTable(raw) };
    await engine.registerFile(part.registered, sliceOf(raw.data, part.first ? null : from.head, from.start, to, raw.name));
    try {
      const source = rawSource(raw, part);
      await engine.query(part.first ? createTableSql(write, source) : `INSERT INTO ${write.table} ${write.select(source)}`, signal);
    } finally {
      await engine.dropFile(part.registered).catch(() => {});
    }
    if (!part.first) {
      // A slice numbers its lines from its own start, its head's first.
      const behind = from.lines - headLines(raw.dialect);
      await engine.exec(`INSERT INTO ${rejects} SELECT * REPLACE (line + ${behind} AS line) FROM ${part.rejects}; ${dropRejectsTableSql(part.rejects)}`);
    }
    if (!next) return;
    from = next;
  }
}

/**
 * A slice of a file, to register as a file of its own: the bytes from
 * `from` up to `to`, after the file's first `head` bytes when given (a File
 * refers to the parts without copying them).
 */
function sliceOf(data: File | Uint8Array, head: number | null, from: number, to: number, name: string): File | Uint8Array {
  if (data instanceof Uint8Array) {
    const part = new Uint8Array((head ?? 0) + to - from);
    if (head) part.set(data.subarray(0, head));
    part.set(data.subarray(from, to), head ?? 0);
    return part;
  }
  return new File(head ? [data.slice(0, head), data.slice(from, to)] : [data.slice(from, to)], name);
}

/** SQL writing `write` from `source` (the file, or a slice of it, as rawSource). */
const createTableSql = (write: TableWrite, source: string) => `CREATE OR REPLACE TABLE ${write.table} AS ${write.select(source)}`;

/** The all-text table, written from the file. */
const rawTableWrite = (raw: RawFile): TableWrite => ({ table: raw.table, select: (source) => `SELECT * FROM ${source}` });

/** The statements that write the all-text table from the whole file (its malformed lines logged afresh). */
function rawTableSql(raw: RawFile): string {
  return `${dropRejectsSql(raw)} ${createTableSql(rawTableWrite(raw), rawSource(raw))}`;
}

/**
 * Writes `write` from the file as its full read (a slice at a time when
 * raw.slices has a plan): the malformed lines logged afresh, strictness
 * dropped if it fails the whole file, and a UTF-8 file with bytes that
 * aren't UTF-8 registered again as Windows-1252 re-encoded. The first full
 * read settles the read options; every later one reads the same way.
 * `signal` stops it (QueryInterrupted); `progress` hears of each slice.
 */
export async function readFile(engine: Engine, raw: RawFile, write: TableWrite, signal?: AbortSignal, progress?: LoadProgress): Promise<void> {
  const rejects = rejectsTable(raw);
  const run = async () => {
    await engine.exec(dropRejectsSql(raw));
    const plan = await slicesOf(raw);
    if (plan) await writeSlices(engine, raw, plan, write, signal, progress);
    else await engine.query(createTableSql(write, rawSource(raw)), signal);
  };
  const tryStrictness = async () => {
    try {
      await run();
    } catch (e) {
      if (raw.options.settled || !raw.options.strict || !/state machine|invalid state/i.test((e as Error).message ?? '')) throw e;
      raw.options.strict = false;
      await run();
    }
  };
  // With ignore_errors, a line that isn't valid UTF-8 past the sniffed head is rejected, not an error.
  const badEncoding = async () =>
    (await engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${rejects} WHERE error_type = 'INVALID ENCODING'`).catch(() => [{ n: 0 }]))[0].n > 0;
  try {
    let asWindows1252 = false;
    try {
      await tryStrictness();
      asWindows1252 = !raw.options.settled && raw.options.encoding === 'utf-8' && (await badEncoding());
    } catch (e) {
      // Only the reader's own complaint about the bytes means another encoding: not an error of ours, nor one
      // about the SQL (whose names include the file's column names, "Encoding" among them perhaps).
      const message = e instanceof IngestError ? '' : ((e as Error).message ?? '');
      if (raw.options.settled || raw.options.encoding === 'utf-16' || /binder|catalog|parser/i.test(message) || !/unicode|utf-?8|latin-?1|encod/i.test(message)) throw e;
      asWindows1252 = true;
    }
    if (asWindows1252) {
      await engine.dropFile(raw.registered);
      raw.data = await windows1252ToUtf8(raw.data);
      await engine.registerFile(raw.registered, raw.data);
      raw.dialect = { ...raw.dialect, encoding: 'windows-1252' };
      raw.options.encoding = 'utf-8';
      // The bytes are new: the slices are cut again.
      planCuts(raw);
      await tryStrictness();
    }
  } catch (e) {
    if (e instanceof IngestError || e instanceof QueryInterrupted) throw e;
    throw new IngestError(`Couldn't read "${raw.name}". ${plainEngineError((e as Error).message ?? '')}`);
  }
  raw.options.settled = true;
  raw.readSql = rawTableSql(raw);
}

/**
 * readFile for a file's first full read, with the columns the scan finds
 * clean read as they are (RawFile.clean). It starts from what the scan's
 * first chunk showed while the scan reads on, beside it; should the whole
 * file show that a column read as it is needs cleaning after all, the read
 * is stopped (or, if it finished first, made again) with that column cleaned.
 */
export async function readFileClean(engine: Engine, raw: RawFile, write: TableWrite, progress?: LoadProgress): Promise<void> {
  const scan = raw.cleanScan;
  if (!scan) return readFile(engine, raw, write, undefined, progress);
  raw.cleanScan = undefined;
  let final: readonly boolean[] | null | undefined;
  const known = scan.final.then((f) => (final = f));
  const guess = await scan.early;
  raw.clean = (final !== undefined ? final : guess) ?? undefined;
  const read = raw.clean;
  // Wrong when a column read as it is turns out to need cleaning (or the scan failed).
  const wrong = (f: readonly boolean[] | null) => !!read?.some((c, i) => c && !f?.[i]);
  // Stoppable only while the scan reads on: a stoppable statement is run a slice at a time.
  const stop = final === undefined ? new AbortController() : null;
  void known.then((f) => wrong(f) && stop?.abort());
  try {
    await readFile(engine, raw, write, stop?.signal, progress);
  } catch (e) {
    if (!(e instanceof QueryInterrupted)) throw e;
  }
  const f = await known;
  raw.clean = f ?? undefined;
  if (wrong(f)) await readFile(engine, raw, write, undefined, progress);
}

/**
 * Counts a full read's lines into `raw`: data rows and all rows from `counts`
 * (SQL giving `data_rows` and `all_rows` of what was read), malformed lines
 * (with up to 20 examples) from the rejects DuckDB logged.
 */
export async function countLines(engine: Engine, raw: RawFile, counts: string): Promise<void> {
  const [{ data_rows: rows, all_rows: all }] = await engine.query<{ data_rows: number; all_rows: number }>(counts);
  const rejects = rejectsTable(raw);
  // DuckDB can log several errors for one line: one example per line.
  const rejected = await engine.query<{ line: number; problem: string }>(
    `SELECT line, min(error_type) AS problem FROM ${rejects} GROUP BY line ORDER BY line LIMIT 20`,
  ).catch(() => []);
  const [{ r }] = await engine.query<{ r: number }>(`SELECT count(DISTINCT line) AS r FROM ${rejects}`).catch(() => [{ r: 0 }]);
  Object.assign(raw, {
    rows, blankLines: all - rows, rejectedCount: r,
    rejected: rejected.map((x) => ({ line: x.line, problem: describeReject(x.problem) })),
  });
}

/** Reads a file into its all-text table (`raw.table`) and counts its lines. */
export async function readRawTable(engine: Engine, raw: RawFile): Promise<RawFile> {
  await readFile(engine, raw, rawTableWrite(raw));
  // Lines of bare delimiters (",,,,") are blank lines, not rows.
  await countLines(engine, raw, `SELECT count(*) FILTER (WHERE NOT ${blankRowSql(rawColumns(raw))}) AS data_rows, count(*) AS all_rows FROM ${raw.table}`);
  return raw;
}

/** Opens a file and reads it into an all-text table (`raw_<index>`): openRawFile, then readRawTable. */
export async function readRawFile(engine: Engine, file: ExportFile, index: number, prefix: string, loadBytes = 0): Promise<RawFile> {
  return readRawTable(engine, await openRawFile(engine, file, index, prefix, loadBytes));
}

/** Reads again any raw table dropped since its file was loaded (a correction rebuilds from them). */
export async function restoreRawTables(engine: Engine, raws: readonly RawFile[]): Promise<void> {
  for (const raw of raws) {
    if (!(await hasRelation(engine, raw.table))) await engine.exec(raw.readSql);
  }
}

/** Drops the raw tables of a set of files. */
export async function dropRawTables(engine: Engine, raws: readonly RawFile[]): Promise<void> {
  for (const raw of raws) await engine.exec(`DROP TABLE IF EXISTS ${raw.table}`);
}

function describeReject(errorType: string): string {
  switch (errorType) {
    case 'TOO MANY COLUMNS': return 'more cells than the header has columns';
    case 'UNQUOTED VALUE': return 'a stray quote mark';
    case 'LINE SIZE OVER MAXIMUM': return 'a line too long to read';
    case 'INVALID UNICODE':
    case 'INVALID ENCODING': return 'characters that are not valid text';
    default: return errorType.toLowerCase();
  }
}

