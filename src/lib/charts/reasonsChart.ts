import { symbolCircle, symbolDiamond, symbolSquare, symbolTriangle, type SymbolType } from 'd3';
import { fmtInt, fmtPct } from '../format';
import { COLOURS, EXIT_GROUP_STYLE } from './palette';
import { selectable, textWidth, truncate, type LegendItem, type Sel } from './chartParts';
import { frame, type ChartElement } from './frame';
import { bar } from './marks/bar';
import { dot } from './marks/dot';
import type { ChartOptions } from './options';
import type { ChartTable } from './table';

export type ReasonGroupName = keyof typeof EXIT_GROUP_STYLE;

/** One stage's panel: those who left there, by reason (drawn largest first). */
export interface StageReasons {
  id: string;
  name: string;
  reached: number;
  left: number;
  open: number;
  reasons: { code: string; label: string; group: ReasonGroupName; n: number }[];
}

/** `onSelect` is called with the stage, and the reason's category when a bar (not a stage heading) was activated. */
export type ReasonsChartOptions = Omit<ChartOptions<{ stage: string; category?: string }>, 'height' | 'x' | 'y' | 'reference'>;

const SHAPE: Record<string, SymbolType> = { circle: symbolCircle, triangle: symbolTriangle, square: symbolSquare, diamond: symbolDiamond };
const PANEL_MIN = 300;
const GAP = 24;
/** A reason's row: its whole height is the bar's target, 24 px as WCAG 2.2's target size asks. */
const ROW = 24;
const HEAD = 40;

/** Legend items for the groups of who ended an enquiry. */
export function exitGroupLegend(): LegendItem[] {
  return (Object.keys(EXIT_GROUP_STYLE) as ReasonGroupName[]).map((g) => {
    const s = EXIT_GROUP_STYLE[g];
    return { label: g, colour: s.colour, kind: 'rect', shape: SHAPE[s.shape], hollow: s.hollow, dash: s.hollow ? '3 2' : undefined };
  });
}

/**
 * Small multiples: one panel per stage where people left, each a bar per
 * reason sorted by size, so every label has its own row and none can overlap.
 * Bars are coloured, shaped and filled by who ended the enquiry. Each panel
 * has its own scale (the counts are written on the bars): an early stage loses
 * hundreds, a late one a handful, and one scale would hide the late ones.
 */
export function reasonsChart(stages: StageReasons[], options: ReasonsChartOptions = {}): ChartElement {
  const width = options.width ?? 720;
  const panels = stages.filter((s) => s.reasons.some((r) => r.n > 0));
  const cols = Math.max(1, Math.min(panels.length, Math.floor((width - 16 + GAP) / (PANEL_MIN + GAP))));
  const panelW = (width - 16 - GAP * (cols - 1)) / cols;
  // Heights per grid row: the tallest panel in it.
  const gridRows: number[] = [];
  panels.forEach((p, i) => {
    const r = Math.floor(i / cols);
    gridRows[r] = Math.max(gridRows[r] ?? 0, HEAD + p.reasons.filter((x) => x.n > 0).length * ROW + 12);
  });
  return frame({
    className: 'reasons-chart',
    options,
    defaults: { width: 720, height: 120, title: 'Reasons for leaving at each stage, largest first' },
    empty: !panels.length && 'Nobody has left under these filters',
    legend: exitGroupLegend(),
    plotHeight: gridRows.reduce((a, h) => a + h, 0),
    marks: [{
      render({ svg, plot }) {
        let y = plot.top;
        gridRows.forEach((h, r) => {
          panels.slice(r * cols, r * cols + cols).forEach((p, c) => drawPanel(svg.append('g'), p, 8 + c * (panelW + GAP), y, panelW, options.onSelect));
          y += h;
        });
      },
    }],
    table: reasonsTable(panels),
  });
}

