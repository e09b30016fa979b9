// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { funnelChart, type FunnelChartStage } from '../../../src/lib/charts/funnelChart';
import { buttons, click, press, texts, titleOf } from './dom';

const stages: FunnelChartStage[] = [
  { id: 'enquiry', name: 'Enquiry', reached: 1000, left: 500, open: 100, conversion: null },
  { id: 'visit', name: 'Initial visit', reached: 400, left: 150, open: 50, conversion: 0.4 },
  { id: 'application', name: 'Application', reached: 200, left: 60, open: 40, conversion: 0.5 },
  { id: 'approved', name: 'Approved', reached: 100, left: 0, open: 0, conversion: 0.5 },
];

describe('funnelChart', () => {
  it('draws one stage group per stage with went / open / left segments', () => {
    const svg = funnelChart(stages, { width: 600, title: 'People reaching each stage' });
    expect(svg.tagName.toLowerCase()).toBe('svg');
    expect(svg.getAttribute('role')).toBe('img');
    expect(titleOf(svg)).toBe('People reaching each stage');
    const groups = svg.querySelectorAll('g.stage');
    expect(groups).toHaveLength(4);
    expect([...groups].map((g) => g.getAttribute('data-stage'))).toEqual(['enquiry', 'visit', 'application', 'approved']);
    for (const g of groups) {
      expect(g.querySelectorAll('rect.went, rect.open, rect.left')).toHaveLength(3);
    }
  });

  it('sizes segments in proportion, fitting the width given', () => {
    const svg = funnelChart(stages, { width: 600 });
    expect(svg.getAttribute('width')).toBe('600');
    expect(svg.getAttribute('viewBox')).toMatch(/^0 0 600 /);
    const first = svg.querySelector('g.stage')!;
    const w = (cls: string) => Number(first.querySelector(`rect.${cls}`)!.getAttribute('width'));
    // 400 went on, 100 open, 500 left out of 1000.
    expect(w('left') / w('went')).toBeCloseTo(500 / 400, 6);
    expect(w('open') / w('went')).toBeCloseTo(100 / 400, 6);
    const right = Math.max(...[...svg.querySelectorAll('rect')].map((r) => Number(r.getAttribute('x')) + Number(r.getAttribute('width'))));
    expect(right).toBeLessThanOrEqual(600);
  });

  it('labels stages, counts, conversions and the legend, with tooltips', () => {
    const svg = funnelChart(stages);
    const t = texts(svg);
    expect(t).toEqual(expect.arrayContaining(['Enquiry', 'Initial visit', '1,000', '400', 'Went on', 'Still open here', 'Left here']));
    expect(t).toContain('40% of enquiry went on');
    expect(titleOf(svg.querySelector('g.stage[data-stage="visit"]')!))
      .toBe('Initial visit: 400 reached; 200 went on, 50 still open here, 150 left here');
  });

  it('is not interactive without onSelect', () => {
    const svg = funnelChart(stages);
    expect(buttons(svg)).toHaveLength(0);
    expect(svg.querySelector('[tabindex]')).toBeNull();
  });

  it('calls onSelect on click, Enter and Space, and is then a group of buttons', () => {
    const onSelect = vi.fn();
    const svg = funnelChart(stages, { onSelect });
    const b = buttons(svg);
    expect(b).toHaveLength(4);
    for (const el of b) {
      expect(el.getAttribute('tabindex')).toBe('0');
      expect(el.getAttribute('aria-label')).toMatch(/reached/);
    }
    // role="img" would make the buttons presentational (hidden from assistive technology).
    expect(svg.getAttribute('role')).not.toBe('img');
    click(b[1]);
    expect(onSelect).toHaveBeenLastCalledWith('visit');
    const ev = press(b[2], 'Enter');
    expect(onSelect).toHaveBeenLastCalledWith('application');
    expect(ev.defaultPrevented).toBe(true);
    press(b[0], ' ');
    expect(onSelect).toHaveBeenLastCalledWith('enquiry');
    press(b[0], 'a');
    expect(onSelect).toHaveBeenCalledTimes(3);
  });

  it('says "No data" for no stages instead of an empty frame', () => {
    let svg!: SVGSVGElement;
    expect(() => (svg = funnelChart([]))).not.toThrow();
    expect(texts(svg).join(' ')).toMatch(/No data/);
    expect(svg.querySelectorAll('g.stage')).toHaveLength(0);
  });

  it('published figures: labels replace the counts in text and tooltips; bars draw what is given', () => {
    const svg = funnelChart([
      { id: 'enquiry', name: 'Enquiry', reached: 7, left: 0, open: 0, went: 0, conversion: null, labels: { reached: '7', went: '<5', left: 'suppressed', open: 'suppressed' } },
      { id: 'visit', name: 'Initial visit', reached: 0, left: 0, open: 0, went: 0, conversion: null, labels: { reached: '<5', went: '0', left: '0', open: '<5' } },
    ], { width: 600 });
    const tips = [...svg.querySelectorAll('g.stage > title')].map((t) => t.textContent);
    expect(tips).toEqual([
      'Enquiry: 7 reached; <5 went on, suppressed still open here, suppressed left here',
      'Initial visit: <5 reached; 0 went on, <5 still open here, 0 left here',
    ]);
    expect(texts(svg)).toContain('<5');
    // Nothing withheld is drawn: the enquiry bar's segments are all empty, not 7 wide.
    expect([...svg.querySelectorAll('g.stage')[0].querySelectorAll('rect')].map((r) => Number(r.getAttribute('width')))).toEqual([0, 0, 0]);
  });

  it('on a phone a long stage name is shortened to fit its margin, the full name kept in the title', () => {
    const long = stages.map((x, i) => (i === 2 ? { ...x, name: 'Stage 1 complete (checks and references)' } : x));
    const svg = funnelChart(long, { width: 340 });
    const label = svg.querySelectorAll('g.stage')[2].querySelector(':scope > text')!;
    expect(label.textContent).toMatch(/…$/);
    expect(svg.querySelectorAll('g.stage')[2].querySelector('title')!.textContent).toContain('Stage 1 complete (checks and references)');
    const wide = funnelChart(stages, { width: 900 });
    expect(wide.querySelectorAll('g.stage')[1].querySelector(':scope > text')!.textContent).toBe('Initial visit');
  });

  it('on a phone a name of two words or more takes two lines before it is shortened', () => {
    const named = stages.map((x, i) => (i === 2 ? { ...x, name: 'Stage 1 complete' } : i === 3 ? { ...x, name: 'Stage 1 complete (checks and references)' } : x));
    const lines = (svg: SVGSVGElement, i: number) => [...svg.querySelectorAll('g.stage')[i].querySelectorAll(':scope > text > tspan')].map((t) => t.textContent);
    const narrow = funnelChart(named, { width: 340 });
    expect(lines(narrow, 2)).toEqual(['Stage 1', 'complete']);
    const [first, second] = lines(narrow, 3);
    expect(first).toBe('Stage 1');
    expect(second).toMatch(/^complete.*…$/);
    expect(lines(funnelChart(named, { width: 900 }), 2)).toEqual(['Stage 1 complete']);
  });
});

describe('funnelChart: the table behind it', () => {
  it('has a row per stage with the counts each bar splits into and the conversion, published labels kept', () => {
    const t = funnelChart(stages).table;
    expect(t.columns.map((c) => c.label)).toEqual(['Stage', 'Reached', 'Went on', 'Still open here', 'Left here', 'Conversion from the stage before']);
    expect(t.rows).toEqual([
      ['Enquiry', 1000, 400, 100, 500, null], ['Initial visit', 400, 200, 50, 150, 0.4],
      ['Application', 200, 100, 40, 60, 0.5], ['Approved', 100, 100, 0, 0, 0.5],
    ]);
    const published = funnelChart([{ ...stages[0], labels: { reached: '1,000', went: '400', left: '500', open: '<5' } }]).table;
    expect(published.rows[0].slice(1, 5)).toEqual(['1,000', '400', '<5', '500']);
    expect(funnelChart([]).table.rows).toEqual([]);
  });
});
