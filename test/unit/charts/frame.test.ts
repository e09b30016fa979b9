// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { frame, type ChartElement, type FrameContext, type FrameSpec } from '../../../src/lib/charts/frame';
import { legendHeight, pctTick, textWidth, type LegendItem } from '../../../src/lib/charts/chartParts';
import { fmtInt, fmtPct } from '../../../src/lib/format';
import { timeSeriesChart } from '../../../src/lib/charts/timeSeriesChart';
import { incidenceChart } from '../../../src/lib/charts/incidenceChart';
import { survivalChart } from '../../../src/lib/charts/survivalChart';
import { funnelPlotChart } from '../../../src/lib/charts/funnelPlotChart';
import { intervalChart } from '../../../src/lib/charts/intervalChart';
import { planChart } from '../../../src/lib/plan/planChart';
import type { Reference } from '../../../src/lib/charts/options';
import { fittedReferenceText } from '../../../src/lib/charts/marks/reference';
import { texts, titleOf } from './dom';

/** A frame with one linear x and y and a mark that records the layout it was given. */
function probe(over: Partial<FrameSpec> = {}): { svg: ChartElement; ctx: () => FrameContext } {
  let seen: FrameContext | undefined;
  const svg = frame({
    className: 'probe',
    options: {},
    defaults: { width: 600, height: 300, title: 'Probe' },
    x: { type: 'linear', domain: [0, 100], format: fmtInt, label: 'Days' },
    y: { type: 'linear', domain: [0, 1], format: pctTick, label: 'Share (%)' },
    marks: [{ render: (c) => { seen = c; } }],
    table: { columns: [{ label: 'Day' }, { label: 'Share', format: fmtPct }], rows: [['10', 0.25], ['20', null]] },
    ...over,
  });
  return { svg, ctx: () => seen! };
}

const legendItems = (n: number, label = 'A rather long series name'): LegendItem[] =>
  Array.from({ length: n }, (_, i) => ({ label: `${label} ${i}`, colour: '#000', kind: 'line' }));

