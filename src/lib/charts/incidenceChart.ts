import { curveStepAfter, line, scaleLinear } from 'd3';
import { fmtInt, fmtPct } from '../format';
import { COLOURS } from './palette';
import { DASHES, SHAPES, SHAPE_NAMES, legend, countRateAxes, noData, seriesColour, svgFrame, symbolPath } from './chartParts';

export interface IncidenceCurve {
  id: string;
  name: string;
  /** Step points: the share (0-1) reached at each time (days), ascending; the value holds until the next point. */
  points: { time: number; value: number }[];
  /** Last day of follow-up: the line stops here rather than at maxTime (the estimate is unknown after it). */
  until?: number;
}

export interface IncidenceChartOptions {
  width?: number;
  height?: number;
  /** Accessible title of the chart. */
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Last day shown (default: the latest point); curves are held flat to it. */
  maxTime?: number;
}

/**
 * Cumulative incidence curves (e.g. Aalen-Johansen share approved by days since
 * enquiry) as step-after lines from (0, 0), each with its own colour, dash
 * pattern and end marker, on a percent y axis; the legend gives each curve's
 * value at the last day shown. A curve with `until` stops at its last day of
 * follow-up instead of being held flat beyond what is known.
 */
export function incidenceChart(curves: IncidenceCurve[], options: IncidenceChartOptions = {}): SVGSVGElement {
  const width = options.width ?? 720;
  const height = options.height ?? 340;
  const title = options.title ?? 'Cumulative share by days';
  const svg = svgFrame({ width, height, title, className: 'incidence-chart' });
  const clean = curves.map((c) => ({
    ...c,
    points: c.points.filter((p) => Number.isFinite(p.time) && Number.isFinite(p.value) && p.time >= 0).sort((a, b) => a.time - b.time),
  }));
  const latest = Math.max(0, ...clean.flatMap((c) => c.points.map((p) => p.time)));
  const maxTime = options.maxTime ?? latest;
  if (!clean.length || !(maxTime > 0)) {
    noData(svg, width, height);
    return svg.node()!;
  }

  // Each curve as steps from (0,0), cut at and held flat to maxTime.
  const stepsOf = clean.map((c) => {
    const stop = Math.min(maxTime, c.until !== undefined && c.until >= 0 ? c.until : maxTime);
    const pts: { time: number; value: number }[] = [{ time: 0, value: 0 }];
    for (const p of c.points) {
      if (p.time > stop) break;
      if (p.time === 0) pts[0] = { time: 0, value: p.value };
      else pts.push(p);
    }
    const end = pts[pts.length - 1].value;
    if (pts[pts.length - 1].time < stop) pts.push({ time: stop, value: end });
    return { curve: c, pts, end, stop };
  });

  const items = stepsOf.map(({ curve, end, stop }, i) => ({
    label: `${curve.name}: ${fmtPct(end)} by day ${fmtInt(stop)}`,
    colour: seriesColour(i),
    kind: 'line' as const,
    dash: DASHES[i % DASHES.length],
    shape: SHAPES[i % SHAPES.length],
  }));
  const legendH = legend(svg, items, 8, 12, width - 16);
  const margin = { top: legendH + 20, right: 20, bottom: 44, left: 56 };
  const plotBottom = Math.max(margin.top + 60, height - margin.bottom);
  const top = Math.max(0.05, ...stepsOf.flatMap((s) => s.pts.map((p) => p.value)));
  const y = scaleLinear().domain([0, Math.min(1, top * 1.1)]).nice().range([plotBottom, margin.top]);
  const x = scaleLinear().domain([0, maxTime]).range([margin.left, width - margin.right]);

  countRateAxes(svg, x, y, { width, height, margin, plotBottom }, { x: options.xLabel ?? 'Days', y: options.yLabel ?? 'Cumulative share (%)' });

  const path = line<{ time: number; value: number }>().x((p) => x(p.time)).y((p) => y(p.value)).curve(curveStepAfter);
  const marks = svg.append('g').attr('class', 'marks');
  stepsOf.forEach(({ curve, pts, end, stop }, i) => {
    const colour = seriesColour(i);
    const text = `${curve.name}: ${fmtPct(end)} by day ${fmtInt(stop)}`;
    const g = marks.append('g').attr('class', 'mark curve').attr('data-curve', curve.id).attr('data-end', end);
    g.append('title').text(text);
    g.append('path').attr('class', 'line').attr('d', path(pts)).attr('fill', 'none')
      .attr('stroke', colour).attr('stroke-width', 2).attr('stroke-dasharray', DASHES[i % DASHES.length] || null);
    g.append('path').attr('class', 'end-marker').attr('data-shape', SHAPE_NAMES[i % SHAPES.length])
      .attr('d', symbolPath(SHAPES[i % SHAPES.length], 48)).attr('transform', `translate(${x(stop)},${y(end)})`)
      .attr('fill', colour).attr('stroke', '#fff').attr('stroke-width', 1);
  });
  return svg.node()!;
}
