// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { flowChart, type FlowExit, type FlowStage } from '../../../src/lib/charts/flowChart';
import { buttons, click, press, texts, titleOf } from './dom';

const stages: FlowStage[] = [
  { id: 'enquiry', name: 'Enquiry', reached: 100, left: 50, open: 10 },
  { id: 'application', name: 'Application', reached: 40, left: 20, open: 5 },
  { id: 'approved', name: 'Approved', reached: 15, left: 0, open: 0 },
];
const exits: FlowExit[] = [
  { stage: 'enquiry', category: 'AW4', label: 'Financial reasons', n: 30 },
  { stage: 'enquiry', category: 'LOST', label: 'Lost contact', n: 20 },
  { stage: 'application', category: 'AW4', label: 'Financial reasons', n: 12 },
  { stage: 'application', category: 'OTHER', label: 'Other reasons', n: 8 },
  { stage: 'application', category: 'NONE', label: 'Nothing', n: 0 },
];

const num = (el: Element, attr: string) => Number(el.getAttribute(attr));
const rectH = (g: Element) => num(g.querySelector('rect')!, 'height');

describe('flowChart', () => {
  it('draws a node per stage, labelled with name and count, sized by reached', () => {
    const svg = flowChart(stages, exits, { width: 720, title: 'Flow of enquiries' });
    expect(svg.getAttribute('role')).toBe('img');
    expect(titleOf(svg)).toBe('Flow of enquiries');
    const nodes = [...svg.querySelectorAll('g.node.stage')];
    expect(nodes.map((n) => n.getAttribute('data-stage'))).toEqual(['enquiry', 'application', 'approved']);
    expect(rectH(nodes[0]) / rectH(nodes[1])).toBeCloseTo(100 / 40, 6);
    expect(texts(nodes[1]).join(' ')).toBe('Application 40');
    expect(titleOf(nodes[1])).toBe('Application: 40 reached; 15 went on, 5 still open, 20 left');
  });

  it('draws a ribbon to the next stage, to "Still open", and one per stage and exit category', () => {
    const svg = flowChart(stages, exits);
    const went = [...svg.querySelectorAll('.ribbon.went')];
    expect(went.map((r) => [r.getAttribute('data-stage'), r.getAttribute('data-to'), r.getAttribute('data-n')]))
      .toEqual([['enquiry', 'application', '40'], ['application', 'approved', '15']]);
    expect(titleOf(went[0])).toBe('Enquiry → Application: 40 went on');
    const open = [...svg.querySelectorAll('.ribbon.open')];
    expect(open.map((r) => r.getAttribute('data-stage'))).toEqual(['enquiry', 'application']);
    expect(titleOf(open[1])).toBe('Application → Still open: 5');
    const ex = [...svg.querySelectorAll('.ribbon.exit')];
    expect(ex).toHaveLength(4); // the n = 0 exit is not drawn
    expect(titleOf(svg.querySelector('.ribbon.exit[data-stage="application"][data-category="AW4"]')!)).toBe('Application → Left: Financial reasons, 12');
  });

  it('gathers exits into one labelled sink per category, with "Still open" first', () => {
    const svg = flowChart(stages, exits);
    const sinks = [...svg.querySelectorAll('g.node.sink')];
    expect(sinks.map((s) => texts(s).join(''))).toEqual(['Still open 15', 'Financial reasons 42', 'Lost contact 20', 'Other reasons 8']);
    expect(sinks.map((s) => s.getAttribute('data-category'))).toEqual([null, 'AW4', 'LOST', 'OTHER']);
    // Sink heights in proportion to their totals.
    expect(rectH(sinks[1]) / rectH(sinks[2])).toBeCloseTo(42 / 20, 6);
    expect(texts(svg.querySelector('.legend')!)).toEqual(['Went on', 'Still open', 'Left, by reason']);
  });

  it('keeps ribbon ends flush with the nodes they join', () => {
    const svg = flowChart(stages, exits);
    const node = svg.querySelector('g.node.stage[data-stage="enquiry"] rect')!;
    const top = num(node, 'y');
    const bottom = top + num(node, 'height');
    // Every ribbon leaving the first stage starts at its right edge, within its height.
    const starts = [...svg.querySelectorAll('.ribbon[data-stage="enquiry"] path')].map((p) => p.getAttribute('d')!.match(/^M([\d.]+),([\d.]+)/)!.slice(1).map(Number));
    expect(starts).toHaveLength(4);
    for (const [x, y] of starts) {
      expect(x).toBeCloseTo(num(node, 'x') + num(node, 'width'), 6);
      expect(y).toBeGreaterThanOrEqual(top - 1e-6);
      expect(y).toBeLessThanOrEqual(bottom + 1e-6);
    }
  });

  it('fits the width and height it is given', () => {
    const svg = flowChart(stages, exits, { width: 360, height: 300 });
    expect(svg.getAttribute('viewBox')).toBe('0 0 360 300');
    for (const r of svg.querySelectorAll('rect')) {
      if (r.closest('.legend')) continue;
      expect(num(r, 'x') + num(r, 'width')).toBeLessThanOrEqual(360);
      expect(num(r, 'y') + num(r, 'height')).toBeLessThanOrEqual(300);
    }
  });

  it('makes stage nodes and exit ribbons buttons that call onSelect', () => {
    const onSelect = vi.fn();
    const svg = flowChart(stages, exits, { onSelect });
    expect(svg.getAttribute('role')).toBe('group');
    expect(buttons(svg)).toHaveLength(3 + 4);
    const stage = svg.querySelector('g.node.stage[data-stage="application"]')!;
    expect(stage.getAttribute('tabindex')).toBe('0');
    click(stage);
    expect(onSelect).toHaveBeenLastCalledWith({ stage: 'application' });
    const ribbon = svg.querySelector('.ribbon.exit[data-stage="enquiry"][data-category="LOST"]')!;
    expect(ribbon.getAttribute('aria-label')).toMatch(/^Enquiry → Left: Lost contact, 20/);
    press(ribbon, 'Enter');
    expect(onSelect).toHaveBeenLastCalledWith({ stage: 'enquiry', category: 'LOST' });
    press(stage, ' ');
    expect(onSelect).toHaveBeenLastCalledWith({ stage: 'application' });
    expect(onSelect).toHaveBeenCalledTimes(3);
    // Went-on and open ribbons are not buttons.
    expect(svg.querySelector('.ribbon.went[role], .ribbon.open[role]')).toBeNull();
  });

  it('ignores exits for unknown stages and draws no sinks when nobody left or is open', () => {
    const svg = flowChart([{ id: 'a', name: 'A', reached: 5, left: 0, open: 0 }, { id: 'b', name: 'B', reached: 5, left: 0, open: 0 }],
      [{ stage: 'zzz', category: 'X', label: 'X', n: 3 }]);
    expect(svg.querySelectorAll('g.node.sink')).toHaveLength(0);
    expect(svg.querySelectorAll('.ribbon.exit')).toHaveLength(0);
    expect(svg.querySelectorAll('.ribbon.went')).toHaveLength(1);
  });

  it('says "No data" for no stages or nobody reached', () => {
    for (const s of [[], [{ id: 'a', name: 'A', reached: 0, left: 0, open: 0 }]]) {
      const svg = flowChart(s, [], { onSelect: () => {} });
      expect(svg.querySelector('.no-data')!.textContent).toMatch(/No data/);
      expect(svg.querySelectorAll('.node, .ribbon')).toHaveLength(0);
    }
  });
});
