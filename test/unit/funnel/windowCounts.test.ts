import { describe, expect, test } from 'vitest';
import { windowCounts } from '../../../src/lib/funnel/windowCounts';
import { hiding, setup, wide } from './fixtures';

const ROWS = [
  'E1,31/03/2023,,01/04/2023,,,,31/03/2024,Approved,,,',
  'E2,01/04/2023,,,,,,,NFA,,,',
  'E3,01/04/2024,,,,,,,In progress,,,',
  'E4,15/06/2023,01/07/2023,01/08/2023,,,,01/12/2023,Approved,,,Radio',
  'E5,20/06/2023,,,,,,,Withdrawn,,20/07/2023,',
];

describe('windowCounts', () => {
  test('enquiries, applications and approvals each counted by their own date, per window', async () => {
    const { engine, settings } = await setup(wide(ROWS));
    const fy23 = { from: '2023-04-01', to: '2024-03-31' };
    const fy22 = { from: '2022-04-01', to: '2023-03-31' };
    expect(await windowCounts(engine, settings, [fy23, fy22])).toEqual([
      // E1 took 366 days (31/03/2023 to 31/03/2024), E4 169 (15/06 to 01/12/2023).
      { ...fy23, enquiries: 3, applications: 2, approvals: 2, medianDaysToApproval: (366 + 169) / 2, approvalsTimed: 2 },
      { ...fy22, enquiries: 1, applications: 0, approvals: 0, medianDaysToApproval: null, approvalsTimed: 0 },
    ]);
    expect(await windowCounts(engine, settings, [fy23], { campaigns: ['Radio'] })).toEqual([
      { ...fy23, enquiries: 1, applications: 1, approvals: 1, medianDaysToApproval: 169, approvalsTimed: 1 },
    ]);
    expect(await windowCounts(engine, settings, [])).toEqual([]);
  });

  test('without an application stage there are no applications', async () => {
    const { engine, settings } = await setup(wide(ROWS), hiding('application'));
    const [w] = await windowCounts(engine, settings, [{ from: '2023-04-01', to: '2024-03-31' }]);
    expect(w).toMatchObject({ enquiries: 3, applications: 0, approvals: 2 });
  });
});
