import { scaleLinear } from 'd3';
import { fmtInt, fmtPct } from '../format';
import { COLOURS } from './palette';
import { noData, selectable, svgFrame, truncate } from './chartParts';

/** What the funnel chart draws for each stage. */
export interface FunnelChartStage {
  id: string;
  name: string;
  reached: number;
  left: number;
  open: number;
  /** Conversion from the previous stage (0-1), null for the first. */
  conversion: number | null;
  /** Those who went on (default: reached - left - open). */
  went?: number;
  /** Shown instead of the counts, e.g. "<5" for published figures (the bars then draw those as 0). */
  labels?: { reached: string; went: string; left: string; open: string };
}

export interface FunnelChartOptions {
  width?: number;
  /** Height of each stage's bar. */
  barHeight?: number;
  /** Accessible title of the chart. */
  title?: string;
  /** Called when a stage bar is activated (click, Enter or Space); the bars are then focusable buttons. */
  onSelect?: (stageId: string) => void;
}

/**
 * A horizontal funnel: one bar per stage, split into those who went on
 * (dark), those still open at it (light) and those who left at it (orange),
 * with the conversion from the previous stage between the bars.
 */
export function funnelChart(stages: FunnelChartStage[], options: FunnelChartOptions = {}): SVGSVGElement {
  const width = options.width ?? 720;
  const barH = options.barHeight ?? 26;
  const gap = 22;
  const labelW = Math.min(170, width * 0.3);
  const countW = 70;
  const top = 28;
  const height = stages.length ? top + stages.length * (barH + gap) : 100;
  const max = Math.max(1, ...stages.map((s) => s.reached));
  const x = scaleLinear().domain([0, max]).range([0, width - labelW - countW - 8]);

  const title = options.title ?? 'Funnel: people reaching each stage';
  const onSelect = options.onSelect;
  const svg = svgFrame({ width, height, title, className: 'funnel-chart', interactive: !!onSelect && stages.length > 0 }).attr('font-size', 13);
  if (!stages.length) {
    noData(svg, width, height);
    return svg.node()!;
  }

  const legend = svg.append('g').attr('transform', `translate(${labelW},12)`).attr('aria-hidden', 'true');
  const items: [string, string][] = [['Went on', COLOURS.continued], ['Still open here', COLOURS.open], ['Left here', COLOURS.left]];
  let lx = 0;
  for (const [label, colour] of items) {
    legend.append('rect').attr('x', lx).attr('y', -9).attr('width', 12).attr('height', 12).attr('fill', colour);
    legend.append('text').attr('x', lx + 16).attr('y', 1).attr('fill', COLOURS.text).text(label);
    lx += 16 + label.length * 7 + 18;
  }

  stages.forEach((s, i) => {
    const y = top + i * (barH + gap) + gap / 2;
    const went = s.went ?? Math.max(0, s.reached - s.left - s.open);
    const label = s.labels ?? { reached: fmtInt(s.reached), went: fmtInt(went), left: fmtInt(s.left), open: fmtInt(s.open) };
    const g = svg.append('g')
      .attr('class', 'stage')
      .attr('data-stage', s.id)
      .attr('transform', `translate(0,${y})`);
    if (onSelect) {
      const what = i === stages.length - 1 ? 'Show them' : 'Show those who left here';
      selectable(g, `${s.name}: ${label.reached} reached, ${label.left} left here, ${label.open} still open. ${what}.`, () => onSelect(s.id));
    }
    g.append('title').text(`${s.name}: ${label.reached} reached; ${label.went} went on, ${label.open} still open here, ${label.left} left here`);
    g.append('text').attr('x', labelW - 8).attr('y', barH / 2 + 4).attr('text-anchor', 'end').attr('fill', COLOURS.text).text(truncate(s.name, labelW - 10)); // the full name is in the bar's title
    let cx = labelW;
    for (const [n, colour, cls] of [[went, COLOURS.continued, 'went'], [s.open, COLOURS.open, 'open'], [s.left, COLOURS.left, 'left']] as const) {
      const w = x(n);
      g.append('rect').attr('class', cls).attr('x', cx).attr('y', 0).attr('width', w).attr('height', barH).attr('fill', colour);
      cx += w;
    }
    g.append('text').attr('x', cx + 6).attr('y', barH / 2 + 4).attr('fill', COLOURS.text).attr('font-weight', 600).text(label.reached);
    if (i > 0 && s.conversion !== null) {
      svg.append('text')
        .attr('x', labelW + 4).attr('y', y - 5).attr('fill', COLOURS.neutral).attr('font-size', 12)
        .text(`↓ ${fmtPct(s.conversion)} of ${stages[i - 1].name.toLowerCase()}`);
    }
  });
  return svg.node()!;
}
