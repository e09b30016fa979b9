import { fmtInt } from '../format';
import { COLOURS } from '../charts/palette';
import { frame, type ChartElement, type FrameContext } from '../charts/frame';
import { bandPath, linePath } from '../charts/marks/line';
import { rule } from '../charts/marks/rule';
import type { ChartOptions } from '../charts/options';
import type { ChartTable } from '../charts/table';
import type { RatePoint } from './rateCurve';

export interface PlanChartOptions extends ChartOptions {
  title: string;
  /** Approvals needed: drawn as the chart's reference rule. */
  target: number;
  /** The current enquiry rate and the rate needed (vertical markers), when known. */
  current: number;
  needed: number | null;
}

/** The interval band: a pale fill (1.3:1 against white) outlined in a blue that meets 3:1, in the chart and its legend. */
const BAND = '#cfe3f3';
const oneDecimal = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 1 });

/**
 * Approvals by the target date (y) against enquiries a month from now (x):
 * the expected count as a line, its 95% interval as a band, the approvals
 * needed as a reference rule, and the current and needed rates marked and named
 * in words, so nothing is read from colour alone.
 */
export function planChart(points: readonly RatePoint[], o: PlanChartOptions): ChartElement {
  const xMax = points.length ? points[points.length - 1].perMonth : 1;
  const yMax = Math.max(o.target, ...points.map((p) => p.high)) * 1.08 || 1;
  return frame({
    className: 'plan-chart',
    options: { ...o, reference: [{ value: o.target, label: 'Approvals needed', format: (v) => fmtInt(Math.round(v)) }] },
    defaults: { width: 720, height: 340, title: o.title },
    legend: [
      { label: 'Expected approvals', colour: COLOURS.continued, kind: 'line' },
      { label: '95% interval', colour: BAND, outline: COLOURS.openOutline, kind: 'rect' },
    ],
    plotHeight: 240,
    x: { type: 'linear', domain: [0, xMax], nice: false, format: oneDecimal, label: 'Enquiries a month from now' },
    y: { type: 'linear', domain: [0, yMax], ticks: 6, format: oneDecimal, label: 'Approvals by the date' },
    marks: [
      {
        render({ svg, px, py }) {
          const g = svg.append('g').attr('class', 'marks');
          bandPath(g, points.map((p) => ({ x: px(p.perMonth), low: py(p.low), high: py(p.high) })), BAND)
            .attr('stroke', COLOURS.openOutline).attr('stroke-width', 1);
          linePath(g, [points.map((p) => [px(p.perMonth), py(p.value)] as const)], { stroke: COLOURS.continued, width: 2.5 }).attr('class', 'line');
        },
      },
      { render: (ctx) => rateMarks(ctx, o, xMax) },
    ],
    table: planTable(points, o),
  });
}

/** A row per enquiry rate drawn: the approvals expected and their 95% interval; the marked rates as notes. */
function planTable(points: readonly RatePoint[], o: PlanChartOptions): ChartTable {
  return {
    columns: [{ label: 'Enquiries a month', format: oneDecimal }, { label: 'Expected approvals', format: oneDecimal }, { label: '95% interval' }],
    rows: points.map((p) => [p.perMonth, p.value, `${oneDecimal(p.low)}–${oneDecimal(p.high)}`]),
    notes: [`Enquiries a month now: ${oneDecimal(o.current)}`, ...(o.needed === null ? [] : [`Needed: ${oneDecimal(o.needed)}`])],
  };
}

/** The current and needed enquiry rates: thin verticals, named at the top of the plot. */
function rateMarks({ svg, px, plot, width }: FrameContext, o: PlanChartOptions, xMax: number): void {
  const g = svg.append('g').attr('class', 'rate-marks');
  const mark = (rate: number, label: string, row: number) => {
    if (!(rate >= 0) || rate > xMax) return;
    rule(g, px(rate), plot.top, px(rate), plot.bottom, { stroke: COLOURS.neutral });
    const right = px(rate) > width * 0.7;
    g.append('text').attr('x', px(rate) + (right ? -4 : 4)).attr('y', plot.top + 12 + row * 15).attr('text-anchor', right ? 'end' : 'start')
      .attr('fill', COLOURS.text).attr('font-size', 11).text(label);
  };
  mark(o.current, `now ${o.current.toFixed(o.current < 10 ? 1 : 0)} a month`, 0);
  if (o.needed !== null) mark(o.needed, `needed ${o.needed.toFixed(o.needed < 10 ? 1 : 0)} a month`, 1);
}
