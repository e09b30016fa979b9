import { axisBottom, axisLeft, scaleBand, scaleLinear, symbolCircle, symbolDiamond } from 'd3';
import { fmtInt } from '../format';
import { COLOURS } from './palette';
import {
  SHAPES,
  SHAPE_NAMES,
  legend,
  noData,
  seriesColour,
  styleAxis,
  svgFrame,
  symbolPath,
  textWidth,
  truncate,
  type LegendItem,
} from './chartParts';

export interface TimeSeriesPoint {
  /** Ordinal period label: "2023-04", "2023-24 Q1", "2023-24". */
  period: string;
  /** null = no figure for the period (a gap, not zero). */
  value: number | null;
  /** Drawn hollow / dashed: the figure may still change (e.g. a recent cohort). */
  provisional?: boolean;
  /** Shown instead of the value in its tooltip (e.g. "<5" for a withheld count drawn as 0). */
  label?: string;
}

export interface TimeSeries {
  id: string;
  name: string;
  points: TimeSeriesPoint[];
}

/** A published comparison figure (e.g. England), drawn as a labelled diamond. */
export interface TimeSeriesReference {
  period: string;
  value: number;
  label: string;
}

export interface TimeSeriesChartOptions {
  width?: number;
  height?: number;
  /** Accessible title of the chart. */
  title?: string;
  /** Y axis label, with its unit. */
  yLabel?: string;
  /** X axis label. */
  xLabel?: string;
  /** Formats values on the y axis, tooltips and labels (default: whole numbers). */
  yFormat?: (n: number) => string;
  kind?: 'line' | 'bars';
  reference?: TimeSeriesReference[];
  /** Legend text for the reference diamonds. */
  referenceName?: string;
  /** Order of periods on the x axis; default: in order of first appearance. */
  periods?: string[];
  /** The user's target, drawn as a labelled dashed line across the plot. */
  goal?: { value: number; label: string };
}

const defaultFormat = (n: number) => (Number.isInteger(n) ? fmtInt(n) : n.toLocaleString('en-GB', { maximumSignificantDigits: 3 }));

/**
 * Figures per period for one or more series, as lines with a distinct marker
 * shape per series or as grouped bars (each bar topped by its series' marker).
 * Periods are ordinal labels on a band scale. Provisional figures are drawn hollow
 * with dashed lines and noted in the legend; reference figures (e.g. national)
 * are labelled hollow diamonds.
 */
