import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { stalledMetric, timelinessMetric } from '../../../src/lib/funnel/timing';
import { defaultSettings, type FunnelSettings } from '../../../src/lib/funnel/settings';
import { rate } from '../../../src/lib/stats/rate';
import { runSpec } from '../../helpers/metric';
import { addMonths, days, journeysAt, type ExportRecord, type RefFilters, type RefJourney } from '../../reference/exports';
import { ENGLAND_BANK_HOLIDAYS, referenceStalled, referenceTimeliness, workingDaysAfter } from '../../reference/timing';
import { asOfArb, filtersArb, journeysFor, loadRecords, norm, recordsArb, runs, stagesArb } from './randomExports';

/**
 * Settings, some with a boundary on the data: the as-of date the day an application without a panel falls due
 * ('due': not yet overdue), or the stalled threshold exactly an open enquiry's days idle ('idle': not yet stalled).
 */
const settingsArb = fc.record({
  stages: stagesArb,
  asOf: fc.oneof({ weight: 4, arbitrary: asOfArb }, { weight: 1, arbitrary: fc.constant('due' as const) }),
  stalledDays: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 150 }) }, { weight: 1, arbitrary: fc.constant('idle' as const) }),
  ownThresholds: fc.dictionary(fc.constantFrom('enquiry', 'initial_visit', 'application', 'stage2'), fc.integer({ min: 0, max: 150 }), { maxKeys: 2 }),
  panelStandardMonths: fc.constantFrom(8, 8, 6, 10),
  visitStandardWorkingDays: fc.constantFrom(10, 10, 5, 15),
});
type Ask = typeof settingsArb extends fc.Arbitrary<infer A> ? A : never;

/** The settings an ask means for these records (boundaries worked out from them). */
function settingsFor(x: Ask, records: readonly ExportRecord[]): FunnelSettings {
  const pending = records.find((r) => r.dates.application && !r.dates.panel);
  const asOf = x.asOf !== 'due' ? x.asOf : pending ? addMonths(pending.dates.application!, x.panelStandardMonths) : null;
  return {
    ...defaultSettings(), stages: x.stages, asOf, stalledDays: x.stalledDays === 'idle' ? 60 : x.stalledDays, stalledDaysByStage: x.ownThresholds,
    panelStandardMonths: x.panelStandardMonths, visitStandardWorkingDays: x.visitStandardWorkingDays,
  };
}

/** With 'idle', the threshold is an open enquiry's days idle, the settings' others left out. */
function thresholdsFor(x: Ask, settings: FunnelSettings, journeys: readonly RefJourney[], asOf: string): FunnelSettings {
  if (x.stalledDays !== 'idle') return settings;
  const open = journeys.find((j) => j.outcome === 'open');
  return open ? { ...settings, stalledDays: days(open.lastStageDate, asOf), stalledDaysByStage: {} } : settings;
}

describe('the reference working days', () => {
  test('gov.uk bank holidays: eight a year, more in 2022 and 2023; weekends and holidays skipped', () => {
    const perYear = (y: string) => [...ENGLAND_BANK_HOLIDAYS].filter((d) => d.startsWith(y)).length;
    expect(['2021', '2022', '2023', '2024', '2025', '2026'].map(perYear)).toEqual([8, 10, 9, 8, 8, 8]);
    // Thursday 21 March 2024 to Thursday 4 April: Good Friday and Easter Monday between.
    expect(workingDaysAfter('2024-03-21', '2024-04-04')).toBe(8);
    expect(workingDaysAfter('2024-03-21', '2024-03-21')).toBe(0);
    // Saturday to Monday: one working day.
    expect(workingDaysAfter('2024-06-01', '2024-06-03')).toBe(1);
    // Over the 2022 jubilee weekend (Thursday 2 and Friday 3 June off).
    expect(workingDaysAfter('2022-06-01', '2022-06-06')).toBe(1);
  });
});

describe('timeliness and stalled enquiries agree with the reference: random exports', () => {
  test('panel within the standard, overdue open applications, visits within N working days; stalled per stage and the list', async () => {
    await fc.assert(
      fc.asyncProperty(recordsArb(), fc.array(fc.tuple(settingsArb, filtersArb()), { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 8 }),
        async (records, asks, limit) => {
          const { engine, ds } = await loadRecords(records);
          for (const [ask, filters] of asks) {
            const first = settingsFor(ask, records);
            const asOf = await journeysFor(engine, ds, records, first);
            const journeys = journeysAt(records, first.stages, asOf);
            const settings = thresholdsFor(ask, first, journeys, asOf);
            const f = filters as RefFilters;

            const t = await runSpec(engine, timelinessMetric, { settings, filters }, { asOf });
            const want = referenceTimeliness(journeys, settings.stages, asOf,
              { panelMonths: settings.panelStandardMonths, visitWorkingDays: settings.visitStandardWorkingDays }, f);
            expect(norm(t)).toEqual(norm({
              panelWithinStandard: rate(want.panel.within, want.panel.n),
              panelOverdueOpen: want.panelOverdueOpen,
              visitWithinStandard: rate(want.visit.within, want.visit.n),
              panelMonths: settings.panelStandardMonths,
              visitWorkingDays: settings.visitStandardWorkingDays,
            }));

            const s = await runSpec(engine, stalledMetric, { settings, filters, limit }, { asOf });
            const ref = referenceStalled(journeys, settings.stages, asOf, { all: settings.stalledDays, byStage: settings.stalledDaysByStage }, f, limit);
            expect(norm(s.summary)).toEqual(norm(ref.summary));
            expect(s.list).toEqual(ref.list);
          }
        }),
      { numRuns: runs(20), seed: 20261201 },
    );
  }, 120_000);
});
