/**
 * Random wide exports for the metric reference tests (`*.reference.test.ts`):
 * fast-check arbitraries for records and stage lists, and a loader that reads
 * the export through the real ingest, checks it was read as meant, and builds
 * `journeys` for a settings object.
 */
import { expect } from 'vitest';
import fc from 'fast-check';
import { csv, testEngine } from '../../helpers/engine';
import { ensureJourneys, loadDataset, type Dataset } from '../../../src/lib/coordinator/tables';
import type { Engine } from '../../../src/lib/engine/engine';
import type { Filters } from '../../../src/lib/funnel/filters';
import { defaultSettings, type FunnelSettings, type StageSetting } from '../../../src/lib/funnel/settings';
import {
  addDays, addMonths, EXPORT_HEADER, exportCsv, latestDate, LATER_STAGES, NONE, STATUS_MEANINGS,
  type ExportRecord, type LaterStage,
} from '../../reference/exports';

/** The export date the test files carry (csv() gives every file 1 November 2026). */
export const EXPORT_DATE = '2026-11-01';

/** Enquiries from this day on (the generated dates stay within 2021-2026, before the export date). */
const FIRST_DAY = '2022-01-01';

export interface RecordOptions {
  campaigns?: readonly string[];
  sources?: readonly string[];
  /** Reason texts to draw from ('' for none). */
  reasons?: readonly string[];
  statuses?: readonly string[];
}

/** A gap between two recorded stages: mostly short, some long, a few backwards (stages run side by side). */
const gapArb = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0, max: 25 }) },
  { weight: 4, arbitrary: fc.integer({ min: 26, max: 150 }) },
  { weight: 1, arbitrary: fc.integer({ min: -20, max: -1 }) },
);

/** One enquiry's history: the furthest dated stage, which earlier ones are dated, the gaps, its status and exit. */
export function recordArb(o: RecordOptions = {}) {
  return fc.record({
    enquiry: fc.integer({ min: 0, max: 800 }),
    target: fc.integer({ min: 0, max: 6 }),
    dated: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
    gaps: fc.array(gapArb, { minLength: 6, maxLength: 6 }),
    /** Sometimes the panel falls right at the 8-month standard from the application: a day before, on it or a day after. */
    panelAtStandard: fc.option(fc.constantFrom(-1, 0, 1), { freq: 3 }),
    status: fc.constantFrom(...(o.statuses ?? ['', 'In progress', 'On Hold', 'Withdrawn', 'NFA', 'Closed - Not Proceeding', 'Approved'])),
    reason: fc.constantFrom(...(o.reasons ?? [''])),
    exit: fc.option(fc.integer({ min: 0, max: 400 }), { freq: 4 }),
    campaign: fc.constantFrom(...(o.campaigns ?? ['', 'Radio', 'Web Ads'])),
    source: fc.constantFrom(...(o.sources ?? ['', 'Friend', 'Facebook'])),
  });
}

type Gen = ReturnType<typeof recordArb> extends fc.Arbitrary<infer G> ? G : never;

/** The record a generated history describes. */
export function fromGen(id: string, g: Gen): ExportRecord {
  const enquiry = addDays(FIRST_DAY, g.enquiry);
  const dates: Partial<Record<LaterStage, string>> = {};
  let prev = enquiry;
  for (let s = 1; s <= g.target; s++) {
    // The target stage is always dated; earlier ones may be skipped.
    if (s === g.target || g.dated[s - 1]) {
      prev = addDays(prev, g.gaps[s - 1]);
      dates[LATER_STAGES[s - 1]] = prev;
    }
  }
  if (g.panelAtStandard !== null && dates.application && dates.panel) {
    dates.panel = addDays(addMonths(dates.application, 8), g.panelAtStandard);
  }
  return {
    id, enquiry, dates, status: g.status, reason: g.reason, exitDate: g.exit === null ? null : addDays(enquiry, g.exit),
    campaign: g.campaign, source: g.source,
  };
}

