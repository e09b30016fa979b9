import { scanCleanColumns, type ScanDialect } from './cleanColumns';
import type { Encoding } from './sniff';
import type { CleanColumnsReply, CleanColumnsRequest } from './cleanColumnsWorker';

/**
 * A scan for a file's columns that need no cleaning (see cleanColumns.ts),
 * under way: `early` is what the file's first chunk shows, `final` the whole
 * file's answer. Each is null when the scan can't tell, and every column is
 * then cleaned.
 */
export interface CleanScan {
  early: Promise<readonly boolean[] | null>;
  final: Promise<readonly boolean[] | null>;
}

/**
 * Starts a scan (see CleanScan): on a worker of its own in the browser, so
 * the page and DuckDB carry on meanwhile; here in Node (tests).
 */
export function startCleanScan(data: Blob | Uint8Array, dialect: ScanDialect, encoding: Encoding): CleanScan {
  let early!: (clean: readonly boolean[] | null) => void;
  const scan = { early: new Promise<readonly boolean[] | null>((resolve) => (early = resolve)) } as CleanScan;
  scan.final = new Promise((resolve) => {
    const done = (clean: readonly boolean[] | null) => {
      early(clean); // a file read in one chunk has no early answer
      resolve(clean);
    };
    if (typeof Worker === 'undefined') return void scanCleanColumns(data, dialect, encoding, early).then(done, () => done(null));
    let worker: Worker;
    try {
      worker = new Worker(new URL('./cleanColumnsWorker.ts', import.meta.url), { type: 'module', name: 'clean columns scan' });
    } catch {
      return done(null);
    }
    const stop = (clean: readonly boolean[] | null) => {
      worker.terminate();
      done(clean);
    };
    worker.onmessage = (e: MessageEvent<CleanColumnsReply>) => (e.data.final ? stop(e.data.clean) : early(e.data.clean));
    worker.onmessageerror = () => stop(null);
    worker.onerror = (e) => {
      e.preventDefault();
      stop(null);
    };
    worker.postMessage({ data, dialect, encoding } satisfies CleanColumnsRequest);
  });
  return scan;
}