describe('frame', () => {
  it('gives a y title longer than the plot is tall a second line, not an ellipsis, and the margin room for it', () => {
    const short = probe({ options: { height: 200 } });
    const long = probe({ options: { height: 200 }, y: { type: 'linear', domain: [0, 1], format: pctTick, label: 'Applications per enquiry received' } });
    const plotH = long.ctx().plot.bottom - long.ctx().plot.top;
    expect(textWidth('Applications per enquiry received')).toBeGreaterThan(plotH);
    const lines = [...long.svg.querySelectorAll('.y-label tspan')].map((t) => t.textContent!);
    expect(lines).toHaveLength(2);
    expect(lines.join(' ')).toBe('Applications per enquiry received');
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(plotH);
    expect(long.ctx().plot.left).toBeGreaterThan(short.ctx().plot.left);
    expect([...short.svg.querySelectorAll('.y-label tspan')].map((t) => t.textContent)).toEqual(['Share (%)']);
  });

  it('owns the accessible svg: title, description, role, size and class', () => {
    const { svg } = probe({ options: { title: 'Shares by day', description: 'Two curves rising to 30%', width: 500, height: 260 } });
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('Shares by day');
    expect(titleOf(svg)).toBe('Shares by day');
    expect(svg.querySelector('desc')!.textContent).toBe('Two curves rising to 30%');
    expect(svg.getAttribute('viewBox')).toBe('0 0 500 260');
    expect(svg.getAttribute('class')).toBe('chart probe');
    const onSelect = () => {};
    expect(probe({ options: { onSelect } }).svg.getAttribute('role')).toBe('group');
  });

  it('the left margin grows with the widest y tick label, and the plot keeps to the width', () => {
    const short = probe().ctx();
    const long = probe({ y: { type: 'linear', domain: [0, 1], format: (v) => `${fmtPct(v)} of everyone who enquired`, label: 'Share' } }).ctx();
    expect(long.margin.left).toBeGreaterThan(short.margin.left + 100);
    expect(long.plot.right).toBe(short.plot.right);
    // The y axis sits on the plot's left edge.
    const { svg } = probe();
    expect(svg.querySelector('.y-axis')!.getAttribute('transform')).toBe(`translate(${short.plot.left},0)`);
    // Without a y title the margin is narrower.
    const untitled = probe({ y: { type: 'linear', domain: [0, 1], format: pctTick } }).ctx();
    expect(untitled.margin.left).toBeLessThan(short.margin.left);
  });

  it('marks that write in a margin get the room they ask for', () => {
    const plain = probe().ctx();
    let seen: FrameContext | undefined;
    probe({ marks: [{ margin: { left: 220, right: 90 }, render: () => {} }, { render: (c) => { seen = c; } }] });
    expect(seen!.margin.left).toBe(220);
    expect(seen!.margin.right).toBe(90);
    expect(plain.margin.left).toBeLessThan(220);
  });

  it('the legend wraps onto more lines on a narrow chart, and the top margin follows it', () => {
    const wide = probe({ legend: legendItems(5), options: { width: 1200 } });
    const narrow = probe({ legend: legendItems(5), options: { width: 360 } });
    expect(legendHeight(legendItems(5), 1200 - 16)).toBe(18);
    expect(narrow.ctx().legendHeight).toBeGreaterThan(wide.ctx().legendHeight);
    expect(narrow.ctx().plot.top - wide.ctx().plot.top).toBe(narrow.ctx().legendHeight - wide.ctx().legendHeight);
    const rows = new Set([...narrow.svg.querySelectorAll('.legend-item')].map((g) => g.getAttribute('transform')!.split(',')[1]));
    expect(rows.size).toBeGreaterThan(1);
    // Every item stays within the width.
    for (const g of narrow.svg.querySelectorAll('.legend-item')) expect(Number(/translate\(([\d.]+)/.exec(g.getAttribute('transform')!)![1])).toBeLessThan(360);
  });

  it('grows taller rather than squeeze the plot, and follows the content when the plot height is given', () => {
    const squeezed = probe({ legend: legendItems(12), options: { width: 300, height: 120 } });
    expect(squeezed.ctx().plot.bottom - squeezed.ctx().plot.top).toBeGreaterThanOrEqual(60);
    expect(squeezed.ctx().height).toBeGreaterThan(120);
    const rows = probe({ plotHeight: 280, options: { height: 50 } }).ctx();
    expect(rows.plot.bottom - rows.plot.top).toBe(280);
    expect(rows.height).toBe(rows.margin.top + 280 + rows.margin.bottom);
  });

  it('draws the no-data state: a message, no axes, no legend and no buttons', () => {
    let drawn = false;
    const svg = frame({
      className: 'probe', options: { onSelect: () => {}, width: 400 }, defaults: { width: 600, height: 300, title: 'Probe' },
      x: { type: 'linear', domain: [0, 1], format: fmtInt }, legend: legendItems(2),
      empty: 'Nothing here yet', marks: [{ render: () => { drawn = true; } }],
      table: { columns: [{ label: 'A' }], rows: [['x']] },
    });
    expect(svg.table.rows).toEqual([]);
    expect(drawn).toBe(false);
    expect(svg.getAttribute('data-empty')).toBe('true');
    expect(svg.getAttribute('role')).toBe('img');
    expect(texts(svg)).toEqual(['Nothing here yet']);
    expect(svg.querySelector('.axis, .legend, [role="button"]')).toBeNull();
    expect(svg.getAttribute('viewBox')).toBe('0 0 400 300');
  });

  it('lays the caller\'s axis options (label, format, domain) over the chart\'s', () => {
    const { svg, ctx } = probe({ options: { x: { label: 'Days since enquiry', domain: [0, 50] }, y: { format: (v: number) => `${v * 100} pc` } } });
    expect(svg.querySelector('.x-label')!.textContent).toBe('Days since enquiry');
    expect(ctx().x!.domain()).toEqual([0, 50]);
    expect(texts(svg.querySelector('.y-axis')!)).toContain('40 pc');
  });

  it('owns the table behind the chart: captioned by the title unless the chart names it, with the reference values under it', () => {
    const { svg } = probe({ options: { title: 'Shares by day', reference: [{ value: 0.3, label: 'England' }] } });
    expect(svg.table.caption).toBe('Shares by day');
    expect(svg.table.rows).toEqual([['10', 0.25], ['20', null]]);
    expect(svg.table.notes).toEqual(['Dashed line: England (30%)']);
    const named = probe({ table: { caption: 'Shares at each day', columns: [{ label: 'Day' }], rows: [['1']], notes: ['Provisional'] } }).svg;
    expect(named.table.caption).toBe('Shares at each day');
    expect(named.table.notes).toEqual(['Provisional']);
  });

  it('draws a zero line when values go below zero', () => {
    expect(probe().svg.querySelector('.zero-line')).toBeNull();
    expect(probe({ y: { type: 'linear', domain: [-5, 10], format: fmtInt } }).svg.querySelector('.zero-line')).not.toBeNull();
  });
});

describe('reference rules: the same option, drawn the same way, in every chart with a value axis', () => {
  const reference: Reference[] = [{ value: 0.25, label: 'Everyone' }];
  const charts: [string, ChartElement, 'x' | 'y'][] = [
    ['timeSeriesChart', timeSeriesChart([{ id: 'a', name: 'A', points: [{ period: '2023', value: 0.2 }, { period: '2024', value: 0.3 }] }], { y: { format: fmtPct }, reference }), 'y'],
    ['incidenceChart', incidenceChart([{ id: 'a', name: 'A', points: [{ time: 10, value: 0.2 }] }], { reference }), 'y'],
    ['survivalChart', survivalChart([{ id: 'a', name: 'A', until: 400, steps: [{ time: 100, survival: 0.8, low: null, high: null }] }], { reference }), 'y'],
    ['funnelPlotChart', funnelPlotChart({ overall: 0.3, points: [{ group: 'G', n: 50, rate: 0.3, class: 'within' }], limits: [] }, { reference }), 'y'],
    ['intervalChart', intervalChart([{ id: 'g', label: 'G', rate: 0.3, low: 0.2, high: 0.4, n: 50 }], { reference }), 'x'],
    ['planChart', planChart([{ perMonth: 0, value: 0, low: 0, high: 0 }, { perMonth: 4, value: 1, low: 0.5, high: 1.5 }] as never, { title: 'Plan', target: 1, current: 1, needed: null, reference: [] }), 'y'],
  ];

  /** What a rule looks like, without where it is. */
  const look = (svg: SVGSVGElement) => {
    const g = svg.querySelector('.reference-rule')!;
    const line = g.querySelector('line')!;
    const label = g.querySelector('.reference-label')!;
    return {
      children: [...g.children].map((c) => `${c.tagName.toLowerCase()}.${c.getAttribute('class') ?? ''}`),
      line: ['stroke', 'stroke-width', 'stroke-dasharray'].map((a) => line.getAttribute(a)),
      label: ['font-size', 'fill', 'stroke', 'paint-order'].map((a) => label.getAttribute(a)),
      text: [titleOf(g), label.textContent],
    };
  };

  it.each(charts)('%s: one rule across the plot at the value, named "label (value)" beside it, in its tooltip and in the legend', (_, svg, axis) => {
    const rules = svg.querySelectorAll('.reference-rule');
    expect(rules).toHaveLength(1);
    expect(rules[0].getAttribute('data-value')).toBe(axis === 'y' && svg.classList.contains('plan-chart') ? '1' : '0.25');
    const text = svg.classList.contains('plan-chart') ? 'Approvals needed (1)' : 'Everyone (25%)';
    expect(look(svg).text).toEqual([text, text]);
    expect(texts(svg.querySelector('.legend')!)).toContain(text);
    const line = rules[0].querySelector('line')!;
    const [x1, x2, y1, y2] = ['x1', 'x2', 'y1', 'y2'].map((a) => Number(line.getAttribute(a)));
    const label = rules[0].querySelector('.reference-label')!;
    if (axis === 'y') {
      expect(y1).toBe(y2);
      expect(x2 - x1).toBeGreaterThan(100);
      // Named in the right margin, beyond the plot, where it covers no mark.
      expect(Number(label.getAttribute('x'))).toBeGreaterThan(x2);
      expect(Number(svg.getAttribute('width')) - x2).toBeGreaterThanOrEqual(textWidth(text, 11) + 8 - 1e-9);
    } else {
      expect(x1).toBe(x2);
      expect(y2 - y1).toBeGreaterThan(20);
      // Named above the plot.
      expect(Number(label.getAttribute('y'))).toBeLessThan(y1);
    }
  });

  it('looks the same in all of them', () => {
    const looks = charts.map(([, svg]) => {
      const { children, line, label } = look(svg);
      return { children, line, label };
    });
    for (const l of looks) expect(l).toEqual(looks[0]);
    expect(looks[0].line).toEqual(['#1f2937', '1.5', '6 4']);
  });

  it('on a phone a long name is shortened so the plot keeps its room, its value kept; the tooltip and legend keep it whole', () => {
    const long: Reference[] = [{ value: 0.25, label: 'Everyone who enquired in the year' }];
    const svg = incidenceChart([{ id: 'a', name: 'A', points: [{ time: 10, value: 0.2 }] }], { width: 390, reference: long });
    const rule = svg.querySelector('.reference-rule')!;
    expect(rule.querySelector('.reference-label')!.textContent).toMatch(/^Ev[^(]*… \(25%\)$/);
    expect(textWidth(rule.querySelector('.reference-label')!.textContent!, 11)).toBeLessThanOrEqual(390 * 0.2);
    expect(titleOf(rule)).toBe('Everyone who enquired in the year (25%)');
    expect(texts(svg.querySelector('.legend')!)).toContain('Everyone who enquired in the year (25%)');
    const line = rule.querySelector('line')!;
    expect(Number(line.getAttribute('x2')) - Number(line.getAttribute('x1'))).toBeGreaterThan(390 * 0.6);
  });

  it('with no room for any of the name, the value alone', () => {
    const r = { value: 0.064, label: 'England' };
    expect(fittedReferenceText(r, fmtPct, 200)).toBe('England (6.4%)');
    expect(fittedReferenceText(r, fmtPct, 60)).toBe('(6.4%)');
    expect(fittedReferenceText(r, fmtPct, textWidth('(6.4%)', 11) + textWidth(' Ab…', 11) + 1)).toMatch(/^E.*… \(6.4%\)$/);
  });

  it('sits at its value: the rule in the time series lies where the axis puts 25%', () => {
    const svg = charts[0][1];
    const tick = [...svg.querySelectorAll('.y-axis .tick')].find((t) => t.textContent === '25%');
    const rule = svg.querySelector('.reference-rule line')!;
    // d3 offsets ticks by half a pixel for crisp lines.
    const tickY = Number(/translate\(0,([\d.]+)\)/.exec(tick!.getAttribute('transform')!)![1]);
    expect(Math.abs(tickY - Number(rule.getAttribute('y1')))).toBeLessThanOrEqual(0.5);
    expect(Number(rule.getAttribute('x1'))).toBe(Number(/translate\(([\d.]+)/.exec(svg.querySelector('.y-axis')!.getAttribute('transform')!)![1]));
  });
});
