import { axisBottom, scaleLinear, symbolCircle, symbolTriangle } from 'd3';
import { fmtInt, fmtInterval, fmtPct } from '../format';
import { COLOURS } from './palette';
import { legend, legendHeight, noData, pctTick, selectable, styleAxis, svgFrame, symbolPath, textWidth, truncate, type LegendItem } from './chartParts';

export interface IntervalRow {
  id: string;
  label: string;
  /** 0-1; null when there is no figure for the group. */
  rate: number | null;
  /** Interval bounds, 0-1 (e.g. 95% Wilson). */
  low: number | null;
  high: number | null;
  n: number;
  /** 'behind' / 'ahead': significantly below / above the reference. */
  highlight?: 'behind' | 'ahead' | null;
  /** Shown in small type under the row and in its tooltip. */
  note?: string;
}

export interface IntervalChartOptions {
  width?: number;
  /** Accessible title of the chart. */
  title?: string;
  /** Rate (0-1) drawn as a vertical reference line, e.g. everyone else or overall. */
  reference?: number;
  referenceLabel?: string;
  xLabel?: string;
  /** Called with the row id when a row is activated (click, Enter or Space). */
  onSelect?: (id: string) => void;
}

const STATUS = {
  behind: { symbol: '▼', text: 'behind', colour: COLOURS.left },
  ahead: { symbol: '▲', text: 'ahead', colour: COLOURS.approved },
} as const;

/**
 * Dot-and-interval rows for comparing groups on one rate: a dot at each group's
 * rate and a line across its interval on a 0-100% axis, a dashed vertical
 * reference line, n at the right. Rows behind (or ahead of) the reference get a
 * downward (upward) triangle, bold label and the word "behind" ("ahead"), not
 * just a colour. The height follows from the number of rows.
 */
