import { fmtInt, fmtPct } from '../format';
import { COLOURS } from './palette';
import { pctTick, seriesStyle, type LegendItem } from './chartParts';
import { frame, type ChartElement, type FrameContext, type Mark } from './frame';
import { dot } from './marks/dot';
import { bandPath, linePath } from './marks/line';
import { rule } from './marks/rule';
import type { ChartOptions } from './options';
import { readingPoints, type ChartTable } from './table';
import { DAYS_PER_MONTH } from '../funnel/periods';

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
  /** The legend's words for the curve; by default its name and where it ends (the least sure point of it: say where it is read, with its n, when known). */
  legend?: string;
}

export interface SurvivalChartOptions extends ChartOptions {
  /** Shade the first curve's 95% interval. */
  band?: boolean;
  /** Months marked by faint vertical lines. */
  guides?: readonly number[];
  /** What the chart says when there is no line to draw (by default "No households followed yet"). */
  emptyText?: string;
}

type Step = SurvivalSeries['steps'][number];

/**
 * Kaplan-Meier curves (share still fostering by months since approval) as
 * step lines from 100% at approval, each with its own colour, dash pattern and
 * end marker; optionally the first curve's 95% interval as a band, and marked
 * points whose <title> gives the figures (the table behind the chart has them all).
 */
export function survivalChart(series: SurvivalSeries[], options: SurvivalChartOptions = {}): ChartElement {
  const maxDays = Math.max(0, ...series.map((s) => s.until));
  const labels = series.map((s) => s.legend ?? `${s.name}: ${fmtPct(lastValue(s))} at ${fmtInt(Math.floor(s.until / DAYS_PER_MONTH))} months`);
  const legend: LegendItem[] = series.map((_, i) => {
    const st = seriesStyle(i);
    return { label: labels[i], colour: st.colour, kind: 'line', dash: st.dash, shape: st.shape };
  });
  if (options.band && series.length) legend.splice(1, 0, { label: `95% interval (${series[0].name})`, colour: COLOURS.open, outline: COLOURS.openOutline, kind: 'rect' });
  const guides = (options.guides ?? []).filter((m) => m * DAYS_PER_MONTH <= maxDays);
  return frame({
    className: 'survival-chart',
    options,
    defaults: { width: 720, height: 340, title: 'Share still fostering by months since approval' },
    empty: (!series.length || !(maxDays > 0)) && (options.emptyText ?? 'No households followed yet'),
    legend,
    x: { type: 'linear', domain: [0, maxDays / DAYS_PER_MONTH], nice: false, format: fmtInt, label: 'Months since approval' },
    y: { type: 'linear', domain: [0, 1], format: pctTick, label: 'Still fostering (%)' },
    marks: [
      { render: (ctx) => guidesMark(ctx, guides) },
      { render: (ctx) => { if (options.band) bandMark(ctx, series[0]); } },
      curvesMark(series, labels),
    ],
    table: survivalTable(series, maxDays),
  });
}

/** Each curve read off at round months (and the last month followed), with its 95% interval where known. */
function survivalTable(series: SurvivalSeries[], maxDays: number): ChartTable {
  const last = Math.floor(maxDays / DAYS_PER_MONTH);
  // Every 6 months, or every year over a long follow-up: the points carers and panels talk in.
  const months = readingPoints(last, 8, last > 48 ? 12 : 6);
  const points = series.map(stepPoints);
  const at = (i: number, days: number): string | null => {
    if (days > series[i].until) return null;
    const p = points[i].filter((q) => q.time <= days).pop()!;
    return p.low !== null && p.high !== null ? `${fmtPct(p.survival)} (${fmtPct(p.low)}–${fmtPct(p.high)})` : fmtPct(p.survival);
  };
  return {
    columns: [{ label: 'Months since approval' }, ...series.map((s) => ({ label: s.name }))],
    rows: months.map((m) => [fmtInt(m), ...series.map((_, i) => at(i, m * DAYS_PER_MONTH))]),
    notes: series.some((s) => s.steps.some((p) => p.low !== null)) ? ['In brackets: the 95% interval.'] : [],
  };
}

/** Faint dotted verticals at the months asked for. */
function guidesMark({ svg, px, plot }: FrameContext, months: readonly number[]): void {
  const g = svg.append('g').attr('class', 'guides').attr('aria-hidden', 'true');
  for (const m of months) rule(g, px(m), plot.top, px(m), plot.bottom, { stroke: COLOURS.neutral, dash: '2 4' });
}

/** Each curve: a step line with its series' dash and end shape, and its marked points. */
function curvesMark(series: SurvivalSeries[], labels: string[]): Mark {
  return {
    render({ svg, px, py }) {
      const marks = svg.append('g').attr('class', 'marks');
      series.forEach((s, i) => {
        const st = seriesStyle(i);
        const pts = stepPoints(s).map((p) => [px(p.time / DAYS_PER_MONTH), py(p.survival)] as const);
        const g = marks.append('g').attr('class', 'mark curve').attr('data-curve', s.id);
        g.append('title').text(labels[i]);
        linePath(g, [pts], { stroke: st.colour, dash: st.dash, step: true }).attr('class', 'line');
        const [ex, ey] = pts[pts.length - 1];
        dot(g, ex, ey, { shape: st.shape, size: 48, fill: st.colour, stroke: '#fff', strokeWidth: 1 })
          .attr('class', 'end-marker').attr('data-shape', st.shapeName);
        for (const mk of s.marks ?? []) {
          g.append('circle').attr('class', 'point').attr('cx', px(mk.time / DAYS_PER_MONTH)).attr('cy', py(mk.survival)).attr('r', 4)
            .attr('fill', '#fff').attr('stroke', st.colour).attr('stroke-width', 2)
            .append('title').text(mk.text);
        }
      });
    },
  };
}

/** The steps from (0, 100%) to the last day followed. */
function stepPoints(s: SurvivalSeries): Step[] {
  const pts: Step[] = [{ time: 0, survival: 1, low: null, high: null }];
  for (const st of s.steps) if (st.time <= s.until) pts.push(st);
  const last = pts[pts.length - 1];
  if (last.time < s.until) pts.push({ ...last, time: s.until });
  return pts;
}

function lastValue(s: SurvivalSeries): number {
  const pts = stepPoints(s);
  return pts[pts.length - 1].survival;
}

/** The first curve's interval as a shaded step band (where bounds are known), outlined: the pale fill alone is under 3:1. */
function bandMark({ svg, px, py }: FrameContext, s: SurvivalSeries): void {
  const pts = stepPoints(s).map((p) => ({ x: px(p.time / DAYS_PER_MONTH), low: py(p.low ?? p.survival), high: py(p.high ?? p.survival) }));
  bandPath(svg.append('g').attr('aria-hidden', 'true'), pts, COLOURS.open, 0.3, true)
    .attr('stroke', COLOURS.openOutline).attr('stroke-width', 1);
}
