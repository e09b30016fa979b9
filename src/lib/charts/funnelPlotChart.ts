import { MIN_N_TO_COMPARE } from '../thresholds';
import { symbolCircle, symbolDiamond, symbolTriangle, type SymbolType } from 'd3';
import { fmtInt, fmtPct } from '../format';
import { COLOURS } from './palette';
import { pctTick, selectable, textWidth, truncate, uid, type LegendItem } from './chartParts';
import { frame, type ChartElement, type FrameContext, type Mark } from './frame';
import { dot } from './marks/dot';
import { linePath } from './marks/line';
import { rule } from './marks/rule';
import { pointLabel } from './marks/text';
import type { ChartOptions } from './options';
import type { ChartTable } from './table';

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

/** `onSelect` is called with the group whose point was activated. */
export type FunnelPlotChartOptions = ChartOptions<string>;

type RatePoint = FunnelPlotChartPoint & { rate: number };

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
  tooSmall: { shape: symbolDiamond, rotate: 0, filled: false, colour: COLOURS.neutral, size: 30, text: `too few people to judge (under ${MIN_N_TO_COMPARE})` },
};

const LEGEND_TEXT: Record<FunnelPlotClass, string> = {
  within: 'Within limits',
  above95: 'Above 95%',
  above998: 'Above 99.8%',
  below95: 'Below 95%',
  below998: 'Below 99.8%',
  tooSmall: `Under ${MIN_N_TO_COMPARE}: too small to judge`,
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
export function funnelPlotChart(data: FunnelPlotChartData, options: FunnelPlotChartOptions = {}): ChartElement {
  const points = data.points.filter((p): p is RatePoint => p.rate !== null && Number.isFinite(p.rate) && p.n > 0);
  // y covers the points and the overall rate with some room; limit curves are clipped.
  const rates = [...points.map((p) => p.rate), data.overall];
  const pad = Math.max(0.05, (Math.max(...rates) - Math.min(...rates)) * 0.2);
  const maxN = Math.max(0, ...points.map((p) => p.n), ...data.limits.map((l) => l.n));
  const limits = data.limits.filter((l) => l.n > 0).sort((a, b) => a.n - b.n);
  return frame({
    className: 'funnel-plot-chart',
    options,
    defaults: { width: 720, height: 380, title: 'Funnel plot: rate against number of people, with control limits' },
    empty: !points.length && 'No data to show',
    legend: legendItems(data, points),
    x: { type: 'linear', domain: [0, maxN * 1.05], format: fmtInt, label: 'Number of people (n)' },
    y: { type: 'linear', domain: [Math.max(0, Math.min(...rates) - pad), Math.min(1, Math.max(...rates) + pad)], format: pctTick, label: 'Rate (%)' },
    marks: [
      { render: (ctx) => limitsMark(ctx, limits, data.overall) },
      { margin: { right: textWidth('99.8%', 11) + 10 }, render: (ctx) => limitLabels(ctx, limits, data.overall) },
      pointsMark(points, options.onSelect),
    ],
    table: funnelPlotTable(data, points, limits),
  });
}

/** A row per group drawn: n, rate, the 95% limits at its n and where it lies against them. */
function funnelPlotTable(data: FunnelPlotChartData, points: RatePoint[], limits: FunnelPlotChartLimits[]): ChartTable {
  const at = (n: number) => limits.find((l) => l.n >= n) ?? limits[limits.length - 1];
  return {
    columns: [{ label: 'Group' }, { label: 'n' }, { label: 'Rate', format: fmtPct }, { label: '95% limits at this n' }, { label: 'Against the limits' }],
    rows: points.map((p) => {
      const l = at(p.n);
      return [p.group, p.n, p.rate, l ? `${fmtPct(l.lower95)}–${fmtPct(l.upper95)}` : null, p.class ? STYLE[p.class].text : null];
    }),
    notes: [`Overall rate: ${fmtPct(data.overall)}`],
  };
}

function legendItems(data: FunnelPlotChartData, points: RatePoint[]): LegendItem[] {
  return [
    { label: `Overall ${fmtPct(data.overall)}`, colour: COLOURS.text, kind: 'line' },
    { label: '95% limits', colour: COLOURS.neutral, kind: 'line', dash: DASH_95 },
    { label: '99.8% limits', colour: COLOURS.text, kind: 'line', dash: DASH_998 },
    ...(Object.keys(STYLE) as FunnelPlotClass[]).filter((c) => c !== 'tooSmall' || points.some((p) => p.class === 'tooSmall')).map((c) => ({
      label: LEGEND_TEXT[c], colour: STYLE[c].colour, kind: 'symbol' as const, shape: STYLE[c].shape, hollow: !STYLE[c].filled, rotate: STYLE[c].rotate,
    })),
  ];
}

const CURVES: [keyof FunnelPlotChartLimits, string, string, string][] = [
  ['upper95', DASH_95, COLOURS.neutral, '95'],
  ['lower95', DASH_95, COLOURS.neutral, '95'],
  ['upper998', DASH_998, COLOURS.text, '99.8'],
  ['lower998', DASH_998, COLOURS.text, '99.8'],
];

/** The four limit curves, clipped to the plot area, and the overall rate across it. */
function limitsMark({ svg, px, py, plot }: FrameContext, limits: FunnelPlotChartLimits[], overall: number): void {
  const clipId = uid('funnel-plot-clip');
  svg.append('clipPath').attr('id', clipId).append('rect')
    .attr('x', plot.left).attr('y', plot.top).attr('width', plot.right - plot.left).attr('height', plot.bottom - plot.top);
  const g = svg.append('g').attr('class', 'limits').attr('clip-path', `url(#${clipId})`);
  for (const [key, dash, colour, level] of limits.length >= 2 ? CURVES : []) {
    linePath(g, [limits.map((l) => [px(l.n), py(l[key])] as const)], { stroke: colour, width: 1.5, dash })
      .attr('class', `limit limit-${level.replace('.', '')}`).attr('data-limit', key)
      .append('title').text(`${level}% control limit (${key.startsWith('upper') ? 'upper' : 'lower'})`);
  }
  rule(svg.append('g'), plot.left, py(overall), plot.right, py(overall), { stroke: COLOURS.text, width: 1.5 })
    .attr('class', 'overall').append('title').text(`Overall rate ${fmtPct(overall)}`);
}

/** The overall rate and the upper limits named in the right margin, nudged apart. */
function limitLabels({ svg, py, plot, y }: FrameContext, limits: FunnelPlotChartLimits[], overall: number): void {
  const [lo, hi] = y!.domain() as number[];
  const clampY = (v: number) => py(Math.min(hi, Math.max(lo, v)));
  const g = svg.append('g').attr('class', 'limit-labels').attr('font-size', 11).attr('fill', COLOURS.text);
  const last = limits[limits.length - 1];
  const labels: [string, number][] = [[fmtPct(overall), py(overall)]];
  if (last && limits.length >= 2) labels.push(['95%', clampY(last.upper95)], ['99.8%', clampY(last.upper998)]);
  labels.sort((a, b) => a[1] - b[1]);
  let prevY = -Infinity;
  for (const [text, ly] of labels) {
    prevY = Math.max(ly + 4, prevY + 12);
    g.append('text').attr('class', 'limit-label').attr('x', plot.right + 4).attr('y', prevY).text(text);
  }
}

/** Points, larger groups first so small ones stay on top; those outside the limits named. */
function pointsMark(points: RatePoint[], onSelect: ((group: string) => void) | undefined): Mark {
  return {
    render({ svg, px, py, y, width }) {
      const [lo, hi] = y!.domain() as number[];
      const marks = svg.append('g').attr('class', 'marks');
      for (const p of [...points].sort((a, b) => b.n - a.n)) {
        const st = STYLE[p.class ?? 'within'];
        const [x0, y0] = [px(p.n), py(Math.min(hi, Math.max(lo, p.rate)))];
        const text = `${p.group}: ${fmtPct(p.rate)} of ${fmtInt(p.n)}, ${st.text}`;
        const g = marks.append('g').attr('class', 'mark point').attr('data-group', p.group).attr('data-class', p.class ?? 'within')
          .attr('data-n', p.n).attr('data-rate', p.rate);
        g.append('title').text(text);
        dot(g, x0, y0, { shape: st.shape, size: st.size, rotate: st.rotate, fill: st.filled ? st.colour : '#fff', stroke: st.colour });
        if (p.class && p.class !== 'within' && p.class !== 'tooSmall') {
          pointLabel(g, x0, y0 + 4, truncate(p.group, 140, 11), width - 2).attr('class', 'point-label');
        }
        if (onSelect) selectable(g, `${text}. Show this group.`, () => onSelect(p.group));
      }
    },
  };
}
