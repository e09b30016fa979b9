import { describe, expect, test } from 'vitest';
import { projectApprovals, projectApprovalsHigh, readTarget, targetStatus, writeTarget } from '../../../src/lib/funnel/targets';
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
});
