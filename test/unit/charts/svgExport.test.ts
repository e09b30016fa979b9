// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { svgToString } from '../../../src/lib/charts/svgExport';
import { intervalChart } from '../../../src/lib/charts/intervalChart';
import { timeSeriesChart } from '../../../src/lib/charts/timeSeriesChart';

const SVG_NS = 'http://www.w3.org/2000/svg';

function parse(text: string): Document {
  return new DOMParser().parseFromString(text, 'image/svg+xml');
}

describe('svgToString', () => {
  const chart = () => timeSeriesChart([{ id: 'a', name: 'Enquiries', points: [{ period: '2023-24', value: 10 }, { period: '2024-25', value: 12 }] }], { width: 400, height: 200, title: 'Enquiries & more <per year>' });

  it('serialises a standalone, well-formed SVG document with one xmlns', () => {
    const text = svgToString(chart());
    expect(text.startsWith('<svg')).toBe(true);
    expect(text.match(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g)).toHaveLength(1);
    const doc = parse(text);
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.documentElement.namespaceURI).toBe(SVG_NS);
    expect(doc.documentElement.getAttribute('width')).toBe('400');
    expect(doc.documentElement.getAttribute('height')).toBe('200');
    expect(doc.documentElement.getAttribute('viewBox')).toBe('0 0 400 200');
    // Text is escaped and kept.
    expect(text).toContain('Enquiries &amp; more &lt;per year&gt;');
    expect(doc.querySelector('title')!.textContent).toBe('Enquiries & more <per year>');
    expect(doc.querySelectorAll('.mark.point')).toHaveLength(2);
  });

  it('writes the font family on the root', () => {
    expect(parse(svgToString(chart())).documentElement.getAttribute('font-family')).toBe('system-ui, sans-serif');
    const bare = document.createElementNS(SVG_NS, 'svg');
    bare.setAttribute('viewBox', '0 0 50 20');
    const doc = parse(svgToString(bare));
    expect(doc.documentElement.getAttribute('font-family')).toBe('system-ui, sans-serif');
    // Size falls back to the viewBox.
    expect(doc.documentElement.getAttribute('width')).toBe('50');
    expect(doc.documentElement.getAttribute('height')).toBe('20');
  });

  it('drops focus and button roles but leaves the chart on the page untouched', () => {
    const svg = intervalChart([{ id: 'a', label: 'A', rate: 0.5, low: 0.4, high: 0.6, n: 10 }], { onSelect: () => {} });
    const doc = parse(svgToString(svg));
    expect(doc.querySelector('[tabindex]')).toBeNull();
    expect(doc.querySelector('[role="button"]')).toBeNull();
    expect(svg.querySelector('[tabindex="0"][role="button"]')).not.toBeNull();
  });
});
