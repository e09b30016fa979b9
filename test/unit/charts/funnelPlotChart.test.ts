// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { funnelPlotChart, type FunnelPlotChartData } from '../../../src/lib/charts/funnelPlotChart';
import { classifyFunnel, funnelLimits } from '../../../src/lib/stats/funnelPlot';
import { buttons, click, press, texts, titleOf } from './dom';

const overall = 0.3;
const raw = [
  { group: 'Website', n: 600, rate: 0.31 },
  { group: 'Word of mouth', n: 200, rate: 0.55 },
  { group: 'Radio', n: 120, rate: 0.2 },
  { group: 'Google ads', n: 250, rate: 0.2 },
  { group: 'Leaflet', n: 30, rate: 0.3 },
  { group: 'Nobody', n: 0, rate: null },
];
const data: FunnelPlotChartData = {
  overall,
  points: raw.map((p) => ({ ...p, class: p.rate === null ? null : classifyFunnel(p.rate, p.n, overall) })),
  limits: funnelLimits(overall, 1, 650, 60),
};

describe('funnelPlotChart', () => {
  it('draws one point per group with a rate, with data attributes and tooltips', () => {
    const svg = funnelPlotChart(data, { title: 'Enquiry to application by source' });
    expect(svg.getAttribute('role')).toBe('img');
    expect(titleOf(svg)).toBe('Enquiry to application by source');
    const pts = [...svg.querySelectorAll('.mark.point')];
    expect(pts).toHaveLength(5);
    const wom = svg.querySelector('.mark.point[data-group="Word of mouth"]')!;
    expect(wom.getAttribute('data-class')).toBe('above998');
    expect(wom.getAttribute('data-n')).toBe('200');
    expect(titleOf(wom)).toBe('Word of mouth: 55% of 200, above the 99.8% limit (higher: very unlikely to be chance alone)');
    expect(titleOf(svg.querySelector('.mark.point[data-group="Radio"]')!)).toBe('Radio: 20% of 120, below the 95% limit only (worth a look, could be chance)');
    expect(titleOf(svg.querySelector('.mark.point[data-group="Leaflet"]')!)).toMatch(/^Leaflet: 30% of 30, within/);
  });

  it('tells classes apart by shape and fill, not only colour', () => {
    const svg = funnelPlotChart(data);
    const style = (g: string) => {
      const p = svg.querySelector(`.mark.point[data-group="${g}"] path`)!;
      return [p.getAttribute('d'), p.getAttribute('fill'), p.getAttribute('transform')!.includes('rotate(180)')];
    };
    const within = style('Leaflet');
    const high = style('Word of mouth');
    const low95 = style('Radio');
    const low998 = style('Google ads');
    expect(within[0]).not.toBe(high[0]); // circle vs triangle
    expect(within[1]).toBe('#fff'); // hollow
    expect(high[2]).toBe(false); // pointing up
    expect(low998[2]).toBe(true); // pointing down
    expect(low95[1]).toBe('#fff'); // 95%: hollow
    expect(low998[1]).not.toBe('#fff'); // 99.8%: filled
  });

  it('draws groups under 10 as too small to judge: their own marker, no label, a legend entry only when present', () => {
    expect(texts(funnelPlotChart(data).querySelector('.legend')!)).not.toContain('Under 10: too small to judge');
    const withSmall: FunnelPlotChartData = {
      ...data,
      points: [...data.points, { group: 'Stall at fair', n: 4, rate: 1, class: classifyFunnel(1, 4, overall) }],
    };
    const svg = funnelPlotChart(withSmall);
    const small = svg.querySelector('.mark.point[data-group="Stall at fair"]')!;
    expect(small.getAttribute('data-class')).toBe('tooSmall');
    expect(titleOf(small)).toBe('Stall at fair: 100% of 4, too few people to judge (under 10)');
    expect(small.querySelector('path')!.getAttribute('d')).not.toBe(svg.querySelector('.mark.point[data-group="Leaflet"] path')!.getAttribute('d'));
    expect(small.querySelector('path')!.getAttribute('fill')).toBe('#fff');
    expect(small.querySelector('text')).toBeNull();
    expect(texts(svg.querySelector('.legend')!)).toContain('Under 10: too small to judge');
  });

  it('labels only the groups outside the limits', () => {
    const svg = funnelPlotChart(data);
    expect(texts(svg.querySelector('.marks')!).sort()).toEqual(['Google ads', 'Radio', 'Word of mouth']);
  });

  it('draws the overall line and four limit curves with distinct dash patterns, labelled', () => {
    const svg = funnelPlotChart(data);
    expect(svg.querySelector('line.overall')).not.toBeNull();
    const limits = [...svg.querySelectorAll('path.limit')];
    expect(limits.map((l) => l.getAttribute('data-limit'))).toEqual(['upper95', 'lower95', 'upper998', 'lower998']);
    const dash95 = limits[0].getAttribute('stroke-dasharray');
    const dash998 = limits[2].getAttribute('stroke-dasharray');
    expect(dash95).toBeTruthy();
    expect(dash998).toBeTruthy();
    expect(dash95).not.toBe(dash998);
    expect(svg.querySelector('.limits')!.getAttribute('clip-path')).toMatch(/^url\(#funnel-plot-clip-\d+\)$/);
    expect(texts(svg.querySelector('.limit-labels')!).sort()).toEqual(['30%', '95%', '99.8%']);
    expect(texts(svg.querySelector('.legend')!)).toEqual(expect.arrayContaining(['Overall 30%', '95% limits', '99.8% limits', 'Within limits', 'Below 99.8%']));
  });

  it('labels axes with units: percent rates against n', () => {
    const svg = funnelPlotChart(data, { x: { label: 'Enquiries' }, y: { label: 'Went on to apply (%)' } });
    expect(svg.querySelector('.x-label')!.textContent).toBe('Enquiries');
    expect(svg.querySelector('.y-label')!.textContent).toBe('Went on to apply (%)');
    for (const t of texts(svg.querySelector('.y-axis')!)) expect(t).toMatch(/^\d+%$/);
    expect(texts(svg.querySelector('.x-axis')!)).toContain('200');
    const def = funnelPlotChart(data);
    expect(def.querySelector('.y-label')!.textContent).toBe('Rate (%)');
  });

  it('places bigger n further right and higher rates higher up', () => {
    const svg = funnelPlotChart(data);
    const pos = (g: string) => svg.querySelector(`.mark.point[data-group="${g}"] path`)!.getAttribute('transform')!.match(/translate\(([\d.]+),([\d.]+)\)/)!.slice(1).map(Number);
    expect(pos('Website')[0]).toBeGreaterThan(pos('Google ads')[0]);
    expect(pos('Word of mouth')[1]).toBeLessThan(pos('Radio')[1]);
  });

  it('calls onSelect with the group on click, Enter and Space', () => {
    const onSelect = vi.fn();
    const svg = funnelPlotChart(data, { onSelect });
    expect(svg.getAttribute('role')).toBe('group');
    const b = buttons(svg);
    expect(b).toHaveLength(5);
    const radio = svg.querySelector('.mark.point[data-group="Radio"]')!;
    expect(radio.getAttribute('tabindex')).toBe('0');
    click(radio);
    expect(onSelect).toHaveBeenLastCalledWith('Radio');
    press(svg.querySelector('.mark.point[data-group="Website"]')!, 'Enter');
    expect(onSelect).toHaveBeenLastCalledWith('Website');
    press(radio, ' ');
    expect(onSelect).toHaveBeenCalledTimes(3);
  });

  it('says "No data" when no group has a rate', () => {
    for (const d of [{ overall: 0, points: [], limits: [] }, { overall: 0, points: [{ group: 'A', n: 0, rate: null, class: null }], limits: [] }]) {
      const svg = funnelPlotChart(d, { onSelect: () => {} });
      expect(svg.querySelector('.no-data')!.textContent).toMatch(/No data/);
      expect(svg.querySelectorAll('.mark')).toHaveLength(0);
      expect(buttons(svg)).toHaveLength(0);
    }
  });
});

describe('funnelPlotChart: the table behind it', () => {
  it('has a row per point drawn with n, rate, the 95% limits at its n and where it lies', () => {
    const svg = funnelPlotChart(data);
    const t = svg.table;
    expect(t.rows.map((r) => r[0]).sort()).toEqual([...svg.querySelectorAll('.mark.point')].map((p) => p.getAttribute('data-group')).sort());
    const wom = t.rows.find((r) => r[0] === 'Word of mouth')!;
    expect(wom.slice(1, 3)).toEqual([200, 0.55]);
    expect(wom[4]).toMatch(/above the 99.8% limit/);
    expect(t.notes).toEqual(['Overall rate: 30%']);
  });
});
