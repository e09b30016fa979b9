import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { exitReasonsMetric, type ExitCode } from '../../../src/lib/funnel/reasons';
import { defaultSettings, visibleStages, type FunnelSettings } from '../../../src/lib/funnel/settings';
import { runSpec } from '../../helpers/metric';
import { journeysAt, type RefFilters } from '../../reference/exports';
import { categoryOf, REASON_MEANINGS, referenceExitReasons, STATUS_TEXT_MEANINGS } from '../../reference/reasons';
import { asOfArb, filtersArb, journeysFor, loadRecords, recordsArb, runs, stagesArb } from './randomExports';

const settingsArb = fc.record({ stages: stagesArb, asOf: asOfArb }).map((x): FunnelSettings => ({ ...defaultSettings(), ...x }));

/** The user's own reading of a few texts (Drop-off's "change category"). */
const overridesArb = fc.dictionary(
  fc.constantFrom('Other', 'See notes', 'Moving house', 'Personal reasons'),
  fc.constantFrom<ExitCode>('LOST_CONTACT', 'AW1', 'DUPLICATE', 'AW3'),
  { maxKeys: 2 },
);

describe('the reference reading of reasons', () => {
  test('the reason first, then the status; AW0 only when one says the applicant withdrew; overrides win', () => {
    expect(categoryOf('Moving house', 'Counselled out')).toBe('AW3');
    expect(categoryOf('', 'Counselled out')).toBe('COUNSELLED_OUT');
    expect(categoryOf('See notes', 'Withdrawn')).toBe('AW0');
    expect(categoryOf('Personal reasons', 'NFA')).toBe('AW0');
    expect(categoryOf('', 'NFA')).toBe('NOT_KNOWN');
    expect(categoryOf('Other', 'Closed - Not Proceeding')).toBe('NOT_KNOWN');
    expect(categoryOf('Other', 'NFA', { Other: 'LOST_CONTACT' })).toBe('LOST_CONTACT');
    expect(categoryOf('  MOVING HOUSE ', '', { 'Moving house': 'AW1' })).toBe('AW3');
  });
});

describe('the reasons people left agree with the reference: random exports', () => {
  test('leavers per stage left at and category, under hidden stages, as-of dates, filters and overrides', async () => {
    const statuses = Object.keys(STATUS_TEXT_MEANINGS);
    await fc.assert(
      fc.asyncProperty(recordsArb({ reasons: Object.keys(REASON_MEANINGS), statuses }),
        fc.array(fc.tuple(settingsArb, filtersArb(), overridesArb), { minLength: 1, maxLength: 3 }),
        async (records, asks) => {
          const { engine, ds } = await loadRecords(records);
          for (const [settings, filters, overrides] of asks) {
            const asOf = await journeysFor(engine, ds, records, settings);
            const journeys = journeysAt(records, settings.stages, asOf);
            const got = await runSpec(engine, exitReasonsMetric, { settings, filters, overrides }, { asOf });
            // In journey order, largest first within a stage (ties in any order).
            const at = (id: string) => visibleStages(settings).findIndex((s) => s.id === id);
            got.slice(1).forEach((r, i) => expect(at(r.stage) > at(got[i].stage) || (r.stage === got[i].stage && r.n <= got[i].n)).toBe(true));
            const sorted = [...got].sort((a, b) => at(a.stage) - at(b.stage) || b.n - a.n || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
            expect(sorted).toEqual(referenceExitReasons(journeys, settings.stages, overrides, filters as RefFilters));
          }
        }),
      { numRuns: runs(25), seed: 20261206 },
    );
  }, 120_000);
});
