import { describe, expect, test } from 'vitest';
import { planInputsMetric } from '../../../src/lib/plan/inputs';
import { approvalsUndated } from '../../../src/lib/plan/model';
import { runSpec } from '../../helpers/metric';
import { setup, wide } from '../funnel/fixtures';

// Ref,Enquiry,Visit,Application,Stage1,Stage2,Panel,Approval,Status,Reason,Exit,Campaign
const ROWS = [
  'A1,01/01/2024,10/01/2024,01/02/2024,01/03/2024,01/04/2024,01/05/2024,11/05/2024,Approved,,,Radio',
  'A2,01/06/2024,,,,,,,Withdrawn,,01/07/2024,Radio',
  'A3,01/09/2024,15/09/2024,,,,,,In progress,,,',
  'A4,01/10/2024,05/10/2024,01/11/2024,,,,,In progress,,,Radio',
  'A5,01/12/2024,,,,,,,In progress,,,',
];

describe('planInputs', () => {
  test('time-to-event counts from enquiry and from each stage, the open pipeline and recent enquiries', async () => {
    const { engine, settings, asOf } = await setup(wide(ROWS));
    expect(asOf).toBe('2024-12-01');
    const p = await runSpec(engine, planInputsMetric, { settings }, { asOf });
    // From enquiry, by campaign: A1 approved after 131 days, A2 left after 30, A3/A4 open at 91/61 days; A5 at 0.
    expect(p.byCampaign).toEqual([
      { group: '(blank)', day: 0, approved: 0, left: 0, censored: 1 },
      { group: '(blank)', day: 91, approved: 0, left: 0, censored: 1 },
      { group: 'Radio', day: 30, approved: 0, left: 1, censored: 0 },
      { group: 'Radio', day: 61, approved: 0, left: 0, censored: 1 },
      { group: 'Radio', day: 131, approved: 1, left: 0, censored: 0 },
    ]);
    // From reaching the application (stage 2): A1 approved 100 days later; A4 open 30 days after applying.
    expect(p.byStage.filter((r) => r.group === '2')).toEqual([
      { group: '2', day: 30, approved: 0, left: 0, censored: 1 },
      { group: '2', day: 100, approved: 1, left: 0, censored: 0 },
    ]);
    // Open at the as-of date: A5 at enquiry (0 days), A3 at the visit (77 days since it), A4 at application (30 days).
    expect(p.open).toEqual([{ stage: 0, days: 0, n: 1 }, { stage: 1, days: 77, n: 1 }, { stage: 2, days: 30, n: 1 }]);
    // All five enquired within the 12 months before 1 Dec 2024; the data starts on 1 Jan 2024: 336 days, 1 Jan to 1 Dec inclusive.
    expect(p.recent.reduce((s, r) => s + r.n, 0)).toBe(5);
    expect(p.recentDays).toBe(336);
    expect(p.losses).toBeNull();
    expect(p.stepDays[0]).toBeNull();
    expect(p.stepDays[1]).toBe(9); // enquiry to visit: 9, 14, 4 days
  });

  test('approvals with no date after their enquiry are counted, and half or more of them stop the plan', async () => {
    const undated = ['B1,01/03/2024,,,,,,,Approved,,,Radio', 'B2,01/04/2024,,,,,,,Approved,,,'];
    const { engine, settings, asOf } = await setup(wide([...ROWS, ...undated]));
    const p = await runSpec(engine, planInputsMetric, { settings }, { asOf });
    expect(p.dating).toEqual({ approvals: 3, undated: 2 });
    expect(approvalsUndated(p.dating)).toBe(true);
    expect(approvalsUndated({ approvals: 3, undated: 1 })).toBe(false);
    expect(approvalsUndated({ approvals: 0, undated: 0 })).toBe(false);
  });
});