/** An export of 1 to `max` enquiries. */
export function recordsArb(o: RecordOptions = {}, max = 40) {
  const gen = recordArb(o);
  // Small exports shrink to readable counterexamples; bigger ones give every count something to count.
  return fc.oneof(fc.array(gen, { minLength: 1, maxLength: 9 }), fc.array(gen, { minLength: 10, maxLength: max }))
    .map((gens) => gens.map((g, i) => fromGen(`E${i + 1}`, g)));
}

/** A stage list: the standard one with some stages after the enquiry hidden. */
export const stagesArb = fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }).map((hidden) =>
  defaultSettings().stages.map((s, i): StageSetting => ({ ...s, hidden: i > 0 && hidden[i - 1] })),
);

/** An as-of date: the latest date in the data (null), or a day in the years the data cover. */
export const asOfArb = fc.option(fc.integer({ min: 120, max: 1500 }).map((d) => addDays(FIRST_DAY, d)), { freq: 2 });

/** Random filters: none, campaigns or sources (answered from the summaries), or an enquiry date range (a scan of journeys). */
export function filtersArb(campaigns: readonly string[] = [NONE, 'Radio', 'Web Ads'], sources: readonly string[] = [NONE, 'Friend', 'Facebook']): fc.Arbitrary<Filters> {
  return fc.oneof(
    fc.constant({}),
    fc.record({ campaigns: fc.subarray([...campaigns], { minLength: 1 }) }),
    fc.record({ sources: fc.subarray([...sources], { minLength: 1 }) }),
    fc.tuple(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 400 }), fc.boolean()).map(([a, n, open]) => {
      const from = addDays('2022-01-01', a);
      // Sometimes one end only.
      return open ? { from } : { from, to: addDays(from, n) };
    }),
  );
}

/** Loads the records through the real ingest (plus any extra file, e.g. a cost sheet), checking they were read as meant. */
export async function loadRecords(records: readonly ExportRecord[], ...extra: ReturnType<typeof csv>[]): Promise<{ engine: Engine; ds: Dataset }> {
  const engine = await testEngine();
  const ds = await loadDataset(engine, [csv('random.csv', exportCsv(records)), ...extra]);
  const m = ds.mappings.find((x) => x.kind === 'wide')!;
  expect(m.roles.id).toBe('Ref');
  expect(m.roles.enquiryDate).toBe('Enquiry Date');
  expect(m.roles.status).toBe('Status');
  expect(m.roles.reason).toBe('Reason');
  expect(m.roles.exitDate).toBe('Exit Date');
  if (records.some((r) => r.campaign)) expect(m.roles.campaign).toBe('Campaign');
  if (records.some((r) => r.source)) expect(m.roles.source).toBe('Source');
  LATER_STAGES.forEach((st, i) => {
    if (records.some((r) => r.dates[st])) expect(m.roles.stageDates[st]).toBe(EXPORT_HEADER.split(',')[2 + i]);
  });
  for (const [value, meaning] of Object.entries(m.statusValues)) expect(meaning, value).toBe(STATUS_MEANINGS[value]);
  expect(ds.model.quality.enquiries).toBe(records.length);
  return { engine, ds };
}

/** Builds `journeys` for the settings; returns the as-of date in force, checked against the definition. */
export async function journeysFor(engine: Engine, ds: Dataset, records: readonly ExportRecord[], settings: FunnelSettings): Promise<string> {
  const asOf = await ensureJourneys(engine, ds, settings, () => {});
  expect(asOf).toBe(settings.asOf ?? latestDate(records, EXPORT_DATE));
  return asOf;
}

/** Rounds every number so SQL doubles and JS doubles compare equal. */
export function norm<T>(x: T): T {
  if (typeof x === 'number') return (Math.round(x * 1e9) / 1e9) as T;
  if (Array.isArray(x)) return x.map(norm) as T;
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, norm(v)])) as T;
  return x;
}

/** How many random exports each property test tries (FC_RUNS to change). */
export const runs = (n: number) => Number(process.env.FC_RUNS ?? n);
