import { line, scaleLinear, symbolCircle, symbolDiamond, symbolTriangle, type SymbolType } from 'd3';
import { fmtInt, fmtPct } from '../format';
import { COLOURS } from './palette';
import { countRateAxes, legend, noData, selectable, svgFrame, symbolPath, textWidth, truncate, uid } from './chartParts';

/** As stats/funnelPlot's FunnelClass: outside 99.8%, outside 95% only, within, or too small to judge. */
export type FunnelPlotClass = 'within' | 'above95' | 'below95' | 'above998' | 'below998' | 'tooSmall';

export interface FunnelPlotChartPoint {
  group: string;
  n: number;
  /** 0-1; null when n = 0 (not drawn). */
  rate: number | null;
  class: FunnelPlotClass | null;
}

export interface FunnelPlotChartLimits {
  n: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

export interface FunnelPlotChartData {
  /** Overall rate, 0-1. */
  overall: number;
  points: FunnelPlotChartPoint[];
  /** Control limits at increasing n (see stats/funnelPlot). */
  limits: FunnelPlotChartLimits[];
}

export interface FunnelPlotChartOptions {
  width?: number;
  height?: number;
  /** Accessible title of the chart. */
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Called with the group when its point is activated (click, Enter or Space). */
  onSelect?: (group: string) => void;
}

interface ClassStyle {
  shape: SymbolType;
  rotate: number;
  filled: boolean;
  colour: string;
  size: number;
  text: string;
}

const STYLE: Record<FunnelPlotClass, ClassStyle> = {
  within: { shape: symbolCircle, rotate: 0, filled: false, colour: COLOURS.neutral, size: 42, text: 'within the limits (no sign of a difference)' },
  above95: { shape: symbolTriangle, rotate: 0, filled: false, colour: COLOURS.continued, size: 64, text: 'above the 95% limit only (worth a look, could be chance)' },
  above998: { shape: symbolTriangle, rotate: 0, filled: true, colour: COLOURS.continued, size: 80, text: 'above the 99.8% limit (higher: very unlikely to be chance alone)' },
  below95: { shape: symbolTriangle, rotate: 180, filled: false, colour: COLOURS.left, size: 64, text: 'below the 95% limit only (worth a look, could be chance)' },
  below998: { shape: symbolTriangle, rotate: 180, filled: true, colour: COLOURS.left, size: 80, text: 'below the 99.8% limit (lower: very unlikely to be chance alone)' },
  tooSmall: { shape: symbolDiamond, rotate: 0, filled: false, colour: COLOURS.neutral, size: 30, text: 'too few people to judge (under 10)' },
};

const LEGEND_TEXT: Record<FunnelPlotClass, string> = {
  within: 'Within limits',
  above95: 'Above 95%',
  above998: 'Above 99.8%',
  below95: 'Below 95%',
  below998: 'Below 99.8%',
  tooSmall: 'Under 10: too small to judge',
};

const DASH_95 = '6 4';
const DASH_998 = '2 3';

/**
 * A funnel plot (Spiegelhalter): each group's rate against its size n, with the
 * overall rate and exact 95% / 99.8% control limits that narrow as n grows, so small
 * groups are not flagged for noise. Points differ by shape and fill as well as
 * colour (hollow circle within, triangles pointing up/down outside, filled beyond
 * 99.8%, small hollow diamond for groups too small to judge), and those outside the
 * limits are labelled with their group. Outside 99.8% means very unlikely to be
 * chance alone; outside 95% only, worth a look but could well be chance.
 */
export function funnelPlotChart(data: FunnelPlotChartData, options: FunnelPlotChartOptions = {}): SVGSVGElement {
  const width = options.width ?? 720;
  const height = options.height ?? 380;
  const onSelect = options.onSelect;
  const title = options.title ?? 'Funnel plot: rate against number of people, with control limits';
  const points = data.points.filter((p): p is FunnelPlotChartPoint & { rate: number } => p.rate !== null && Number.isFinite(p.rate) && p.n > 0);
  const svg = svgFrame({ width, height, title, className: 'funnel-plot-chart', interactive: !!onSelect && points.length > 0 });
  if (!points.length) {
    noData(svg, width, height);
    return svg.node()!;
  }

  const legendH = legend(svg, [
    { label: `Overall ${fmtPct(data.overall)}`, colour: COLOURS.text, kind: 'line' },
    { label: '95% limits', colour: COLOURS.neutral, kind: 'line', dash: DASH_95 },
    { label: '99.8% limits', colour: COLOURS.text, kind: 'line', dash: DASH_998 },
    ...(Object.keys(STYLE) as FunnelPlotClass[]).filter((c) => c !== 'tooSmall' || points.some((p) => p.class === 'tooSmall')).map((c) => ({
      label: LEGEND_TEXT[c], colour: STYLE[c].colour, kind: 'symbol' as const, shape: STYLE[c].shape, hollow: !STYLE[c].filled, rotate: STYLE[c].rotate,
    })),
  ], 8, 12, width - 16);

  // y covers the points and the overall rate with some room; limit curves are clipped.
  const rates = [...points.map((p) => p.rate), data.overall];
  const rLo = Math.min(...rates);
  const rHi = Math.max(...rates);
  const pad = Math.max(0.05, (rHi - rLo) * 0.2);
  const y0 = scaleLinear().domain([Math.max(0, rLo - pad), Math.min(1, rHi + pad)]).nice();
  const margin = { top: legendH + 20, right: 48, bottom: 44, left: 60 };
  const plotBottom = Math.max(margin.top + 60, height - margin.bottom);
  const y = y0.range([plotBottom, margin.top]);
  const maxN = Math.max(...points.map((p) => p.n), ...data.limits.map((l) => l.n));
  const x = scaleLinear().domain([0, maxN * 1.05]).nice().range([margin.left, width - margin.right]);

  countRateAxes(svg, x, y, { width, height, margin, plotBottom }, { x: options.xLabel ?? 'Number of people (n)', y: options.yLabel ?? 'Rate (%)' });

  // Limits and overall line, clipped to the plot area.
  const clipId = uid('funnel-plot-clip');
  svg.append('clipPath').attr('id', clipId).append('rect')
    .attr('x', margin.left).attr('y', margin.top).attr('width', width - margin.left - margin.right).attr('height', plotBottom - margin.top);
  const limitsG = svg.append('g').attr('class', 'limits').attr('clip-path', `url(#${clipId})`);
  const limits = [...data.limits].filter((l) => l.n > 0).sort((a, b) => a.n - b.n);
  const curves: [keyof FunnelPlotChartLimits, string, string, string][] = [
    ['upper95', DASH_95, COLOURS.neutral, '95'],
    ['lower95', DASH_95, COLOURS.neutral, '95'],
    ['upper998', DASH_998, COLOURS.text, '99.8'],
    ['lower998', DASH_998, COLOURS.text, '99.8'],
  ];
  for (const [key, dash, colour, level] of curves) {
    if (limits.length < 2) break;
    const path = line<FunnelPlotChartLimits>().x((l) => x(l.n)).y((l) => y(l[key]))(limits);
    limitsG.append('path').attr('class', `limit limit-${level.replace('.', '')}`).attr('data-limit', key)
      .attr('d', path).attr('fill', 'none').attr('stroke', colour).attr('stroke-width', 1.5).attr('stroke-dasharray', dash)
      .append('title').text(`${level}% control limit (${key.startsWith('upper') ? 'upper' : 'lower'})`);
  }
  svg.append('line').attr('class', 'overall').attr('x1', margin.left).attr('x2', width - margin.right)
    .attr('y1', y(data.overall)).attr('y2', y(data.overall)).attr('stroke', COLOURS.text).attr('stroke-width', 1.5)
    .append('title').text(`Overall rate ${fmtPct(data.overall)}`);
  // Limit labels at the right end of the upper curves (and the overall line).
  const last = limits[limits.length - 1];
  const [dLo, dHi] = y.domain();
  const clampY = (v: number) => y(Math.min(dHi, Math.max(dLo, v)));
  const labelsG = svg.append('g').attr('class', 'limit-labels').attr('font-size', 11).attr('fill', COLOURS.text);
  const rightLabels: [string, number][] = [[`${fmtPct(data.overall)}`, y(data.overall)]];
  if (last && limits.length >= 2) rightLabels.push(['95%', clampY(last.upper95)], ['99.8%', clampY(last.upper998)]);
  rightLabels.sort((a, b) => a[1] - b[1]);
  let prevY = -Infinity;
  for (const [text, ly] of rightLabels) {
    const at = Math.max(ly + 4, prevY + 12);
    prevY = at;
    labelsG.append('text').attr('class', 'limit-label').attr('x', width - margin.right + 4).attr('y', at).text(text);
  }

  // Points: larger groups first so small ones stay on top.
  const marks = svg.append('g').attr('class', 'marks');
  for (const p of [...points].sort((a, b) => b.n - a.n)) {
    const st = STYLE[p.class ?? 'within'];
    const px = x(p.n);
    const py = y(Math.min(dHi, Math.max(dLo, p.rate)));
    const text = `${p.group}: ${fmtPct(p.rate)} of ${fmtInt(p.n)}, ${st.text}`;
    const g = marks.append('g').attr('class', 'mark point').attr('data-group', p.group).attr('data-class', p.class ?? 'within')
      .attr('data-n', p.n).attr('data-rate', p.rate);
    g.append('title').text(text);
    g.append('path').attr('d', symbolPath(st.shape, st.size)).attr('transform', `translate(${px},${py}) rotate(${st.rotate})`)
      .attr('fill', st.filled ? st.colour : '#fff').attr('stroke', st.colour).attr('stroke-width', 1.5);
    if (p.class && p.class !== 'within' && p.class !== 'tooSmall') {
      const label = truncate(p.group, 140, 11);
      const right = px + 8 + textWidth(label, 11) <= width - 2;
      g.append('text').attr('class', 'point-label').attr('x', right ? px + 8 : px - 8).attr('y', py + 4)
        .attr('text-anchor', right ? 'start' : 'end').attr('font-size', 11).attr('fill', COLOURS.text)
        .attr('paint-order', 'stroke').attr('stroke', '#fff').attr('stroke-width', 3)
        .text(label);
    }
    if (onSelect) selectable(g, `${text}. Show this group.`, () => onSelect(p.group));
  }
  return svg.node()!;
}