export function timeSeriesChart(series: TimeSeries[], options: TimeSeriesChartOptions = {}): SVGSVGElement {
  const width = options.width ?? 720;
  const height = options.height ?? 320;
  const kind = options.kind ?? 'line';
  const fmt = options.yFormat ?? defaultFormat;
  const refs = (options.reference ?? []).filter((r) => Number.isFinite(r.value));
  const title = options.title ?? 'Figures by period';
  const svg = svgFrame({ width, height, title, className: 'time-series-chart' });

  const periods: string[] = options.periods ? [...options.periods] : [];
  if (!options.periods) {
    const seen = new Set<string>();
    for (const p of [...series.flatMap((s) => s.points), ...refs]) {
      if (!seen.has(p.period)) {
        seen.add(p.period);
        periods.push(p.period);
      }
    }
  }
  const inDomain = new Set(periods);
  const values = series.flatMap((s) => s.points)
    .filter((p) => inDomain.has(p.period) && p.value !== null && Number.isFinite(p.value))
    .map((p) => p.value as number);
  const shownRefs = refs.filter((r) => inDomain.has(r.period));
  if (!periods.length || (!values.length && !shownRefs.length)) {
    noData(svg, width, height);
    return svg.node()!;
  }

  // Legend first: its height sets the top margin.
  const anyProvisional = series.some((s) => s.points.some((p) => p.provisional && p.value !== null));
  const multi = series.length > 1;
  const items: LegendItem[] = series.map((s, i) => kind === 'bars'
    ? { label: s.name, colour: seriesColour(i), kind: 'rect', shape: multi ? SHAPES[i % SHAPES.length] : undefined }
    : { label: s.name, colour: seriesColour(i), kind: 'line', shape: SHAPES[i % SHAPES.length] });
  if (anyProvisional) {
    items.push(kind === 'bars'
      ? { label: 'Provisional (hollow, dashed): may still change', colour: COLOURS.neutral, kind: 'rect', hollow: true, dash: '3 2' }
      : { label: 'Provisional (hollow, dashed): may still change', colour: COLOURS.neutral, kind: 'line', dash: '4 3', shape: symbolCircle, hollow: true });
  }
  if (shownRefs.length) items.push({ label: options.referenceName ?? 'Published figures (labelled)', colour: COLOURS.text, kind: 'symbol', shape: symbolDiamond, hollow: true });
  const goal = options.goal && Number.isFinite(options.goal.value) ? options.goal : null;
  if (goal) items.push({ label: goal.label, colour: COLOURS.text, kind: 'line', dash: '6 4' });
  const legendH = legend(svg, items, 8, 12, width - 16);

  const goalValues = goal ? [goal.value] : [];
  const lo = Math.min(0, ...values, ...shownRefs.map((r) => r.value), ...goalValues);
  let hi = Math.max(0, ...values, ...shownRefs.map((r) => r.value), ...goalValues);
  if (hi === lo) hi = lo + 1;
  const yProbe = scaleLinear().domain([lo, hi]).nice();
  const tickW = Math.max(...yProbe.ticks(5).map((t) => textWidth(fmt(t), 11)));
  const margin = { top: legendH + 18, right: 16, bottom: 42, left: 22 + tickW + 8 };
  const plotBottom = Math.max(margin.top + 40, height - margin.bottom);
  const y = yProbe.range([plotBottom, margin.top]);
  const x = scaleBand<string>().domain(periods).range([margin.left, width - margin.right])
    .paddingInner(kind === 'bars' ? 0.2 : 0).paddingOuter(kind === 'bars' ? 0.1 : 0);
  const cx = (p: string) => (x(p) ?? 0) + x.bandwidth() / 2;

  // Grid and axes.
  const ticks = y.ticks(5);
  svg.append('g').attr('class', 'grid').attr('aria-hidden', 'true').selectAll('line').data(ticks).join('line')
    .attr('x1', margin.left).attr('x2', width - margin.right).attr('y1', (t) => y(t)).attr('y2', (t) => y(t))
    .attr('stroke', COLOURS.grid);
  const yAxis = svg.append('g').attr('class', 'axis y-axis').attr('transform', `translate(${margin.left},0)`)
    .call(axisLeft(y).tickValues(ticks).tickFormat((t) => fmt(+t)).tickSizeOuter(0));
  styleAxis(yAxis);
  const labelW = Math.max(...periods.map((p) => textWidth(p, 11))) + 10;
  const every = Math.max(1, Math.ceil(labelW / x.step()));
  const xAxis = svg.append('g').attr('class', 'axis x-axis').attr('transform', `translate(0,${plotBottom})`)
    .call(axisBottom(x).tickValues(periods.filter((_, i) => i % every === 0)).tickSizeOuter(0));
  styleAxis(xAxis);
  if (y.domain()[0] < 0) {
    svg.append('line').attr('class', 'zero-line').attr('x1', margin.left).attr('x2', width - margin.right)
      .attr('y1', y(0)).attr('y2', y(0)).attr('stroke', COLOURS.neutral);
  }
  svg.append('text').attr('class', 'axis-label y-label')
    .attr('transform', `translate(12,${(margin.top + plotBottom) / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle').attr('fill', COLOURS.text)
    .text(truncate(options.yLabel ?? 'Value', plotBottom - margin.top));
  svg.append('text').attr('class', 'axis-label x-label')
    .attr('x', (margin.left + width - margin.right) / 2).attr('y', height - 6)
    .attr('text-anchor', 'middle').attr('fill', COLOURS.text)
    .text(options.xLabel ?? 'Period');

  const marks = svg.append('g').attr('class', 'marks');
  const tip = (s: TimeSeries, p: TimeSeriesPoint) => `${s.name}, ${p.period}: ${p.label ?? fmt(p.value as number)}${p.provisional ? ' (provisional)' : ''}`;

  if (kind === 'bars') {
    const inner = scaleBand<string>().domain(series.map((s) => s.id)).range([0, x.bandwidth()]).padding(0.06);
    series.forEach((s, i) => {
      const colour = seriesColour(i);
      const g = marks.append('g').attr('class', 'series').attr('data-series', s.id);
      for (const p of s.points) {
        if (p.value === null || !Number.isFinite(p.value) || !inDomain.has(p.period)) continue;
        const bx = (x(p.period) ?? 0) + (inner(s.id) ?? 0);
        const top = y(Math.max(0, p.value));
        const h = Math.abs(y(p.value) - y(0));
        const bar = g.append('g').attr('class', 'mark bar')
          .attr('data-series', s.id).attr('data-period', p.period).attr('data-value', p.value)
          .attr('data-provisional', p.provisional ? 'true' : null);
        bar.append('title').text(tip(s, p));
        bar.append('rect').attr('x', bx).attr('y', top).attr('width', inner.bandwidth()).attr('height', h)
          .attr('fill', p.provisional ? '#fff' : colour)
          .attr('stroke', colour).attr('stroke-width', p.provisional ? 1.5 : 0)
          .attr('stroke-dasharray', p.provisional ? '3 2' : null);
        if (multi && inner.bandwidth() >= 5) {
          const size = Math.min(36, inner.bandwidth() ** 2 * 0.6);
          bar.append('path').attr('class', 'marker').attr('data-shape', SHAPE_NAMES[i % SHAPES.length])
            .attr('d', symbolPath(SHAPES[i % SHAPES.length], size))
            .attr('transform', `translate(${bx + inner.bandwidth() / 2},${top - Math.sqrt(size) / 2 - 3})`)
            .attr('fill', colour);
        }
      }
    });
  } else {
    const size = Math.max(14, Math.min(48, x.step() ** 2 / 6));
    series.forEach((s, i) => {
      const colour = seriesColour(i);
      const shape = SHAPES[i % SHAPES.length];
      const byPeriod = new Map(s.points.map((p) => [p.period, p]));
      const solid: string[] = [];
      const dashed: string[] = [];
      for (let k = 0; k + 1 < periods.length; k++) {
        const a = byPeriod.get(periods[k]);
        const b = byPeriod.get(periods[k + 1]);
        if (!a || !b || a.value === null || b.value === null || !Number.isFinite(a.value) || !Number.isFinite(b.value)) continue;
        const seg = `M${cx(a.period)},${y(a.value)}L${cx(b.period)},${y(b.value)}`;
        (a.provisional || b.provisional ? dashed : solid).push(seg);
      }
      const g = marks.append('g').attr('class', 'series').attr('data-series', s.id);
      if (solid.length) g.append('path').attr('class', 'line').attr('d', solid.join('')).attr('fill', 'none').attr('stroke', colour).attr('stroke-width', 2);
      if (dashed.length) g.append('path').attr('class', 'line provisional').attr('d', dashed.join('')).attr('fill', 'none').attr('stroke', colour).attr('stroke-width', 2).attr('stroke-dasharray', '4 3');
      for (const p of periods.map((q) => byPeriod.get(q))) {
        if (!p || p.value === null || !Number.isFinite(p.value)) continue;
        const m = g.append('path').attr('class', 'mark point').attr('data-shape', SHAPE_NAMES[i % SHAPES.length])
          .attr('data-series', s.id).attr('data-period', p.period).attr('data-value', p.value)
          .attr('data-provisional', p.provisional ? 'true' : null)
          .attr('d', symbolPath(shape, size)).attr('transform', `translate(${cx(p.period)},${y(p.value)})`)
          .attr('fill', p.provisional ? '#fff' : colour).attr('stroke', colour).attr('stroke-width', 1.5);
        m.append('title').text(tip(s, p));
      }
    });
  }

  if (goal) {
    const g = svg.append('g').attr('class', 'goal').attr('data-value', goal.value);
    g.append('title').text(`${goal.label}: ${fmt(goal.value)}`);
    g.append('line').attr('x1', margin.left).attr('x2', width - margin.right).attr('y1', y(goal.value)).attr('y2', y(goal.value))
      .attr('stroke', COLOURS.text).attr('stroke-width', 1.5).attr('stroke-dasharray', '6 4');
  }

  // Reference diamonds, labelled; labels at one period nudged apart.
  const refG = svg.append('g').attr('class', 'references');
  for (const period of new Set(shownRefs.map((r) => r.period))) {
    const here = shownRefs.filter((r) => r.period === period).sort((a, b) => y(a.value) - y(b.value));
    let lastY = -Infinity;
    for (const r of here) {
      const px = cx(r.period);
      const py = y(r.value);
      const g = refG.append('g').attr('class', 'mark reference').attr('data-period', r.period).attr('data-value', r.value);
      g.append('title').text(`${r.label} (${r.period}): ${fmt(r.value)}`);
      g.append('path').attr('d', symbolPath(symbolDiamond, 70)).attr('transform', `translate(${px},${py})`)
        .attr('fill', '#fff').attr('stroke', COLOURS.text).attr('stroke-width', 1.5);
      const ly = Math.max(py + 4, lastY + 13);
      lastY = ly;
      const w = textWidth(r.label, 11);
      const right = px + 8 + w <= width - 2;
      g.append('text').attr('class', 'reference-label').attr('x', right ? px + 8 : px - 8).attr('y', ly)
        .attr('text-anchor', right ? 'start' : 'end').attr('font-size', 11).attr('fill', COLOURS.text)
        .attr('paint-order', 'stroke').attr('stroke', '#fff').attr('stroke-width', 3)
        .text(r.label);
    }
  }
  return svg.node()!;
}
