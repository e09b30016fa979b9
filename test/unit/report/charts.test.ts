import { describe, expect, it } from 'vitest';
import { REPORT_CHART_WIDTH, countText, funnelChartStages, periodSeries, reportChartWidth } from '../../../src/lib/report/charts';
import type { SummaryStep } from '../../../src/lib/state/summary';

describe('report chart inputs', () => {
  it('draws withheld counts as nothing and labels them as published', () => {
    const steps: SummaryStep[] = [
      { id: 'enquiry', name: 'Enquiry', reached: 7, left: 'suppressed', open: 'suppressed', conversion: null },
      { id: 'approved', name: 'Approved', reached: '<5', left: 0, open: 0, conversion: 'suppressed' },
    ];
    const [a, b] = funnelChartStages(steps);
    expect(a).toMatchObject({ reached: 7, left: 0, went: 0, labels: { reached: '7', went: '<5', left: 'suppressed' } });
    expect(b).toMatchObject({ reached: 0, went: 0, conversion: null, labels: { reached: '<5', went: '<5' } });
    expect(countText(12345)).toBe('12,345');
  });

  it('makes one bar series per period count', () => {
    const s = periodSeries({ kind: 'trends', grain: 'fy', cohorts: [], periods: [{ period: '2023-24', enquiries: 120, applications: '<5', approvals: 0 }] });
    expect(s.map((x) => x.name)).toEqual(['Enquiries received', 'Applications received', 'Approvals made']);
    expect(s[1].points[0]).toEqual({ period: '2023-24', value: 0, label: '<5', provisional: false });
    expect(s[0].points[0]).toEqual({ period: '2023-24', value: 120, label: '120', provisional: false });
  });

  it('draws a period the data cover only in part as provisional (hollow), as the Trends view does', () => {
    const d = { kind: 'trends' as const, grain: 'fy' as const, cohorts: [], periods: [{ period: '2025-26', enquiries: 700, applications: 60, approvals: 40 }, { period: '2026-27', enquiries: 380, applications: 30, approvals: 20 }] };
    const s = periodSeries(d, (p) => p === '2026-27');
    expect(s[0].points.map((x) => x.provisional)).toEqual([false, true]);
  });
});

describe('reportChartWidth', () => {
  it('draws at the print width, scaled to fit, except in a phone\'s width, drawn as it is', () => {
    expect(reportChartWidth(640)).toBe(REPORT_CHART_WIDTH);
    expect(reportChartWidth(1100)).toBe(REPORT_CHART_WIDTH);
    expect(reportChartWidth(366.4)).toBe(366);
    expect(reportChartWidth(0)).toBe(REPORT_CHART_WIDTH);
  });
});
