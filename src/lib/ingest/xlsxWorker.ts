import { workbookToCsv } from './xlsx';
import { SAVE_AS_CSV, WorkbookError } from './workbookFormat';

/**
 * The workbook worker: reads one workbook off the page's thread and sends
 * back the chosen sheet as a CSV Blob (DuckDB reads it like any CSV file).
 * Started for one workbook and stopped afterwards, which frees its memory.
 */

export interface WorkbookRequest {
  file: Blob;
  name: string;
  sheet?: string;
}

export type WorkbookReply =
  | { ok: true; csv: Blob; sheet: string; sheets: string[] }
  | { ok: false; message: string };

// The worker's global scope, typed by what is used (the project's types are the page's).
const scope = self as unknown as { onmessage: (e: MessageEvent<WorkbookRequest>) => void; postMessage(reply: WorkbookReply): void };

scope.onmessage = async (e: MessageEvent<WorkbookRequest>) => {
  const { file, name, sheet } = e.data;
  let reply: WorkbookReply;
  try {
    const out = await workbookToCsv(new Uint8Array(await file.arrayBuffer()), name, sheet);
    reply = { ok: true, csv: new Blob(out.parts, { type: 'text/csv' }), sheet: out.sheet, sheets: out.sheets };
  } catch (err) {
    reply = {
      ok: false,
      message: err instanceof WorkbookError ? err.message : `"${name}" couldn't be read as a workbook (it may be too large or damaged). ${SAVE_AS_CSV}`,
    };
  }
  scope.postMessage(reply);
};
