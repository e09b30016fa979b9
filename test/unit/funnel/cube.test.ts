import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { cubeAnswers, quantileCont, type DayCount } from '../../../src/lib/funnel/cube';
import { funnelMetric } from '../../../src/lib/funnel/funnel';
import { cubesMetric } from '../../../src/lib/funnel/filterCubes';
import { timelinessMetric } from '../../../src/lib/funnel/timing';
import { windowCountsMetric } from '../../../src/lib/funnel/windowCounts';
import { periodCountsMetric } from '../../../src/lib/funnel/cohorts';
import { channelsMetric } from '../../../src/lib/funnel/campaigns';
import { breakdownMetric } from '../../../src/lib/funnel/breakdowns';
import { columnValuesMetric } from '../../../src/lib/funnel/values';
import { defaultSettings, type FunnelSettings } from '../../../src/lib/funnel/settings';
import type { Filters } from '../../../src/lib/funnel/filters';
import { generateEnquiries, toWideCsv } from '../../../scripts/sample/generate.mjs';
import { testEngine } from '../../helpers/engine';
import { runSpec } from '../../helpers/metric';
import { setup } from './fixtures';
import { ensureJourneys } from '../../../src/lib/coordinator/tables';
import type { Engine } from '../../../src/lib/engine/engine';

/** The campaigns or sources of `journeys`, as a filter names them. */
async function valuesOf(engine: Engine, column: 'campaign' | 'source'): Promise<string[]> {
  return (await engine.query<{ v: string | null }>(`SELECT DISTINCT ${column} AS v FROM journeys ORDER BY 1`)).map((r) => r.v ?? '(blank)');
}

/** The settings with these stages hidden. */
const hiding = (base: FunnelSettings, hidden: readonly string[]): FunnelSettings =>
  ({ ...base, stages: base.stages.map((st) => ({ ...st, hidden: hidden.includes(st.id) })) });

/** The filters with a date filter every enquiry passes: the same enquiries, counted by scanning journeys instead of the cubes. */
const scanning = (filters: Filters | undefined): Filters => ({ ...filters, from: '1900-01-01' });

describe('quantileCont', () => {
  test("equals DuckDB's quantile_cont of the values a histogram counts", async () => {
    const engine = await testEngine();
    const histogram = fc.uniqueArray(fc.record({ days: fc.integer({ min: 0, max: 400 }), n: fc.integer({ min: 1, max: 5 }) }), { selector: (h) => h.days, maxLength: 12 })
      .map((hs) => [...hs].sort((a, b) => a.days - b.days));
    await fc.assert(fc.asyncProperty(histogram, fc.constantFrom(0, 0.25, 0.5, 0.75, 1, 0.1), async (h: DayCount[], q) => {
      const values = h.flatMap((x) => Array<number>(x.n).fill(x.days));
      const [row] = await engine.query<{ v: number | null }>(
        `SELECT quantile_cont(v, ${q}) AS v FROM (SELECT unnest(${values.length ? `[${values.join(', ')}]` : '[]::INTEGER[]'})::INTEGER AS v)`);
      expect(quantileCont(h, q)).toBe(row.v);
    }), { numRuns: 150 });
  });
});

describe('cubeAnswers', () => {
  test('a choice of campaigns or sources, or none, the cubes answer; dates or attributes they leave to the scan', () => {
    expect(cubeAnswers({ campaigns: ['Radio'], sources: ['Web'], attributes: { Ethnicity: [] } })).toBe(true);
    expect(cubeAnswers({ sources: ['(blank)'] })).toBe(true);
    expect(cubeAnswers(undefined)).toBe(true);
    expect(cubeAnswers({ campaigns: [], sources: [] })).toBe(true);
    expect(cubeAnswers({ campaigns: ['Radio'], from: '2024-01-01' })).toBe(false);
    expect(cubeAnswers({ campaigns: ['Radio'], to: '2024-01-01' })).toBe(false);
    expect(cubeAnswers({ campaigns: ['Radio'], attributes: { Ethnicity: ['Mixed'] } })).toBe(false);
  });
});

