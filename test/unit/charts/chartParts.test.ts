// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { LINE_COLOURS, legend, legendHeight, noData, selectable, svgFrame, textWidth, truncate, uid, wrapLines } from '../../../src/lib/charts/chartParts';
import { click, press, texts } from './dom';

describe('chartParts', () => {
  it('svgFrame: an image with a title, or a group when it holds buttons', () => {
    const img = svgFrame({ width: 300, height: 100, title: 'T', className: 'x' }).node()!;
    expect(img.getAttribute('role')).toBe('img');
    expect(img.getAttribute('aria-label')).toBe('T');
    expect(img.querySelector('title')!.textContent).toBe('T');
    expect(img.getAttribute('viewBox')).toBe('0 0 300 100');
    expect(img.getAttribute('class')).toBe('chart x');
    expect(img.querySelector('style')).toBeNull();
    const group = svgFrame({ width: 300, height: 100, title: 'T', className: 'x', interactive: true }).node()!;
    expect(group.getAttribute('role')).toBe('group');
    expect(group.querySelector('style')!.textContent).toContain(':focus-visible');
  });

  it('noData writes a centred message', () => {
    const svg = svgFrame({ width: 300, height: 100, title: 'T', className: 'x' });
    noData(svg, 300, 100);
    const t = svg.node()!.querySelector('text.no-data')!;
    expect(t.textContent).toBe('No data to show');
    expect(t.getAttribute('x')).toBe('150');
    expect(svg.node()!.getAttribute('data-empty')).toBe('true');
  });

  it('selectable: focusable, named, fires on click, Enter and Space only', () => {
    const svg = svgFrame({ width: 10, height: 10, title: 'T', className: 'x', interactive: true });
    const fn = vi.fn();
    const g = selectable(svg.append('g'), 'Do it', fn).node()!;
    expect([g.getAttribute('tabindex'), g.getAttribute('role'), g.getAttribute('aria-label')]).toEqual(['0', 'button', 'Do it']);
    click(g);
    expect(press(g, 'Enter').defaultPrevented).toBe(true);
    press(g, ' ');
    expect(press(g, 'Escape').defaultPrevented).toBe(false);
    expect(fn).toHaveBeenCalledTimes(3);
  });

  it('textWidth and truncate estimate without layout', () => {
    expect(textWidth('')).toBe(0);
    expect(textWidth('WWW')).toBeGreaterThan(textWidth('iii'));
    expect(textWidth('abc', 24)).toBeCloseTo(2 * textWidth('abc', 12), 9);
    expect(textWidth('abc', 12, true)).toBeGreaterThan(textWidth('abc', 12));
    expect(truncate('Short', 200)).toBe('Short');
    const t = truncate('Household circumstances changed', 80);
    expect(t.endsWith('…')).toBe(true);
    expect(textWidth(t)).toBeLessThanOrEqual(80);
  });

  it('wrapLines breaks between words, each line within the width, the last shortened if words are left', () => {
    expect(wrapLines('Initial visit', 200)).toEqual(['Initial visit']);
    expect(wrapLines('Stage 1 complete', 60)).toEqual(['Stage 1', 'complete']);
    const three = wrapLines('Redirected to kinship or connected carers', 90);
    expect(three).toHaveLength(2);
    expect(three[1].endsWith('…')).toBe(true);
    for (const line of three) expect(textWidth(line)).toBeLessThanOrEqual(90);
    // A word too long for a line is broken with a hyphen while a line is free, each part within the width.
    const broken = wrapLines('Supercalifragilistic', 40);
    expect(broken).toHaveLength(2);
    expect(broken[0]).toMatch(/^Su\w+-$/);
    expect(broken[1]).toMatch(/…$/);
    const kept = broken[0].slice(0, -1) + broken[1].slice(0, -1);
    expect('Supercalifragilistic'.startsWith(kept)).toBe(true);
    for (const line of broken) expect(textWidth(line)).toBeLessThanOrEqual(40);
    expect(wrapLines('Heterosexual applicants', 60)[0]).toMatch(/-$/);
    expect(wrapLines('Supercalifragilistic', 40, 1)).toEqual([truncate('Supercalifragilistic', 40)]);
    expect(wrapLines('a b c', 500, 1)).toEqual(['a b c']);
    expect(wrapLines('', 100)).toEqual([]);
  });

  it('legend wraps within the width and reports its height', () => {
    const items = Array.from({ length: 6 }, (_, i) => ({ label: `Series number ${i}`, colour: '#000', kind: 'line' as const }));
    expect(legendHeight(items, 2000)).toBe(18);
    expect(legendHeight(items, 300)).toBeGreaterThan(18);
    expect(legendHeight([], 300)).toBe(0);
    const svg = svgFrame({ width: 300, height: 100, title: 'T', className: 'x' });
    const h = legend(svg, items, 0, 10, 300);
    expect(h).toBe(legendHeight(items, 300));
    const g = svg.node()!.querySelector('.legend')!;
    expect(g.getAttribute('aria-hidden')).toBe('true');
    expect(texts(g)).toHaveLength(6);
  });

  it('a legend label too long for a phone wraps onto lines of its own, whole, and the next item goes below it', () => {
    const label = 'Provisional (hollow, dashed): may still rise as open enquiries are decided';
    const items = [{ label, colour: '#000', kind: 'line' as const }, { label: 'Approvals', colour: '#000', kind: 'line' as const }];
    const svg = svgFrame({ width: 240, height: 100, title: 'T', className: 'x' });
    const h = legend(svg, items, 0, 10, 240);
    const spans = [...svg.node()!.querySelectorAll('.legend-item')[0].querySelectorAll('tspan')].map((t) => t.textContent);
    expect(spans.length).toBeGreaterThan(1);
    expect(spans.join(' ')).toBe(label);
    expect(h).toBe((spans.length + 1) * 18);
    expect(h).toBe(legendHeight(items, 240));
  });

  it('a filled legend box gets an outline only when given one (a pale fill needs it)', () => {
    const svg = svgFrame({ width: 300, height: 100, title: 'T', className: 'x' });
    legend(svg, [
      { label: 'Dark', colour: '#0072B2', kind: 'rect' },
      { label: 'Pale', colour: '#56B4E9', outline: '#0598F6', kind: 'rect' },
    ], 0, 10, 300);
    const [dark, pale] = [...svg.node()!.querySelectorAll('.legend-item rect')];
    expect(dark.getAttribute('stroke-width')).toBe('0');
    expect([pale.getAttribute('fill'), pale.getAttribute('stroke'), pale.getAttribute('stroke-width')]).toEqual(['#56B4E9', '#0598F6', '1']);
  });

  it('line colours leave out the pale yellow; ids are unique', () => {
    expect(LINE_COLOURS.map((c) => c.toUpperCase())).not.toContain('#F0E442');
    expect(uid('a')).not.toBe(uid('a'));
  });
});
