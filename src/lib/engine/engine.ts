/**
 * The one interface to the database. Views and metrics only ever see this:
 * the browser build backs it with DuckDB-WASM in a worker, Node tests with
 * duckdb-wasm's Node bundle, so the same SQL runs in both.
 */
export type Row = Record<string, unknown>;

/** A query stopped through its signal before it finished (Engine.query). */
export class QueryInterrupted extends Error {
  override name = 'QueryInterrupted';
}

export interface Engine {
  /** Makes a file readable from SQL as `name`, without copying it through JS strings. */
  registerFile(name: string, data: File | Uint8Array): Promise<void>;
  /** Forgets a registered file. */
  dropFile(name: string): Promise<void>;
  /**
   * Runs SQL and returns its rows as plain objects (integers as numbers). Given
   * a signal, an engine that can stop a running query stops it when the signal
   * aborts, rejecting with QueryInterrupted (the connection stays usable, and
   * nothing the query would have written is kept); one that can't (the Node
   * engine, which runs a query to its end in one call) ignores the signal.
   */
  query<T = Row>(sql: string, signal?: AbortSignal): Promise<T[]>;
  /** Runs one or more statements for their effect. */
  exec(sql: string): Promise<void>;
  /**
   * Listens to the running statement's progress (0-100, as DuckDB estimates it:
   * for a CSV read, the share of the file read). Returns a function that stops
   * listening. Engines that cannot report progress never call the listener.
   */
  onProgress?(listener: (percent: number) => void): () => void;
  /** Bytes of wasm memory in use, for benchmarks; null when unknown. */
  memoryBytes?(): Promise<number | null>;
  close(): Promise<void>;
}

/**
 * Statements run on every new connection: no extension may be fetched from the
 * internet; and tables live in a compressed in-memory database. Uncompressed,
 * a million enquiries took 1.4 GB of wasm memory (a 5M-row export would crash
 * the tab); compressed, under 100 MB, for loads about 40% slower.
 */
export const STARTUP_SQL = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  "ATTACH ':memory:' AS funnel (COMPRESS)",
  'USE funnel',
];
