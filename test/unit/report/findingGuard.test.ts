import { describe, expect, it } from 'vitest';
import { findingRevealsSmallCount, findingStatesWithheld, reportFinding, WITHHELD_FINDING, WITHHELD_FINDING_TOTAL } from '../../../src/lib/report/findingGuard';

describe('findingRevealsSmallCount', () => {
  it('finds a lone count from 1 to 4', () => {
    expect(findingRevealsSmallCount('Lost contact ended 3 enquiries, all of them at enquiry.')).toBe(true);
    expect(findingRevealsSmallCount('Approvals made fell from 4 to 12.')).toBe(true);
    expect(findingRevealsSmallCount('Of the 1,068 who left, 998 of them at enquiry.')).toBe(false);
  });

  it('does not take dates, periods, percentages, money or lengths of time for counts', () => {
    expect(findingRevealsSmallCount('2023-24 against 2022-23: within normal variation (95% interval −12% to +3%).')).toBe(false);
    expect(findingRevealsSmallCount('Enquired from 1 Apr 2024 to 3 Mar 2025; £1,033 per approval (£4 per enquiry).')).toBe(false);
    expect(findingRevealsSmallCount('Approved within 4 months; 2 comparisons for ethnicity; the other 3 campaigns.')).toBe(false);
    expect(findingRevealsSmallCount('A rate of 2.5% and 4.0% from 01/04/2024.')).toBe(false);
  });

  it('does not take a count of things compared, or a stage\'s number, for a count of people', () => {
    expect(findingRevealsSmallCount('The 2 services can\'t be ranked: 2 groups fall behind at 3 steps, over 3 measures.')).toBe(false);
    expect(findingRevealsSmallCount('Black African (ethnicity) at stage 1 complete → stage 2 complete: 44% of 39 against 77% for everyone else.')).toBe(false);
    expect(findingRevealsSmallCount('Stage 2 took longest; 3 households left there.')).toBe(true);
    expect(findingRevealsSmallCount('Allowing for the 3 pairs among the 3 services; 2 differences are worth watching; and 3 more.')).toBe(false);
    expect(findingRevealsSmallCount('Its open enquiries may bring up to 3 more approvals.')).toBe(true);
  });

  it('finds a rate that gives away a count of 1 to 4, counted or not counted', () => {
    expect(findingRevealsSmallCount('Foo, 20.0% of 10 enquiries approved')).toBe(true); // 2 approved
    expect(findingRevealsSmallCount('Foo, 90.0% of 30 enquiries approved')).toBe(true); // 3 not approved
    expect(findingRevealsSmallCount('Foo, 50.0% of 30 enquiries approved')).toBe(false);
    expect(findingRevealsSmallCount('10.0% applications per enquiry (n=20)')).toBe(true);
    expect(findingRevealsSmallCount('25.0% applications per enquiry (n=200)')).toBe(false);
  });
});

describe('findingRevealsSmallCount: counts a sentence lets a reader subtract', () => {
  it('finds "N more are still open", a rate "of the N", and a count of a count that leaves 1-4', () => {
    expect(findingRevealsSmallCount('900 of 2,000 who reached enquiry left before initial visit (45%); 3 more are still open at that point.')).toBe(true);
    expect(findingRevealsSmallCount('Household circumstances changed ended 37 enquiries (93% of the 40 who left).')).toBe(true);
    expect(findingRevealsSmallCount('37 of 40 who reached enquiry left before initial visit (93%).')).toBe(true);
    expect(findingRevealsSmallCount('2 of 40 who reached enquiry went on.')).toBe(true);
    expect(findingRevealsSmallCount('37 out of the 40 who applied were approved.')).toBe(true);
    expect(findingRevealsSmallCount('300 of 400 who reached enquiry left before initial visit (75%); 40 more are still open.')).toBe(false);
    expect(findingRevealsSmallCount('Household circumstances changed ended 37 enquiries (46% of the 80 who left).')).toBe(false);
  });
});

describe('findingStatesWithheld', () => {
  it('finds a count the paper\'s tables withhold, alone or in a count of a count', () => {
    const withheld = new Set([38, 60]);
    expect(findingStatesWithheld('38 applications were made.', withheld)).toBe(true);
    expect(findingStatesWithheld('60 of 100 who visited left.', withheld)).toBe(true);
    expect(findingStatesWithheld('Approvals rose from 38% to 60%; 12 months on.', withheld)).toBe(false);
    expect(findingStatesWithheld('140 applications were made.', withheld)).toBe(false);
    // Dates are not counts, however their month is written.
    expect(findingStatesWithheld('Enquiries fell after 38 March 2025; since 60 Sept 2024.', withheld)).toBe(false);
    expect(findingRevealsSmallCount('Enquiries fell after 3 March 2025, and rose from 1 September.')).toBe(false);
  });
});

describe('reportFinding', () => {
  it('leaves out of the version for publication a sentence stating a count the tables withhold', () => {
    const text = '38 applications were made.';
    expect(reportFinding(text, true, new Set([38]))).toBe(WITHHELD_FINDING_TOTAL);
    expect(reportFinding('2 applications were made.', true, new Set([38]))).toBe(WITHHELD_FINDING);
    expect(reportFinding(text, false, new Set([38]))).toBe(text);
    expect(reportFinding(text, true)).toBe(text);
  });

  it('leaves a small-count sentence out of the version for publication only', () => {
    const text = 'Lost contact ended 2 enquiries.';
    expect(reportFinding(text, true)).toBe(WITHHELD_FINDING);
    expect(reportFinding(text, false)).toBe(text);
    expect(reportFinding('Lost contact ended 200 enquiries.', true)).toBe('Lost contact ended 200 enquiries.');
  });
});
