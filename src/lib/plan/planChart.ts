import { area, axisBottom, axisLeft, line, scaleLinear } from 'd3';
import { COLOURS } from '../charts/palette';
import { legend, legendHeight, styleAxis, svgFrame, type LegendItem } from '../charts/chartParts';
import type { RatePoint } from './rateCurve';

export interface PlanChartOptions {
  width?: number;
  title: string;
  /** Approvals needed (a dashed horizontal line). */
  target: number;
  /** The current enquiry rate and the rate needed (vertical markers), when known. */
  current: number;
  needed: number | null;
}

/**
 * Approvals by the target date (y) against enquiries a month from now (x):
 * the expected count as a line, its 95% interval as a band, the approvals
 * needed as a dashed line, and the current and needed rates marked and named
 * in words, so nothing is read from colour alone.
 */
export function planChart(points: readonly RatePoint[], o: PlanChartOptions): SVGSVGElement {
  const width = o.width ?? 720;
  const items: LegendItem[] = [
    { label: 'Expected approvals', colour: COLOURS.continued, kind: 'line' },
    { label: '95% interval', colour: '#cfe3f3', kind: 'rect' },
    { label: `Approvals needed (${Math.round(o.target)})`, colour: COLOURS.text, kind: 'line', dash: '6 4' },
  ];
  const legendH = legendHeight(items, width - 20);
  const m = { top: legendH + 20, right: 16, bottom: 44, left: 52 };
  const height = m.top + 240 + m.bottom;
  const svg = svgFrame({ width, height, title: o.title, className: 'plan-chart' });
  legend(svg, items, m.left, 12, width - m.left - 10);
  const xMax = points.length ? points[points.length - 1].perMonth : 1;
  const yMax = Math.max(o.target, ...points.map((p) => p.high)) * 1.08 || 1;
  const x = scaleLinear().domain([0, xMax]).range([m.left, width - m.right]);
  const y = scaleLinear().domain([0, yMax]).nice().range([height - m.bottom, m.top]);
  svg.append('g').attr('transform', `translate(0,${height - m.bottom})`).call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 90)))).call(styleAxis);
  svg.append('g').attr('transform', `translate(${m.left},0)`).call(axisLeft(y).ticks(6)).call(styleAxis);
  svg.append('text').attr('x', (m.left + width - m.right) / 2).attr('y', height - 8).attr('text-anchor', 'middle').attr('fill', COLOURS.text).text('Enquiries a month from now');
  svg.append('text').attr('transform', `translate(14,${(m.top + height - m.bottom) / 2}) rotate(-90)`).attr('text-anchor', 'middle').attr('fill', COLOURS.text).text('Approvals by the date');
  const band = area<RatePoint>().x((p) => x(p.perMonth)).y0((p) => y(p.low)).y1((p) => y(p.high));
  svg.append('path').attr('d', band(points as RatePoint[]) ?? '').attr('fill', '#cfe3f3').attr('aria-hidden', 'true');
  const mid = line<RatePoint>().x((p) => x(p.perMonth)).y((p) => y(p.value));
  svg.append('path').attr('d', mid(points as RatePoint[]) ?? '').attr('fill', 'none').attr('stroke', COLOURS.continued).attr('stroke-width', 2.5);
  svg.append('line').attr('x1', m.left).attr('x2', width - m.right).attr('y1', y(o.target)).attr('y2', y(o.target))
    .attr('stroke', COLOURS.text).attr('stroke-dasharray', '6 4').attr('stroke-width', 1.5);
  const mark = (rate: number, label: string, row: number) => {
    if (!(rate >= 0) || rate > xMax) return;
    svg.append('line').attr('x1', x(rate)).attr('x2', x(rate)).attr('y1', m.top).attr('y2', height - m.bottom).attr('stroke', COLOURS.neutral).attr('stroke-width', 1);
    const right = x(rate) > width * 0.7;
    svg.append('text').attr('x', x(rate) + (right ? -4 : 4)).attr('y', m.top + 12 + row * 15).attr('text-anchor', right ? 'end' : 'start')
      .attr('fill', COLOURS.text).attr('font-size', 11).text(label);
  };
  mark(o.current, `now ${o.current.toFixed(o.current < 10 ? 1 : 0)} a month`, 0);
  if (o.needed !== null) mark(o.needed, `needed ${o.needed.toFixed(o.needed < 10 ? 1 : 0)} a month`, 1);
  return svg.node()!;
}
