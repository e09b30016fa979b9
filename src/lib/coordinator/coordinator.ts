import { QueryInterrupted, type Engine, type Row } from '../engine/engine';
import type { FunnelSettings } from '../funnel/settings';
import { journeysKey } from '../funnel/journeys';
import { setAsideKey } from '../funnel/setAside';
import type { LoadOptions, MappingMemory } from '../ingest/load';
import type { FileMapping } from '../ingest/mapping';
import type { LoadProgress } from '../ingest/progress';
import type { ExportFile } from '../ingest/read';
import { runMetric, type DatasetFacts, type MetricContext, type MetricParams, type MetricRequest, type MetricSpec, type QueryRunner } from './metric';
import { compactTables, ensureJourneys, loadDataset, remapDataset, type Dataset } from './tables';

/** Thrown for a request that was no longer wanted when its turn came (its view moved on). */
export class StaleRequest extends Error {
  override name = 'StaleRequest';
}

/** A prefetch stopping so that a request waiting for the connection goes first (it is taken up again after). */
class GiveWay extends Error {
  override name = 'GiveWay';
}

/** A query or statement a request needs that is not cached: the request is worked out in turn instead (see `fromCachedQueries`). */
class NotCached extends Error {
  override name = 'NotCached';
}

/** JSON replacer writing object keys in order, so `{a, b}` and `{b, a}` are one cache key. */
function sortedKeys(_key: string, value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The cache key of a metric's result: its spec's name and its parameters, in any key order. */
const resultKey = (spec: MetricSpec<never, unknown>, params: MetricParams) => JSON.stringify([spec.name, params], sortedKeys);

/** Most query results kept: enough for every view's queries under a few filter choices. */
const MAX_CACHED = 400;

/** How long the connection must have had nothing to do before tables are compacted after a load. */
const COMPACT_AFTER_IDLE_MS = 1500;

/** What a view waiting while the loaded tables are compacted is told. */
export const COMPACTING = 'Compressing the loaded data to save memory';

/**
 * The one way data reaches a view (the Mosaic idea). It owns the loaded
 * dataset and the per-enquiry table for the current settings, runs one task
 * at a time on the single connection, caches query rows by their SQL and
 * shaped results by spec and parameters, and skips requests gone stale.
 */
export class Coordinator {
  dataset: Dataset | null = null;
  private journeysFor = '';
  private asOf = '';
  private rows = new Map<string, Promise<Row[]>>();
  private results = new Map<string, Promise<unknown>>();
  private prepared = new Set<string>();
  /** Names of the specs with a result worked out since the caches were last cleared (`DatasetFacts.ready`); a new set at each clearing. */
  private worked = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Requests to work out when nothing else is queued (see `prefetch`). */
  private ahead: MetricRequest[] = [];
  private prefetching: Promise<void> | null = null;
  /** The prefetch running: its result's key, what stops its query, and whether a view waits for that result (then nothing stops it). */
  private prefetchRunning: { key: string; stop: AbortController; wanted: boolean } | null = null;
  /** Tasks queued or running, and when the last one ended: prefetching and compaction wait for a quiet connection. */
  private busy = 0;
  private lastEnded = 0;
  private compaction: ReturnType<typeof setTimeout> | null = null;
  /** Loads and remaps queued or running: until they are done, every answer waits its turn. */
  private writes = 0;

  /**
   * @param announce told when the per-enquiry table is rebuilt for other
   * stage settings, or the loaded tables are compacted (slow on big data, so
   * worth a word on screen while a view waits), then null.
   * @param summaries what every view's answers read, worked out whenever
   * `journeys` is built, as the last step of a load or remap or after a
   * change of stage settings (see `summarise`): the requests for the
   * settings and the dataset (none when it is not worth it), and what the
   * step is called.
   */
  constructor(
    readonly engine: Engine,
    private announce: (label: string | null) => void = () => {},
    private summaries: { label: string; requests: (settings: FunnelSettings, dataset: Dataset) => MetricRequest[] } | null = null,
  ) {}

  /** Loads files as the new dataset (its per-enquiry table written for `settings`); the old one stays if anything fails. */
  load(files: ExportFile[], settings: FunnelSettings | null, memory?: MappingMemory, progress?: LoadProgress, options?: LoadOptions): Promise<Dataset> {
    return this.afterWrite(this.serial(async () =>
      this.settle(this.activate(await loadDataset(this.engine, files, memory, progress, options, settings, this.dataset)), settings, progress)));
  }

  /** Rebuilds the dataset with corrected mappings. */
  remap(mappings: FileMapping[], settings: FunnelSettings | null, progress?: LoadProgress): Promise<Dataset> {
    return this.afterWrite(this.serial(async () => {
      if (!this.dataset) throw new Error('No data loaded');
      return this.settle(this.activate(await remapDataset(this.engine, this.dataset, mappings, progress, settings)), settings, progress);
    }));
  }

  /**
   * Makes `journeys` and its summaries for the settings (see `facts`) for a
   * dataset just activated, in the write's own turn, so the first view's
   * requests, queued after it, find them; the summaries' step is told as a
   * load step. A failure here is left for the views to meet.
   */
  private async settle(ds: Dataset, settings: FunnelSettings | null, progress?: LoadProgress): Promise<Dataset> {
    if (settings) await this.facts(settings, (label) => label && progress?.({ label })).catch(() => {});
    return ds;
  }

  /**
   * Works out the summaries (the constructor's) for a `journeys` just built,
   * before any answer is worked out from it: at a million enquiries the
   * filtering summaries take about a second to write, and the first view's
   * figures from them 0.1 s against 0.6 s scanned, so the first draw comes
   * about 0.35 s later, and a filter chosen straight after it does not wait
   * for a summary being written and then scan (0.6 s, now 0.1-0.2 s). A
   * summary that fails to be written only leaves the views scanning, as
   * before it is written.
   */
  private async summarise(ds: Dataset, settings: FunnelSettings, facts: DatasetFacts, tell: (label: string | null) => void): Promise<void> {
    const requests = this.summaries?.requests(settings, ds) ?? [];
    if (!requests.length) return;
    tell(this.summaries!.label);
    try {
      for (const request of requests) {
        const { spec, params } = request as MetricRequest & { spec: MetricSpec<MetricParams, unknown> };
        await this.cachedResult(spec, params, facts);
      }
    } catch {
      // Left for the views: they scan `journeys` until a prefetch writes the summaries.
    } finally {
      tell(null);
    }
  }

  /**
   * A metric's result for these parameters: from the cache, or computed in
   * turn. A cached one is answered at once, not after whatever the connection
   * is busy with (a prefetch, a compaction): a view opened while the others
   * are worked out ahead shows without waiting for them.
   */
  run<P extends MetricParams, R>(spec: MetricSpec<P, R>, params: P, signal?: AbortSignal): Promise<R> {
    const inTurn = () => this.serial(async () => {
      if (signal?.aborted) throw new StaleRequest(spec.name);
      const facts = await this.facts(params.settings);
      return this.cachedResult(spec, params, facts);
    });
    const cached = this.cachedNow(spec, params) ?? this.fromCachedQueries(spec, params);
    if (cached && this.prefetchRunning?.key === resultKey(spec, params)) this.prefetchRunning.wanted = true;
    // A cached answer that turns out to have failed (a prefetch, a query not cached) is worked out again in turn, as if it had not been cached.
    return cached?.catch(inTurn) ?? inTurn();
  }

  /**
   * A result not cached whose queries all are (the same SQL asked with other
   * parameters: a campaign's spend typed in, which only the shaping reads),
   * shaped at once from them rather than after whatever the connection is
   * busy with (a prefetch, or compacting a big load for seconds). It fails
   * with NotCached at the first query or statement not cached, and `run`
   * then works it out in turn; nothing reaches the engine from here.
   */
  private fromCachedQueries<P extends MetricParams, R>(spec: MetricSpec<P, R>, params: P): Promise<R> | undefined {
    const ds = this.cachesServe(params.settings);
    return ds ? this.cachedResult(spec, params, this.factsOf(ds), this.cachedOnly) : undefined;
  }

  /** Answers only from the caches (see `fromCachedQueries`). */
  private cachedOnly: QueryRunner = {
    query: <T>(text: string) => (this.recall(this.rows, text) as Promise<T[]> | undefined) ?? Promise.reject(new NotCached(text)),
    exec: (text: string) => (this.prepared.has(text) ? Promise.resolve() : Promise.reject(new NotCached(text))),
  };

  /** A request's result: `run` for a spec and parameters paired by `ask`. */
  runRequest<R>(request: MetricRequest<R>, signal?: AbortSignal): Promise<R> {
    const { spec, params } = request as MetricRequest<R> & { spec: MetricSpec<MetricParams, R> };
    return this.run(spec, params, signal);
  }

  /**
   * Works these requests out ahead of need, one at a time, whenever nothing
   * else is queued (a view's request always goes before the next of these), so that
   * another view's figures are cached before it is opened. A request arriving
   * meanwhile stops the prefetch's query running, on an engine that can (see
   * `givingWay`). A new list replaces what is left of the last one; failures
   * are left for the view to meet. Resolves when the list is worked through (or replaced).
   */
  prefetch(requests: readonly MetricRequest[]): Promise<void> {
    this.ahead = [...requests];
    this.prefetching ??= this.drainAhead().finally(() => (this.prefetching = null));
    return this.prefetching;
  }

  private async drainAhead(): Promise<void> {
    for (let next = this.ahead.shift(); next; next = this.ahead.shift()) {
      // Anything else queued (a view's request, a load, a compaction) goes first.
      while (this.busy > 0) await this.queue;
      const list = this.ahead;
      const { spec, params } = next as MetricRequest & { spec: MetricSpec<MetricParams, unknown> };
      const gaveWay = await this.serial(async () => {
        const running = (this.prefetchRunning = { key: resultKey(spec, params), stop: new AbortController(), wanted: false });
        try {
          return await this.cachedResult(spec, params, await this.facts(params.settings), this.givingWay(running.stop.signal));
        } finally {
          this.prefetchRunning = null;
        }
      }).then(() => false, (e: unknown) => e instanceof GiveWay || e instanceof QueryInterrupted);
      // Taken up again after (its queries so far are cached), unless a new list has replaced this one.
      if (gaveWay && this.ahead === list) this.ahead.unshift(next);
    }
  }

  /**
   * Runs a prefetch's SQL, giving way: when anything else is waiting for the
   * connection (a view's request), the prefetch stops before its next query
   * not yet cached, so the wait is one query, not a whole metric (the
   * planner's inputs run ten queries, three seconds at a million enquiries);
   * and `stop` (aborted by `serial` when a task is queued) stops the query
   * running, so the wait is a moment (DuckDB-WASM runs such a query in slices
   * and hears a cancel between them; see Engine.query). Its statements
   * (prepare: the filtering summaries) always finish.
   */
  private givingWay(stop: AbortSignal): QueryRunner {
    return {
      query: <T>(text: string) => (this.othersWaiting() && !this.rows.has(text) ? Promise.reject(new GiveWay()) : this.runner.query<T>(text, stop)),
      exec: (text: string) => (this.othersWaiting() && !this.prepared.has(text) ? Promise.reject(new GiveWay()) : this.runner.exec(text)),
    };
  }

  /** Tasks queued besides the one running. */
  private othersWaiting(): boolean {
    return this.busy > 1;
  }

  /** The as-of date in force for the settings. */
  asOfDate(settings: FunnelSettings): Promise<string> {
    return this.serial(async () => (await this.facts(settings)).asOf);
  }

  private activate(ds: Dataset): Dataset {
    this.dataset = ds;
    this.journeysFor = '';
    this.clear();
    return ds;
  }

  /** Runs tasks one after another: DuckDB-WASM has one connection here. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    this.busy++;
    // Whatever is queued goes before the prefetch running: its query stops, unless a view waits for its result.
    if (this.prefetchRunning && !this.prefetchRunning.wanted) this.prefetchRunning.stop.abort();
    const run = this.queue.then(task, task).finally(() => {
      this.busy--;
      this.lastEnded = Date.now();
    });
    this.queue = run.catch(() => {});
    return run;
  }

  /**
   * A load writes its tables uncompressed to draw sooner (see tables.ts):
   * once it has settled, and the connection has been quiet for a moment (the
   * first draw's queries done), they are compacted. Views asking meanwhile
   * wait their turn as usual; the tables keep their names, so caches stay valid.
   */
  private afterWrite<T>(done: Promise<T>): Promise<T> {
    this.writes++;
    done.finally(() => {
      this.writes--;
      this.scheduleCompaction();
    }).catch(() => {});
    return done;
  }

  private scheduleCompaction(delay = COMPACT_AFTER_IDLE_MS): void {
    if (this.compaction) clearTimeout(this.compaction);
    this.compaction = setTimeout(() => {
      this.compaction = null;
      const quietFor = Date.now() - this.lastEnded;
      if (this.busy > 0 || quietFor < COMPACT_AFTER_IDLE_MS) return this.scheduleCompaction(Math.max(100, COMPACT_AFTER_IDLE_MS - quietFor));
      // Failing to compact loses nothing but memory: the rows stay as written. It can't be cut short
      // (3-4 s at a million enquiries), so a view asking meanwhile says what it is waiting for.
      this.serial(async () => {
        this.announce(COMPACTING);
        try {
          await compactTables(this.engine);
        } finally {
          this.announce(null);
        }
      }).catch(() => {});
    }, delay);
  }

  /** The identity `journeys` is built by (as tables.ts): a change of names or thresholds keeps the caches. */
  private journeysKeyFor(ds: Dataset, settings: FunnelSettings): string {
    return JSON.stringify([ds.generation, journeysKey(settings), setAsideKey(settings)]);
  }

  /** A result already cached (or being worked out) for the data and `journeys` in force, when no load is waiting to replace them. */
  private cachedNow<P extends MetricParams, R>(spec: MetricSpec<P, R>, params: P): Promise<R> | undefined {
    return this.cachesServe(params.settings) ? (this.recall(this.results, resultKey(spec, params)) as Promise<R> | undefined) : undefined;
  }

  /** The dataset the caches hold answers for under these settings, when no load is waiting to replace it and `journeys` is built for them; else null. */
  private cachesServe(settings: FunnelSettings): Dataset | null {
    const ds = this.dataset;
    return ds && this.writes === 0 && this.journeysKeyFor(ds, settings) === this.journeysFor ? ds : null;
  }

  /**
   * Makes sure `journeys` matches the settings, its summaries written with it
   * (`summarise`, its step told to `tell`); then what metrics may know of the data.
   */
  private async facts(settings: FunnelSettings, tell = this.announce): Promise<DatasetFacts> {
    const ds = this.dataset;
    if (!ds) throw new Error('No data loaded');
    const key = this.journeysKeyFor(ds, settings);
    if (key !== this.journeysFor) {
      this.asOf = await ensureJourneys(this.engine, ds, settings, this.announce);
      this.journeysFor = key;
      this.clear();
      await this.summarise(ds, settings, this.factsOf(ds), tell);
    }
    return this.factsOf(ds);
  }

  /** What metrics may know of the data, for the `journeys` in force. */
  private factsOf(ds: Dataset): DatasetFacts {
    return { asOf: this.asOf, attributes: ds.model.attributes, carers: ds.carers ?? null, ready: (name: string) => this.worked.has(name) };
  }

  private cachedResult<P extends MetricParams, R>(spec: MetricSpec<P, R>, params: P, facts: DatasetFacts, runner = this.runner): Promise<R> {
    return this.remember(this.results, resultKey(spec, params), () => {
      const use: MetricContext['use'] = (other, p) => this.cachedResult(other, p, facts, runner);
      // Recorded in the set in force when it started: one that finishes after the caches are cleared is not ready for the new data.
      const worked = this.worked;
      return runMetric(runner, spec, params, facts, use).then((r) => {
        worked.add(spec.name);
        return r;
      });
    }) as Promise<R>;
  }

  /** Runs SQL for metrics: query rows cached by their text, statements run once per dataset. */
  private runner: QueryRunner = {
    query: <T>(text: string, stop?: AbortSignal) => this.remember(this.rows, text, () => this.engine.query(text, stop)) as Promise<T[]>,
    exec: async (text: string) => {
      if (this.prepared.has(text)) return;
      await this.engine.exec(text);
      this.prepared.add(text);
    },
  };

  /** A cached entry, made the most recently used (last, so the oldest go first when the cache is full). */
  private recall<T>(cache: Map<string, Promise<T>>, key: string): Promise<T> | undefined {
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
    }
    return hit;
  }

  private remember<T>(cache: Map<string, Promise<T>>, key: string, compute: () => Promise<T>): Promise<T> {
    let hit = this.recall(cache, key);
    if (hit) return hit;
    hit = compute();
    cache.set(key, hit);
    hit.catch(() => cache.delete(key));
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
    return hit;
  }

  private clear() {
    this.rows.clear();
    this.results.clear();
    this.prepared.clear();
    this.worked = new Set();
  }
}
