import { describe, expect, test } from 'vitest';
import { headlineCountsMetric } from '../../../src/lib/funnel/headlineCounts';
import { runSpec } from '../../helpers/metric';
import { PERIOD_ROWS as ROWS, setup, wide } from './fixtures';

const AS_OF = '2024-04-30';

describe('headlineCountsMetric', () => {
  test('the last 12 months against the 12 before, the last 12 months and this financial year so far', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    const h = await runSpec(engine, headlineCountsMetric, { settings }, { asOf: AS_OF });
    expect(h.asOf).toBe(AS_OF);
    expect(h.windows).toMatchObject({ current: { from: '2023-05-02', to: AS_OF }, previous: { from: '2022-05-02', to: '2023-05-01' }, previousIncomplete: true });
    expect(h.counts.map((c) => [c.from, c.to, c.enquiries, c.applications, c.approvals])).toEqual([
      ['2023-05-02', AS_OF, 3, 1, 2], // E3, E4, E5; E4's application; E1's and E4's approvals
      ['2022-05-02', '2023-05-01', 2, 1, 0], // E1, E2; E1's application
      ['2023-05-02', AS_OF, 3, 1, 2],
      ['2024-04-01', AS_OF, 1, 0, 0], // 2024-25 so far: E3
    ]);
  });

  test('a date filter sets the window; the other filters apply to the counts, the dates do not', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    const filters = { from: '2023-04-01', to: '2024-03-31', campaigns: ['Radio'] };
    const h = await runSpec(engine, headlineCountsMetric, { settings, filters }, { asOf: AS_OF });
    expect(h.windows).toMatchObject({ current: { from: '2023-04-01', to: '2024-03-31' }, days: 366 });
    expect(h.counts[0]).toMatchObject({ enquiries: 1, applications: 1, approvals: 1 });
  });

  test('a date filter after the as-of date leaves no comparison: the last 12 months stand in', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    const h = await runSpec(engine, headlineCountsMetric, { settings, filters: { from: '2024-06-01' } }, { asOf: AS_OF });
    expect(h.windows).toBeNull();
    expect(h.counts[0]).toEqual(h.counts[2]);
    expect(h.counts[1]).toEqual(h.counts[2]);
  });
});
