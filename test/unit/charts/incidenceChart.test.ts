// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { incidenceChart, type IncidenceCurve } from '../../../src/lib/charts/incidenceChart';
import { buttons, texts, titleOf } from './dom';

const curves: IncidenceCurve[] = [
  { id: 'fy22', name: '2022-23 (n=300)', points: [{ time: 30, value: 0.01 }, { time: 120, value: 0.05 }, { time: 300, value: 0.14 }, { time: 900, value: 0.3 }] },
  { id: 'fy23', name: '2023-24 (n=280)', points: [{ time: 40, value: 0.02 }, { time: 150, value: 0.08 }] },
  { id: 'fy24', name: '2024-25 (n=310)', points: [{ time: 20, value: 0.01 }], until: 100 },
];

/** The path's vertices as [x, y] pairs. */
const vertices = (d: string) => [...d.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

describe('incidenceChart', () => {
  it('draws one curve per group with its own colour and dash pattern, and a legend', () => {
    const svg = incidenceChart(curves, { title: 'Share approved by days since enquiry', x: { domain: [0, 730] } });
    expect(svg.getAttribute('role')).toBe('img');
    expect(titleOf(svg)).toBe('Share approved by days since enquiry');
    const marks = [...svg.querySelectorAll('.mark.curve')];
    expect(marks.map((m) => m.getAttribute('data-curve'))).toEqual(['fy22', 'fy23', 'fy24']);
    const lines = marks.map((m) => m.querySelector('path.line')!);
    expect(new Set(lines.map((l) => l.getAttribute('stroke'))).size).toBe(3);
    expect(new Set(lines.map((l) => l.getAttribute('stroke-dasharray') ?? 'solid')).size).toBe(3);
    expect(new Set(marks.map((m) => m.querySelector('.end-marker')!.getAttribute('data-shape'))).size).toBe(3);
    expect(texts(svg.querySelector('.legend')!)).toEqual([
      '2022-23 (n=300): 14% by day 730',
      '2023-24 (n=280): 8.0% by day 730',
      '2024-25 (n=310): 1.0% by day 100',
    ]);
    expect(titleOf(marks[0])).toBe('2022-23 (n=300): 14% by day 730');
  });

  it('steps after each point from (0, 0), cut and held flat at maxTime', () => {
    const svg = incidenceChart(curves, { x: { domain: [0, 730] } });
    const v = vertices(svg.querySelector('.mark.curve[data-curve="fy22"] path.line')!.getAttribute('d')!);
    const y0 = v[0][1];
    // Starts at 0 and stays there until day 30, then steps up (horizontal then vertical moves only).
    for (let i = 1; i < v.length; i++) expect(v[i][0] === v[i - 1][0] || v[i][1] === v[i - 1][1]).toBe(true);
    expect(v[1][1]).toBe(y0);
    const xs = v.map((p) => p[0]);
    expect(Math.min(...xs)).toBe(v[0][0]);
    // The day-900 step is beyond maxTime: the last level is the day-300 value, held to the right edge.
    const levels = new Set(v.map((p) => p[1]));
    expect(levels.size).toBe(4); // 0, 1%, 5%, 14%
    expect(v[v.length - 1][1]).toBe(v[v.length - 2][1]);
  });

  it('stops a curve at its last day of follow-up', () => {
    const svg = incidenceChart(curves, { x: { domain: [0, 730] } });
    const end = (id: string) => Math.max(...vertices(svg.querySelector(`.mark.curve[data-curve="${id}"] path.line`)!.getAttribute('d')!).map((p) => p[0]));
    expect(end('fy24')).toBeLessThan(end('fy23'));
    expect(end('fy23')).toBe(end('fy22'));
  });

  it('labels a percent y axis and a days x axis', () => {
    const svg = incidenceChart(curves, { x: { label: 'Days since enquiry', domain: [0, 730] }, y: { label: 'Approved (%)' } });
    expect(svg.querySelector('.x-label')!.textContent).toBe('Days since enquiry');
    expect(svg.querySelector('.y-label')!.textContent).toBe('Approved (%)');
    const yTicks = texts(svg.querySelector('.y-axis')!);
    expect(yTicks[0]).toBe('0%');
    for (const t of yTicks) expect(t).toMatch(/^\d+%$/);
    expect(texts(svg.querySelector('.x-axis')!)).toContain('700');
    const def = incidenceChart(curves);
    expect(def.querySelector('.x-label')!.textContent).toBe('Days');
    // Without maxTime the axis runs to the latest point.
    expect(texts(def.querySelector('.x-axis')!)).toContain('900');
  });

  it('fits the width given and has no buttons', () => {
    const svg = incidenceChart(curves, { width: 320, height: 240 });
    expect(svg.getAttribute('viewBox')).toBe('0 0 320 240');
    for (const m of svg.querySelectorAll('.mark.curve path.line')) {
      for (const [x] of vertices(m.getAttribute('d')!)) expect(x).toBeLessThanOrEqual(320);
    }
    expect(buttons(svg)).toHaveLength(0);
  });

  it('says "No data" for no curves or no time span', () => {
    for (const c of [[], [{ id: 'a', name: 'A', points: [] }]] as IncidenceCurve[][]) {
      const svg = incidenceChart(c);
      expect(svg.querySelector('.no-data')!.textContent).toMatch(/No data/);
      expect(svg.querySelectorAll('.mark')).toHaveLength(0);
    }
  });
});

describe('incidenceChart: the table behind it', () => {
  it('reads each curve off at round days up to the last shown, with nothing past a curve\'s last day followed', () => {
    const svg = incidenceChart(curves, { x: { domain: [0, 730] } });
    const t = svg.table;
    expect(t.columns.map((c) => c.label)).toEqual(['Days', ...curves.map((c) => c.name)]);
    const days = t.rows.map((r) => Number(String(r[0]).replace(/,/g, '')));
    expect(days[days.length - 1]).toBe(730);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    const at = (d: number) => t.rows[days.indexOf(d)];
    expect(at(300)?.slice(1)).toEqual([0.14, 0.08, null]);
    // The last row agrees with each curve's end marker.
    const ends = [...svg.querySelectorAll('.mark.curve')].map((m) => Number(m.getAttribute('data-end')));
    expect(t.rows[t.rows.length - 1].slice(1, 3)).toEqual(ends.slice(0, 2));
  });
});
