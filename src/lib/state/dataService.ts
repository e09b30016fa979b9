import type { Engine } from '../engine/engine';
import { ident } from '../engine/sql';
import { computeFunnel, type Funnel } from '../funnel/funnel';
import { channelTable, type ChannelRow } from '../funnel/campaigns';
import { approvalChances, type StageChance } from '../funnel/forecast';
import { exitReasons, reasonTexts, type ReasonOverrides, type ReasonRow, type ReasonText } from '../funnel/reasons';
import { drillDown, type DrillRow, type DrillSelection } from '../funnel/drilldown';
import { stalledList, stalledSummary, timeliness, type StalledEnquiry, type StalledSummary, type Timeliness } from '../funnel/timing';
import { cohorts, periodCounts, periodSql, timeToEventCounts, type CohortResult, type Grain, type PeriodCount } from '../funnel/cohorts';
import { windowCounts, type DateWindow, type WindowCounts } from '../funnel/windowCounts';
import { panelStandardByPeriod, stepTimesByPeriod, type StandardByPeriod, type StepTimes } from '../funnel/trends';
import { breakdown, groupColumnSql, type ChannelKey, type GroupFunnel } from '../funnel/breakdowns';
import { equalityReport, type EqualityResult } from '../funnel/equality';
import { aalenJohansenCounts } from '../stats/aalenJohansen';
import type { Filters } from '../funnel/filters';
import { buildJourneys, journeyExtension, journeysKey } from '../funnel/journeys';
import type { FunnelSettings } from '../funnel/settings';
import { activateDataset, loadExports, remapDataset, type Dataset, type LoadOptions, type MappingMemory } from '../ingest/load';
import type { FileMapping } from '../ingest/mapping';
import type { ExportFile } from '../ingest/read';
import type { LoadProgress } from '../ingest/progress';
import { afterApprovalReport, type AfterApprovalReport } from '../funnel/afterApprovalReport';
import type { RetentionGroupBy } from '../funnel/afterApproval';
import { planInputs, type PlanInputs } from '../plan/inputs';

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

  /** Told when the per-enquiry table is being rebuilt (slow on big data) and when that is done. */
  onRebuild: (label: string | null) => void = () => {};

  /**
   * The settings views will ask for next, if known: a load then works out
   * their per-enquiry journeys as it stores the enquiries, instead of copying
   * every row again when the first view asks.
   */
  settingsAtLoad: () => FunnelSettings | null = () => null;

  constructor(readonly engine: Engine) {}

  /** Runs tasks one after another: DuckDB-WASM has one connection here. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }

  /** Loads files as the new dataset; the old one stays if anything fails. */
  load(files: ExportFile[], memory?: MappingMemory, progress?: LoadProgress, options?: LoadOptions): Promise<Dataset> {
    return this.serial(async () => {
      const ds = await loadExports(this.engine, files, memory, progress, this.extension(), options);
      await this.activate(ds);
      return ds;
    });
  }

  /** Rebuilds the dataset with corrected mappings. */
  remap(mappings: FileMapping[], progress?: LoadProgress): Promise<Dataset> {
    return this.serial(async () => {
      if (!this.dataset) throw new Error('No data loaded');
      const ds = await remapDataset(this.engine, this.dataset, mappings, progress, this.extension());
      await this.activate(ds);
      return ds;
    });
  }

  private extension() {
    const s = this.settingsAtLoad();
    return s ? journeyExtension(s) : null;
  }

  private async activate(ds: Dataset) {
    await activateDataset(this.engine, ds, this.dataset);
    this.dataset = ds;
    this.journeysKey = '';
    this.cache.clear();
  }

  /** Makes sure `journeys` matches the settings; returns the as-of date. */
  private async ensureJourneys(s: FunnelSettings): Promise<string> {
    const key = JSON.stringify([this.dataset?.generation, this.dataset?.model.tables, journeysKey(s)]);
    if (key !== this.journeysKey) {
      const { quality, extendedFor } = this.dataset!.model;
      // Only a rebuild for other stage settings takes long enough to announce.
      const announce = extendedFor !== journeysKey(s);
      if (announce) this.onRebuild(`Following ${quality.enquiries.toLocaleString('en-GB')} enquiries through the stages`);
      try {
        this.asOf = await buildJourneys(this.engine, s, quality.exportDate, extendedFor);
      } finally {
        if (announce) this.onRebuild(null);
      }
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
  channels(s: FunnelSettings, by: ChannelKey, filters?: Filters, spendEntered: Record<string, number> = {}): Promise<ChannelRow[]> {
    return this.cached('channels:' + by + JSON.stringify(spendEntered), s, filters,
      async () => channelTable(this.engine, s, by, filters, spendEntered, this.asOf!, await this.forecastChances(s)));
  }

  /**
   * The stage approval chances behind expected approvals: from the whole
   * dataset, so worked out once per settings, not per filter or grouping.
   * Called only from inside a cached task (it does not queue itself).
   */
  private forecastChances(s: FunnelSettings): Promise<StageChance[][]> {
    const key = JSON.stringify(['forecastChances', s.stages, s.asOf]);
    let hit = this.cache.get(key) as Promise<StageChance[][]> | undefined;
    if (!hit) {
      hit = approvalChances(this.engine, s, this.asOf!);
      this.cache.set(key, hit);
      hit.catch(() => this.cache.delete(key));
    }
    return hit;
  }

  /** Exits per stage and reason category. */
  reasons(s: FunnelSettings, filters: Filters | undefined, overrides: ReasonOverrides): Promise<ReasonRow[]> {
    return this.cached('reasons:' + JSON.stringify(overrides), s, filters, () => exitReasons(this.engine, s, filters, overrides));
  }

  /** Distinct reason texts and the category each maps to. */
  reasonTexts(s: FunnelSettings, overrides: ReasonOverrides): Promise<ReasonText[]> {
    return this.cached('reasonTexts:' + JSON.stringify(overrides), s, undefined, () => reasonTexts(this.engine, overrides));
  }

  /** The enquiries behind a stage or reason. */
  drill(s: FunnelSettings, sel: DrillSelection, filters: Filters | undefined, overrides: ReasonOverrides): Promise<DrillRow[]> {
    return this.cached('drill:' + JSON.stringify([sel, overrides]), s, filters, () => drillDown(this.engine, s, sel, filters, overrides));
  }

  /** Open enquiries per stage with stalled counts, and the stalled list, oldest first. */
  stalled(s: FunnelSettings, filters?: Filters): Promise<{ summary: StalledSummary[]; list: StalledEnquiry[] }> {
    return this.cached('stalled', s, filters, async () => ({
      summary: await stalledSummary(this.engine, s, this.asOf!, filters),
      list: await stalledList(this.engine, s, this.asOf!, filters),
    }));
  }

  /** Timeliness against the panel and visit standards. */
  timeliness(s: FunnelSettings, filters?: Filters): Promise<Timeliness> {
    return this.cached('timeliness', s, filters, () => timeliness(this.engine, s, this.asOf!, filters));
  }

  /** Period counts (Ofsted-style) by grain. */
  periodCounts(s: FunnelSettings, grain: Grain, filters?: Filters): Promise<PeriodCount[]> {
    return this.cached('periods:' + grain, s, filters, () => periodCounts(this.engine, s, grain, filters));
  }

  /** Period counts over date windows (e.g. the last 12 months and the 12 before). */
  windowCounts(s: FunnelSettings, windows: DateWindow[], filters?: Filters): Promise<WindowCounts[]> {
    return this.cached('windows:' + JSON.stringify(windows), s, filters, () => windowCounts(this.engine, s, windows, filters));
  }

  /** Cohort results by enquiry period. */
  cohorts(s: FunnelSettings, grain: Grain, windowDays: number, filters?: Filters): Promise<CohortResult[]> {
    return this.cached(`cohorts:${grain}:${windowDays}`, s, filters, () => cohorts(this.engine, s, grain, this.asOf!, windowDays, filters));
  }

  /** Cumulative incidence of approval by days since enquiry, per group ('fy' cohort, 'campaign', 'source' or none). */
  incidence(s: FunnelSettings, by: 'fy' | 'campaign' | 'source' | null, filters?: Filters) {
    return this.cached('incidence:' + by, s, filters, async () => {
      const group = by === 'fy' ? periodSql('enquiry_date', 'fy') : by ? groupColumnSql(by) : null;
      const counts = await timeToEventCounts(this.engine, s, this.asOf!, group, filters);
      const groups = new Map<string, { time: number; approved: number; left: number; censored: number }[]>();
      for (const c of counts) {
        const key = c.group ?? '(blank)';
        const list = groups.get(key) ?? [];
        list.push({ time: c.day, approved: c.approved, left: c.left, censored: c.censored });
        groups.set(key, list);
      }
      return [...groups.entries()].map(([group, rows]) => ({
        group,
        n: rows.reduce((a, r) => a + r.approved + r.left + r.censored, 0),
        /** The longest follow-up in the group: the curve is unknown beyond it. */
        until: rows.reduce((a, r) => Math.max(a, r.time), 0),
        curve: aalenJohansenCounts(rows),
      }));
    });
  }

  /** Median days per step by the period each step was completed. */
  stepTimes(s: FunnelSettings, grain: Grain, filters?: Filters): Promise<StepTimes[]> {
    return this.cached('steptimes:' + grain, s, filters, () => stepTimesByPeriod(this.engine, s, grain, filters));
  }

  /** Share of panels within the standard, by period. */
  panelStandard(s: FunnelSettings, grain: Grain, filters?: Filters): Promise<StandardByPeriod[]> {
    return this.cached('panelstd:' + grain, s, filters, () => panelStandardByPeriod(this.engine, s, grain, filters));
  }

  /** A funnel per group of a column. */
  breakdown(s: FunnelSettings, column: string, filters?: Filters, top = 0): Promise<GroupFunnel[]> {
    return this.cached(`breakdown:${column}:${top}`, s, filters, () => breakdown(this.engine, s, column, filters, top));
  }

  /** The equality report for every equality column, with any pooled groups compared too. */
  equality(s: FunnelSettings, filters?: Filters, pools: Record<string, string[]> = {}): Promise<EqualityResult[]> {
    return this.cached('equality:' + JSON.stringify(pools), s, filters, () => equalityReport(this.engine, s, this.dataset!.model.attributes, filters, pools));
  }

  /** Approved households followed after approval (carers list or the export's own columns); null when neither. */
  afterApproval(s: FunnelSettings, filters: Filters | undefined, by: RetentionGroupBy | null): Promise<AfterApprovalReport | null> {
    return this.cached('after:' + by, s, filters, () =>
      afterApprovalReport(this.engine, s, this.asOf!, this.dataset!.model.attributes, this.dataset!.carers, filters, by));
  }

  /** Distinct values of a journeys column with counts, for filter menus. */
  values(s: FunnelSettings, column: string): Promise<{ value: string | null; n: number }[]> {
    return this.cached('values:' + column, s, undefined, () =>
      this.engine.query<{ value: string | null; n: number }>(
        `SELECT ${ident(column)} AS value, count(*)::INTEGER AS n FROM journeys GROUP BY 1 ORDER BY n DESC LIMIT 500`,
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

  /** What the sufficiency planner counts (conversion curves, open pipeline, recent enquiries), up to the as-of date. */
  planInputs(s: FunnelSettings, filters?: Filters): Promise<PlanInputs> {
    return this.cached('plan', s, filters, () => planInputs(this.engine, s, this.asOf!, filters, { attributes: this.dataset!.model.attributes, carers: this.dataset!.carers }));
  }

  /** The as-of date in force for the settings. */
  asOfDate(s: FunnelSettings): Promise<string> {
    return this.serial(() => this.ensureJourneys(s));
  }
}
