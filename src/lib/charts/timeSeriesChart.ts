import { symbolCircle, symbolDiamond, type ScaleBand } from 'd3';
import { fmtInt } from '../format';
import { COLOURS } from './palette';
import { seriesStyle, type LegendItem } from './chartParts';
import { frame, type ChartElement, type FrameContext, type Mark } from './frame';
import { bar } from './marks/bar';
import { dot } from './marks/dot';
import { linePath } from './marks/line';
import { pointLabel } from './marks/text';
import type { ChartOptions } from './options';
import type { ChartTable, TableCell } from './table';

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

/** A published comparison figure for one period (e.g. England's), drawn as a labelled diamond. */
export interface PublishedFigure {
  period: string;
  value: number;
  label: string;
}

/** `x.domain` orders the periods (default: in order of first appearance); `y.format` writes values. */
export interface TimeSeriesChartOptions extends ChartOptions<never, string> {
  kind?: 'line' | 'bars';
  /** Published figures per period (e.g. England), drawn as labelled hollow diamonds. */
  published?: PublishedFigure[];
  /** Legend text for the published diamonds. */
  publishedName?: string;
}

type Fmt = (n: number) => string;
const defaultFormat: Fmt = (n) => (Number.isInteger(n) ? fmtInt(n) : n.toLocaleString('en-GB', { maximumSignificantDigits: 3 }));
const has = (p: TimeSeriesPoint | undefined): p is TimeSeriesPoint & { value: number } => !!p && p.value !== null && Number.isFinite(p.value);
const PROVISIONAL = 'Provisional (hollow, dashed): may still change';

/**
 * Figures per period for one or more series, as lines with a distinct marker
 * shape per series or as grouped bars (each bar topped by its series' marker).
 * Periods are ordinal labels on a band scale. Provisional figures are drawn hollow
 * with dashed lines and noted in the legend; published figures (e.g. national)
 * are labelled hollow diamonds.
 */
export function timeSeriesChart(series: TimeSeries[], options: TimeSeriesChartOptions = {}): ChartElement {
  const kind = options.kind ?? 'line';
  const fmt = options.y?.format ?? defaultFormat;
  const published = (options.published ?? []).filter((r) => Number.isFinite(r.value));
  const periods = options.x?.domain ? [...options.x.domain] : firstSeen([...series.flatMap((s) => s.points), ...published]);
  const inDomain = new Set(periods);
  const values = series.flatMap((s) => s.points).filter((p) => inDomain.has(p.period) && has(p)).map((p) => p.value as number);
  const shown = published.filter((r) => inDomain.has(r.period));
  const bars = kind === 'bars';
  return frame({
    className: 'time-series-chart',
    options,
    defaults: { width: 720, height: 320, title: 'Figures by period' },
    empty: (!periods.length || (!values.length && !shown.length)) && 'No data to show',
    legend: legendItems(series, kind, shown.length > 0, options.publishedName),
    x: { type: 'band', domain: periods, paddingInner: bars ? 0.2 : 0, paddingOuter: bars ? 0.1 : 0, label: 'Period' },
    y: { type: 'linear', domain: [0, ...values, ...shown.map((r) => r.value)], format: fmt, label: 'Value' },
    marks: [
      { render: (ctx) => (bars ? barsMark : linesMark)(ctx, series, periods, fmt) },
      { render: (ctx) => publishedMark(ctx, shown, fmt) },
    ],
    table: seriesTable(series, periods, shown, fmt, options.publishedName),
  });
}

/** A row per period, a column per series (and one for the published figures): provisional figures say so. */
function seriesTable(series: TimeSeries[], periods: string[], shown: PublishedFigure[], fmt: Fmt, publishedName?: string): ChartTable {
  const cell = (p: TimeSeriesPoint | undefined): TableCell => {
    if (!has(p)) return null;
    const text = p.label ?? fmt(p.value);
    return p.provisional ? `${text} (provisional)` : p.label ?? p.value;
  };
  const published = (period: string): TableCell => {
    const here = shown.filter((r) => r.period === period);
    return here.length ? here.map((r) => `${r.label}: ${fmt(r.value)}`).join('; ') : null;
  };
  const byPeriod = series.map((s) => new Map(s.points.map((p) => [p.period, p])));
  return {
    columns: [{ label: 'Period' }, ...series.map((s) => ({ label: s.name, format: fmt })), ...(shown.length ? [{ label: publishedName ?? 'Published figures' }] : [])],
    rows: periods.map((period) => [period, ...byPeriod.map((m) => cell(m.get(period))), ...(shown.length ? [published(period)] : [])]),
  };
}

function firstSeen(points: { period: string }[]): string[] {
  return [...new Set(points.map((p) => p.period))];
}

function legendItems(series: TimeSeries[], kind: 'line' | 'bars', anyPublished: boolean, publishedName?: string): LegendItem[] {
  const multi = series.length > 1;
  const items: LegendItem[] = series.map((s, i) => kind === 'bars'
    ? { label: s.name, colour: seriesStyle(i).colour, kind: 'rect', shape: multi ? seriesStyle(i).shape : undefined }
    : { label: s.name, colour: seriesStyle(i).colour, kind: 'line', shape: seriesStyle(i).shape });
  if (series.some((s) => s.points.some((p) => p.provisional && p.value !== null))) {
    items.push(kind === 'bars'
      ? { label: PROVISIONAL, colour: COLOURS.neutral, kind: 'rect', hollow: true, dash: '3 2' }
      : { label: PROVISIONAL, colour: COLOURS.neutral, kind: 'line', dash: '4 3', shape: symbolCircle, hollow: true });
  }
  if (anyPublished) items.push({ label: publishedName ?? 'Published figures (labelled)', colour: COLOURS.text, kind: 'symbol', shape: symbolDiamond, hollow: true });
  return items;
}

