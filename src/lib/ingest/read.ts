import type { Engine } from '../engine/engine';
import { ident, lit } from '../engine/sql';
import { HEAD_BYTES, SniffError, sniff, type Dialect } from './sniff';

/** A file chosen by the user (File in the browser, bytes in tests). */
export interface ExportFile {
  name: string;
  data: File | Uint8Array;
  /** When the file was written (ms); dates after it are suspicious. */
  lastModified?: number;
}

/** One file read into a raw all-text table, before any meaning is given to it. */
export interface RawFile {
  index: number;
  name: string;
  table: string;
  /** Name the file is registered under in DuckDB. */
  registered: string;
  dialect: Dialect;
  /** Column names of the raw table, unique, in file order. */
  columns: string[];
  rows: number;
  rejected: { line: number; problem: string }[];
  rejectedCount: number;
  lastModified: number | null;
}

/** Beyond this a browser tab runs out of memory reading the file. */
export const MAX_FILE_BYTES = 1.5e9;

/** A problem the user must fix, in plain English. */
export class IngestError extends Error {}

const WIN1252_FIXES: [string, string][] = [
  ['\u0080', '€'], ['\u0082', '‚'], ['\u0083', 'ƒ'], ['\u0084', '„'], ['\u0085', '…'], ['\u0086', '†'],
  ['\u0087', '‡'], ['\u0088', 'ˆ'], ['\u0089', '‰'], ['\u008a', 'Š'], ['\u008b', '‹'], ['\u008c', 'Œ'],
  ['\u008e', 'Ž'], ['\u0091', '‘'], ['\u0092', '’'], ['\u0093', '“'], ['\u0094', '”'], ['\u0095', '•'],
  ['\u0096', '–'], ['\u0097', '—'], ['\u0098', '˜'], ['\u0099', '™'], ['\u009a', 'š'], ['\u009b', '›'],
  ['\u009c', 'œ'], ['\u009e', 'ž'], ['\u009f', 'Ÿ'],
];

async function head(data: File | Uint8Array): Promise<Uint8Array> {
  if (data instanceof Uint8Array) return data.subarray(0, HEAD_BYTES);
  return new Uint8Array(await data.slice(0, HEAD_BYTES).arrayBuffer());
}

/** Unique, non-empty column names from header cells ("Name", "Name (2)", "Column 5"). */
export function uniqueColumnNames(header: readonly string[], width: number): string[] {
  const seen = new Map<string, number>();
  const out: string[] = [];
  for (let i = 0; i < width; i++) {
    const base = (header[i] ?? '').replace(/\s+/g, ' ').trim() || `Column ${i + 1}`;
    const n = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), n);
    out.push(n === 1 ? base : `${base} (${n})`);
  }
  return out;
}

/**
 * Reads one file into `raw_<index>` with every column as text. DuckDB reads
 * the File itself; only the first bytes are looked at in JavaScript, to find
 * the encoding, delimiter and header line.
 */
export async function readRawFile(engine: Engine, file: ExportFile, index: number, prefix: string): Promise<RawFile> {
  const size = file.data instanceof Uint8Array ? file.data.length : file.data.size;
  let dialect: Dialect;
  try {
    dialect = sniff(await head(file.data), `"${file.name}"`);
  } catch (e) {
    if (e instanceof SniffError) throw new IngestError(e.message);
    throw e;
  }
  if (size > MAX_FILE_BYTES) {
    throw new IngestError(
      `"${file.name}" is ${(size / 1e9).toFixed(1)} GB, more than a browser tab can hold (about ${MAX_FILE_BYTES / 1e9} GB). Export a shorter period, or only the columns you need, and choose the smaller files.`,
    );
  }
  const columns = uniqueColumnNames(dialect.header, dialect.width);
  const registered = `${prefix}_file_${index}.csv`;
  await engine.registerFile(registered, file.data);
  const table = `${prefix}_raw_${index}`;
  const rejects = `${prefix}_rejects_${index}`;

  const read = async (encoding: string) => {
    const colSpec = '{' + columns.map((c) => `${lit(c)}: 'VARCHAR'`).join(', ') + '}';
    const fix = encoding === 'latin-1';
    const select = columns
      .map((c) => {
        let e = ident(c);
        if (fix) e = `translate(${e}, ${lit(WIN1252_FIXES.map((f) => f[0]).join(''))}, ${lit(WIN1252_FIXES.map((f) => f[1]).join(''))})`;
        return `${e} AS ${ident(c)}`;
      })
      .join(', ');
    await engine.exec(`CREATE OR REPLACE TABLE ${table} AS SELECT ${select} FROM read_csv(${lit(registered)},
      columns = ${colSpec}, header = false, skip = ${dialect.headerLine + 1}, delim = ${lit(dialect.delimiter)},
      quote = '"', escape = '"', auto_detect = false, null_padding = true, parallel = false,
      ignore_errors = true, store_rejects = true, rejects_table = ${lit(rejects)}, rejects_scan = ${lit(rejects + '_scan')},
      max_line_size = 10000000, encoding = ${lit(encoding)})`);
  };
  const encoding = dialect.encoding === 'windows-1252' ? 'latin-1' : dialect.encoding;
  try {
    await read(encoding);
  } catch (e) {
    const msg = (e as Error).message ?? '';
    if (encoding === 'utf-8' && /unicode|utf-?8|encoding/i.test(msg)) await read('latin-1');
    else throw new IngestError(`Couldn't read "${file.name}" as a CSV file: ${firstLine(msg)}. Check it is a CSV export (not an Excel workbook) and try again.`);
  }

  const [{ n }] = await engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  const rejectedRows = await engine.query<{ line: number; problem: string }>(
    `SELECT line, error_type AS problem FROM ${rejects} ORDER BY line LIMIT 20`,
  ).catch(() => []);
  const [{ r }] = await engine.query<{ r: number }>(`SELECT count(DISTINCT line) AS r FROM ${rejects}`).catch(() => [{ r: 0 }]);
  return {
    index, name: file.name, table, registered, dialect, columns, rows: n,
    rejected: rejectedRows.map((x) => ({ line: x.line, problem: describeReject(x.problem) })),
    rejectedCount: r,
    lastModified: file.lastModified ?? (file.data instanceof Uint8Array ? null : file.data.lastModified),
  };
}

function describeReject(errorType: string): string {
  switch (errorType) {
    case 'TOO MANY COLUMNS': return 'more cells than the header has columns';
    case 'UNQUOTED VALUE': return 'a stray quote mark';
    case 'LINE SIZE OVER MAXIMUM': return 'a line too long to read';
    case 'INVALID UNICODE': return 'characters that are not valid text';
    default: return errorType.toLowerCase();
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/^[A-Za-z ]*Error:\s*/, '').slice(0, 200);
}
