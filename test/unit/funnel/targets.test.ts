import { describe, expect, test } from 'vitest';
import { parseTargetInput, projectApprovals, projectApprovalsHigh, readTarget, targetStatus, writeTarget } from '../../../src/lib/funnel/targets';
import { poissonInterval } from '../../../src/lib/stats/poisson';

describe('targets', () => {
  test('shares go in the link as percentages, counts as whole numbers', () => {
    expect(writeTarget('enquiryToApplication', 0.12)).toBe('12');
    expect(readTarget('enquiryToApplication', '12')).toBe(0.12);
    expect(readTarget('panelWithinStandard', '87.5')).toBe(0.875);
    expect(readTarget('approvalsPerYear', '60')).toBe(60);
    expect(readTarget('approvalsPerYear', '60.5')).toBeNull();
    expect(readTarget('visitWithinStandard', '101')).toBeNull();
    expect(readTarget('visitWithinStandard', null)).toBeNull();
  });

  test('on track, behind within chance, behind', () => {
    expect(targetStatus(0.12, 0.1)).toBe('on track');
    expect(targetStatus(0.1, 0.1)).toBe('on track');
    expect(targetStatus(0.08, 0.1, 0.11)).toBe('behind, within chance');
    expect(targetStatus(0.08, 0.1, 0.09)).toBe('behind');
    expect(targetStatus(40, 60)).toBe('behind');
  });

  test('the year\'s approvals projected at the pace of the last 12 months', () => {
    expect(projectApprovals(20, 73, 365 / 2)).toBeCloseTo(56.5);
    expect(projectApprovals(20, 73, 0)).toBe(20);
    // The fastest pace the last 12 months allow: the top of their count's exact Poisson interval.
    expect(projectApprovalsHigh(20, 73, 365 / 2)).toBeCloseTo(20 + poissonInterval(73).high / 2, 9);
    expect(projectApprovalsHigh(20, 73, 365 / 2)).toBeGreaterThan(56.5);
    // 54 projected against 60 with a top of 63: within chance, not behind.
    expect(targetStatus(54, 60, 63)).toBe('behind, within chance');
    expect(projectApprovals(20, 73, -5)).toBe(20);
  });

  test('a target typed in its box is kept as the link keeps it, or refused with what to type', () => {
    expect(parseTargetInput('enquiryToApplication', '12.34')).toEqual({ value: 0.123 });
    expect(parseTargetInput('enquiryToApplication', ' 40 ')).toEqual({ value: 0.4 });
    expect(parseTargetInput('approvalsPerYear', '24.6')).toEqual({ value: 25 });
    expect(parseTargetInput('panelWithinStandard', '')).toEqual({ value: null });
    for (const [key, text] of [['panelWithinStandard', '150'], ['visitWithinStandard', '0'], ['visitWithinStandard', '0.04'], ['approvalsPerYear', '-3'], ['approvalsPerYear', 'abc'], ['approvalsPerYear', '200000']] as const) {
      const read = parseTargetInput(key, text);
      expect('error' in read ? read.error : read).toMatch(/^Enter (a percentage from 0\.1 to 100|a whole number from 1 to 100,000), or leave it empty/);
    }
    // What is kept reads back the same from the link.
    for (const text of ['0.1', '7.25', '99.96', '100', '55.55']) {
      const read = parseTargetInput('visitWithinStandard', text);
      if ('value' in read && read.value !== null) expect(readTarget('visitWithinStandard', writeTarget('visitWithinStandard', read.value))).toBe(read.value);
    }
  });
});
