import type { Sel } from '../chartParts';

/** A bar's paint: filled, or hollow with a (dashed) outline for figures that may change or are told apart by fill. */
export interface BarStyle {
  colour: string;
  hollow?: boolean;
  dash?: string;
}

/** A rectangle with its top-left corner at (x, y). */
export function bar(parent: Sel<SVGGElement>, x: number, y: number, width: number, height: number, s: BarStyle): Sel<SVGRectElement> {
  return parent.append('rect').attr('x', x).attr('y', y).attr('width', width).attr('height', height)
    .attr('fill', s.hollow ? '#fff' : s.colour)
    .attr('stroke', s.hollow ? s.colour : null).attr('stroke-width', s.hollow ? 1.5 : null)
    .attr('stroke-dasharray', s.dash || null);
}
