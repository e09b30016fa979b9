import { describe, expect, test } from 'vitest';
import { windowCountsMetric } from '../../../src/lib/funnel/windowCounts';
import { runSpec } from '../../helpers/metric';
import { PERIOD_ROWS as ROWS, hiding, setup, wide } from './fixtures';


describe('windowCountsMetric', () => {
  test('enquiries, applications and approvals each counted by their own date, per window', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    const fy23 = { from: '2023-04-01', to: '2024-03-31' };
    const fy22 = { from: '2022-04-01', to: '2023-03-31' };
    expect(await runSpec(engine, windowCountsMetric, { settings, windows: [fy23, fy22] })).toEqual([
      // E1 took 366 days (31/03/2023 to 31/03/2024), E4 169 (15/06 to 01/12/2023).
      { ...fy23, enquiries: 3, applications: 2, approvals: 2, medianDaysToApproval: (366 + 169) / 2, approvalsTimed: 2 },
      { ...fy22, enquiries: 1, applications: 0, approvals: 0, medianDaysToApproval: null, approvalsTimed: 0 },
    ]);
    expect(await runSpec(engine, windowCountsMetric, { settings, windows: [fy23], filters: { campaigns: ['Radio'] } })).toEqual([
      { ...fy23, enquiries: 1, applications: 1, approvals: 1, medianDaysToApproval: 169, approvalsTimed: 1 },
    ]);
    expect(await runSpec(engine, windowCountsMetric, { settings, windows: [] })).toEqual([]);
  });

  test('an approval counts in its window whenever the enquiry came; a span asked for twice has the same figures twice', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    // E1 enquired in March 2023, before this window, and was approved in it; E3 enquired in it.
    const w = { from: '2024-01-01', to: '2024-06-30' };
    const figures = { ...w, enquiries: 1, applications: 0, approvals: 1, medianDaysToApproval: 366, approvalsTimed: 1 };
    expect(await runSpec(engine, windowCountsMetric, { settings, windows: [w, { ...w }] })).toEqual([figures, figures]);
  });

  test('without an application stage there are no applications', async () => {
    const { engine, settings } = await setup(wide(ROWS), hiding('application'));
    const [w] = await runSpec(engine, windowCountsMetric, { settings, windows: [{ from: '2023-04-01', to: '2024-03-31' }] });
    expect(w).toMatchObject({ enquiries: 3, applications: 0, approvals: 2 });
  });
});
