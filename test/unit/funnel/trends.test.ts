import { describe, expect, test } from 'vitest';
import { panelStandardMetric, stepTimesMetric } from '../../../src/lib/funnel/trends';
import type { Grain } from '../../../src/lib/funnel/cohorts';
import type { Engine } from '../../../src/lib/engine/engine';
import type { Filters } from '../../../src/lib/funnel/filters';
import { defaultSettings, type FunnelSettings } from '../../../src/lib/funnel/settings';
import { runSpec } from '../../helpers/metric';
import { hiding, setup, wide } from './fixtures';

const stepTimesByPeriod = (engine: Engine, settings: FunnelSettings, grain: Grain, filters?: Filters) =>
  runSpec(engine, stepTimesMetric, { settings, filters, grain });
const panelStandardByPeriod = (engine: Engine, settings: FunnelSettings, grain: Grain, filters?: Filters) =>
  runSpec(engine, panelStandardMetric, { settings, filters, grain });

const ROWS = [
  'A,01/01/2023,11/01/2023,01/03/2023,,,01/10/2023,,In progress,,,Radio', // panel 7 months after application
  'B,01/02/2023,21/02/2023,01/04/2023,,,01/01/2024,,In progress,,,', // 9 months
  'C,01/04/2023,05/04/2023,01/05/2023,,,01/01/2024,,In progress,,,', // 8 months exactly
  'D,01/04/2023,01/03/2023,,,,,,In progress,,,', // visit before enquiry: left out
];

describe('stepTimesByPeriod', () => {
  test('median days per step, by the period the step was completed in', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    const t = await stepTimesByPeriod(engine, settings, 'fy');
    expect(t.map((x) => x.period)).toEqual(['2022-23', '2023-24']);
    // Visits: A (10 days) and B (20 days) in 2022-23; C (4 days) in 2023-24; D backwards.
    expect(t[0].steps.initial_visit).toEqual({ median: 15, n: 2 });
    expect(t[1].steps.initial_visit).toEqual({ median: 4, n: 1 });
    // Applications: A (49 days) in 2022-23; B (39) and C (26) in 2023-24.
    expect(t[0].steps.application).toEqual({ median: 49, n: 1 });
    expect(t[1].steps.application).toEqual({ median: 32.5, n: 2 });
    expect(t[1].steps.stage1).toBeUndefined();
    const monthly = await stepTimesByPeriod(engine, settings, 'month', { campaigns: ['Radio'] });
    expect(monthly.map((x) => x.period)).toEqual(['2023-01', '2023-03']);
  });

  test('empty filter result; a single visible stage', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    expect(await stepTimesByPeriod(engine, settings, 'fy', { campaigns: ['nobody'] })).toEqual([]);
    const one = { ...defaultSettings(), stages: defaultSettings().stages.map((s, i) => ({ ...s, hidden: i > 0 })) };
    expect(await stepTimesByPeriod(engine, one, 'fy')).toEqual([]);
  });
});

describe('panelStandardByPeriod', () => {
  test('share of panels within the standard, by the period of the panel date', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    expect(await panelStandardByPeriod(engine, settings, 'quarter')).toEqual([
      { period: '2023-24 Q3', within: 1, n: 1 },
      { period: '2023-24 Q4', within: 1, n: 2 },
    ]);
    expect(await panelStandardByPeriod(engine, { ...settings, panelStandardMonths: 9 }, 'fy')).toEqual([{ period: '2023-24', within: 3, n: 3 }]);
  });

  test('without application or panel stages: nothing', async () => {
    const { engine, settings } = await setup(wide(ROWS), hiding('panel'));
    expect(await panelStandardByPeriod(engine, settings, 'fy')).toEqual([]);
  });
});
