import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { cohortsMetric, periodCountsMetric } from '../../../src/lib/funnel/cohorts';
import { defaultSettings, type FunnelSettings } from '../../../src/lib/funnel/settings';
import { rate } from '../../../src/lib/stats/rate';
import { runSpec } from '../../helpers/metric';
import { days, journeysAt, periodEndOf, periodOf, type ExportRecord, type RefFilters, type RefGrain, type RefJourney } from '../../reference/exports';
import { referenceCohorts, referencePeriodCounts } from '../../reference/cohorts';
import { asOfArb, filtersArb, journeysFor, loadRecords, norm, recordsArb, runs, stagesArb } from './randomExports';

const settingsArb = fc.record({ stages: stagesArb, asOf: asOfArb }).map((x): FunnelSettings => ({ ...defaultSettings(), ...x }));
const grainArb = fc.constantFrom('month' as const, 'quarter' as const, 'fy' as const);

/**
 * The window of days an approval must fall within: any, or one that puts a boundary on the data: the days from
 * the first cohort's last day to the as-of date (that cohort just final), or the days an approval took (just within).
 */
const windowArb = fc.oneof(fc.integer({ min: 30, max: 500 }), fc.constantFrom('cohort end' as const, 'approval' as const));

function alignedWindow(journeys: readonly RefJourney[], how: 'cohort end' | 'approval', grain: RefGrain, asOf: string): number {
  if (!journeys.length) return 365;
  const final = journeys[0].dates.length - 1;
  const took = journeys.flatMap((j) => (j.outcome === 'approved' && j.dates[final] ? [days(j.record.enquiry, j.dates[final]!)] : []));
  const aligned = how === 'approval' ? took[0] : days(periodEndOf(journeys[0].record.enquiry, grain), asOf);
  return aligned !== undefined && aligned > 0 ? aligned : 365;
}

describe('the reference periods', () => {
  test('financial quarters from April, labelled by financial year; each period ends on its last day', () => {
    const cases: [string, string, string, string][] = [
      ['2023-03-31', '2022-23 Q4', '2023-03-31', '2023-03-31'],
      ['2023-04-01', '2023-24 Q1', '2023-06-30', '2024-03-31'],
      ['2023-08-15', '2023-24 Q2', '2023-09-30', '2024-03-31'],
      ['2023-12-31', '2023-24 Q3', '2023-12-31', '2024-03-31'],
      ['2024-02-29', '2023-24 Q4', '2024-03-31', '2024-03-31'],
    ];
    for (const [d, q, qEnd, fyEnd] of cases) {
      expect([periodOf(d, 'quarter'), periodEndOf(d, 'quarter'), periodEndOf(d, 'fy')]).toEqual([q, qEnd, fyEnd]);
    }
    expect([periodOf('2024-02-29', 'month'), periodEndOf('2024-02-29', 'month'), periodOf('1999-05-01', 'fy')]).toEqual(['2024-02', '2024-02-29', '1999-00']);
  });
});

describe('cohorts and period counts agree with the reference: random exports', () => {
  test('what became of each period\'s enquirers (reached, outcomes, approved within the window, provisional); counts per month, quarter and year by their own dates', async () => {
    await fc.assert(
      fc.asyncProperty(recordsArb(), fc.array(fc.tuple(settingsArb, filtersArb(), grainArb, windowArb), { minLength: 1, maxLength: 3 }),
        async (records, asks) => {
          const { engine, ds } = await loadRecords(records);
          for (const [settings, filters, grain, window] of asks) {
            const asOf = await journeysFor(engine, ds, records, settings);
            const journeys = journeysAt(records, settings.stages, asOf);
            const windowDays = typeof window === 'number' ? window : alignedWindow(journeys, window, grain, asOf);
            const f = filters as RefFilters;
            const got = await runSpec(engine, cohortsMetric, { settings, filters, grain, windowDays }, { asOf });
            const want = referenceCohorts(journeys, settings.stages, grain, windowDays, asOf, f).map(({ approvedWithin, ...c }) => ({
              ...c, approvedWithin, approvedWithinWindow: rate(approvedWithin, c.enquiries),
            }));
            expect(norm(got)).toEqual(norm(want));
            expect(await runSpec(engine, periodCountsMetric, { settings, filters, grain })).toEqual(referencePeriodCounts(journeys, settings.stages, grain, f));
          }
        }),
      { numRuns: runs(20), seed: 20261203 },
    );
  }, 120_000);
});

describe('an earlier as-of date', () => {
  // README ("As-of date"): "enquiries made after it are left out", even when a later stage of it is dated (wrongly)
  // before that date: as of 1 June 2023 an enquiry of 10 June 2023 whose initial visit is dated 25 May 2023 is in
  // neither the funnel, a June 2023 cohort nor June's period counts.
  test('an enquiry made after it is left out even with a stage dated before it', async () => {
    const rec = (id: string, enquiry: string, dates: ExportRecord['dates']): ExportRecord => ({
      id, enquiry, dates, status: 'In progress', reason: '', exitDate: null, campaign: '', source: '',
    });
    const records = [rec('E1', '2023-01-01', {}), rec('E2', '2023-06-10', { initial_visit: '2023-05-25' }), rec('E3', '2024-01-01', {})];
    const { engine, ds } = await loadRecords(records);
    const settings = { ...defaultSettings(), asOf: '2023-06-01' };
    const asOf = await journeysFor(engine, ds, records, settings);
    const journeys = journeysAt(records, settings.stages, asOf);
    expect(journeys.map((j) => j.record.id)).toEqual(['E1']);
    const want = referenceCohorts(journeys, settings.stages, 'month', 30, asOf).map(({ approvedWithin, ...c }) => ({
      ...c, approvedWithin, approvedWithinWindow: rate(approvedWithin, c.enquiries),
    }));
    // The app also lists a cohort '2023-06' of one enquiry, begun after the as-of date.
    expect(await runSpec(engine, cohortsMetric, { settings, grain: 'month', windowDays: 30 }, { asOf })).toEqual(want);
    expect(await runSpec(engine, periodCountsMetric, { settings, grain: 'month' })).toEqual(referencePeriodCounts(journeys, settings.stages, 'month'));
  });
});
