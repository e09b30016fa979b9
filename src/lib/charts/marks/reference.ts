import { COLOURS } from '../palette';
import { textWidth, truncate, type LegendItem } from '../chartParts';
import type { FrameContext } from '../frame';
import type { Reference } from '../options';
import { haloLabel } from './text';

/**
 * `reference` values, drawn the same way in every chart: a dark dashed rule
 * across the plot at the value, named "label (value)" just beyond the rule's
 * far end (in the right margin for a horizontal rule, above the plot for a
 * vertical one, so the name never covers a mark; on a narrow chart the value
 * is kept and the name shortened), in its tooltip and in the legend.
 */

const REFERENCE_DASH = '6 4';

/** "Everyone (29%)": a reference's name with its value. */
export function referenceText(r: Reference, format: (v: number) => string): string {
  return `${r.label} (${(r.format ?? format)(r.value)})`;
}

/** Legend entries for the references. */
export function referenceLegend(refs: readonly Reference[], format: (v: number) => string): LegendItem[] {
  return refs.map((r) => ({ label: referenceText(r, format), colour: COLOURS.text, kind: 'line', dash: REFERENCE_DASH }));
}

/**
 * Longest name written beside a horizontal rule: at most a fifth of the chart's
 * width, so that on a phone the plot keeps its room (the full name is in the
 * rule's tooltip and the legend).
 */
const labelRoom = (width: number) => Math.min(140, width * 0.2);

/**
 * A horizontal rule's name within `room` px: whole when it fits, else the
 * label shortened and the value kept ("England… (6.4%)"), else the value
 * alone: on a phone the number is what the rule is there for.
 */
export function fittedReferenceText(r: Reference, format: (v: number) => string, room: number): string {
  const full = referenceText(r, format);
  if (textWidth(full, 11) <= room) return full;
  const value = `(${(r.format ?? format)(r.value)})`;
  const left = room - textWidth(` ${value}`, 11);
  return left >= textWidth('Ab…', 11) ? `${truncate(r.label, left, 11)} ${value}` : value;
}

/** The margin the rules' names need: above the plot for vertical rules, right of it for horizontal ones. */
export function referenceRoom(
  refs: readonly Reference[], axis: 'x' | 'y', format: (v: number) => string, width: number,
): { top?: number; right?: number } {
  if (!refs.length) return {};
  if (axis === 'x') return { top: 22 };
  return { right: Math.min(labelRoom(width), Math.max(...refs.map((r) => textWidth(referenceText(r, format), 11)))) + 8 };
}

/** The rules, on the y axis (horizontal) or the x axis (vertical), with their names. */
export function referenceRules(ctx: FrameContext, refs: readonly Reference[], axis: 'x' | 'y', format: (v: number) => string): void {
  if (!refs.length) return;
  const { plot } = ctx;
  const g = ctx.svg.append('g').attr('class', 'references-rules');
  for (const r of refs) {
    const text = referenceText(r, format);
    const rule = g.append('g').attr('class', 'reference-rule').attr('data-value', r.value);
    rule.append('title').text(text);
    const line = rule.append('line').attr('stroke', COLOURS.text).attr('stroke-width', 1.5).attr('stroke-dasharray', REFERENCE_DASH);
    if (axis === 'y') {
      const y = Math.min(plot.bottom, Math.max(plot.top, ctx.py(r.value)));
      line.attr('x1', plot.left).attr('x2', plot.right).attr('y1', y).attr('y2', y);
      haloLabel(rule, plot.right + 4, y + 4, fittedReferenceText(r, format, labelRoom(ctx.width)), 'start').attr('class', 'reference-label');
    } else {
      const x = Math.min(plot.right, Math.max(plot.left, ctx.px(r.value)));
      line.attr('x1', x).attr('x2', x).attr('y1', plot.top - 4).attr('y2', plot.bottom);
      haloLabel(rule, x, plot.top - 8, text, 'middle', [plot.left, plot.right]).attr('class', 'reference-label');
    }
  }
}
