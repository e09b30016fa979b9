// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { survivalChart, type SurvivalSeries } from '../../../src/lib/charts/survivalChart';
import { texts, titleOf } from './dom';

const DAYS = 365.25 / 12;
const series: SurvivalSeries[] = [
  {
    id: 'all', name: 'All households', until: 24 * DAYS,
    steps: [{ time: 3 * DAYS, survival: 0.9, low: 0.8, high: 0.95 }, { time: 12 * DAYS, survival: 0.75, low: 0.6, high: 0.85 }],
    marks: [{ time: 6 * DAYS, survival: 0.9, text: 'All households, 6 months after approval: 90% still fostering' }],
  },
  { id: 'g0', name: 'Website', until: 8 * DAYS, steps: [{ time: 2 * DAYS, survival: 0.5, low: null, high: null }] },
];

/** The path's vertices as [x, y] pairs. */
const vertices = (d: string) => [...d.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

describe('survivalChart', () => {
  it('draws step curves from 100% at approval to each one\'s last month followed, with a legend naming where each ends', () => {
    const svg = survivalChart(series, { title: 'Still fostering', band: true, guides: [6, 12, 24, 36] });
    expect(titleOf(svg)).toBe('Still fostering');
    expect(texts(svg.querySelector('.legend')!)).toEqual(['All households: 75% at 24 months', '95% interval (All households)', 'Website: 50% at 8 months']);
    const lines = [...svg.querySelectorAll('.mark.curve path.line')].map((p) => vertices(p.getAttribute('d')!));
    // Both start at the top of the axis (100%); the shorter one stops further left.
    expect(lines[0][0][1]).toBeCloseTo(lines[1][0][1], 6);
    expect(lines[1][lines[1].length - 1][0]).toBeLessThan(lines[0][lines[0].length - 1][0]);
    expect(svg.querySelector('path.band')).not.toBeNull();
    // Guides only within the months followed (36 is beyond 24).
    expect(svg.querySelectorAll('.guides line')).toHaveLength(3);
    const point = svg.querySelector('circle.point')!;
    expect(point.querySelector('title')!.textContent).toBe('All households, 6 months after approval: 90% still fostering');
  });

  it('gives a curve the legend it is handed (read where it is surer, with its n) in place of where it ends', () => {
    const svg = survivalChart([{ ...series[0], legend: 'All households: 90% at 6 months (40 followed)' }, series[1]]);
    expect(texts(svg.querySelector('.legend')!)).toEqual(['All households: 90% at 6 months (40 followed)', 'Website: 50% at 8 months']);
  });

  it('says so when nobody has been followed yet', () => {
    const svg = survivalChart([{ id: 'all', name: 'All', until: 0, steps: [] }]);
    expect(svg.getAttribute('data-empty')).toBe('true');
    expect(svg.textContent).toContain('No households followed yet');
    // ... or what its caller says when there are households, too few to draw.
    expect(survivalChart([], { emptyText: 'Fewer than 10 households followed' }).textContent).toContain('Fewer than 10 households followed');
  });
});

describe('survivalChart: the table behind it', () => {
  it('reads each curve off at round months with its interval, and nothing past its last month followed', () => {
    const t = survivalChart(series).table;
    expect(t.columns.map((c) => c.label)).toEqual(['Months since approval', 'All households', 'Website']);
    const row = (m: number) => t.rows.find((r) => r[0] === String(m))!;
    expect(row(6).slice(1)).toEqual(['90% (80%–95%)', '50%']);
    expect(row(12).slice(1)).toEqual(['75% (60%–85%)', null]);
    expect(t.rows[t.rows.length - 1][0]).toBe('24');
    expect(t.notes).toContain('In brackets: the 95% interval.');
  });
});
