import { IngestError } from './errors';
import type { ExportFile } from './read';
import type { WorkbookReply, WorkbookRequest } from './xlsxWorker';
import { SAVE_AS_CSV, WORKBOOK_TIME_LIMIT_MS, WorkbookError, workbookFormat } from './workbookFormat';

/**
 * Where a workbook enters the reader: an Excel file becomes a CSV file of
 * one sheet, under the workbook's own name, before anything else looks at
 * it. In the browser the work happens in a worker of its own (stopped if
 * it runs out of time or memory); in Node the same code runs directly.
 */

/** Which sheet of a workbook was read, and which others hold data. */
export interface WorkbookInfo {
  sheet: string;
  /** Every sheet with data, in workbook order (the one read included). */
  sheets: string[];
}

async function firstBytes(data: File | Uint8Array, n: number): Promise<Uint8Array> {
  if (data instanceof Uint8Array) return data.subarray(0, n);
  return new Uint8Array(await data.slice(0, n).arrayBuffer());
}

/**
 * The CSV of a workbook's sheet (the user's choice `file.sheet`, else the
 * first that reads like an export), or null when the file is not a workbook.
 * Throws IngestError with a plain-English message.
 */
export async function openWorkbook(file: ExportFile): Promise<{ file: ExportFile; workbook: WorkbookInfo } | null> {
  if (!workbookFormat(await firstBytes(file.data, 64), file.name)) return null;
  try {
    return await workbookAsCsv(file);
  } catch (e) {
    throw e instanceof WorkbookError ? new IngestError(e.message) : e;
  }
}

async function workbookAsCsv(file: ExportFile): Promise<{ file: ExportFile; workbook: WorkbookInfo }> {
  if (file.data instanceof Uint8Array) {
    const { workbookToCsv } = await import('./xlsx');
    const out = await workbookToCsv(file.data, file.name, file.sheet);
    const csv = new Uint8Array(out.parts.reduce((a, p) => a + p.length, 0));
    let at = 0;
    for (const p of out.parts) (csv.set(p, at), (at += p.length));
    return { file: { ...file, data: csv }, workbook: { sheet: out.sheet, sheets: out.sheets } };
  }
  const reply = await inWorker({ file: file.data, name: file.name, sheet: file.sheet });
  if (!reply.ok) throw new WorkbookError(reply.message);
  const csv = new File([reply.csv], file.name, { lastModified: file.data.lastModified });
  return { file: { ...file, data: csv }, workbook: { sheet: reply.sheet, sheets: reply.sheets } };
}

function inWorker(request: WorkbookRequest): Promise<WorkbookReply> {
  const worker = new Worker(new URL('./xlsxWorker.ts', import.meta.url), { type: 'module', name: 'workbook reader' });
  return new Promise<WorkbookReply>((resolve) => {
    const stop = (reply: WorkbookReply) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(reply);
    };
    const timer = setTimeout(
      () => stop({ ok: false, message: `Reading "${request.name}" took more than ${WORKBOOK_TIME_LIMIT_MS / 60_000} minutes, so it was stopped. ${SAVE_AS_CSV}` }),
      WORKBOOK_TIME_LIMIT_MS,
    );
    worker.onmessage = (e: MessageEvent<WorkbookReply>) => stop(e.data);
    worker.onmessageerror = () => stop({ ok: false, message: `"${request.name}" couldn't be passed to the workbook reader in this browser. ${SAVE_AS_CSV}` });
    // A worker that runs out of memory or fails to start ends here.
    worker.onerror = (e) => {
      e.preventDefault();
      stop({ ok: false, message: `"${request.name}" couldn't be opened as a workbook in this browser: it may be too large, or the page's workbook reader didn't load. Reload the page and try again, or save the sheet as CSV and load that.` });
    };
    worker.postMessage(request);
  });
}