describe('the funnel from the cubes', () => {
  test('equals the funnel scanned from journeys, for any campaigns and sources and hidden stages', async () => {
    const base = defaultSettings();
    const { engine, ds } = await setup(toWideCsv(generateEnquiries({ count: 600, seed: 17 })), base);
    const campaigns = await valuesOf(engine, 'campaign');
    const sources = await valuesOf(engine, 'source');
    await fc.assert(fc.asyncProperty(
      fc.subarray(campaigns), fc.subarray(sources), fc.subarray(base.stages.slice(1).map((st) => st.id)),
      async (c, s, hidden) => {
        const settings = hiding(base, hidden);
        await ensureJourneys(engine, ds, settings, () => {});
        const filters = { campaigns: c, sources: s };
        const scanned = await runSpec(engine, funnelMetric, { settings, filters: scanning(filters) });
        expect(await runSpec(engine, funnelMetric, { settings, filters })).toEqual(scanned);
      }), { numRuns: 25 });
  });
});

describe('timeliness from its cube', () => {
  test('equals timeliness scanned from journeys, for any campaigns, sources and standards', async () => {
    const base = defaultSettings();
    const { engine, ds, asOf } = await setup(toWideCsv(generateEnquiries({ count: 600, seed: 23 })), base);
    const campaigns = await valuesOf(engine, 'campaign');
    await ensureJourneys(engine, ds, base, () => {});
    await fc.assert(fc.asyncProperty(
      fc.subarray(campaigns), fc.integer({ min: 4, max: 12 }), fc.integer({ min: 3, max: 20 }),
      async (c, months, days) => {
        const settings = { ...base, panelStandardMonths: months, visitStandardWorkingDays: days };
        const scanned = await runSpec(engine, timelinessMetric, { settings, filters: scanning({ campaigns: c }) }, { asOf });
        expect(await runSpec(engine, timelinessMetric, { settings, filters: { campaigns: c } }, { asOf })).toEqual(scanned);
      }), { numRuns: 15 });
  });
});

describe('period counts from their cubes', () => {
  test('equal the period counts scanned from journeys, for any campaigns, sources, windows and hidden stages', async () => {
    const base = defaultSettings();
    const { engine, ds } = await setup(toWideCsv(generateEnquiries({ count: 600, seed: 29 })), base);
    const sources = await valuesOf(engine, 'source');
    const day = fc.integer({ min: 0, max: 1700 }).map((d) => new Date(Date.UTC(2022, 3, 1) + d * 86400000).toISOString().slice(0, 10));
    const window = fc.tuple(day, day).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));
    await fc.assert(fc.asyncProperty(
      fc.subarray(sources), fc.array(window, { minLength: 1, maxLength: 4 }), fc.subarray(['application', 'approved', 'panel']),
      async (s, windows, hidden) => {
        const settings = hiding(base, hidden);
        await ensureJourneys(engine, ds, settings, () => {});
        const scanned = await runSpec(engine, windowCountsMetric, { settings, windows, filters: scanning({ sources: s }) });
        expect(await runSpec(engine, windowCountsMetric, { settings, windows, filters: { sources: s } })).toEqual(scanned);
      }), { numRuns: 20 });
  });
});

describe('counts per period from the dates cube', () => {
  test('equal the counts per period scanned from journeys, for any campaigns, sources, grain and hidden stages', async () => {
    const base = defaultSettings();
    const { engine, ds } = await setup(toWideCsv(generateEnquiries({ count: 600, seed: 37 })), base);
    const campaigns = await valuesOf(engine, 'campaign');
    const sources = await valuesOf(engine, 'source');
    await fc.assert(fc.asyncProperty(
      fc.subarray(campaigns), fc.subarray(sources), fc.constantFrom('month' as const, 'quarter' as const, 'fy' as const),
      fc.subarray(['application', 'stage2', 'approved']),
      async (c, s, grain, hidden) => {
        const settings = hiding(base, hidden);
        await ensureJourneys(engine, ds, settings, () => {});
        const scanned = await runSpec(engine, periodCountsMetric, { settings, grain, filters: scanning({ campaigns: c, sources: s }) });
        expect(await runSpec(engine, periodCountsMetric, { settings, grain, filters: { campaigns: c, sources: s } })).toEqual(scanned);
      }), { numRuns: 25 });
  });
});

