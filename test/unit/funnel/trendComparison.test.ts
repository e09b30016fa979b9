import { describe, expect, test } from 'vitest';
import { trendComparisonMetric } from '../../../src/lib/funnel/trendComparison';
import { runSpec } from '../../helpers/metric';
import { setup, wide } from './fixtures';

// Ref,Enquiry,Visit,Application,Stage1,Stage2,Panel,Approval,Status,Reason,Exit,Campaign
const ROWS = [
  'T0,01/03/2023,,,,,,,Withdrawn,,15/03/2023,', // the first enquiry: the data cover all of 2023-24
  'T1,10/05/2023,,01/06/2023,,,,01/09/2023,Approved,,,Radio',
  'T2,20/07/2023,,,,,,,Withdrawn,,01/08/2023,',
  'T3,15/01/2024,,,,,,,In progress,,,',
  'T4,01/05/2024,,01/07/2024,,,,,In progress,,,Radio',
  'T5,31/10/2024,,,,,,,In progress,,,', // the latest date: the as-of date
];

describe('trendComparisonMetric', () => {
  test('the latest financial year so far against the same dates of the one before', async () => {
    const { engine, settings, asOf } = await setup(wide(ROWS));
    expect(asOf).toBe('2024-10-31');
    const c = await runSpec(engine, trendComparisonMetric, { settings, grain: 'fy' }, { asOf });
    expect(c.asOf).toBe('2024-10-31');
    expect(c.firstEnquiry).toBe('2023-03-01');
    // 2023-24 starts within a year of the first enquiry: its applications and approvals are undercounted.
    expect(c.compared).toMatchObject({ now: '2024-25 so far (1 Apr 2024 to 31 Oct 2024)', before: 'the same dates in 2023-24', filling: true });
    // 1 Apr to 31 Oct 2024: T4, T5 and T4's application; the same dates of 2023: T1, T2, T1's application and approval.
    expect(c.compared!.counts.map((w) => [w.from, w.to, w.enquiries, w.applications, w.approvals])).toEqual([
      ['2024-04-01', '2024-10-31', 2, 1, 0],
      ['2023-04-01', '2023-10-31', 2, 1, 1],
    ]);
  });

  test('a whole latest period; nothing earlier in the data; other filters apply', async () => {
    const { engine, settings, asOf } = await setup(wide(ROWS));
    const month = await runSpec(engine, trendComparisonMetric, { settings, grain: 'month' }, { asOf });
    expect(month.compared).toMatchObject({ now: '2024-10', before: '2024-09' });
    expect(month.compared!.counts.map((w) => w.enquiries)).toEqual([1, 0]);
    expect(month.compared!.filling).toBe(false);
    // October's 31 days against September's 30: the finding compares them per day.
    expect(month.compared!.days).toEqual([31, 30]);
    // Part of a month against the same span of February, which has no 30th: said as the dates it is, not "the same dates".
    const part = await runSpec(engine, trendComparisonMetric, { settings, grain: 'month' }, { asOf: '2024-03-30' });
    expect(part.compared).toMatchObject({ now: '2024-03 so far (1 Mar 2024 to 30 Mar 2024)', before: '1 Feb 2024 to 29 Feb 2024', days: [30, 29] });
    // On 31 January 2024 the year before the latest started before the first enquiry: nothing to compare with.
    expect((await runSpec(engine, trendComparisonMetric, { settings, grain: 'fy' }, { asOf: '2024-01-31' })).compared).toBeNull();
    const radio = await runSpec(engine, trendComparisonMetric, { settings, grain: 'fy', filters: { campaigns: ['Radio'] } }, { asOf });
    expect(radio.compared!.counts.map((w) => w.enquiries)).toEqual([1, 1]);
  });

  test('under a date filter: its range against as many days before it', async () => {
    const { engine, settings, asOf } = await setup(wide(ROWS));
    const c = await runSpec(engine, trendComparisonMetric, { settings, grain: 'fy', filters: { from: '2024-01-01', to: '2024-06-30' } }, { asOf });
    expect(c.compared!.counts.map((w) => [w.from, w.to, w.enquiries])).toEqual([
      ['2024-01-01', '2024-06-30', 2],
      ['2023-07-03', '2023-12-31', 1], // 182 days (2024 is a leap year),
    ]);
    expect(c.compared!.now).toBe('1 Jan 2024 to 30 Jun 2024');
    expect(c.compared!.before).toBe('the 182 days before');
    expect(c.compared!.filling).toBe(true);
    // A range whose days before start before the first enquiry: the data don't cover them, so no comparison.
    expect((await runSpec(engine, trendComparisonMetric, { settings, grain: 'fy', filters: { from: '2023-06-01', to: '2024-03-31' } }, { asOf })).compared).toBeNull();
    // A range wholly after the as-of date has nothing in it to compare.
    expect((await runSpec(engine, trendComparisonMetric, { settings, grain: 'fy', filters: { from: '2025-01-01' } }, { asOf })).compared).toBeNull();
  });
});
