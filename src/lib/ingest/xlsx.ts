import { read, SSF, type WorkBook } from '@e965/xlsx';
import { detectRoles } from './detect';
import { HEADER_ROWS, sheetToCsv, textRows, unmergeHeader, usedExtent, type SheetCells } from './sheetCsv';
import { detectHeader } from './sniff';
import { MAX_UNPACKED_FILE_BYTES, SAVE_AS_CSV, WorkbookError, bytesInWords, workbookFormat } from './workbookFormat';
import { checkZip } from './zipGuard';

/**
 * Reads an Excel workbook (.xlsx, .xls; also .xlsm, .xlsb, .ods) into CSV
 * text for the ordinary reader. Runs in the workbook worker in the browser
 * and directly in Node tests. Formulas are never evaluated: their cached
 * values are read. Untrusted packages are checked before parsing (zipGuard).
 */

export interface WorkbookCsv {
  /** The sheet read. */
  sheet: string;
  /** Every sheet with data, in workbook order (the chosen one included). */
  sheets: string[];
  /** The sheet as CSV, in encoded slices. */
  parts: Uint8Array<ArrayBuffer>[];
}

/** Reads a workbook's bytes; `sheet` names the sheet the user chose, otherwise the sheet is chosen here. */
export async function workbookToCsv(bytes: Uint8Array, name: string, sheet?: string): Promise<WorkbookCsv> {
  const format = workbookFormat(bytes.subarray(0, 64), name);
  if (format === 'zip') await checkZip(bytes, name);
  else if (bytes.length > MAX_UNPACKED_FILE_BYTES) {
    throw new WorkbookError(`"${name}" is ${bytesInWords(bytes.length)}, too large to read safely as a workbook in the browser. ${SAVE_AS_CSV}`);
  }
  const book = parse(bytes, name);
  const date1904 = !!book.Workbook?.WBProps?.date1904;
  // Telling a date format means parsing it: once per format, not per cell.
  const dateFormats = new Map<string, boolean>();
  const isDateFormat = (f: string) => dateFormats.get(f) ?? dateFormats.set(f, SSF.is_date(f) as boolean).get(f)!;
  const sheets = new Map(book.SheetNames.filter((s) => book.Sheets[s]).map((s) => {
    const ws = book.Sheets[s];
    const cells: SheetCells = { rows: (ws['!data'] as SheetCells['rows'] | undefined) ?? [], merges: ws['!merges'] ?? [], date1904, isDateFormat };
    return [s, { cells, extent: usedExtent(cells) }];
  }));
  // Data: a header and at least one row.
  const withData = [...sheets.keys()].filter((s) => sheets.get(s)!.extent.filledRows >= 2);
  if (!withData.length) {
    throw new WorkbookError(`"${name}" has no data in any of its sheets${book.SheetNames.length ? ` (${book.SheetNames.length} sheet${book.SheetNames.length === 1 ? '' : 's'}, all empty)` : ''}. Check it is the right workbook.`);
  }
  const chosen = sheet && withData.includes(sheet) ? sheet : (withData.find((s) => looksLikeExport(sheets.get(s)!)) ?? withData[0]);
  const { cells, extent } = sheets.get(chosen)!;
  return { sheet: chosen, sheets: withData, parts: sheetToCsv(cells, name, extent) };
}

/** Parses the workbook, with every option that does more than read values turned off. */
function parse(bytes: Uint8Array, name: string): WorkBook {
  try {
    return read(bytes, {
      type: 'array', dense: true, cellNF: true, cellDates: false, cellFormula: false, cellHTML: false,
      cellStyles: false, cellText: false, sheetStubs: false, bookVBA: false, bookDeps: false, WTF: false,
    });
  } catch (e) {
    const why = (e as Error)?.message ?? '';
    if (/password|encrypt/i.test(why)) {
      throw new WorkbookError(`"${name}" is protected with a password, so it can't be read. Open it in Excel, save a copy without the password (or save the sheet as CSV), and load that.`);
    }
    if (e instanceof RangeError) {
      throw new WorkbookError(`"${name}" is too large or complex to open in the browser. ${SAVE_AS_CSV}`);
    }
    throw new WorkbookError(`"${name}" can't be read as an Excel workbook: it may be damaged, or another kind of file. ${SAVE_AS_CSV}`);
  }
}

/** A sheet reads like an export when its header names an id and some dates or stages (as the reader would see it). */
function looksLikeExport({ cells: sheet, extent: { width, height } }: { cells: SheetCells; extent: { width: number; height: number } }): boolean {
  const head: string[][] = [];
  for (const cells of textRows(sheet, width, Math.min(height, HEADER_ROWS + 50))) head.push(cells);
  unmergeHeader(head, sheet.merges);
  const at = detectHeader(head);
  const sample = head.slice(at + 1).filter((r) => r.some((c) => c !== ''));
  const { kind, roles } = detectRoles(head[at].map((c) => c.trim()), sample);
  if (kind === 'costs' || !roles.id) return false;
  return !!(roles.enquiryDate || roles.milestone || roles.currentStage || Object.keys(roles.stageDates).length);
}
