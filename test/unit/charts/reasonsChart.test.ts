// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { reasonsChart, exitGroupLegend, type StageReasons } from '../../../src/lib/charts/reasonsChart';
import { buttons, click, press, texts, titleOf } from './dom';

const stages: StageReasons[] = [
  { id: 'enquiry', name: 'Enquiry', reached: 3000, left: 1500, open: 100, reasons: [
    { code: 'AW0', label: 'Other or unknown', group: 'Applicant withdrew', n: 458 },
    { code: 'LOST_CONTACT', label: 'Lost contact / no response', group: 'Administrative', n: 998 },
    { code: 'COUNSELLED_OUT', label: 'Counselled out', group: 'Agency decision', n: 44 },
  ] },
  { id: 'stage1', name: 'Stage 1 complete', reached: 100, left: 10, open: 5, reasons: [
    { code: 'AW3', label: 'Household circumstances changed', group: 'Applicant withdrew', n: 10 },
  ] },
  { id: 'stage2', name: 'Stage 2 complete', reached: 50, left: 0, open: 3, reasons: [] },
];

const box = (el: Element) => {
  const t = el.closest('.stage-panel')!.getAttribute('transform')!;
  const [x, y] = /translate\(([^,]+),([^)]+)\)/.exec(t)!.slice(1).map(Number);
  return { x, y };
};

describe('reasonsChart', () => {
  it('draws a panel per stage where people left, bars largest first, each with its count and share', () => {
    const svg = reasonsChart(stages, { width: 720 });
    expect([...svg.querySelectorAll('.stage-panel')].map((p) => p.getAttribute('data-stage'))).toEqual(['enquiry', 'stage1']);
    const bars = [...svg.querySelectorAll('.stage-panel[data-stage="enquiry"] .reason-bar')];
    expect(bars.map((b) => b.getAttribute('data-category'))).toEqual(['LOST_CONTACT', 'AW0', 'COUNSELLED_OUT']);
    expect(texts(bars[0])).toEqual(['Lost contact / no response', '998 (67%)']);
    const w = (b: Element) => Number(b.querySelector('rect')!.getAttribute('width'));
    expect(w(bars[0]) / w(bars[1])).toBeCloseTo(998 / 458, 6);
    expect(titleOf(bars[1])).toBe('Enquiry, Other or unknown (applicant withdrew): 458 of the 1,500 who left here');
    expect(texts(svg.querySelector('.legend')!)).toEqual(exitGroupLegend().map((l) => l.label));
  });

  it('gives every label its own row, so none overlap', () => {
    const svg = reasonsChart(stages, { width: 360 });
    const ys = [...svg.querySelectorAll('.reason-label')].map((t) => box(t).y + Number(t.getAttribute('y')));
    const seen = new Set(ys.map((y) => y.toFixed(1)));
    expect(seen.size).toBe(ys.length);
    // One column at 360 px: the second panel sits below the first.
    const panels = [...svg.querySelectorAll('.stage-panel')].map(box);
    expect(panels[1].y).toBeGreaterThan(panels[0].y);
    expect(panels[1].x).toBe(panels[0].x);
  });

  it('marks who ended it by fill and outline as well as colour', () => {
    const svg = reasonsChart(stages, { width: 720 });
    const rect = (code: string) => svg.querySelector(`.reason-bar[data-category="${code}"] rect`)!;
    expect(rect('LOST_CONTACT').getAttribute('fill')).toBe('#fff');
    expect(rect('LOST_CONTACT').getAttribute('stroke-dasharray')).toBe('3 2');
    expect(rect('AW0').getAttribute('stroke-dasharray')).toBeNull();
    const shapes = new Set(['LOST_CONTACT', 'AW0', 'COUNSELLED_OUT'].map((c) => svg.querySelector(`.reason-bar[data-category="${c}"] path`)!.getAttribute('d')));
    expect(shapes.size).toBe(3);
  });

  it('makes bars and stage headings buttons that select by click or keyboard', () => {
    const onSelect = vi.fn();
    const svg = reasonsChart(stages, { width: 720, onSelect });
    expect(svg.getAttribute('role')).toBe('group');
    expect(buttons(svg)).toHaveLength(6);
    click(svg.querySelector('.reason-bar[data-category="AW0"]')!);
    expect(onSelect).toHaveBeenLastCalledWith({ stage: 'enquiry', category: 'AW0' });
    press(svg.querySelector('.stage-panel[data-stage="stage1"] .stage-head')!, 'Enter');
    expect(onSelect).toHaveBeenLastCalledWith({ stage: 'stage1' });
    // Each bar's target is its whole row, at least 24 px tall (WCAG 2.2 target size), rows not overlapping.
    for (const panel of svg.querySelectorAll('.stage-panel')) {
      const rows = [...panel.querySelectorAll('.reason-bar .reason-target')].map((r) => [Number(r.getAttribute('y')), Number(r.getAttribute('height'))]);
      expect(rows.length).toBeGreaterThan(0);
      rows.forEach(([y, h], i) => {
        expect(h).toBeGreaterThanOrEqual(24);
        if (i) expect(y).toBeGreaterThanOrEqual(rows[i - 1][0] + rows[i - 1][1]);
      });
    }
  });

  it('says so when nobody left', () => {
    const svg = reasonsChart([stages[2]]);
    expect(svg.getAttribute('data-empty')).toBe('true');
    expect(texts(svg)).toContain('Nobody has left under these filters');
  });
});

describe('reasonsChart: the table behind it', () => {
  it('has a row per stage and reason drawn, in the bars\' order, with who ended it and the share', () => {
    const svg = reasonsChart(stages);
    const t = svg.table;
    const bars = [...svg.querySelectorAll('.reason-bar')];
    expect(t.rows.map((r) => r[3])).toEqual(bars.map((b) => Number(b.getAttribute('data-n'))));
    expect(t.rows[0]).toEqual(['Enquiry', 'Lost contact / no response', 'Administrative', 998, 998 / 1500]);
    expect(t.rows).toHaveLength(4);
  });
});
