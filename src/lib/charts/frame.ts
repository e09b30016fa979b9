import { drawAxes } from './axes';
import { legend, noData, svgFrame, type LegendItem, type SvgSel } from './chartParts';
import { LEGEND_Y, layout, type Layout, type Margins, type PlotArea } from './layout';
import { referenceLegend, referenceRoom, referenceRules, referenceText } from './marks/reference';
import type { ChartOptions } from './options';
import { position, type LinearScaleSpec, type Scale, type ScaleSpec } from './scales';
import type { ChartTable } from './table';

/**
 * The frame every chart draws into, after Observable Plot: a chart declares
 * its scales (default domain, format and axis title), its legend and its marks;
 * the frame owns the rest. It sizes the accessible svg (title, description,
 * role), works out the margins from the legend, tick labels and what the marks
 * ask for, builds the scales, draws the axes, the legend, any `reference`
 * rules and the "no data" state, then hands each mark the finished layout.
 * It also owns the table behind the chart: the chart declares its rows from the
 * data it draws; the frame names it and lists the reference values under it,
 * and hands it back on the svg (`chart.table`) for the chart host to show.
 */

/** A drawn chart: the svg, carrying the table of the figures it draws. */
export type ChartElement = SVGSVGElement & { readonly table: ChartTable };

/** What a mark is given to draw itself. */
export interface FrameContext extends Layout {
  svg: SvgSel;
  plot: PlotArea;
  /** Position of a value on x / y: numbers through a linear scale, categories at their band's centre. */
  px: (v: number | string) => number;
  py: (v: number | string) => number;
}

/** Something drawn inside the frame: points, lines, bars, labels. */
export interface Mark {
  /** Room the mark needs outside the plot area (labels or counts written in a margin). */
  margin?: Partial<Margins>;
  render(ctx: FrameContext): void;
}

export interface FrameSpec {
  /** Class on the svg (besides "chart"), e.g. "interval-chart". */
  className: string;
  /** The chart's options: only the shared ones are read here. */
  options: AnyChartOptions;
  defaults: { width: number; height: number; title: string };
  x?: ScaleSpec;
  y?: ScaleSpec;
  legend?: readonly LegendItem[];
  marks: readonly Mark[];
  /** The figures the marks draw, as a table (no rows when there is nothing to draw). */
  table: ChartTable;
  /** Set when there is nothing to draw: the message shown instead of the marks. */
  empty?: string | false;
  /** The plot area's height when it follows the content; `options.height` is then ignored. */
  plotHeight?: number;
  /** The axis `options.reference` values lie on (default y). */
  referenceAxis?: 'x' | 'y';
  /** Root font size in px (default 12). */
  fontSize?: number;
}

/** Any chart's options, whatever its `onSelect` is given. */
type AnyChartOptions = Omit<ChartOptions<unknown, unknown>, 'onSelect'> & { onSelect?: unknown };

const EMPTY_HEIGHT = 120;

/** Draws a chart: the frame around the spec's marks, with the table behind it. */
export function frame(spec: FrameSpec): ChartElement {
  const o = spec.options;
  const width = o.width ?? spec.defaults.width;
  const title = o.title ?? spec.defaults.title;
  const interactive = !!o.onSelect && !spec.empty;
  if (spec.empty) {
    const height = spec.plotHeight === undefined ? o.height ?? spec.defaults.height : EMPTY_HEIGHT;
    const svg = svgFrame({ width, height, title, className: spec.className, description: o.description });
    noData(svg, width, height, spec.empty);
    return withTable(svg.node()!, { ...spec.table, caption: spec.table.caption ?? title, rows: [] });
  }
  const refAxis = spec.referenceAxis ?? 'y';
  const xSpec = withOptions(spec.x, o.x);
  const ySpec = withOptions(spec.y, o.y);
  const valueSpec = refAxis === 'x' ? xSpec : ySpec;
  // References lie on a value axis: a chart without one takes none.
  const refs = valueSpec?.type === 'linear' ? (o.reference ?? []).filter((r) => Number.isFinite(r.value)) : [];
  const format = valueSpec?.type === 'linear' ? valueSpec.format : String;
  const items = [...(spec.legend ?? []), ...referenceLegend(refs, format)];
  const markMargin = mostOf(spec.marks.map((m) => m.margin ?? {}));
  const refRoom = referenceRoom(refs, refAxis, format, width);
  for (const k of ['top', 'right'] as const) if (refRoom[k]) markMargin[k] = Math.max(markMargin[k] ?? 0, refRoom[k]!);
  const at = layout({
    width, height: o.height ?? spec.defaults.height, plotHeight: spec.plotHeight, xSpec, ySpec, legend: items, markMargin,
    xExtra: refAxis === 'x' ? refs.map((r) => r.value) : [], yExtra: refAxis === 'y' ? refs.map((r) => r.value) : [],
  });
  const svg = svgFrame({ width, height: at.height, title, className: spec.className, interactive, description: o.description });
  if (spec.fontSize) svg.attr('font-size', spec.fontSize);
  legend(svg, [...items], 8, LEGEND_Y, width - 16);
  drawAxes(svg, at);
  const ctx: FrameContext = { ...at, svg, px: scalePosition(at.x), py: scalePosition(at.y) };
  for (const m of spec.marks) m.render(ctx);
  // After the marks, so that bars and bands cannot hide a rule.
  referenceRules(ctx, refs, refAxis, format);
  const notes = [...refs.map((r) => `Dashed line: ${referenceText(r, format)}`), ...(spec.table.notes ?? [])];
  return withTable(svg.node()!, { ...spec.table, caption: spec.table.caption ?? title, notes });
}

function withTable(svg: SVGSVGElement, table: ChartTable): ChartElement {
  return Object.assign(svg, { table });
}

/** The chart's scale with the caller's axis options (label, format, domain) laid over it. */
function withOptions(spec: ScaleSpec | undefined, o: ChartOptions<unknown, unknown>['x']): ScaleSpec | undefined {
  if (!spec || !o) return spec;
  if (spec.type === 'band') {
    return { ...spec, label: o.label ?? spec.label, domain: o.domain ? o.domain.map(String) : spec.domain };
  }
  const domain = o.domain && o.domain.length === 2 ? (o.domain as number[]) : spec.domain;
  return { ...spec, label: o.label ?? spec.label, format: o.format ?? spec.format, domain } satisfies LinearScaleSpec;
}

function mostOf(ms: Partial<Margins>[]): Partial<Margins> {
  const out: Partial<Margins> = {};
  for (const m of ms) {
    for (const k of ['top', 'right', 'bottom', 'left'] as const) {
      if (m[k] !== undefined) out[k] = Math.max(out[k] ?? 0, m[k]!);
    }
  }
  return out;
}

function scalePosition(s: Scale | undefined): (v: number | string) => number {
  return s ? position(s) : () => 0;
}
