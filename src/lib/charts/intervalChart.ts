import { symbolCircle, symbolTriangle } from 'd3';
import { fmtInt, fmtInterval, fmtPct } from '../format';
import { COLOURS } from './palette';
import { labelLines, pctTick, selectable, textWidth, truncate, wrapLines, type LegendItem, type Sel } from './chartParts';
import { frame, type ChartElement, type FrameContext, type Mark } from './frame';
import { dot } from './marks/dot';
import { intervalBar } from './marks/interval';
import type { ChartOptions } from './options';
import type { ChartTable } from './table';

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

/**
 * `reference` rates (e.g. everyone's) are vertical rules; the first one's label
 * names what rows are behind or ahead of. `onSelect` is called with the row id.
 */
export interface IntervalChartOptions extends ChartOptions<string> {
  /** What a row behind or ahead is behind or ahead of, for the legend ("everyone else"); by default the reference's label. */
  versus?: string;
}

const STATUS = {
  behind: { symbol: '▼', text: 'behind', colour: COLOURS.left },
  ahead: { symbol: '▲', text: 'ahead', colour: COLOURS.approved },
} as const;
const N_WIDTH = 56;

/** Column widths, from the chart's width and whether any row is flagged. */
interface Columns {
  labelW: number;
  statusW: number;
  rowH: number;
  /** What flagged rows are behind / ahead of, in lower case. */
  versus: string | null;
}

/**
 * Dot-and-interval rows for comparing groups on one rate: a dot at each group's
 * rate and a line across its interval on a 0-100% axis, a dashed vertical
 * reference rule, n at the right. Rows behind (or ahead of) the reference get a
 * downward (upward) triangle, bold label and the word "behind" ("ahead"), not
 * just a colour. The height follows from the number of rows.
 */
export function intervalChart(rows: IntervalRow[], options: IntervalChartOptions = {}): ChartElement {
  const width = options.width ?? 720;
  const ref = options.reference?.find((r) => Number.isFinite(r.value));
  const cols: Columns = {
    labelW: Math.min(200, width * 0.3),
    statusW: rows.some((r) => r.highlight) ? textWidth('▼ behind', 12, true) + 12 : 0,
    rowH: rows.some((r) => r.note) ? 40 : 28,
    versus: options.versus ?? (ref ? ref.label.toLowerCase() : null),
  };
  const legend: LegendItem[] = [{ label: 'Rate with its interval', colour: COLOURS.continued, kind: 'line', shape: symbolCircle }];
  if (rows.some((r) => r.highlight === 'behind')) legend.push({ label: `Behind ${cols.versus ?? ''}`.trim(), colour: STATUS.behind.colour, kind: 'symbol', shape: symbolTriangle, rotate: 180 });
  if (rows.some((r) => r.highlight === 'ahead')) legend.push({ label: `Ahead of ${cols.versus ?? 'others'}`, colour: STATUS.ahead.colour, kind: 'symbol', shape: symbolTriangle });
  return frame({
    className: 'interval-chart',
    options,
    defaults: { width: 720, height: 140, title: 'Rate per group with intervals' },
    empty: !rows.length && 'No data to show',
    legend,
    plotHeight: rows.length * cols.rowH,
    referenceAxis: 'x',
    x: { type: 'linear', domain: [0, 1], format: pctTick, label: 'Rate (%)', grid: true, ticks: (len) => (len >= 320 ? 10 : len >= 160 ? 5 : 2) },
    marks: [rowsMark(rows, cols, options.onSelect)],
    table: intervalTable(rows, cols.versus),
  });
}

/** A row per group: its rate, interval and n, and whether it is flagged (and why, when the chart notes it). */
function intervalTable(rows: IntervalRow[], versus: string | null): ChartTable {
  const flagged = rows.some((r) => r.highlight);
  const noted = rows.some((r) => r.note);
  return {
    columns: [{ label: 'Group' }, { label: 'Rate', format: fmtPct }, { label: 'Interval' }, { label: 'n' },
      ...(flagged ? [{ label: versus ? `Against ${versus}` : 'Flag' }] : []), ...(noted ? [{ label: 'Note' }] : [])],
    rows: rows.map((r) => [
      r.label, r.rate, r.rate === null ? null : fmtInterval(r.low, r.high) || null, r.n,
      ...(flagged ? [r.highlight ? STATUS[r.highlight].text : ''] : []), ...(noted ? [r.note ?? ''] : []),
    ]),
  };
}

