import {
  create,
  format,
  symbol,
  symbolCircle,
  symbolCross,
  symbolDiamond,
  symbolSquare,
  symbolStar,
  symbolTriangle,
  symbolWye,
  type Selection,
  type SymbolType,
} from 'd3';
import { COLOURS, SERIES } from './palette';

/**
 * Shared scaffolding for the chart functions: the accessible `<svg>` frame, the
 * "No data" message, keyboard-activatable marks, a wrapping legend, text-width
 * estimates (charts must not measure layout) and the shapes, dash patterns and
 * colours that let series be told apart without colour.
 */

// Selections made by `create('svg')` and its descendants carry no data.
export type Sel<E extends Element = Element> = Selection<E, any, any, any>;
export type SvgSel = Selection<SVGSVGElement, undefined, null, undefined>;

export const FONT_FAMILY = 'system-ui, sans-serif';

/**
 * Series colours for strokes, markers and bars on white: the palette's series
 * list, each at least 3:1 against white (Okabe-Ito's yellow left out, its
 * orange and sky blue darkened; see palette.ts).
 */
export const LINE_COLOURS: readonly string[] = SERIES;

export function seriesColour(i: number): string {
  return LINE_COLOURS[i % LINE_COLOURS.length];
}

/** Marker shapes, in series order: each series also differs by shape. */
const SHAPES: readonly SymbolType[] = [symbolCircle, symbolSquare, symbolTriangle, symbolDiamond, symbolCross, symbolStar, symbolWye];
const SHAPE_NAMES: readonly string[] = ['circle', 'square', 'triangle', 'diamond', 'cross', 'star', 'wye'];

/** Dash patterns, in series order ('' = solid). */
const DASHES: readonly string[] = ['', '7 4', '2 3', '10 3 2 3', '4 2', '1 5', '12 4 4 4'];

/** SVG path data for a symbol of area `size` (px²) centred on 0,0. */
export function symbolPath(type: SymbolType, size = 64): string {
  return symbol(type, size)() ?? '';
}

/** Tick format for rates held as 0-1: "40%". */
export const pctTick = format('.0%');

let idSeq = 0;
/** A document-unique id for clip paths and the like. */
export function uid(prefix: string): string {
  idSeq += 1;
  return `${prefix}-${idSeq}`;
}

export interface FrameOptions {
  width: number;
  height: number;
  title: string;
  className: string;
  /** True when some marks are buttons: the svg is then a labelled group, not an image. */
  interactive?: boolean;
  /** A longer text for assistive technology, as the svg's `<desc>`. */
  description?: string;
}

/**
 * The chart's `<svg>`: sized to the width given (and shrinking with its
 * container), with a `<title>` and accessible name. A chart with focusable
 * marks gets role="group" instead of role="img", because role="img" makes its
 * children presentational and would hide the buttons from assistive technology
 * (axe: nested-interactive).
 */
export function svgFrame(o: FrameOptions): SvgSel {
  const svg = create('svg')
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('viewBox', `0 0 ${o.width} ${o.height}`)
    .attr('width', o.width)
    .attr('height', o.height)
    .attr('role', o.interactive ? 'group' : 'img')
    .attr('aria-label', o.title)
    .attr('class', `chart ${o.className}`)
    .attr('font-family', FONT_FAMILY)
    .attr('font-size', 12)
    .style('max-width', '100%')
    .style('height', 'auto')
    .style('background', '#fff');
  svg.append('title').text(o.title);
  if (o.description) svg.append('desc').text(o.description);
  if (o.interactive) {
    svg.append('style').text(
      '.chart [role=button]{cursor:pointer}' +
        '.chart [role=button]:focus{outline:none}' +
        '.chart [role=button]:focus-visible{outline:2px solid #1f2937;outline-offset:2px}',
    );
  }
  return svg;
}

/** Writes a readable "No data" message in the middle of an empty chart. */
export function noData(svg: SvgSel, width: number, height: number, message = 'No data to show'): void {
  svg.attr('data-empty', 'true');
  svg.append('text')
    .attr('class', 'no-data')
    .attr('x', width / 2)
    .attr('y', height / 2)
    .attr('text-anchor', 'middle')
    .attr('dominant-baseline', 'middle')
    .attr('fill', COLOURS.neutral)
    .attr('font-size', 14)
    .text(message);
}

/**
 * Makes a mark a keyboard-reachable button: focusable, named, and calling
 * `activate` on click, Enter or Space.
 */
