// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { timeSeriesChart, type TimeSeries } from '../../../src/lib/charts/timeSeriesChart';
import { fmtPct } from '../../../src/lib/format';
import { buttons, texts, titleOf } from './dom';

const periods = ['2022-23', '2023-24', '2024-25'];
const counts: TimeSeries[] = [
  { id: 'enquiries', name: 'Enquiries received', points: periods.map((period, i) => ({ period, value: [120, 150, 90][i] })) },
  { id: 'applications', name: 'Applications received', points: periods.map((period, i) => ({ period, value: [30, 40, null][i] })) },
  { id: 'approvals', name: 'Approvals made', points: periods.map((period, i) => ({ period, value: [10, 12, 8][i], provisional: i === 2 })) },
];

describe('timeSeriesChart', () => {
  it('draws grouped bars, one per non-null value, with data attributes and tooltips', () => {
    const svg = timeSeriesChart(counts, { width: 640, kind: 'bars', title: 'Per year', y: { label: 'People' } });
    expect(svg.getAttribute('role')).toBe('img');
    expect(titleOf(svg)).toBe('Per year');
    const bars = svg.querySelectorAll('.mark.bar');
    expect(bars).toHaveLength(8); // 9 values, one null
    const b = svg.querySelector('.mark.bar[data-series="enquiries"][data-period="2023-24"]')!;
    expect(b.getAttribute('data-value')).toBe('150');
    expect(titleOf(b)).toBe('Enquiries received, 2023-24: 150');
    expect(svg.querySelector('.mark.bar[data-series="applications"][data-period="2024-25"]')).toBeNull();
    // Several series: each bar carries its series' marker shape, not only a colour.
    const shapes = new Set([...svg.querySelectorAll('.mark.bar .marker')].map((m) => m.getAttribute('data-shape')));
    expect(shapes.size).toBe(3);
  });

  it('bars within a period sit side by side and heights follow the values', () => {
    const svg = timeSeriesChart(counts, { kind: 'bars' });
    const rect = (s: string, p: string) => svg.querySelector(`.mark.bar[data-series="${s}"][data-period="${p}"] rect`)!;
    const x = (r: Element) => Number(r.getAttribute('x'));
    const h = (r: Element) => Number(r.getAttribute('height'));
    expect(x(rect('applications', '2022-23'))).toBeGreaterThan(x(rect('enquiries', '2022-23')));
    expect(x(rect('enquiries', '2023-24'))).toBeGreaterThan(x(rect('approvals', '2022-23')));
    expect(h(rect('enquiries', '2022-23')) / h(rect('applications', '2022-23'))).toBeCloseTo(4, 6);
  });

  it('draws provisional bars hollow and dashed, with a legend note', () => {
    const svg = timeSeriesChart(counts, { kind: 'bars' });
    const prov = svg.querySelectorAll('.mark.bar[data-provisional="true"]');
    expect(prov).toHaveLength(1);
    const r = prov[0].querySelector('rect')!;
    expect(r.getAttribute('fill')).toBe('#fff');
    expect(r.getAttribute('stroke-dasharray')).toBeTruthy();
    expect(titleOf(prov[0])).toMatch(/\(provisional\)$/);
    expect(texts(svg.querySelector('.legend')!)).toEqual(['Enquiries received', 'Applications received', 'Approvals made', 'Provisional (hollow, dashed): may still change']);
  });

  it('labels both axes and every period, with y ticks in the given format', () => {
    const svg = timeSeriesChart(counts, { kind: 'bars', y: { label: 'People' } });
    expect(svg.querySelector('.y-label')!.textContent).toBe('People');
    expect(svg.querySelector('.x-label')!.textContent).toBe('Period');
    expect(texts(svg.querySelector('.x-axis')!)).toEqual(periods);
    expect(texts(svg.querySelector('.y-axis')!)).toContain('100');
    const pct = timeSeriesChart([{ id: 'r', name: 'Rate', points: [{ period: 'a', value: 0.25 }, { period: 'b', value: 0.4 }] }], { y: { format: fmtPct } });
    expect(texts(pct.querySelector('.y-axis')!)).toContain('40%');
  });

  it('thins period labels that would not fit', () => {
    const months = Array.from({ length: 36 }, (_, i) => `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const svg = timeSeriesChart([{ id: 'm', name: 'Monthly', points: months.map((period, i) => ({ period, value: i })) }], { width: 360 });
    const shown = texts(svg.querySelector('.x-axis')!);
    expect(shown.length).toBeLessThan(36);
    expect(shown[0]).toBe('2022-01');
    expect(svg.querySelectorAll('.mark.point')).toHaveLength(36);
  });

  it('draws lines with a distinct marker shape per series, gaps at nulls, dashed into provisional points', () => {
    const svg = timeSeriesChart(counts, { kind: 'line' });
    expect(svg.querySelectorAll('.mark.point')).toHaveLength(8);
    const shapes = [...svg.querySelectorAll('g.series')].map((g) => g.querySelector('.mark.point')!.getAttribute('data-shape'));
    expect(new Set(shapes).size).toBe(3);
    // applications: 2022-23 -> 2023-24 only (null after), one solid segment.
    const apps = svg.querySelector('g.series[data-series="applications"]')!;
    expect(apps.querySelector('path.line:not(.provisional)')!.getAttribute('d')!.match(/M/g)).toHaveLength(1);
    // approvals: 2023-24 -> 2024-25 is dashed, its last point hollow.
    const appr = svg.querySelector('g.series[data-series="approvals"]')!;
    expect(appr.querySelector('path.line.provisional')!.getAttribute('stroke-dasharray')).toBeTruthy();
    const last = appr.querySelector('.mark.point[data-period="2024-25"]')!;
    expect(last.getAttribute('data-provisional')).toBe('true');
    expect(last.getAttribute('fill')).toBe('#fff');
    expect(titleOf(last)).toBe('Approvals made, 2024-25: 8 (provisional)');
  });

  it('draws published figures as labelled diamonds and lists them in the legend', () => {
    const svg = timeSeriesChart(
      [{ id: 'ratio', name: 'Applications per enquiry', points: [{ period: '2022-23', value: 0.2 }, { period: '2023-24', value: 0.25 }] }],
      { y: { format: fmtPct }, published: [
        { period: '2022-23', value: 0.22, label: 'England 22%' },
        { period: '2022-23', value: 0.23, label: 'Councils 23%' },
        { period: '2023-24', value: 0.21, label: 'England 21%' },
      ] },
    );
    const refs = svg.querySelectorAll('.mark.reference');
    expect(refs).toHaveLength(3);
    expect(texts(svg.querySelector('.references')!)).toEqual(expect.arrayContaining(['England 22%', 'Councils 23%', 'England 21%']));
    expect(titleOf(refs[0])).toMatch(/\(2022-23\): 2\d%$/);
    expect(texts(svg.querySelector('.legend')!)).toContain('Published figures (labelled)');
    // Labels at the same period do not sit on top of each other.
    const ys = [...svg.querySelectorAll('.reference-label')].slice(0, 2).map((t) => Number(t.getAttribute('y')));
    expect(Math.abs(ys[0] - ys[1])).toBeGreaterThanOrEqual(12);
  });

  it('keeps marks within the width given and has no buttons', () => {
    const svg = timeSeriesChart(counts, { width: 300, kind: 'bars' });
    expect(svg.getAttribute('viewBox')).toBe('0 0 300 320');
    for (const r of svg.querySelectorAll('.mark.bar rect')) {
      expect(Number(r.getAttribute('x')) + Number(r.getAttribute('width'))).toBeLessThanOrEqual(300);
    }
    expect(buttons(svg)).toHaveLength(0);
  });

  it('says "No data" for no series, no points or only nulls', () => {
    for (const s of [[], [{ id: 'a', name: 'A', points: [] }], [{ id: 'a', name: 'A', points: [{ period: 'x', value: null }] }]] as TimeSeries[][]) {
      const svg = timeSeriesChart(s);
      expect(svg.querySelector('.no-data')!.textContent).toMatch(/No data/);
      expect(svg.querySelectorAll('.mark')).toHaveLength(0);
    }
  });

  it('a point\'s label replaces its value in the tooltip (a withheld count drawn as 0)', () => {
    const svg = timeSeriesChart([{ id: 'e', name: 'Enquiries', points: [{ period: '2023-24', value: 0, label: '<5' }, { period: '2024-25', value: 12 }] }], { kind: 'bars', width: 500 });
    const tips = [...svg.querySelectorAll('g.mark[data-series] > title')].map((t) => t.textContent);
    expect(tips).toEqual(['Enquiries, 2023-24: <5', 'Enquiries, 2024-25: 12']);
  });

  it('draws the user\'s target as a reference: a dashed rule across the plot, named beside it and in the legend, inside the y range', () => {
    const svg = timeSeriesChart([counts[2]], { width: 640, kind: 'bars', reference: [{ value: 40, label: 'Target' }] });
    const ref = svg.querySelector('.reference-rule')!;
    expect(ref.getAttribute('data-value')).toBe('40');
    expect(titleOf(ref)).toBe('Target (40)');
    const line = ref.querySelector('line')!;
    expect(line.getAttribute('stroke-dasharray')).toBe('6 4');
    expect(Number(line.getAttribute('y1'))).toBeGreaterThan(0); // inside the plot, though every bar is lower
    expect(texts(svg.querySelector('.legend')!)).toContain('Target (40)');
    expect(ref.querySelector('.reference-label')!.textContent).toBe('Target (40)');
  });
});


describe('timeSeriesChart: the table behind it', () => {
  it('has a row per period and a column per series holding every value drawn, provisional ones marked', () => {
    const svg = timeSeriesChart(counts, { kind: 'bars', published: [{ period: '2023-24', value: 140, label: 'England' }], publishedName: 'England' });
    const t = svg.table;
    expect(t.columns.map((c) => c.label)).toEqual(['Period', 'Enquiries received', 'Applications received', 'Approvals made', 'England']);
    expect(t.rows.map((r) => r[0])).toEqual(periods);
    for (const bar of svg.querySelectorAll('.mark.bar:not([data-provisional])')) {
      const row = t.rows.find((r) => r[0] === bar.getAttribute('data-period'))!;
      const col = counts.findIndex((s) => s.id === bar.getAttribute('data-series')) + 1;
      expect(row[col]).toBe(Number(bar.getAttribute('data-value')));
    }
    expect(t.rows[2][2]).toBeNull();
    expect(t.rows[2][3]).toBe('8 (provisional)');
    expect(t.rows[1][4]).toBe('England: 140');
  });
});