const tip = (s: TimeSeries, p: TimeSeriesPoint & { value: number }, fmt: Fmt) =>
  `${s.name}, ${p.period}: ${p.label ?? fmt(p.value)}${p.provisional ? ' (provisional)' : ''}`;

/** Grouped bars, one per series within each period; several series also carry their marker shape. */
function barsMark({ svg, x, py }: FrameContext, series: TimeSeries[], periods: string[], fmt: Fmt): void {
  const band = x as ScaleBand<string>;
  const inDomain = new Set(periods);
  const inner = band.copy().domain(series.map((s) => s.id)).range([0, band.bandwidth()]).paddingInner(0.06).paddingOuter(0.06);
  const marks = svg.append('g').attr('class', 'marks');
  series.forEach((s, i) => {
    const st = seriesStyle(i);
    const g = marks.append('g').attr('class', 'series').attr('data-series', s.id);
    for (const p of s.points) {
      if (!has(p) || !inDomain.has(p.period)) continue;
      const bx = (band(p.period) ?? 0) + (inner(s.id) ?? 0);
      const top = py(Math.max(0, p.value));
      const m = g.append('g').attr('class', 'mark bar').attr('data-series', s.id).attr('data-period', p.period)
        .attr('data-value', p.value).attr('data-provisional', p.provisional ? 'true' : null);
      m.append('title').text(tip(s, p, fmt));
      bar(m, bx, top, inner.bandwidth(), Math.abs(py(p.value) - py(0)), { colour: st.colour, hollow: p.provisional, dash: p.provisional ? '3 2' : '' });
      if (series.length > 1 && inner.bandwidth() >= 5) {
        const size = Math.min(36, inner.bandwidth() ** 2 * 0.6);
        dot(m, bx + inner.bandwidth() / 2, top - Math.sqrt(size) / 2 - 3, { shape: st.shape, size, fill: st.colour, stroke: 'none', strokeWidth: 0 })
          .attr('class', 'marker').attr('data-shape', st.shapeName);
      }
    }
  });
}

/** A line per series with its marker shape at each figure: gaps at nulls, dashed into provisional figures. */
function linesMark({ svg, x, px, py }: FrameContext, series: TimeSeries[], periods: string[], fmt: Fmt): void {
  const size = Math.max(14, Math.min(48, (x as ScaleBand<string>).step() ** 2 / 6));
  const marks = svg.append('g').attr('class', 'marks');
  series.forEach((s, i) => {
    const st = seriesStyle(i);
    const byPeriod = new Map(s.points.map((p) => [p.period, p]));
    const solid: (readonly [number, number])[][] = [];
    const dashed: (readonly [number, number])[][] = [];
    for (let k = 0; k + 1 < periods.length; k++) {
      const [a, b] = [byPeriod.get(periods[k]), byPeriod.get(periods[k + 1])];
      if (!has(a) || !has(b)) continue;
      (a.provisional || b.provisional ? dashed : solid).push([[px(a.period), py(a.value)], [px(b.period), py(b.value)]]);
    }
    const g = marks.append('g').attr('class', 'series').attr('data-series', s.id);
    if (solid.length) linePath(g, solid, { stroke: st.colour }).attr('class', 'line');
    if (dashed.length) linePath(g, dashed, { stroke: st.colour, dash: '4 3' }).attr('class', 'line provisional');
    for (const p of periods.map((q) => byPeriod.get(q))) {
      if (!has(p)) continue;
      dot(g, px(p.period), py(p.value), { shape: st.shape, size, fill: p.provisional ? '#fff' : st.colour, stroke: st.colour })
        .attr('class', 'mark point').attr('data-shape', st.shapeName)
        .attr('data-series', s.id).attr('data-period', p.period).attr('data-value', p.value)
        .attr('data-provisional', p.provisional ? 'true' : null)
        .append('title').text(tip(s, p, fmt));
    }
  });
}

/** Published figures as hollow diamonds, labelled; labels at one period nudged apart. */
function publishedMark({ svg, px, py, width }: FrameContext, shown: PublishedFigure[], fmt: Fmt): void {
  const refG = svg.append('g').attr('class', 'references');
  for (const period of new Set(shown.map((r) => r.period))) {
    const here = shown.filter((r) => r.period === period).sort((a, b) => py(a.value) - py(b.value));
    let lastY = -Infinity;
    for (const r of here) {
      const [x0, y0] = [px(r.period), py(r.value)];
      const g = refG.append('g').attr('class', 'mark reference').attr('data-period', r.period).attr('data-value', r.value);
      g.append('title').text(`${r.label} (${r.period}): ${fmt(r.value)}`);
      dot(g, x0, y0, { shape: symbolDiamond, size: 70, fill: '#fff', stroke: COLOURS.text });
      lastY = Math.max(y0 + 4, lastY + 13);
      pointLabel(g, x0, lastY, r.label, width - 2).attr('class', 'reference-label');
    }
  }
}
