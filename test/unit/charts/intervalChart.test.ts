// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { intervalChart, type IntervalRow } from '../../../src/lib/charts/intervalChart';
import { buttons, click, press, texts, titleOf } from './dom';

const rows: IntervalRow[] = [
  { id: 'white', label: 'White British', rate: 0.3, low: 0.26, high: 0.34, n: 500 },
  { id: 'black', label: 'Black or Black British', rate: 0.15, low: 0.09, high: 0.23, n: 90, highlight: 'behind' },
  { id: 'mixed', label: 'Mixed', rate: 0.5, low: 0.3, high: 0.7, n: 12, note: 'Small group: fewer than 20' },
  { id: 'blank', label: 'Not recorded', rate: null, low: null, high: null, n: 0 },
  { id: 'other', label: 'Other', rate: 0.45, low: 0.38, high: 0.52, n: 200, highlight: 'ahead' },
];
const num = (el: Element, a: string) => Number(el.getAttribute(a));

describe('intervalChart', () => {
  it('on a phone a group\'s name takes two lines before it is shortened', () => {
    const named: IntervalRow[] = [{ id: 'a', label: 'Any other mixed or multiple background', rate: 0.3, low: 0.2, high: 0.4, n: 50 }];
    const lines = (width: number) => [...intervalChart(named, { width }).querySelectorAll('.row-label tspan')].map((t) => t.textContent);
    const narrow = lines(340);
    expect(narrow).toHaveLength(2);
    expect(narrow[0]).toBe('Any other');
    expect(lines(1000).join(' ')).toBe('Any other mixed or multiple background');
  });

  it('draws one row per group with label, n, dot and interval', () => {
    const svg = intervalChart(rows, { title: 'Ethnicity: enquiry to application', reference: [{ value: 0.29, label: 'Everyone' }] });
    expect(svg.getAttribute('role')).toBe('img');
    expect(titleOf(svg)).toBe('Ethnicity: enquiry to application');
    const r = [...svg.querySelectorAll('.mark.row')];
    expect(r.map((g) => g.getAttribute('data-id'))).toEqual(['white', 'black', 'mixed', 'blank', 'other']);
    expect(r.map((g) => g.querySelector('.row-label')!.textContent)).toEqual(rows.map((x) => x.label));
    expect(r.map((g) => g.querySelector('.row-n')!.textContent)).toEqual(['500', '90', '12', '0', '200']);
    expect(svg.querySelectorAll('.dot')).toHaveLength(4);
    expect(svg.querySelectorAll('line.interval')).toHaveLength(4);
    expect(titleOf(r[0])).toBe('White British: 30% (interval 26%–34%), n = 500');
    expect(titleOf(r[1])).toBe('Black or Black British: 15% (interval 9.0%–23%), n = 90; behind everyone');
    expect(r[3].querySelector('.no-figure')!.textContent).toBe('no figure');
  });

  it('places dots and intervals on a 0-100% axis', () => {
    const svg = intervalChart(rows);
    const ticks = texts(svg.querySelector('.x-axis')!);
    expect(ticks[0]).toBe('0%');
    expect(ticks[ticks.length - 1]).toBe('100%');
    expect(svg.querySelector('.x-label')!.textContent).toBe('Rate (%)');
    const x0 = num(svg.querySelector('.grid line')!, 'x1');
    const x100 = num([...svg.querySelectorAll('.grid line')].pop()!, 'x1');
    const line = svg.querySelector('.mark.row[data-id="mixed"] line.interval')!;
    expect(num(line, 'x1')).toBeCloseTo(x0 + 0.3 * (x100 - x0), 6);
    expect(num(line, 'x2')).toBeCloseTo(x0 + 0.7 * (x100 - x0), 6);
    const dot = svg.querySelector('.mark.row[data-id="mixed"] .dot')!.getAttribute('transform')!;
    expect(Number(dot.match(/translate\(([\d.]+),/)![1])).toBeCloseTo(x0 + 0.5 * (x100 - x0), 6);
  });

  it('marks behind and ahead rows with a symbol, bold label and words, not just colour', () => {
    const svg = intervalChart(rows, { reference: [{ value: 0.29, label: 'Everyone' }] });
    const behind = svg.querySelector('.mark.row[data-highlight="behind"]')!;
    expect(behind.getAttribute('data-id')).toBe('black');
    expect(behind.querySelector('.row-status')!.textContent).toBe('▼ behind');
    expect(behind.querySelector('.dot')!.getAttribute('data-shape')).toBe('triangle-down');
    expect(behind.querySelector('.row-label')!.getAttribute('font-weight')).toBe('700');
    const ahead = svg.querySelector('.mark.row[data-highlight="ahead"]')!;
    expect(ahead.querySelector('.row-status')!.textContent).toBe('▲ ahead');
    expect(ahead.querySelector('.dot')!.getAttribute('data-shape')).toBe('triangle-up');
    const plain = svg.querySelector('.mark.row[data-id="white"]')!;
    expect(plain.querySelector('.row-status')).toBeNull();
    expect(plain.querySelector('.dot')!.getAttribute('data-shape')).toBe('circle');
    expect(texts(svg.querySelector('.legend')!)).toEqual(['Rate with its interval', 'Behind everyone', 'Ahead of everyone', 'Everyone (29%)']);
    // Each group compared with the others: the legend says so, though the rule is everyone's rate.
    const versus = intervalChart(rows, { reference: [{ value: 0.29, label: 'Everyone' }], versus: 'everyone else' });
    expect(texts(versus.querySelector('.legend')!)).toEqual(['Rate with its interval', 'Behind everyone else', 'Ahead of everyone else', 'Everyone (29%)']);
  });

  it('draws the reference rule, labelled, and shows notes', () => {
    const svg = intervalChart(rows, { reference: [{ value: 0.29, label: 'Everyone' }] });
    const ref = svg.querySelector('.reference-rule line')!;
    expect(ref.getAttribute('stroke-dasharray')).toBeTruthy();
    expect(svg.querySelector('.reference-label')!.textContent).toBe('Everyone (29%)');
    expect(svg.querySelector('.mark.row[data-id="mixed"] .row-note')!.textContent).toBe('Small group: fewer than 20');
    expect(titleOf(svg.querySelector('.mark.row[data-id="mixed"]')!)).toMatch(/Small group: fewer than 20$/);
    expect(intervalChart(rows).querySelector('.reference-rule')).toBeNull();
  });

  it('grows in height with the rows and fits the width given', () => {
    const two = intervalChart(rows.slice(0, 2), { width: 360 });
    const five = intervalChart(rows, { width: 360 });
    expect(num(five, 'height')).toBeGreaterThan(num(two, 'height'));
    expect(five.getAttribute('viewBox')).toMatch(/^0 0 360 /);
    for (const t of five.querySelectorAll('.row-n, .row-status')) expect(num(t, 'x')).toBeLessThan(360);
  });

  it('calls onSelect with the row id on click, Enter and Space', () => {
    const onSelect = vi.fn();
    const svg = intervalChart(rows, { onSelect });
    expect(svg.getAttribute('role')).toBe('group');
    const b = buttons(svg);
    expect(b).toHaveLength(5);
    expect(b[1].getAttribute('aria-label')).toMatch(/^Black or Black British: 15%/);
    click(b[1]);
    expect(onSelect).toHaveBeenLastCalledWith('black');
    press(b[4], 'Enter');
    expect(onSelect).toHaveBeenLastCalledWith('other');
    press(b[0], ' ');
    expect(onSelect).toHaveBeenLastCalledWith('white');
    press(b[0], 'Tab');
    expect(onSelect).toHaveBeenCalledTimes(3);
  });

  it('says "No data" for no rows', () => {
    const svg = intervalChart([], { onSelect: () => {} });
    expect(svg.querySelector('.no-data')!.textContent).toMatch(/No data/);
    expect(buttons(svg)).toHaveLength(0);
    expect(svg.getAttribute('role')).toBe('img');
  });
});

describe('intervalChart: the table behind it', () => {
  it('has a row per group with its rate, interval, n, flag and note', () => {
    const t = intervalChart(rows, { reference: [{ value: 0.29, label: 'Everyone' }] }).table;
    expect(t.columns.map((c) => c.label)).toEqual(['Group', 'Rate', 'Interval', 'n', 'Against everyone', 'Note']);
    expect(t.rows.map((r) => r[0])).toEqual(rows.map((r) => r.label));
    expect(t.rows[1]).toEqual(['Black or Black British', 0.15, '9.0%–23%', 90, 'behind', '']);
    expect(t.rows[3].slice(1, 4)).toEqual([null, null, 0]);
    expect(t.notes).toEqual(['Dashed line: Everyone (29%)']);
  });
});