describe('campaigns and sources from the cubes', () => {
  test('the table by campaign or source and its funnels equal the scan, for any campaigns, sources, top and hidden stages', async () => {
    const base = defaultSettings();
    const { engine, ds, asOf } = await setup(toWideCsv(generateEnquiries({ count: 600, seed: 41 })), base);
    const campaigns = await valuesOf(engine, 'campaign');
    const sources = await valuesOf(engine, 'source');
    await fc.assert(fc.asyncProperty(
      fc.subarray(campaigns), fc.subarray(sources), fc.constantFrom('campaign', 'source'), fc.integer({ min: 0, max: 4 }),
      fc.subarray(['application', 'stage2', 'approved']),
      async (c, s, by, top, hidden) => {
        const settings = hiding(base, hidden);
        await ensureJourneys(engine, ds, settings, () => {});
        const filters = { campaigns: c, sources: s };
        const scan = scanning(filters);
        expect(await runSpec(engine, channelsMetric, { settings, filters, by }, { asOf }))
          .toEqual(await runSpec(engine, channelsMetric, { settings, filters: scan, by }, { asOf }));
        expect(await runSpec(engine, breakdownMetric, { settings, filters, column: by, top }))
          .toEqual(await runSpec(engine, breakdownMetric, { settings, filters: scan, column: by, top }));
      }), { numRuns: 25 });
  });
});

describe('filter menus from the cubes', () => {
  test('the campaigns and sources, with their counts and in their order, equal the scan of journeys', async () => {
    const base = defaultSettings();
    const { engine } = await setup(toWideCsv(generateEnquiries({ count: 500, seed: 43 })), base);
    for (const column of ['campaign', 'source']) {
      const scanned = await runSpec(engine, columnValuesMetric, { settings: base, column }, { ready: () => false });
      expect(scanned.length).toBeGreaterThan(2);
      expect(await runSpec(engine, columnValuesMetric, { settings: base, column })).toEqual(scanned);
      // Counted in the cube, not scanned.
      const asked: string[] = [];
      const watched: Engine = { ...engine, query: (text, stop) => (asked.push(text), engine.query(text, stop)) };
      await runSpec(watched, columnValuesMetric, { settings: base, column });
      expect(asked).toHaveLength(1);
      expect(asked[0]).toMatch(/FROM cube_counts/);
    }
  });
});

describe('no filter from the cubes', () => {
  test('the funnel, timeliness and period counts with no filter at all equal the scan', async () => {
    const settings = defaultSettings();
    const { engine, asOf } = await setup(toWideCsv(generateEnquiries({ count: 400, seed: 31 })), settings);
    const windows = [{ from: '2023-04-01', to: '2024-03-31' }, { from: '2024-04-01', to: '2025-03-31' }];
    for (const none of [undefined, {}, { campaigns: [], sources: [], attributes: {} }]) {
      const scan = scanning(none);
      expect(await runSpec(engine, funnelMetric, { settings, filters: none })).toEqual(await runSpec(engine, funnelMetric, { settings, filters: scan }));
      expect(await runSpec(engine, timelinessMetric, { settings, filters: none }, { asOf })).toEqual(await runSpec(engine, timelinessMetric, { settings, filters: scan }, { asOf }));
      expect(await runSpec(engine, windowCountsMetric, { settings, windows, filters: none })).toEqual(await runSpec(engine, windowCountsMetric, { settings, windows, filters: scan }));
    }
  });
});

describe('cubesMetric', () => {
  test('writes every cube a campaign filter reads, and nothing else', async () => {
    const settings = defaultSettings();
    const { engine, asOf } = await setup(toWideCsv(generateEnquiries({ count: 50, seed: 2 })), settings);
    await engine.exec('DROP TABLE IF EXISTS cube_counts; DROP TABLE IF EXISTS cube_days');
    expect(await runSpec(engine, cubesMetric, { settings }, { asOf })).toBeNull();
    const tables = (await engine.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_name LIKE 'cube_%' ORDER BY 1`)).map((r) => r.t);
    expect(tables).toEqual(expect.arrayContaining(['cube_approval_days', 'cube_counts', 'cube_dates', 'cube_days', `cube_timeliness_${settings.panelStandardMonths}_${settings.visitStandardWorkingDays}`]));
  });
});