export function selectable<E extends Element>(sel: Sel<E>, label: string, activate: () => void): Sel<E> {
  return sel
    .attr('tabindex', 0)
    .attr('role', 'button')
    .attr('aria-label', label)
    .on('click', () => activate())
    .on('keydown', (ev: Event) => {
      const key = (ev as KeyboardEvent).key;
      if (key === 'Enter' || key === ' ') {
        ev.preventDefault();
        activate();
      }
    });
}

// Advance widths (em) of a wide sans-serif (DejaVu Sans, the Linux fallback for
// system-ui), so estimates err on the generous side for Segoe UI / San Francisco.
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const LOWER_EM = [0.61, 0.64, 0.55, 0.64, 0.62, 0.35, 0.64, 0.63, 0.28, 0.28, 0.58, 0.28, 0.97, 0.63, 0.61, 0.64, 0.64, 0.41, 0.52, 0.39, 0.63, 0.59, 0.82, 0.59, 0.59, 0.53];

function charEm(ch: string): number {
  const i = LOWER.indexOf(ch);
  if (i >= 0) return LOWER_EM[i];
  if (/[0-9]/.test(ch)) return 0.64;
  if (/[MW]/.test(ch)) return 0.95;
  if (/[IJ]/.test(ch)) return 0.32;
  if (/[A-Z]/.test(ch)) return 0.72;
  if (ch === ' ') return 0.32;
  if (/[.,:;'!|]/.test(ch)) return 0.33;
  if (/[()[\]\-–/]/.test(ch)) return 0.4;
  if (/[%…—▲▼@]/.test(ch)) return 0.95;
  return 0.65;
}

/** Rough width of `text` at `fontSize` (bold if `bold`), without measuring layout. */
export function textWidth(text: string, fontSize = 12, bold = false): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em * fontSize * (bold ? 1.1 : 1);
}

/** `text` shortened with an ellipsis to fit about `maxWidth` px. */
export function truncate(text: string, maxWidth: number, fontSize = 12, bold = false): string {
  if (textWidth(text, fontSize, bold) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(chars.join('') + '…', fontSize, bold) > maxWidth) chars.pop();
  return chars.join('').trimEnd() + '…';
}

/**
 * `text` in at most `lines` lines of about `maxWidth` px, broken between
 * words (the last line shortened with an ellipsis if words are left over):
 * on a narrow chart "Stage 1 complete" reads whole where one line gave "Stage 1 co…".
 * A word too long for a line of its own is broken with a hyphen while
 * another line is free ("Heterose-", "xual"), rather than cut short.
 */
export function wrapLines(text: string, maxWidth: number, lines = 2, fontSize = 12, bold = false): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const fit = (from: number, to: number) => truncate(words.slice(from, to).join(' '), maxWidth, fontSize, bold);
  const out: string[] = [];
  let start = 0;
  while (start < words.length && out.length < lines - 1) {
    if (textWidth(words[start], fontSize, bold) > maxWidth) {
      const chars = [...words[start]];
      let cut = 1;
      while (cut < chars.length - 1 && textWidth(chars.slice(0, cut + 1).join('') + '-', fontSize, bold) <= maxWidth) cut++;
      out.push(chars.slice(0, cut).join('') + '-');
      words[start] = chars.slice(cut).join('');
      continue;
    }
    let end = start + 1;
    while (end < words.length && textWidth(words.slice(start, end + 1).join(' '), fontSize, bold) <= maxWidth) end++;
    out.push(fit(start, end));
    start = end;
  }
  if (start < words.length) out.push(fit(start, words.length));
  return out;
}

/**
 * A label of one or more lines (see wrapLines) into `parent`, right-aligned
 * at `x` and centred on `y`, the baseline a single line would have.
 */
export function labelLines(parent: Sel<SVGGElement>, lines: string[], x: number, y: number) {
  const text = parent.append('text').attr('x', x).attr('y', y - ((lines.length - 1) * LABEL_LINE_HEIGHT) / 2).attr('text-anchor', 'end');
  lines.forEach((line, k) => text.append('tspan').attr('x', x).attr('dy', k ? LABEL_LINE_HEIGHT : 0).text(line));
  return text;
}

/** The spacing of labelLines' lines, for 12 px text. */
export const LABEL_LINE_HEIGHT = 13;

export interface LegendItem {
  label: string;
  colour: string;
  /** Swatch: a line (optionally dashed, optionally with a marker), a marker alone, or a filled box. */
  kind: 'line' | 'symbol' | 'rect';
  /** A box's outline, for a pale fill that needs one to meet 3:1 against white (drawn as the chart draws it). */
  outline?: string;
  dash?: string;
  shape?: SymbolType;
  hollow?: boolean;
  /** Degrees to turn the marker (e.g. 180 for a downward triangle). */
  rotate?: number;
}

const SWATCH = 26;

