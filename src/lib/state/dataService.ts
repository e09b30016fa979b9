import type { Engine } from '../engine/engine';
import { computeFunnel, type Funnel } from '../funnel/funnel';
import { channelTable, type ChannelRow } from '../funnel/campaigns';
import type { Filters } from '../funnel/filters';
import { buildJourneys } from '../funnel/journeys';
import type { FunnelSettings } from '../funnel/settings';
import { activateDataset, loadExports, remapDataset, type Dataset, type MappingMemory } from '../ingest/load';
import type { FileMapping } from '../ingest/mapping';
import type { ExportFile } from '../ingest/read';

/**
 * The one place views get data from (the Mosaic idea): it owns the dataset,
 * rebuilds `journeys` when settings change, caches query results per
 * (dataset, settings, filters), and serialises work on the single connection.
 */
export class DataService {
  dataset: Dataset | null = null;
  asOf: string | null = null;
  private journeysKey = '';
  private cache = new Map<string, Promise<unknown>>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly engine: Engine) {}

  /** Runs tasks one after another: DuckDB-WASM has one connection here. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }

  /** Loads files as the new dataset; the old one stays if anything fails. */
  load(files: ExportFile[], memory?: MappingMemory): Promise<Dataset> {
    return this.serial(async () => {
      const ds = await loadExports(this.engine, files, memory);
      await this.activate(ds);
      return ds;
    });
  }

  /** Rebuilds the dataset with corrected mappings. */
  remap(mappings: FileMapping[]): Promise<Dataset> {
    return this.serial(async () => {
      if (!this.dataset) throw new Error('No data loaded');
      const ds = await remapDataset(this.engine, this.dataset, mappings);
      await this.activate(ds);
      return ds;
    });
  }

  private async activate(ds: Dataset) {
    await activateDataset(this.engine, ds, this.dataset);
    this.dataset = ds;
    this.journeysKey = '';
    this.cache.clear();
  }

  /** Makes sure `journeys` matches the settings; returns the as-of date. */
  private async ensureJourneys(s: FunnelSettings): Promise<string> {
    const key = JSON.stringify([this.dataset?.generation, this.dataset?.model.tables, s.stages, s.asOf]);
    if (key !== this.journeysKey) {
      this.asOf = await buildJourneys(this.engine, s, this.dataset!.model.quality.exportDate);
      this.journeysKey = key;
      this.cache.clear();
    }
    return this.asOf!;
  }

  private cached<T>(name: string, s: FunnelSettings, filters: Filters | undefined, compute: () => Promise<T>): Promise<T> {
    return this.serial(async () => {
      await this.ensureJourneys(s);
      const key = JSON.stringify([name, filters ?? {}, s]);
      let hit = this.cache.get(key) as Promise<T> | undefined;
      if (!hit) {
        hit = compute();
        this.cache.set(key, hit);
        hit.catch(() => this.cache.delete(key));
      }
      return hit;
    });
  }

  /** The funnel under the filters. */
  funnel(s: FunnelSettings, filters?: Filters): Promise<Funnel> {
    return this.cached('funnel', s, filters, () => computeFunnel(this.engine, s, filters));
  }

  /** The campaign or source comparison under the filters. */
  channels(s: FunnelSettings, by: 'campaign' | 'source', filters?: Filters): Promise<ChannelRow[]> {
    return this.cached('channels:' + by, s, filters, () => channelTable(this.engine, s, by, filters));
  }

  /** Distinct values of a journeys column with counts, for filter menus. */
  values(s: FunnelSettings, column: string): Promise<{ value: string | null; n: number }[]> {
    return this.cached('values:' + column, s, undefined, () =>
      this.engine.query<{ value: string | null; n: number }>(
        `SELECT "${column.replaceAll('"', '""')}" AS value, count(*)::INTEGER AS n FROM journeys GROUP BY 1 ORDER BY n DESC LIMIT 500`,
      ),
    );
  }

  /** First and last enquiry dates (ISO) of the loaded data. */
  enquiryRange(s: FunnelSettings): Promise<{ first: string | null; last: string | null }> {
    return this.cached('range', s, undefined, async () => {
      const [r] = await this.engine.query<{ first: string | null; last: string | null }>(
        `SELECT strftime(min(enquiry_date), '%Y-%m-%d') AS first, strftime(max(enquiry_date), '%Y-%m-%d') AS last FROM journeys`,
      );
      return r;
    });
  }

  /** The as-of date in force for the settings. */
  asOfDate(s: FunnelSettings): Promise<string> {
    return this.serial(() => this.ensureJourneys(s));
  }
}