export function intervalChart(rows: IntervalRow[], options: IntervalChartOptions = {}): SVGSVGElement {
  const width = options.width ?? 720;
  const onSelect = options.onSelect;
  const title = options.title ?? 'Rate per group with intervals';
  const hasNotes = rows.some((r) => r.note);
  const rowH = hasNotes ? 40 : 28;
  const ref = options.reference !== undefined && Number.isFinite(options.reference) ? options.reference : undefined;
  const refLabel = options.referenceLabel ?? 'Reference';

  const items: LegendItem[] = [{ label: 'Rate with its interval', colour: COLOURS.continued, kind: 'line', shape: symbolCircle }];
  if (rows.some((r) => r.highlight === 'behind')) items.push({ label: `Behind ${ref === undefined ? '' : refLabel.toLowerCase()}`.trim(), colour: STATUS.behind.colour, kind: 'symbol', shape: symbolTriangle, rotate: 180 });
  if (rows.some((r) => r.highlight === 'ahead')) items.push({ label: `Ahead of ${ref === undefined ? 'others' : refLabel.toLowerCase()}`, colour: STATUS.ahead.colour, kind: 'symbol', shape: symbolTriangle });
  if (ref !== undefined) items.push({ label: `${refLabel} ${fmtPct(ref)}`, colour: COLOURS.text, kind: 'line', dash: '5 3' });

  // The legend's height is needed before the svg's.
  const labelW = Math.min(200, width * 0.3);
  const nW = 56;
  const statusW = rows.some((r) => r.highlight) ? textWidth('▼ behind', 12, true) + 12 : 0;
  const plotL = labelW + 10;
  const plotR = Math.max(plotL + 40, width - nW - statusW - 8);
  const legendH = legendHeight(items, width - 16);
  const top = legendH + 12 + 22;
  const height = rows.length ? top + rows.length * rowH + 44 : 140;

  const svg = svgFrame({ width, height, title, className: 'interval-chart', interactive: !!onSelect && rows.length > 0 });
  if (!rows.length) {
    noData(svg, width, height);
    return svg.node()!;
  }
  legend(svg, items, 8, 12, width - 16);

  const x = scaleLinear().domain([0, 1]).range([plotL, plotR]);
  const bottom = top + rows.length * rowH;
  const ticks = x.ticks(plotR - plotL >= 320 ? 10 : plotR - plotL >= 160 ? 5 : 2);
  svg.append('g').attr('class', 'grid').attr('aria-hidden', 'true').selectAll('line').data(ticks).join('line')
    .attr('x1', (t) => x(t)).attr('x2', (t) => x(t)).attr('y1', top - 4).attr('y2', bottom)
    .attr('stroke', COLOURS.grid);
  const xAxis = svg.append('g').attr('class', 'axis x-axis').attr('transform', `translate(0,${bottom})`)
    .call(axisBottom(x).tickValues(ticks).tickFormat((t) => pctTick(+t)).tickSizeOuter(0));
  styleAxis(xAxis);
  svg.append('text').attr('class', 'axis-label x-label').attr('x', (plotL + plotR) / 2).attr('y', height - 6)
    .attr('text-anchor', 'middle').attr('fill', COLOURS.text).text(options.xLabel ?? 'Rate (%)');
  svg.append('text').attr('class', 'column-head').attr('x', plotR + 8 + nW - 6).attr('y', top - 8)
    .attr('text-anchor', 'end').attr('fill', COLOURS.neutral).attr('font-weight', 600).text('n');

  if (ref !== undefined) {
    const rx = x(Math.min(1, Math.max(0, ref)));
    svg.append('line').attr('class', 'reference').attr('x1', rx).attr('x2', rx).attr('y1', top - 4).attr('y2', bottom)
      .attr('stroke', COLOURS.text).attr('stroke-width', 1.5).attr('stroke-dasharray', '5 3')
      .append('title').text(`${refLabel}: ${fmtPct(ref)}`);
    const text = `${refLabel} ${fmtPct(ref)}`;
    const w = textWidth(text, 11);
    const tx = Math.min(plotR - w / 2, Math.max(plotL + w / 2, rx));
    svg.append('text').attr('class', 'reference-label').attr('x', tx).attr('y', top - 8).attr('text-anchor', 'middle')
      .attr('font-size', 11).attr('fill', COLOURS.text).text(text);
  }

  const marks = svg.append('g').attr('class', 'marks');
  rows.forEach((r, i) => {
    const mid = top + i * rowH + 14;
    const status = r.highlight ? STATUS[r.highlight] : null;
    const colour = status?.colour ?? COLOURS.continued;
    const rateText = r.rate === null ? 'no figure' : `${fmtPct(r.rate)}${r.low !== null && r.high !== null ? ` (interval ${fmtInterval(r.low, r.high)})` : ''}`;
    const statusText = status ? `; ${status.text} ${ref === undefined ? 'others' : refLabel.toLowerCase()}` : '';
    const text = `${r.label}: ${rateText}, n = ${fmtInt(r.n)}${statusText}${r.note ? `. ${r.note}` : ''}`;
    const g = marks.append('g').attr('class', 'mark row').attr('data-id', r.id)
      .attr('data-highlight', r.highlight ?? null).attr('data-rate', r.rate).attr('data-n', r.n);
    g.append('title').text(text);
    // A full-width transparent band: the row's hit area.
    g.append('rect').attr('class', 'hit').attr('x', 0).attr('y', mid - 14).attr('width', width).attr('height', rowH).attr('fill', 'transparent');
    g.append('text').attr('class', 'row-label').attr('x', labelW).attr('y', mid + 4).attr('text-anchor', 'end')
      .attr('fill', COLOURS.text).attr('font-weight', status ? 700 : null).text(truncate(r.label, labelW - 4, 12, !!status));
    if (r.rate === null) {
      g.append('text').attr('class', 'no-figure').attr('x', plotL + 4).attr('y', mid + 4).attr('fill', COLOURS.neutral)
        .attr('font-style', 'italic').text('no figure');
    } else {
      if (r.low !== null && r.high !== null) {
        const [a, b] = [x(Math.max(0, r.low)), x(Math.min(1, r.high))];
        g.append('line').attr('class', 'interval').attr('x1', a).attr('x2', b).attr('y1', mid).attr('y2', mid).attr('stroke', colour).attr('stroke-width', 2);
        for (const e of [a, b]) g.append('line').attr('class', 'cap').attr('x1', e).attr('x2', e).attr('y1', mid - 4).attr('y2', mid + 4).attr('stroke', colour).attr('stroke-width', 1.5);
      }
      g.append('path').attr('class', 'dot').attr('data-shape', status ? `triangle-${r.highlight === 'behind' ? 'down' : 'up'}` : 'circle')
        .attr('d', symbolPath(status ? symbolTriangle : symbolCircle, status ? 70 : 50))
        .attr('transform', `translate(${x(Math.min(1, Math.max(0, r.rate)))},${mid}) rotate(${r.highlight === 'behind' ? 180 : 0})`)
        .attr('fill', colour).attr('stroke', '#fff').attr('stroke-width', 1);
    }
    g.append('text').attr('class', 'row-n').attr('x', plotR + 8 + nW - 6).attr('y', mid + 4).attr('text-anchor', 'end')
      .attr('fill', COLOURS.text).text(fmtInt(r.n));
    if (status) {
      g.append('text').attr('class', 'row-status').attr('x', plotR + 8 + nW + 2).attr('y', mid + 4)
        .attr('fill', COLOURS.text).attr('font-weight', 700).text(`${status.symbol} ${status.text}`);
    }
    if (r.note) {
      g.append('text').attr('class', 'row-note').attr('x', plotL).attr('y', mid + 20).attr('font-size', 11)
        .attr('fill', COLOURS.neutral).text(truncate(r.note, width - plotL - 8, 11));
    }
    if (onSelect) selectable(g, `${text}. Show this group.`, () => onSelect(r.id));
  });
  return svg.node()!;
}

