import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { panelStandardMetric, stepTimesMetric } from '../../../src/lib/funnel/trends';
import { defaultSettings, type FunnelSettings } from '../../../src/lib/funnel/settings';
import { runSpec } from '../../helpers/metric';
import { journeysAt, type RefFilters } from '../../reference/exports';
import { referencePanelStandard, referenceStepTimes } from '../../reference/trends';
import { asOfArb, filtersArb, journeysFor, loadRecords, norm, recordsArb, runs, stagesArb } from './randomExports';

const settingsArb = fc.record({ stages: stagesArb, asOf: asOfArb, panelStandardMonths: fc.constantFrom(8, 8, 6, 10) })
  .map((x): FunnelSettings => ({ ...defaultSettings(), ...x }));
const grainArb = fc.constantFrom('month' as const, 'quarter' as const, 'fy' as const);

describe('days per step and the panel standard over time agree with the reference: random exports', () => {
  test('median days per step by the period each step was completed in; panels within the standard by the panel date', async () => {
    await fc.assert(
      fc.asyncProperty(recordsArb(), fc.array(fc.tuple(settingsArb, filtersArb(), grainArb), { minLength: 1, maxLength: 3 }), async (records, asks) => {
        const { engine, ds } = await loadRecords(records);
        for (const [settings, filters, grain] of asks) {
          const asOf = await journeysFor(engine, ds, records, settings);
          const journeys = journeysAt(records, settings.stages, asOf);
          const f = filters as RefFilters;
          expect(norm(await runSpec(engine, stepTimesMetric, { settings, filters, grain }))).toEqual(norm(referenceStepTimes(journeys, settings.stages, grain, f)));
          expect(await runSpec(engine, panelStandardMetric, { settings, filters, grain }))
            .toEqual(referencePanelStandard(journeys, settings.stages, grain, settings.panelStandardMonths, f));
        }
      }),
      { numRuns: runs(20), seed: 20261202 },
    );
  }, 120_000);
});
