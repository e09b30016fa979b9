import { scanCleanColumns, type ScanDialect } from './cleanColumns';
import type { Encoding } from './sniff';

/**
 * The clean-columns worker: scans one file off the page's thread (and beside
 * DuckDB's) and sends back which of its columns need no cleaning: first what
 * the file's first chunk shows, then the whole file's answer.
 */

export interface CleanColumnsRequest {
  data: Blob | Uint8Array;
  dialect: ScanDialect;
  encoding: Encoding;
}

/** For each column, true when none of its cells (read so far, unless `final`) needs cleaning; null when the scan failed. */
export type CleanColumnsReply = { final: boolean; clean: boolean[] | null };

// The worker's global scope, typed by what is used (the project's types are the page's).
const scope = self as unknown as { onmessage: (e: MessageEvent<CleanColumnsRequest>) => void; postMessage(reply: CleanColumnsReply): void };

scope.onmessage = async (e: MessageEvent<CleanColumnsRequest>) => {
  const { data, dialect, encoding } = e.data;
  const clean = await scanCleanColumns(data, dialect, encoding, (soFar) => scope.postMessage({ final: false, clean: soFar })).catch(() => null);
  scope.postMessage({ final: true, clean });
};
