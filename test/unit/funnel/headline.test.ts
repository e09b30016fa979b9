import { describe, expect, test } from 'vitest';
import { approvalsLine, compareLines, countLine, medianDaysLine, periodRateLine, windowsLabel } from '../../../src/lib/funnel/headline';
import type { WindowCounts } from '../../../src/lib/funnel/windowCounts';

const w = (enquiries: number, applications: number, approvals: number, med: number | null = null): WindowCounts => ({
  from: '2025-11-01', to: '2026-10-31', enquiries, applications, approvals, medianDaysToApproval: med, approvalsTimed: approvals,
});

describe('headline comparison lines', () => {
  test('a count is called up or down only beyond chance', () => {
    expect(countLine(659, 816, 'enquiries received')).toMatchObject({ text: '659 enquiries received, down 19% on 816', short: 'down 19%', direction: 'down' });
    expect(countLine(56, 49, 'approvals made')).toMatchObject({ text: '56 approvals made, 49 before: within normal variation', short: 'no clear change', direction: 'same' });
    expect(countLine(0, 0, 'approvals made').short).toBe('none before');
    // None now (a campaign that has ended): "down from 51", not "down 100%".
    expect(countLine(0, 51, 'enquiries received')).toMatchObject({ text: '0 enquiries received, down from 51', short: 'down from 51', direction: 'down' });
  });

  test('applications per enquiry compared by the difference of two rates', () => {
    const l = periodRateLine(90, 659, 110, 816)!;
    expect(l.text).toBe('14% applications per enquiry (n=659), 13% before: within normal variation');
    expect(l.detail).toMatch(/^95% interval −\d\.\d points to \+\d\.\d points$/);
    expect(periodRateLine(200, 659, 60, 816)!.direction).toBe('up');
    expect(periodRateLine(700, 659, 60, 816)).toBeUndefined(); // a period ratio over 1 is no proportion
  });

  test('a fall in approvals carries its split; a rise does not', () => {
    expect(approvalsLine(w(800, 64, 60), w(700, 60, 20)).split).toBe('Of the 40 fewer approvals, about 8 go with fewer enquiries in the same months and about 32 go with fewer approvals per enquiry: a split of the counts, not of causes, as approvals mostly come from enquiries made months before.');
    expect(approvalsLine(w(800, 64, 20), w(700, 60, 30)).split).toBeUndefined();
    // 66 to 56 is within normal variation: a fall that isn't one has no causes to share out.
    expect(approvalsLine(w(800, 64, 66), w(700, 60, 56)).split).toBeUndefined();
    expect(medianDaysLine(w(1, 1, 5, 281), w(1, 1, 4, 255))!.short).toBe('281 days, 255 before');
    expect(medianDaysLine(w(1, 1, 0), w(1, 1, 4, 255))).toBeUndefined();
  });

  test('the windows named in words', () => {
    const cur = { from: '2023-04-01', to: '2024-03-31' };
    expect(windowsLabel({ current: cur, previous: cur, days: 366, previousIncomplete: false })).toBe('The last 12 months compared with the 12 before');
    expect(windowsLabel({ current: cur, previous: cur, days: 366, previousIncomplete: false }, { from: '2023-04-01', to: '2024-03-31' })).toBe('2023-24 compared with the 366 days before');
    expect(windowsLabel({ current: { from: '2023-05-01', to: '2023-06-30' }, previous: cur, days: 61, previousIncomplete: false }, { from: '2023-05-01', to: '2023-06-30' }))
      .toBe('1 May 2023 to 30 Jun 2023 compared with the 61 days before');
  });
});

describe('compareLines', () => {
  test('the Overview\'s five lines, which the report prints alike; a line with nothing to compare is absent', () => {
    const [now, before] = [w(400, 60, 20, 281), w(380, 50, 18, 255)];
    const l = compareLines(now, before);
    expect(l).toEqual({
      enquiries: countLine(400, 380, 'enquiries received'), applications: countLine(60, 50, 'applications received'),
      appRate: periodRateLine(60, 400, 50, 380), approvals: approvalsLine(before, now), days: medianDaysLine(now, before),
    });
    expect(l.days!.short).toBe('281 days, 255 before');
    expect(compareLines(w(400, 60, 0), before).days).toBeUndefined();
  });
});