/** A row per stage and reason, in the panels' order (largest first): who ended it and how many of those who left. */
function reasonsTable(panels: StageReasons[]): ChartTable {
  return {
    columns: [{ label: 'Stage' }, { label: 'Reason' }, { label: 'Ended by' }, { label: 'Left' }, { label: 'Share of those who left here', format: fmtPct }],
    rows: panels.flatMap((p) => sortedReasons(p).map((r) => [p.name, r.label, r.group, r.n, p.left ? r.n / p.left : null])),
  };
}

/** A stage's reasons with anyone in them, largest first. */
function sortedReasons(p: StageReasons): StageReasons['reasons'] {
  return p.reasons.filter((r) => r.n > 0).sort((a, b) => b.n - a.n || a.label.localeCompare(b.label));
}

function drawPanel(
  g: Sel<SVGGElement>, p: StageReasons, x: number, y: number, w: number,
  onSelect: ReasonsChartOptions['onSelect'],
): void {
  g.attr('class', 'stage-panel').attr('data-stage', p.id).attr('transform', `translate(${x},${y})`);
  const head = g.append('g').attr('class', 'stage-head');
  const summary = `${p.name}: ${fmtInt(p.left)} left of ${fmtInt(p.reached)} who reached it (${fmtPct(p.reached ? p.left / p.reached : null)})`;
  head.append('title').text(`${summary}; ${fmtInt(p.open)} still open`);
  head.append('text').attr('y', 14).attr('font-weight', 700).attr('fill', COLOURS.text).text(truncate(p.name, w, 12, true));
  head.append('text').attr('y', 30).attr('fill', COLOURS.text)
    .text(truncate(`${fmtInt(p.left)} left of ${fmtInt(p.reached)} (${fmtPct(p.reached ? p.left / p.reached : null)}); ${fmtInt(p.open)} still open`, w));
  if (onSelect) selectable(head, `${summary}. Show all who left here.`, () => onSelect({ stage: p.id }));

  const reasons = sortedReasons(p);
  const max = Math.max(...reasons.map((r) => r.n));
  const countW = Math.max(...reasons.map((r) => textWidth(`${fmtInt(r.n)} (${fmtPct(r.n / p.left)})`))) + 6;
  const labelW = Math.min(Math.max(...reasons.map((r) => textWidth(r.label))) + 4, w * 0.56);
  const barX = labelW + 16;
  const barMax = Math.max(20, w - barX - countW);
  reasons.forEach((r, i) => {
    const s = EXIT_GROUP_STYLE[r.group];
    const ry = HEAD + i * ROW;
    const bw = Math.max(2, (r.n / max) * barMax);
    const text = `${p.name}, ${r.label} (${r.group.toLowerCase()}): ${fmtInt(r.n)} of the ${fmtInt(p.left)} who left here`;
    const g2 = g.append('g').attr('class', 'reason-bar').attr('data-stage', p.id).attr('data-category', r.code).attr('data-n', r.n);
    g2.append('title').text(text);
    g2.append('text').attr('class', 'reason-label').attr('x', labelW).attr('y', ry + 16).attr('text-anchor', 'end').attr('fill', COLOURS.text)
      .text(truncate(r.label, labelW));
    dot(g2, labelW + 8, ry + 11, { shape: SHAPE[s.shape], size: 40, fill: s.colour, stroke: s.colour, strokeWidth: 1 });
    bar(g2, barX, ry + 4, bw, ROW - 8, { colour: s.colour, hollow: s.hollow, dash: s.hollow ? '3 2' : '' });
    g2.append('text').attr('class', 'reason-count').attr('x', barX + bw + 4).attr('y', ry + 16).attr('fill', COLOURS.text)
      .text(`${fmtInt(r.n)} (${fmtPct(r.n / p.left)})`);
    // The row is the target (pointer and focus ring alike), not just the bar and its text.
    g2.append('rect').attr('class', 'reason-target').attr('x', 0).attr('y', ry).attr('width', w).attr('height', ROW).attr('fill', 'transparent');
    if (onSelect) selectable(g2, `${text}. Show these enquiries.`, () => onSelect({ stage: p.id, category: r.code }));
  });
}
