import { legendHeight, textWidth, wrapLines, type LegendItem } from './chartParts';
import { TICK_FONT, makeScale, tickText, tickValues, type Scale, type ScaleSpec } from './scales';

/**
 * Where everything goes, computed before anything is drawn: the legend's
 * height sets the top margin, the widest y tick label (and the y title) the
 * left, the x axis the bottom, and marks that write in the margins (labels,
 * counts) ask for the room they need. Text widths are estimated, never measured.
 */

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The plot area's edges in svg px. */
export interface PlotArea {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface LayoutInput {
  width: number;
  /** The height asked for; ignored when `plotHeight` is given. */
  height: number;
  /** The plot area's height when it follows the content (one row per group). */
  plotHeight?: number;
  xSpec?: ScaleSpec;
  ySpec?: ScaleSpec;
  /** Values the linear scales must also cover (e.g. reference rules). */
  xExtra?: readonly number[];
  yExtra?: readonly number[];
  legend: readonly LegendItem[];
  /** The most room any mark asked for on each side. */
  markMargin: Partial<Margins>;
}

export interface Layout {
  width: number;
  height: number;
  margin: Margins;
  plot: PlotArea;
  legendHeight: number;
  xSpec?: ScaleSpec;
  ySpec?: ScaleSpec;
  x?: Scale;
  y?: Scale;
  xTicks: (number | string)[];
  yTicks: (number | string)[];
}

/** Legend lines start this far down; the legend's first line is centred on LEGEND_Y. */
export const LEGEND_Y = 12;
const MIN_PLOT = 60;
const TICK_GAP = 10; // tick (6) and the space before its label

/** The spacing of a two-line y title's lines. */
export const Y_TITLE_LINE = 13;

/** The y axis title in the lines it is drawn in: two when one is longer than the plot is tall. */
export function yTitleLines(label: string, plotHeight: number): string[] {
  return wrapLines(label, plotHeight, 2);
}

/** The frame's size, margins and ranged scales. */
export function layout(input: LayoutInput): Layout {
  const { width, xSpec, ySpec, markMargin: mm } = input;
  const legendH = legendHeight([...input.legend], width - 16);
  const top = 8 + legendH + Math.max(12, mm.top ?? 0);
  const xAxis = !!xSpec && xSpec.axis !== false;
  const bottom = Math.max(mm.bottom ?? 0, xAxis ? (xSpec!.label ? 44 : 26) : 8);
  const height = input.plotHeight !== undefined
    ? top + input.plotHeight + bottom
    : Math.max(input.height, top + MIN_PLOT + bottom);
  const y = ySpec ? makeScale(ySpec, input.yExtra) : undefined;
  if (y) y.range([height - bottom, top]);
  const yTicks = ySpec && y ? tickValues(ySpec, y, height - bottom - top, false) : [];
  const yAxis = !!ySpec && ySpec.axis !== false;
  const tickW = Math.max(0, ...yTicks.map((t) => textWidth(tickText(ySpec!, t), TICK_FONT)));
  // A y title longer than the plot is tall takes a second line (see yTitleLines).
  const titleW = ySpec?.label ? (yTitleLines(ySpec.label, height - bottom - top).length > 1 ? 22 + Y_TITLE_LINE : 22) : 4;
  const left = Math.max(mm.left ?? 0, yAxis ? titleW + tickW + TICK_GAP : 8);
  const x = xSpec ? makeScale(xSpec, input.xExtra) : undefined;
  const lastTick = xSpec?.type === 'linear' && x ? textWidth(tickText(xSpec, x.domain()[1] as number), TICK_FONT) / 2 + 4 : 0;
  const right = Math.max(mm.right ?? 0, 16, xAxis ? lastTick : 0);
  if (x) x.range([left, width - right]);
  const xTicks = xSpec && x ? tickValues(xSpec, x, width - right - left, true) : [];
  const margin = { top, right, bottom, left };
  const plot = { left, right: width - right, top, bottom: height - bottom };
  return { width, height, margin, plot, legendHeight: legendH, xSpec, ySpec, x, y, xTicks, yTicks };
}
