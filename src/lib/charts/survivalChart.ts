import { area, curveStepAfter, line, scaleLinear } from 'd3';
import { fmtInt, fmtPct } from '../format';
import { COLOURS } from './palette';
import { DASHES, SHAPES, SHAPE_NAMES, countRateAxes, legend, noData, seriesColour, svgFrame, symbolPath, type LegendItem } from './chartParts';

/** One survival curve: steps at event times (days), the estimate holding until the next step. */
export interface SurvivalSeries {
  id: string;
  name: string;
  /** The estimate just after each event time, ascending; 95% bounds where known. */
  steps: { time: number; survival: number; low: number | null; high: number | null }[];
  /** Longest follow-up (days): the line stops there, as the curve is unknown beyond it. */
  until: number;
  /** Points to mark and name (e.g. 6, 12 and 24 months), with their text. */
  marks?: { time: number; survival: number; text: string }[];
}

export interface SurvivalChartOptions {
  width?: number;
  height?: number;
  title?: string;
  /** Shade the first curve's 95% interval. */
  band?: boolean;
  /** Months marked by faint vertical lines. */
  guides?: readonly number[];
}

const DAYS_PER_MONTH = 365.25 / 12;

/**
 * Kaplan-Meier curves (share still fostering by months since approval) as
 * step lines from 100% at approval, each with its own colour, dash pattern and
 * end marker; optionally the first curve's 95% interval as a band, and marked
 * points whose <title> gives the figures (the table behind the chart has them all).
 */
export function survivalChart(series: SurvivalSeries[], options: SurvivalChartOptions = {}): SVGSVGElement {
  const width = options.width ?? 720;
  const height = options.height ?? 340;
  const svg = svgFrame({ width, height, title: options.title ?? 'Share still fostering by months since approval', className: 'survival-chart' });
  const maxDays = Math.max(0, ...series.map((s) => s.until));
  if (!series.length || !(maxDays > 0)) {
    noData(svg, width, height, 'No households followed yet');
    return svg.node()!;
  }
  const labels = series.map((s) => `${s.name}: ${fmtPct(lastValue(s))} at ${fmtInt(Math.floor(s.until / DAYS_PER_MONTH))} months`);
  const items: LegendItem[] = series.map((s, i) => ({
    label: labels[i], colour: seriesColour(i), kind: 'line', dash: DASHES[i % DASHES.length], shape: SHAPES[i % SHAPES.length],
  }));
  if (options.band) items.splice(1, 0, { label: `95% interval (${series[0].name})`, colour: COLOURS.open, kind: 'rect' });
  const legendH = legend(svg, items, 8, 12, width - 16);
  const margin = { top: legendH + 20, right: 20, bottom: 44, left: 56 };
  const plotBottom = Math.max(margin.top + 60, height - margin.bottom);
  const x = scaleLinear().domain([0, maxDays / DAYS_PER_MONTH]).range([margin.left, width - margin.right]);
  const y = scaleLinear().domain([0, 1]).range([plotBottom, margin.top]);
  countRateAxes(svg, x, y, { width, height, margin, plotBottom }, { x: 'Months since approval', y: 'Still fostering (%)' });

  const guides = svg.append('g').attr('class', 'guides').attr('aria-hidden', 'true');
  for (const m of options.guides ?? []) {
    if (m * DAYS_PER_MONTH > maxDays) continue;
    guides.append('line').attr('x1', x(m)).attr('x2', x(m)).attr('y1', margin.top).attr('y2', plotBottom)
      .attr('stroke', COLOURS.neutral).attr('stroke-dasharray', '2 4');
  }
  if (options.band) drawBand(svg, series[0], x, y);

  const path = line<{ m: number; v: number }>().x((p) => x(p.m)).y((p) => y(p.v)).curve(curveStepAfter);
  const marks = svg.append('g').attr('class', 'marks');
  series.forEach((s, i) => {
    const colour = seriesColour(i);
    const pts = stepPoints(s).map((p) => ({ m: p.time / DAYS_PER_MONTH, v: p.survival }));
    const g = marks.append('g').attr('class', 'mark curve').attr('data-curve', s.id);
    g.append('title').text(labels[i]);
    g.append('path').attr('class', 'line').attr('d', path(pts)).attr('fill', 'none').attr('stroke', colour).attr('stroke-width', 2)
      .attr('stroke-dasharray', DASHES[i % DASHES.length] || null);
    const end = pts[pts.length - 1];
    g.append('path').attr('class', 'end-marker').attr('data-shape', SHAPE_NAMES[i % SHAPES.length]).attr('d', symbolPath(SHAPES[i % SHAPES.length], 48))
      .attr('transform', `translate(${x(end.m)},${y(end.v)})`).attr('fill', colour).attr('stroke', '#fff');
    for (const mk of s.marks ?? []) {
      const point = g.append('circle').attr('class', 'point').attr('cx', x(mk.time / DAYS_PER_MONTH)).attr('cy', y(mk.survival)).attr('r', 4)
        .attr('fill', '#fff').attr('stroke', colour).attr('stroke-width', 2);
      point.append('title').text(mk.text);
    }
  });
  return svg.node()!;
}

/** The steps from (0, 100%) to the last day followed. */
function stepPoints(s: SurvivalSeries): { time: number; survival: number; low: number | null; high: number | null }[] {
  const pts = [{ time: 0, survival: 1, low: null as number | null, high: null as number | null }];
  for (const st of s.steps) if (st.time <= s.until) pts.push(st);
  const last = pts[pts.length - 1];
  if (last.time < s.until) pts.push({ ...last, time: s.until });
  return pts;
}

function lastValue(s: SurvivalSeries): number {
  const pts = stepPoints(s);
  return pts[pts.length - 1].survival;
}

/** The first curve's interval as a shaded step band (where bounds are known). */
function drawBand(svg: ReturnType<typeof svgFrame>, s: SurvivalSeries, x: (m: number) => number, y: (v: number) => number) {
  const pts = stepPoints(s).map((p) => ({ m: p.time / DAYS_PER_MONTH, low: p.low ?? p.survival, high: p.high ?? p.survival }));
  const band = area<{ m: number; low: number; high: number }>().x((p) => x(p.m)).y0((p) => y(p.low)).y1((p) => y(p.high)).curve(curveStepAfter);
  svg.append('path').attr('class', 'band').attr('aria-hidden', 'true').attr('d', band(pts)).attr('fill', COLOURS.open).attr('fill-opacity', 0.3);
}