/** The rows, with the label column on the left and n (and status) columns on the right. */
function rowsMark(rows: IntervalRow[], cols: Columns, onSelect: ((id: string) => void) | undefined): Mark {
  return {
    margin: { left: cols.labelW + 10, right: N_WIDTH + cols.statusW + 8, top: 26 },
    render(ctx) {
      ctx.svg.append('text').attr('class', 'column-head').attr('x', ctx.plot.right + 8 + N_WIDTH - 6).attr('y', ctx.plot.top - 8)
        .attr('text-anchor', 'end').attr('fill', COLOURS.neutral).attr('font-weight', 600).text('n');
      const marks = ctx.svg.append('g').attr('class', 'marks');
      rows.forEach((r, i) => {
        const g = marks.append('g').attr('class', 'mark row').attr('data-id', r.id)
          .attr('data-highlight', r.highlight ?? null).attr('data-rate', r.rate).attr('data-n', r.n);
        const text = drawRow(g, r, ctx, cols, ctx.plot.top + i * cols.rowH + 14);
        if (onSelect) selectable(g, `${text}. Show this group.`, () => onSelect(r.id));
      });
    },
  };
}

/** One row centred on `mid`; returns its description (the tooltip and button name). */
function drawRow(g: Sel<SVGGElement>, r: IntervalRow, ctx: FrameContext, cols: Columns, mid: number): string {
  const { px, plot, width } = ctx;
  const status = r.highlight ? STATUS[r.highlight] : null;
  const colour = status?.colour ?? COLOURS.continued;
  const rateText = r.rate === null ? 'no figure' : `${fmtPct(r.rate)}${r.low !== null && r.high !== null ? ` (interval ${fmtInterval(r.low, r.high)})` : ''}`;
  const statusText = status ? `; ${status.text} ${cols.versus ?? 'others'}` : '';
  const text = `${r.label}: ${rateText}, n = ${fmtInt(r.n)}${statusText}${r.note ? `. ${r.note}` : ''}`;
  g.append('title').text(text);
  // A full-width transparent band: the row's hit area.
  g.append('rect').attr('class', 'hit').attr('x', 0).attr('y', mid - 14).attr('width', width).attr('height', cols.rowH).attr('fill', 'transparent');
  // Two lines before a label is shortened ("Black Caribbean", not "Black Caribb…"): every row has room for them.
  labelLines(g, wrapLines(r.label, cols.labelW - 4, 2, 12, !!status), cols.labelW, mid + 4).attr('class', 'row-label')
    .attr('fill', COLOURS.text).attr('font-weight', status ? 700 : null);
  const clamp = (v: number) => px(Math.min(1, Math.max(0, v)));
  if (r.rate === null) {
    g.append('text').attr('class', 'no-figure').attr('x', plot.left + 4).attr('y', mid + 4).attr('fill', COLOURS.neutral)
      .attr('font-style', 'italic').text('no figure');
  } else {
    if (r.low !== null && r.high !== null) intervalBar(g, clamp(r.low), clamp(r.high), mid, colour);
    dot(g, clamp(r.rate), mid, { shape: status ? symbolTriangle : symbolCircle, size: status ? 70 : 50, rotate: r.highlight === 'behind' ? 180 : 0, fill: colour, stroke: '#fff', strokeWidth: 1 })
      .attr('class', 'dot').attr('data-shape', status ? `triangle-${r.highlight === 'behind' ? 'down' : 'up'}` : 'circle');
  }
  g.append('text').attr('class', 'row-n').attr('x', plot.right + 8 + N_WIDTH - 6).attr('y', mid + 4).attr('text-anchor', 'end')
    .attr('fill', COLOURS.text).text(fmtInt(r.n));
  if (status) {
    g.append('text').attr('class', 'row-status').attr('x', plot.right + 8 + N_WIDTH + 2).attr('y', mid + 4)
      .attr('fill', COLOURS.text).attr('font-weight', 700).text(`${status.symbol} ${status.text}`);
  }
  if (r.note) {
    g.append('text').attr('class', 'row-note').attr('x', plot.left).attr('y', mid + 20).attr('font-size', 11)
      .attr('fill', COLOURS.neutral).text(truncate(r.note, width - plot.left - 8, 11));
  }
  return text;
}
