import { axisBottom, axisLeft, type ScaleBand, type ScaleLinear } from 'd3';
import { COLOURS } from './palette';
import { styleAxis, truncate, type SvgSel } from './chartParts';
import { tickText } from './scales';
import { Y_TITLE_LINE, yTitleLines, type Layout } from './layout';

/**
 * The frame's axes, styled once for every chart: grid lines, a zero line when
 * values go below zero, tick labels and axis titles.
 */
export function drawAxes(svg: SvgSel, at: Layout): void {
  const { plot, xSpec, ySpec, x, y } = at;
  if (ySpec?.type === 'linear' && ySpec.grid !== false && ySpec.axis !== false) {
    gridLines(svg, at.yTicks.map((t) => (y as ScaleLinear<number, number>)(+t)), 'y', at);
  }
  if (xSpec?.type === 'linear' && xSpec.grid) gridLines(svg, at.xTicks.map((t) => (x as ScaleLinear<number, number>)(+t)), 'x', at);
  if (ySpec?.type === 'linear' && y && (y as ScaleLinear<number, number>).domain()[0] < 0) {
    const y0 = (y as ScaleLinear<number, number>)(0);
    svg.append('line').attr('class', 'zero-line').attr('x1', plot.left).attr('x2', plot.right)
      .attr('y1', y0).attr('y2', y0).attr('stroke', COLOURS.neutral);
  }
  if (ySpec && y && ySpec.axis !== false) {
    const axis = axisLeft(y as ScaleLinear<number, number>).tickValues(at.yTicks as number[]).tickFormat((t) => tickText(ySpec, t as number)).tickSizeOuter(0);
    styleAxis(svg.append('g').attr('class', 'axis y-axis').attr('transform', `translate(${plot.left},0)`).call(axis));
    if (ySpec.label) {
      const title = svg.append('text').attr('class', 'axis-label y-label')
        .attr('transform', `translate(14,${(plot.top + plot.bottom) / 2}) rotate(-90)`)
        .attr('text-anchor', 'middle').attr('fill', COLOURS.text);
      // Turned, a tspan's dy moves it right: the second line sits between the first and the ticks.
      yTitleLines(ySpec.label, plot.bottom - plot.top).forEach((line, k) => title.append('tspan').attr('x', 0).attr('dy', k ? Y_TITLE_LINE : 0).text(line));
    }
  }
  if (xSpec && x && xSpec.axis !== false) {
    const axis = axisBottom(x as ScaleBand<string>).tickValues(at.xTicks as string[]).tickFormat((t) => tickText(xSpec, t)).tickSizeOuter(0);
    styleAxis(svg.append('g').attr('class', 'axis x-axis').attr('transform', `translate(0,${plot.bottom})`).call(axis));
    if (xSpec.label) {
      svg.append('text').attr('class', 'axis-label x-label')
        .attr('x', (plot.left + plot.right) / 2).attr('y', at.height - 6)
        .attr('text-anchor', 'middle').attr('fill', COLOURS.text)
        .text(truncate(xSpec.label, plot.right - plot.left));
    }
  }
}

/** Faint lines across the plot at each tick: horizontal for y, vertical for x. */
function gridLines(svg: SvgSel, at: number[], axis: 'x' | 'y', { plot }: Layout): void {
  const g = svg.append('g').attr('class', 'grid').attr('aria-hidden', 'true');
  for (const v of at) {
    const l = g.append('line').attr('stroke', COLOURS.grid);
    if (axis === 'y') l.attr('x1', plot.left).attr('x2', plot.right).attr('y1', v).attr('y2', v);
    else l.attr('x1', v).attr('x2', v).attr('y1', plot.top - 4).attr('y2', plot.bottom);
  }
}

