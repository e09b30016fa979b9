import { COLOURS } from '../palette';
import { textWidth, type Sel } from '../chartParts';

/**
 * Labels written over the plot: 11 px text with a white halo so that lines
 * and marks under it do not hide it.
 */
export function haloLabel(
  parent: Sel<SVGGElement>, x: number, y: number, text: string,
  anchor: 'start' | 'middle' | 'end' = 'start',
  within?: [number, number],
): Sel<SVGTextElement> {
  let at = x;
  if (within && anchor === 'middle') {
    const half = textWidth(text, 11) / 2;
    at = Math.min(within[1] - half, Math.max(within[0] + half, x));
  }
  return parent.append('text').attr('x', at).attr('y', y).attr('text-anchor', anchor)
    .attr('font-size', 11).attr('fill', COLOURS.text)
    .attr('paint-order', 'stroke').attr('stroke', '#fff').attr('stroke-width', 3)
    .text(text);
}

/** A label beside a point at (x, y): to its right, or to its left when it would run past `maxX`. */
export function pointLabel(parent: Sel<SVGGElement>, x: number, y: number, text: string, maxX: number): Sel<SVGTextElement> {
  const right = x + 8 + textWidth(text, 11) <= maxX;
  return haloLabel(parent, right ? x + 8 : x - 8, y, text, right ? 'start' : 'end');
}
