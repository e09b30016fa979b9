import { fmtInt, fmtPct } from '../format';
import { pctTick, seriesStyle, type LegendItem } from './chartParts';
import { frame, type ChartElement, type Mark } from './frame';
import { dot } from './marks/dot';
import { linePath } from './marks/line';
import type { ChartOptions } from './options';
import { readingPoints, stepValue, type ChartTable } from './table';

export interface IncidenceCurve {
  id: string;
  name: string;
  /** Step points: the share (0-1) reached at each time (days), ascending; the value holds until the next point. */
  points: { time: number; value: number }[];
  /** Last day of follow-up: the line stops here rather than at the axis's end (the estimate is unknown after it). */
  until?: number;
}

/** `x.domain` `[0, last day]` sets the last day shown (default: the latest point); curves are held flat to it. */
export type IncidenceChartOptions = ChartOptions;

interface Steps {
  curve: IncidenceCurve;
  pts: { time: number; value: number }[];
  end: number;
  stop: number;
}

/**
 * Cumulative incidence curves (e.g. Aalen-Johansen share approved by days since
 * enquiry) as step-after lines from (0, 0), each with its own colour, dash
 * pattern and end marker, on a percent y axis; the legend gives each curve's
 * value at the last day shown. A curve with `until` stops at its last day of
 * follow-up instead of being held flat beyond what is known.
 */
export function incidenceChart(curves: IncidenceCurve[], options: IncidenceChartOptions = {}): ChartElement {
  const clean = curves.map((c) => ({
    ...c,
    points: c.points.filter((p) => Number.isFinite(p.time) && Number.isFinite(p.value) && p.time >= 0).sort((a, b) => a.time - b.time),
  }));
  const latest = Math.max(0, ...clean.flatMap((c) => c.points.map((p) => p.time)));
  const maxTime = options.x?.domain?.[1] ?? latest;
  const empty = !clean.length || !(maxTime > 0);
  const steps = empty ? [] : clean.map((c) => stepsOf(c, maxTime));
  const top = Math.max(0.05, ...steps.flatMap((s) => s.pts.map((p) => p.value)));
  const legend: LegendItem[] = steps.map(({ curve, end, stop }, i) => {
    const st = seriesStyle(i);
    return { label: endText(curve, end, stop), colour: st.colour, kind: 'line', dash: st.dash, shape: st.shape };
  });
  return frame({
    className: 'incidence-chart',
    options,
    defaults: { width: 720, height: 340, title: 'Cumulative share by days' },
    empty: empty && 'No data to show',
    legend,
    x: { type: 'linear', domain: [0, maxTime], nice: false, format: fmtInt, label: 'Days' },
    y: { type: 'linear', domain: [0, Math.min(1, top * 1.1)], format: pctTick, label: 'Cumulative share (%)' },
    marks: [curvesMark(steps)],
    table: incidenceTable(steps, maxTime),
  });
}

/** The curves read off at round days up to the last one shown: no figure past a curve's last day followed. */
function incidenceTable(steps: Steps[], maxTime: number): ChartTable {
  return {
    columns: [{ label: 'Days' }, ...steps.map((s) => ({ label: s.curve.name, format: fmtPct }))],
    rows: readingPoints(maxTime).map((day) => [fmtInt(day), ...steps.map((s) => (day > s.stop ? null : stepValue(s.pts, day, 0)))]),
  };
}

const endText = (curve: IncidenceCurve, end: number, stop: number) => `${curve.name}: ${fmtPct(end)} by day ${fmtInt(stop)}`;

/** A curve as steps from (0,0), cut at and held flat to maxTime (or stopped at its last day followed). */
function stepsOf(c: IncidenceCurve, maxTime: number): Steps {
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
}

/** Each curve: a step line in its series' colour and dash, with its shape at the end. */
function curvesMark(steps: Steps[]): Mark {
  return {
    render({ svg, px, py }) {
      const marks = svg.append('g').attr('class', 'marks');
      steps.forEach(({ curve, pts, end, stop }, i) => {
        const st = seriesStyle(i);
        const g = marks.append('g').attr('class', 'mark curve').attr('data-curve', curve.id).attr('data-end', end);
        g.append('title').text(endText(curve, end, stop));
        linePath(g, [pts.map((p) => [px(p.time), py(p.value)] as const)], { stroke: st.colour, dash: st.dash, step: true }).attr('class', 'line');
        dot(g, px(stop), py(end), { shape: st.shape, size: 48, fill: st.colour, stroke: '#fff', strokeWidth: 1 })
          .attr('class', 'end-marker').attr('data-shape', st.shapeName);
      });
    },
  };
}