/** Draws one legend swatch centred vertically on y = 0 at x = 0..SWATCH. */
function swatch(g: Sel<SVGGElement>, item: LegendItem): void {
  if (item.kind === 'rect') {
    g.append('rect').attr('x', item.shape ? 0 : 6).attr('y', -6).attr('width', 14).attr('height', 12)
      .attr('fill', item.hollow ? '#fff' : item.colour)
      .attr('stroke', item.outline ?? item.colour).attr('stroke-width', item.hollow ? 1.5 : item.outline ? 1 : 0)
      .attr('stroke-dasharray', item.dash || null);
    if (item.shape) {
      g.append('path').attr('d', symbolPath(item.shape, 36)).attr('transform', `translate(${SWATCH - 5},0)`)
        .attr('fill', item.colour).attr('stroke', item.colour);
    }
    return;
  }
  if (item.kind === 'line') {
    g.append('line').attr('x1', 0).attr('x2', SWATCH).attr('y1', 0).attr('y2', 0)
      .attr('stroke', item.colour).attr('stroke-width', 2).attr('stroke-dasharray', item.dash || null);
  }
  if (item.shape) {
    g.append('path').attr('d', symbolPath(item.shape, 48)).attr('transform', `translate(${SWATCH / 2},0) rotate(${item.rotate ?? 0})`)
      .attr('fill', item.hollow ? '#fff' : item.colour).attr('stroke', item.colour).attr('stroke-width', 1.5);
  }
}

/**
 * Where each legend item goes: its label's lines, x and first line, within
 * `maxWidth`. A label too long for the width wraps onto lines of its own (up
 * to three, the last shortened only beyond that) rather than being cut short.
 */
function layoutLegend(items: LegendItem[], maxWidth: number): { lines: string[]; x: number; row: number }[] {
  const room = Math.max(60, maxWidth - SWATCH - 6);
  let cx = 0;
  let row = 0;
  return items.map((item) => {
    const lines = textWidth(item.label) <= room ? [item.label] : wrapLines(item.label, room, 3);
    const w = SWATCH + 6 + Math.max(...lines.map((l) => textWidth(l))) + 16;
    if (cx > 0 && (cx + w > maxWidth || lines.length > 1)) {
      cx = 0;
      row += 1;
    }
    const at = { lines, x: cx, row };
    // A wrapped label takes its rows whole: the next item starts below it.
    if (lines.length > 1) {
      row += lines.length - 1;
      cx = maxWidth;
    } else cx += w;
    return at;
  });
}

const LEGEND_LINE = 18;

/** The height `legend` will take for these items, without drawing. */
export function legendHeight(items: LegendItem[], maxWidth: number): number {
  const laid = layoutLegend(items, maxWidth);
  const last = laid[laid.length - 1];
  return last ? (last.row + last.lines.length) * LEGEND_LINE : 0;
}

/**
 * A legend that wraps onto more lines within `maxWidth`, drawn at (x, y) as the
 * middle of its first line. Returns its height. Hidden from assistive technology:
 * the marks carry their own names.
 */
export function legend<E extends Element>(parent: Sel<E>, items: LegendItem[], x: number, y: number, maxWidth: number): number {
  if (!items.length) return 0;
  const g = parent.append('g').attr('class', 'legend').attr('aria-hidden', 'true').attr('transform', `translate(${x},${y})`);
  const laid = layoutLegend(items, maxWidth);
  items.forEach((item, i) => {
    const ig = g.append('g').attr('class', 'legend-item').attr('transform', `translate(${laid[i].x},${laid[i].row * LEGEND_LINE})`);
    swatch(ig, item);
    const text = ig.append('text').attr('x', SWATCH + 6).attr('y', 4).attr('fill', COLOURS.text);
    laid[i].lines.forEach((line, k) => text.append('tspan').attr('x', SWATCH + 6).attr('dy', k ? LEGEND_LINE : 0).text(line));
  });
  return legendHeight(items, maxWidth);
}

/** Axis text and tick colours that print: dark grey on white, no d3 default font. */
export function styleAxis(g: Sel<SVGGElement>): void {
  g.attr('font-family', null).attr('font-size', 11).attr('color', COLOURS.neutral);
  g.selectAll('text').attr('fill', COLOURS.text);
}

/** Series i's colour, dash pattern and marker shape (with its name), so series differ in more than colour. */
export function seriesStyle(i: number): { colour: string; dash: string; shape: SymbolType; shapeName: string } {
  return { colour: seriesColour(i), dash: DASHES[i % DASHES.length], shape: SHAPES[i % SHAPES.length], shapeName: SHAPE_NAMES[i % SHAPES.length] };
}
