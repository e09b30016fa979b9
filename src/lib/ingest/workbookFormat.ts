/**
 * What the page and the workbook worker agree on: which files are workbooks,
 * the limits that keep an untrusted workbook from exhausting a tab's memory,
 * and the error that carries a plain-English refusal.
 */

/** A workbook that can't or mustn't be read; the message is for the user. */
export class WorkbookError extends Error {}

/** How a workbook is stored: a zip package (.xlsx/.xlsm/.xlsb/.ods), an OLE file (.xls, or an encrypted .xlsx), or XML/HTML text saved as .xls. */
export type WorkbookFormat = 'zip' | 'ole' | 'text';

/**
 * The most a workbook may expand to when opened. The parser holds every
 * part it reads in memory several times over (bytes, text, cells), and a
 * worker's heap is limited like a tab's, so this is well below the 900 MB
 * a CSV may be.
 */
export const MAX_UNCOMPRESSED_BYTES = 500e6;

/**
 * The most any one part (a sheet, the shared strings) may expand to. Parsed,
 * a sheet holds about three times its XML in the worker's heap (measured: a
 * 100,000-row, 14-column sheet of 38 MB held 117 MB), more at the peak.
 */
export const MAX_PART_BYTES = 200e6;

/** Parts larger than this must not be packed tighter than MAX_RATIO: ordinary sheets pack 5 to 30 times. */
export const RATIO_CHECKED_BYTES = 10e6;
export const MAX_RATIO = 100;

/** More parts than any real workbook has. */
export const MAX_PARTS = 10_000;

/** An .xls (or other unpacked) workbook is read whole: no larger than this. */
export const MAX_UNPACKED_FILE_BYTES = 200e6;

/** The most CSV text a sheet may become (what DuckDB then reads). */
export const MAX_CSV_BYTES = 500e6;

/** After this long the worker is stopped: nothing legitimate within the limits takes as long. */
export const WORKBOOK_TIME_LIMIT_MS = 180_000;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (head: Uint8Array, magic: number[]) => magic.every((b, i) => head[i] === b);

/**
 * The workbook format of a file from its first bytes, or null for anything
 * else (CSV text). XML or HTML counts only when the name says Excel: report
 * servers often save those as ".xls".
 */
export function workbookFormat(head: Uint8Array, name: string): WorkbookFormat | null {
  if (startsWith(head, ZIP)) return 'zip';
  if (startsWith(head, OLE)) return 'ole';
  if (/\.xlsx?$/i.test(name)) {
    const text = new TextDecoder().decode(head.subarray(0, 64)).replace(/^\uFEFF/, '').trimStart();
    if (text.startsWith('<')) return 'text';
  }
  return null;
}

/** Sizes in words for messages: "4.2 GB", "620 MB". */
export function bytesInWords(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.max(1, Math.round(bytes / 1e6))} MB`;
}

/** The advice every refusal ends with. */
export const SAVE_AS_CSV = 'Open it in Excel, save the sheet as "CSV UTF-8", and load that instead.';
